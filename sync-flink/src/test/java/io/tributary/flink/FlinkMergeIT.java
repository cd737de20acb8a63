package io.tributary.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.mysql.MySqlTestServer;
import io.tributary.paimon.PaimonTableReader;
import io.tributary.postgres.PgFixture;
import io.tributary.sync.ExtendedField;
import io.tributary.sync.SyncMode;
import io.tributary.sync.TableSelector;
import io.tributary.sync.VirtualTable;
import io.tributary.sync.event.Column;
import io.tributary.sync.event.Row;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Merge mode on Flink: two source servers (the embedded MariaDB with two shard databases, and the embedded
 * PostgreSQL with a third shard) merged into the virtual tables {@code orders} and {@code items}, with the extended
 * fields {@code _source_name} and {@code _database_name} in the key (every shard holds the same ids) and
 * heterogeneous columns (one MariaDB shard has {@code coupon}, the PostgreSQL shard {@code region}, the other shard
 * neither). Full sync with writes inside every chunk read (some transactions span both MariaDB shards), a reader
 * failing mid-chunk and a writer failing at a staging write, then streaming with a writer failing once more; each
 * failure restored from the last checkpoint. Every target must equal the union of its shards row by row.
 */
class FlinkMergeIT {

  private static final Duration WAIT = Duration.ofSeconds(150);
  private static final AtomicLong NEXT_ID = new AtomicLong(100_000);
  private static final String SLOT = "flink_merge";
  private static final int ROWS = 1200;

  @RegisterExtension
  static final FlinkIt IT = new FlinkIt();

  private String pgDb;

  static Definition definition(String pgDb, String warehouse, long seed) {
    PgFixture.server(); // started in this JVM: the tasks build their sources from the same fixture
    return b -> b.name("flink-merge").mode(SyncMode.MERGE)
        .virtualTable(VirtualTable.of("orders", TableSelector.of("fm_shard_.*", "orders")))
        .virtualTable(VirtualTable.of("items", TableSelector.of("fm_shard_.*", "items")))
        .extendedFields(ExtendedField.SOURCE_NAME, ExtendedField.DATABASE_NAME).extendedFieldsInPrimaryKey(true)
        .heterogeneousMerge(true).fullSync(true).snapshotChunkSize(150).commitInterval(Duration.ofMillis(300))
        .source(new Faults.WritingSource(MariaDb.source("fm_shard_\\d").build(), "mysql", seed,
            FlinkMergeIT::mysqlWrites))
        .source(new Faults.WritingSource(PgFixture.source(pgDb, "pg").includeSchemas("fm_shard_pg").slotName(SLOT)
            .build(), pgDb, seed, FlinkMergeIT::pgWrites))
        .writer(new Faults.FailingWriter(FlinkIt.lakeWriter(warehouse)));
  }

  @Test
  void shardsOfTwoServersMerged_fullSyncUnderWrites_failuresRestored_paimonEqualsShardsRowByRow() throws Exception {
    long seed = Long.getLong("tributary.seed", System.nanoTime());
    System.out.println("FlinkMergeIT seed=" + seed + " (re-run with -Dtributary.seed=" + seed + ")");
    createShards();
    String warehouse = IT.warehouse();
    Faults.FAIL_CHUNK.set(4);
    Faults.FAIL_STAGING_WRITE.set(3);
    JobClient job = IT.start(TributaryFlink.job(definition(pgDb, warehouse, seed)), "flink-merge");
    await().atMost(WAIT).until(() -> FlinkIt.lakeTables(warehouse).containsAll(List.of("orders", "items")));
    Random random = new Random(seed);
    mysqlWrites("mysql", random, 150);
    pgWrites(pgDb, random, 100);
    awaitEqual(job, warehouse);
    assertThat(Faults.CHUNK_FAILED).as("the reader fault fired").isTrue();
    assertThat(Faults.WRITE_FAILED).as("the staging writer fault fired (%d staging writes)",
        Faults.STAGING_WRITES.get()).isTrue();
    Faults.DIRECT_WRITES.set(0);
    Faults.FAIL_DIRECT_WRITE.set(2);
    mysqlWrites("mysql", random, 100);
    pgWrites(pgDb, random, 80);
    awaitEqual(job, warehouse);
    assertThat(Faults.DIRECT_WRITE_FAILED).as("the streaming writer fault fired").isTrue();
  }

