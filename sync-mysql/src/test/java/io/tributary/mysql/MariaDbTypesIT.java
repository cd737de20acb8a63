package io.tributary.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.sync.PipelineState;
import io.tributary.sync.SyncPipeline;
import io.tributary.sync.TableSelector;
import io.tributary.sync.event.ChangeEvent;
import io.tributary.sync.event.DataType;
import io.tributary.sync.event.Row;
import io.tributary.sync.event.RowChange;
import io.tributary.sync.event.SchemaChange;
import io.tributary.sync.event.TableSchema;
import io.tributary.sync.memory.MemoryWarehouse;
import io.tributary.sync.memory.MemoryWriter;
import io.tributary.sync.spi.LogStream;
import io.tributary.sync.spi.StartPosition;
import io.tributary.sync.testing.Seeds;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * MariaDB's own column types (INET4 10.10+, INET6 10.5+, UUID 10.7+): a table the pipeline does not select never
 * stops it, at start or at a failover's re-discovery; a selected one syncs the server's text form through snapshot
 * and log alike.
 */
class MariaDbTypesIT {

  private static final String DB = "mariadb_types_it";
  private static final String OTHER = "CREATE TABLE " + DB + ".b (id INT PRIMARY KEY, ip INET6, u UUID, v4 INET4)";

  @BeforeEach
  void mariaDbOnly() {
    Assumptions.assumeTrue(MySqlTestServer.isMariaDb(), "INET6 and UUID are MariaDB types");
  }

  @Test
  void unselectedTableWithMariaDbTypes_doesNotStopThePipeline() throws Exception {
    recreate(OTHER, "INSERT INTO " + DB + ".b VALUES (1, '::1', uuid(), '10.0.0.1')");
    runs(b -> b.tables(TableSelector.of(DB, "a")));
    recreate(OTHER);
    runs(b -> b.excludeTables(TableSelector.of(DB, "b")));
  }

  @Test
  void mariaDbTypedTableCreatedWhileStreaming_survivesTheNextFailover() throws Exception {
    recreate();
    MemoryWarehouse warehouse = new MemoryWarehouse();
    try (SyncPipeline p = pipeline(warehouse, b -> b.tables(TableSelector.of(DB, "a")))) {
      p.start();
      awaitRows(p, warehouse, 2);
      MySqlTestServer.execute(OTHER, "INSERT INTO " + DB + ".b VALUES (1, 'fe80::1', uuid(), '127.0.0.1')");
      MySqlTestServer.execute("INSERT INTO " + DB + ".a VALUES (3, 'c')");
      awaitRows(p, warehouse, 3);
      Sources.killBinlogDump(); // a routine failover: the run restarts and discovers the tables again
      await().atMost(Duration.ofSeconds(30)).until(() -> p.status().failovers() >= 1);
      MySqlTestServer.execute("INSERT INTO " + DB + ".a VALUES (4, 'd')");
      awaitRows(p, warehouse, 4);
      assertThat(p.status().state()).isEqualTo(PipelineState.RUNNING);
      assertThat(warehouse.rows("a")).containsExactlyInAnyOrder(Row.of(1, "a"), Row.of(2, "b"), Row.of(3, "c"),
          Row.of(4, "d"));
    }
  }

