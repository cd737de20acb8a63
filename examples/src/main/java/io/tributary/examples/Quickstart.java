package io.tributary.examples;

import io.tributary.paimon.PaimonTableReader;
import io.tributary.paimon.PaimonWriter;
import io.tributary.postgres.PostgresSource;
import io.tributary.sync.CheckpointStores;
import io.tributary.sync.ExtendedField;
import io.tributary.sync.SyncMode;
import io.tributary.sync.SyncPipeline;
import io.tributary.sync.TableSelector;
import io.tributary.sync.VirtualTable;
import io.tributary.sync.event.Column;
import io.tributary.sync.event.Row;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The quickstart: a real PostgreSQL (embedded from Maven Central binaries, or the server named by
 * {@code TRIBUTARY_POSTGRES_HOST}) with sharded {@code orders} tables in two schemas, merged in real time into one
 * Apache Paimon primary-key table in a local warehouse under {@code target/}, with extended fields in the key. The
 * full sync runs while a write workload (inserts, updates, deletes and one {@code ADD COLUMN}) goes on; a live
 * status table prints until the pipeline has caught up; then the Paimon table is read back and compared with the
 * source row for row.
 */
public final class Quickstart {

  private static final List<String> SCHEMAS = List.of("east", "west");
  private static final int SHARDS = 2;
  private static final int ROWS_PER_SHARD = 25_000;

  public static void main(String[] args) throws Exception {
    Path warehouse = Path.of("target", "quickstart-warehouse");
    Path checkpoints = Path.of("target", "quickstart-checkpoints");
    deleteRecursively(warehouse);
    deleteRecursively(checkpoints);
    try (QuickstartDatabase db = QuickstartDatabase.start()) {
      System.out.printf("PostgreSQL at %s:%d, Paimon warehouse at %s%n", db.host, db.port, warehouse.toAbsolutePath());
      createShards(db);
      PostgresSource source = PostgresSource.builder().name("shop").host(db.host).port(db.port)
          .database(db.database).user(db.user).password(db.password).includeSchemas("east|west")
          .slotName("tributary_quickstart").heartbeatInterval(Duration.ofMillis(500)).build();
      try (SyncPipeline pipeline = SyncPipeline.builder()
          .name("quickstart")
          .source(source)
          .mode(SyncMode.MERGE)
          .virtualTable(VirtualTable.of("orders", TableSelector.of("east|west", "orders_\\d+")))
          .extendedFields(ExtendedField.SCHEMA_NAME, ExtendedField.TABLE_NAME)
          .extendedFieldsInPrimaryKey(true)
          .heterogeneousMerge(true)
          .fullSync(true)
          .snapshotChunkSize(5_000)
          .commitInterval(Duration.ofSeconds(1))
          .writer(PaimonWriter.builder().warehouse(warehouse).database("lake").build())
          .checkpointStore(CheckpointStores.file(checkpoints))
          .build()) {
        pipeline.start();
        Thread workload = new Thread(() -> writeWorkload(db), "workload");
        workload.start();
        StatusTable.follow(pipeline, workload, Duration.ofSeconds(2), Duration.ofSeconds(90));
        pipeline.stop();
        compare(db, warehouse);
        source.dropSlot(); // a dormant slot would retain WAL on a real server
      }
    }
  }

  private static void createShards(QuickstartDatabase db) throws SQLException {
    try (Connection c = db.connect(); Statement s = c.createStatement()) {
      for (String schema : SCHEMAS) {
        s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        s.execute("CREATE SCHEMA " + schema);
        for (int shard = 0; shard < SHARDS; shard++) {
          String t = schema + ".orders_" + shard;
          s.execute("CREATE TABLE " + t + " (id bigint PRIMARY KEY, customer varchar(64), amount numeric(12,2),"
              + " created_at timestamp(3))");
          s.execute("ALTER TABLE " + t + " REPLICA IDENTITY FULL"); // updates carry whole rows (no TOAST gaps)
          s.execute("INSERT INTO " + t + " SELECT g, 'customer-' || (g % 1000), (g % 100000) / 100.0,"
              + " timestamp '2024-01-01' + g * interval '1 minute' FROM generate_series(1, " + ROWS_PER_SHARD + ") g");
        }
      }
    }
    System.out.printf("created %d shards of %,d rows in schemas %s%n", SCHEMAS.size() * SHARDS, ROWS_PER_SHARD,
        SCHEMAS);
  }