  /**
   * Stop with a savepoint while the shards' syncs are half done (chunk reads from index 3 on are held: some chunks
   * done, some in readers' state, the rest unassigned; every shard staging into the shared targets), the shards
   * change while no job runs, and a new job resumes from the savepoint: each shard's sync completes where it stopped
   * and merges with its own replace scope, so the targets equal the union of the shards.
   */
  @Test
  void stopWithSavepointMidSnapshot_resume_mergedTargetsEqualShards() throws Exception {
    long seed = Long.getLong("tributary.seed", System.nanoTime());
    System.out.println("FlinkMergeIT.savepoint seed=" + seed + " (re-run with -Dtributary.seed=" + seed + ")");
    createShards();
    String warehouse = IT.warehouse();
    Faults.HOLD_CHUNKS_FROM.set(3);
    JobClient first = IT.start(TributaryFlink.job(definition(pgDb, warehouse, seed)), "flink-merge-savepoint-1");
    await().atMost(WAIT).until(() -> Faults.HELD.get() >= 2); // both readers wait inside a chunk
    Random before = new Random(seed);
    mysqlWrites("mysql", before, 80);
    pgWrites(pgDb, before, 60);
    String savepoint = IT.stopWithSavepoint(first);
    Faults.HOLD_CHUNKS_FROM.set(-1);
    Faults.gate.countDown();
    Random random = new Random(seed + 1);
    mysqlWrites("mysql", random, 80); // while no job runs: read from the saved log positions
    pgWrites(pgDb, random, 60);
    JobClient second = IT.start(TributaryFlink.job(definition(pgDb, warehouse, seed)), "flink-merge-savepoint-2",
        savepoint);
    mysqlWrites("mysql", random, 80);
    pgWrites(pgDb, random, 60);
    await().atMost(WAIT).until(() -> FlinkIt.lakeTables(warehouse).containsAll(List.of("orders", "items")));
    awaitEqual(second, warehouse);
  }

  private void createShards() {
    for (int shard = 0; shard < 2; shard++) {
      String d = "fm_shard_" + shard;
      MySqlTestServer.execute("DROP DATABASE IF EXISTS " + d, "CREATE DATABASE " + d,
          "CREATE TABLE " + d + ".orders (id BIGINT PRIMARY KEY, amount DECIMAL(10,2), note VARCHAR(40)"
              + (shard == 1 ? ", coupon VARCHAR(20)" : "") + ")",
          "CREATE TABLE " + d + ".items (id BIGINT PRIMARY KEY, qty INT NOT NULL)",
          orderRows(d + ".orders", shard), itemRows(d + ".items", 400));
    }
    pgDb = IT.postgres("flink_merge");
    PgFixture.execute(pgDb, "CREATE SCHEMA fm_shard_pg",
        "CREATE TABLE fm_shard_pg.orders (id BIGINT PRIMARY KEY, amount NUMERIC(10,2), note VARCHAR(40),"
            + " region VARCHAR(10))",
        "CREATE TABLE fm_shard_pg.items (id BIGINT PRIMARY KEY, qty INT NOT NULL)",
        orderRows("fm_shard_pg.orders", 2), itemRows("fm_shard_pg.items", 300));
  }

  /** The same ids 1..ROWS in every shard (the extended fields keep them apart in the target). */
  private static String orderRows(String table, int shard) {
    StringBuilder sql = new StringBuilder("INSERT INTO " + table + " (id, amount, note) VALUES ");
    for (int i = 1; i <= ROWS; i++) {
      sql.append(i == 1 ? "" : ",").append('(').append(i).append(',').append(i % 700).append(".25,'s")
          .append(shard).append('-').append(i).append("')");
    }
    return sql.toString();
  }

  private static String itemRows(String table, int n) {
    StringBuilder sql = new StringBuilder("INSERT INTO " + table + " VALUES ");
    for (int i = 1; i <= n; i++) {
      sql.append(i == 1 ? "" : ",").append('(').append(i).append(',').append(i % 31).append(')');
    }
    return sql.toString();
  }

  /** Inserts, updates and deletes over both MariaDB shards, some transactions spanning both. */
  static void mysqlWrites(String ignored, Random random, int statements) throws SQLException {
    try (Connection c = MySqlTestServer.connect(); Statement s = c.createStatement()) {
      for (int i = 0; i < statements; i++) {
        String d = "fm_shard_" + random.nextInt(2);
        int id = 1 + random.nextInt(ROWS);
        switch (random.nextInt(6)) {
          case 0 -> s.execute("INSERT INTO " + d + ".orders (id, amount, note) VALUES (" + NEXT_ID.incrementAndGet()
              + ", 1.50, 'new')");
          case 1 -> s.execute("UPDATE " + d + ".orders SET amount = amount + 1, note = 'u" + i + "' WHERE id = " + id);
          case 2 -> s.execute("DELETE FROM " + d + ".orders WHERE id = " + id);
          case 3 -> s.execute("UPDATE fm_shard_1.orders SET coupon = 'c" + i + "' WHERE id = " + id);
          case 4 -> s.execute("UPDATE " + d + ".items SET qty = qty + 1 WHERE id = " + (id % 400 + 1));
          default -> {
            c.setAutoCommit(false); // one source transaction over both shards of the same target
            s.execute("DELETE FROM fm_shard_0.orders WHERE id = " + id);
            s.execute("INSERT INTO fm_shard_1.orders (id, amount, note, coupon) VALUES (" + NEXT_ID.incrementAndGet()
                + ", 3.50, 'moved', 'M')");
            s.execute("UPDATE fm_shard_0.items SET qty = 0 WHERE id = " + (id % 400 + 1));
            c.commit();
            c.setAutoCommit(true);
          }
        }
      }
    }
  }