  @Test
  void inet4Inet6AndUuid_snapshotAndLog_giveTheServersText() throws Exception {
    long seed = Seeds.one(); // re-run one with -Dtributary.seed=N
    System.out.println("MariaDbTypesIT seed=" + seed);
    Random rnd = new Random(seed);
    MySqlTestServer.execute("DROP DATABASE IF EXISTS " + DB, "CREATE DATABASE " + DB,
        "CREATE TABLE " + DB + ".t (u UUID PRIMARY KEY, ip INET6, v4 INET4, n INT)");
    try (MySqlSource source = Sources.builder(DB).build()) {
      TableSchema schema = source.discoverTables().get(0);
      assertThat(schema.column("u").orElseThrow().type()).isEqualTo(DataType.varchar(36).withNullable(false));
      assertThat(schema.column("ip").orElseThrow().type()).isEqualTo(DataType.varchar(39));
      assertThat(schema.column("v4").orElseThrow().type()).isEqualTo(DataType.varchar(15));
      List<String> inserts = new ArrayList<>();
      int rows = 60;
      for (int i = 0; i < rows; i++) {
        inserts.add("INSERT INTO " + DB + ".t VALUES (" + uuid(rnd, i) + ", " + inet6(rnd, i) + ", " + inet4(rnd, i)
            + ", " + i + ")");
      }
      try (LogStream log = source.openLog(StartPosition.latest(), Map.of(schema.id(), schema))) {
        MySqlTestServer.execute(inserts.toArray(String[]::new));
        List<Row> inserted = after(Sources.readUntil(log, Sources.atLeast(rows), Duration.ofSeconds(30)));
        Map<Integer, Row> server = serverText();
        List<Row> snapshot = Chunks.readAll(source, schema, 7); // chunked by the UUID key
        assertThat(byN(snapshot)).isEqualTo(server);
        assertThat(byN(inserted)).isEqualTo(server);

        List<String> updates = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
          updates.add("UPDATE " + DB + ".t SET ip = " + inet6(rnd, i + 7) + ", v4 = " + inet4(rnd, i + 3)
              + " WHERE n = " + i);
        }
        MySqlTestServer.execute(updates.toArray(String[]::new));
        List<Row> updated = after(Sources.readUntil(log, Sources.atLeast(rows), Duration.ofSeconds(30)));
        Map<Integer, Row> serverAfter = serverText();
        assertThat(byN(Chunks.readAll(source, schema, 7))).isEqualTo(serverAfter);
        assertThat(byN(updated)).isEqualTo(serverAfter);

        // A column of these types added while streaming is typed by the DDL as discovery types it.
        MySqlTestServer.execute("ALTER TABLE " + DB + ".t ADD COLUMN ip2 INET6", "UPDATE " + DB + ".t SET ip2 = ip");
        List<ChangeEvent> events = Sources.readUntil(log,
            l -> l.stream().filter(e -> e instanceof RowChange).count() >= rows, Duration.ofSeconds(30));
        assertThat(events.get(0)).isInstanceOf(SchemaChange.class);
        assertThat(((SchemaChange) events.get(0)).newSchema().column("ip2").orElseThrow().type())
            .isEqualTo(DataType.varchar(39));
        for (ChangeEvent e : events.subList(1, events.size())) {
          Row r = ((RowChange) e).after();
          assertThat(r.get(4)).as("ip2 of row %s", r).isEqualTo(serverAfter.get((Integer) r.get(3)).get(1));
        }
      }
    }
  }

  @Test
  void inet6AndInet4Keys_chunkedSnapshot_readsEveryRowOnce() throws Exception {
    long seed = Seeds.one(); // re-run one with -Dtributary.seed=N
    System.out.println("MariaDbTypesIT keys seed=" + seed);
    Random rnd = new Random(seed);
    MySqlTestServer.execute("DROP DATABASE IF EXISTS " + DB, "CREATE DATABASE " + DB,
        "CREATE TABLE " + DB + ".k6 (ip INET6 PRIMARY KEY, n INT)", "CREATE TABLE " + DB + ".k4 (ip INET4, n INT, "
            + "PRIMARY KEY (ip, n))");
    for (int i = 0; i < 80; i++) {
      MySqlTestServer.execute("INSERT IGNORE INTO " + DB + ".k6 VALUES (" + inet6(rnd, i) + ", " + i + ")",
          "INSERT INTO " + DB + ".k4 VALUES (" + inet4(rnd, i).replace("NULL", "'1.1.1.1'") + ", " + i + ")");
    }
    try (MySqlSource source = Sources.builder(DB).build()) {
      for (TableSchema schema : source.discoverTables()) {
        List<String> expected = new ArrayList<>();
        try (Connection c = MySqlTestServer.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT CAST(ip AS CHAR), n FROM " + DB + "." + schema.id().table())) {
          while (rs.next()) {
            expected.add(rs.getString(1) + "/" + rs.getInt(2));
          }
        }
        List<String> read = Chunks.readAll(source, schema, 7).stream().map(r -> r.get(0) + "/" + r.get(1)).toList();
        assertThat(read).as(schema.id().toString()).containsExactlyInAnyOrderElementsOf(expected);
      }
    }
  }

  // ------------------------------------------------------------------ helpers

  private static void recreate(String... more) {
    MySqlTestServer.execute("DROP DATABASE IF EXISTS " + DB, "CREATE DATABASE " + DB,
        "CREATE TABLE " + DB + ".a (id INT PRIMARY KEY, v VARCHAR(10))",
        "INSERT INTO " + DB + ".a VALUES (1, 'a'), (2, 'b')");
    MySqlTestServer.execute(more);
  }

  private static void runs(Consumer<SyncPipeline.Builder> selection) throws Exception {
    MemoryWarehouse warehouse = new MemoryWarehouse();
    try (SyncPipeline p = pipeline(warehouse, selection)) {
      p.start();
      awaitRows(p, warehouse, 2);
      MySqlTestServer.execute("INSERT INTO " + DB + ".a VALUES (3, 'c')");
      awaitRows(p, warehouse, 3);
      assertThat(warehouse.tableNames()).containsExactly("a");
    }
  }

  private static SyncPipeline pipeline(MemoryWarehouse warehouse, Consumer<SyncPipeline.Builder> selection) {
    SyncPipeline.Builder b = SyncPipeline.builder().name("mariadb-types").source(Sources.builder(DB).build())
        .writer(new MemoryWriter(warehouse)).fullSync(true).commitInterval(Duration.ofMillis(50))
        .failoverBackoff(Duration.ofMillis(50));
    selection.accept(b);
    return b.build();
  }

  private static void awaitRows(SyncPipeline p, MemoryWarehouse warehouse, int n) {
    await().atMost(Duration.ofSeconds(60)).failFast("the pipeline failed", () -> p.status().state() == PipelineState.FAILED)
        .untilAsserted(() -> {
      assertThat(warehouse.tableNames()).contains("a");
      assertThat(warehouse.rows("a")).hasSize(n);
    });
  }

  /** UUIDs of every kind the server treats differently: time-based (stored swapped), random, v7, non-RFC. */
  private static String uuid(Random rnd, int i) {
    if (i % 5 == 0) {
      return "uuid()";
    }
    byte[] b = new byte[16];
    rnd.nextBytes(b);
    switch (i % 5) {
      case 1 -> { // v4, RFC variant
        b[6] = (byte) (0x40 | b[6] & 0x0F);
        b[8] = (byte) (0x80 | b[8] & 0x3F);
      }
      case 2 -> { // v7
        b[6] = (byte) (0x70 | b[6] & 0x0F);
        b[8] = (byte) (0x80 | b[8] & 0x3F);
      }
      case 3 -> b[6] = (byte) (0x10 | b[6] & 0x0F); // v1 with any variant
      default -> {
        while (ambiguous(b)) { // the server refuses values that would read back as a swapped one
          rnd.nextBytes(b);
        }
        if (i % 3 == 0) {
          java.util.Arrays.fill(b, 8, 16, (byte) 0); // trailing zero bytes, which the binlog drops
        }
      }
    }
    return "'" + hex(b, 0, 4) + "-" + hex(b, 4, 6) + "-" + hex(b, 6, 8) + "-" + hex(b, 8, 10) + "-"
        + hex(b, 10, 16) + "'";
  }

  private static boolean ambiguous(byte[] b) {
    boolean swapped = b[6] > 0 && b[6] < 0x60 && (b[8] & 0x80) != 0;
    return !swapped && (b[6] & -b[8] & 0x80) != 0;
  }

  /** IPv6 addresses with zero runs of every length and place, IPv4-mapped and -compatible ones. */
  private static String inet6(Random rnd, int i) {
    int[] w = new int[8];
    for (int k = 0; k < 8; k++) {
      w[k] = rnd.nextInt(4) == 0 ? 0 : rnd.nextInt(3) == 0 ? rnd.nextInt(16) : rnd.nextInt(0x10000);
    }
    switch (i % 6) {
      case 0 -> java.util.Arrays.fill(w, 0, 6, 0); // IPv4-compatible
      case 1 -> {
        java.util.Arrays.fill(w, 0, 5, 0);
        w[5] = 0xFFFF; // IPv4-mapped
      }
      case 2 -> java.util.Arrays.fill(w, rnd.nextInt(8), 8, 0); // trailing zeros
      default -> {
      }
    }
    if (i % 13 == 0) {
      return "'::'";
    }
    return "'" + java.util.Arrays.stream(w).mapToObj(Integer::toHexString).collect(Collectors.joining(":")) + "'";
  }

  private static String inet4(Random rnd, int i) {
    if (i % 11 == 0) {
      return i % 2 == 0 ? "'0.0.0.0'" : "NULL";
    }
    return "'" + rnd.nextInt(256) + "." + rnd.nextInt(256) + "." + (i % 4 == 0 ? 0 : rnd.nextInt(256)) + "."
        + (i % 3 == 0 ? 0 : rnd.nextInt(256)) + "'";
  }

  private static String hex(byte[] b, int from, int to) {
    StringBuilder sb = new StringBuilder();
    for (int i = from; i < to; i++) {
      sb.append(String.format("%02x", b[i] & 0xFF));
    }
    return sb.toString();
  }

  private static List<Row> after(List<ChangeEvent> events) {
    return events.stream().map(e -> ((RowChange) e).after()).toList();
  }

  private static Map<Integer, Row> byN(List<Row> rows) {
    Map<Integer, Row> out = new HashMap<>();
    rows.forEach(r -> out.put((Integer) r.get(3), r));
    return out;
  }

  /** The server's own text of every value. */
  private static Map<Integer, Row> serverText() throws Exception {
    Map<Integer, Row> out = new HashMap<>();
    try (Connection c = MySqlTestServer.connect(); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT CAST(u AS CHAR), CAST(ip AS CHAR), CAST(v4 AS CHAR), n FROM "
             + DB + ".t")) {
      while (rs.next()) {
        out.put(rs.getInt(4), Row.of(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4)));
      }
    }
    return out;
  }
}