  private static void writeWorkload(QuickstartDatabase db) {
    Random random = new Random(7);
    long end = System.currentTimeMillis() + 12_000;
    boolean altered = false;
    try (Connection c = db.connect()) {
      while (System.currentTimeMillis() < end) {
        String table = SCHEMAS.get(random.nextInt(SCHEMAS.size())) + ".orders_" + random.nextInt(SHARDS);
        long id = 1 + random.nextInt(ROWS_PER_SHARD + 5_000);
        int op = random.nextInt(10);
        String sql = op < 4 ? "INSERT INTO " + table + " (id, customer, amount, created_at) VALUES (?, ?, ?, now())"
            + " ON CONFLICT (id) DO UPDATE SET customer = EXCLUDED.customer, amount = EXCLUDED.amount"
            : op < 7 ? "UPDATE " + table + " SET amount = amount + 1 WHERE id = ?" : "DELETE FROM " + table
            + " WHERE id = ?";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
          ps.setLong(1, id);
          if (op < 4) {
            ps.setString(2, "customer-" + random.nextInt(1000));
            ps.setBigDecimal(3, BigDecimal.valueOf(random.nextInt(10_000_000), 2));
          }
          ps.executeUpdate();
        }
        if (!altered && System.currentTimeMillis() > end - 6_000) {
          try (Statement s = c.createStatement()) {
            s.execute("ALTER TABLE east.orders_0 ADD COLUMN note varchar(100)");
            s.execute("UPDATE east.orders_0 SET note = 'vip' WHERE id % 1000 = 0");
          }
          System.out.println(">> ALTER TABLE east.orders_0 ADD COLUMN note varchar(100)");
          altered = true;
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Reads every shard with JDBC and the Paimon table with Paimon's reader, and compares them row by row. */
  private static void compare(QuickstartDatabase db, Path warehouse) throws Exception {
    try (PaimonTableReader lake = PaimonTableReader.open(warehouse, "lake")) {
      List<Column> columns = lake.columns("orders");
      Set<List<Object>> actual = new HashSet<>();
      for (Row r : lake.read("orders")) {
        actual.add(Arrays.asList(r.values()));
      }
      Set<List<Object>> expected = new HashSet<>();
      try (Connection c = db.connect(); Statement s = c.createStatement()) {
        for (String schema : SCHEMAS) {
          for (int shard = 0; shard < SHARDS; shard++) {
            try (ResultSet rs = s.executeQuery("SELECT * FROM " + schema + ".orders_" + shard)) {
              expected.addAll(rows(rs, columns, schema, "orders_" + shard));
            }
          }
        }
      }
      System.out.printf("%nsource rows %,d; Paimon table lake.orders rows %,d; columns %s%n", expected.size(),
          actual.size(), columns.stream().map(Column::name).toList());
      if (!expected.equals(actual)) {
        Set<List<Object>> missing = new HashSet<>(expected);
        missing.removeAll(actual);
        Set<List<Object>> extra = new HashSet<>(actual);
        extra.removeAll(expected);
        throw new IllegalStateException("source and target differ: " + missing.size() + " rows missing, "
            + extra.size() + " unexpected; e.g. " + missing.stream().limit(3).toList() + " / "
            + extra.stream().limit(3).toList());
      }
      System.out.println("source and Paimon target agree row for row");
    }
  }

  private static List<List<Object>> rows(ResultSet rs, List<Column> columns, String schema, String table)
      throws SQLException {
    ResultSetMetaData md = rs.getMetaData();
    List<List<Object>> out = new ArrayList<>();
    while (rs.next()) {
      List<Object> values = new ArrayList<>();
      for (Column col : columns) {
        switch (col.name()) {
          case "_schema_name" -> values.add(schema);
          case "_table_name" -> values.add(table);
          default -> values.add(ExampleChecks.sourceValue(rs, md, col.name()));
        }
      }
      out.add(values);
    }
    return out;
  }

  private static void deleteRecursively(Path dir) throws java.io.IOException {
    if (Files.exists(dir)) {
      try (Stream<Path> paths = Files.walk(dir)) {
        for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
  }
}