  static void pgWrites(String db, Random random, int statements) throws SQLException {
    try (Connection c = PgFixture.connect(db); Statement s = c.createStatement()) {
      for (int i = 0; i < statements; i++) {
        int id = 1 + random.nextInt(ROWS);
        switch (random.nextInt(5)) {
          case 0 -> s.execute("INSERT INTO fm_shard_pg.orders VALUES (" + NEXT_ID.incrementAndGet()
              + ", 2.75, 'new', 'eu')");
          case 1 -> s.execute("UPDATE fm_shard_pg.orders SET region = 'r" + (i % 7) + "', amount = amount + 1"
              + " WHERE id = " + id);
          case 2 -> s.execute("DELETE FROM fm_shard_pg.orders WHERE id = " + id);
          case 3 -> s.execute("UPDATE fm_shard_pg.items SET qty = qty + 2 WHERE id = " + (id % 300 + 1));
          default -> {
            c.setAutoCommit(false);
            s.execute("DELETE FROM fm_shard_pg.items WHERE id = " + (id % 300 + 1));
            s.execute("UPDATE fm_shard_pg.orders SET note = NULL WHERE id = " + id);
            c.commit();
            c.setAutoCommit(true);
          }
        }
      }
    }
  }

  private void awaitEqual(JobClient job, String warehouse) {
    await().atMost(WAIT).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
      assertThat(job.getJobStatus().get()).isEqualTo(JobStatus.RUNNING);
      for (String table : List.of("orders", "items")) {
        List<List<Object>> lake = new ArrayList<>();
        List<String> columns;
        try (PaimonTableReader reader = PaimonTableReader.open(Path.of(warehouse), "lake")) {
          columns = reader.columns(table).stream().map(Column::name).toList();
          for (Row r : reader.read(table)) {
            List<Object> values = new ArrayList<>();
            for (int i = 0; i < columns.size(); i++) {
              values.add(normal(r.get(i)));
            }
            lake.add(values);
          }
        }
        assertThat(columns).as("lake.%s has the extended fields", table).contains("_source_name", "_database_name");
        if (table.equals("orders")) { // every shard's own column (heterogeneous merge)
          assertThat(columns).contains("id", "amount", "note", "coupon", "region");
        }
        List<List<Object>> expected = new ArrayList<>();
        expected.addAll(shard(columns, "mysql", "fm_shard_0", table));
        expected.addAll(shard(columns, "mysql", "fm_shard_1", table));
        expected.addAll(shard(columns, "pg", pgDb, table));
        Comparator<List<Object>> order = Comparator.comparing((List<Object> v) -> String.valueOf(
            v.get(columns.indexOf("_source_name")))).thenComparing(v -> String.valueOf(
            v.get(columns.indexOf("_database_name")))).thenComparingLong(v -> (Long) v.get(columns.indexOf("id")));
        lake.sort(order);
        expected.sort(order);
        // Every shard holds ids 1..ROWS: the same ids from three shards coexist only with the extended fields in the key.
        assertThat(lake).as("lake.%s (columns %s) against its shards", table, columns).hasSameSizeAs(expected);
        assertThat(lake).as("lake.%s (columns %s) against its shards", table, columns).isEqualTo(expected);
      }
    });
  }

  /** A shard's rows laid out by the target's columns: extended fields from its identity, null where it has none. */
  private List<List<Object>> shard(List<String> columns, String source, String database, String table)
      throws SQLException {
    boolean pg = source.equals("pg");
    List<List<Object>> out = new ArrayList<>();
    try (Connection c = pg ? PgFixture.connect(pgDb) : MySqlTestServer.connect(); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT * FROM " + (pg ? "fm_shard_pg" : database) + "." + table)) {
      ResultSetMetaData md = rs.getMetaData();
      while (rs.next()) {
        Map<String, Object> byName = new HashMap<>();
        for (int i = 1; i <= md.getColumnCount(); i++) {
          byName.put(md.getColumnLabel(i), normal(rs.getObject(i)));
        }
        byName.put("_source_name", source);
        byName.put("_database_name", database);
        List<Object> values = new ArrayList<>();
        columns.forEach(col -> values.add(byName.get(col)));
        out.add(values);
      }
    }
    return out;
  }

  private static Object normal(Object v) {
    if (v instanceof BigDecimal d) {
      return d.setScale(2);
    }
    if (v instanceof Number n) {
      return n.longValue();
    }
    return v;
  }
}
