package io.tributary.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.paimon.PaimonTableReader;
import io.tributary.paimon.PaimonWriter;
import io.tributary.postgres.PgFixture;
import io.tributary.sync.CheckpointStores;
import io.tributary.sync.ExtendedField;
import io.tributary.sync.PipelineCrash;
import io.tributary.sync.Seeds;
import io.tributary.sync.SyncMode;
import io.tributary.sync.SyncPipeline;
import io.tributary.sync.TableSelector;
import io.tributary.sync.VirtualTable;
import io.tributary.sync.event.Row;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Source to lakehouse for real: PostgreSQL shards merged into a Paimon table, full sync under concurrent writes,
 * a crash (no orderly stop) and a restart from the file checkpoint store, then the Paimon table, read with Paimon's
 * own reader, must equal the source row for row. The seed is printed on failure.
 */
class PostgresToPaimonIT {

  private static final List<String> SCHEMAS = List.of("s1", "s2");

  @TempDir
  Path dir;

  private String db;

  @AfterEach
  void dropSlots() {
    if (db != null) {
      PgFixture.dropSlots(db);
    }
  }

  private SyncPipeline pipeline() {
    return SyncPipeline.builder().name("pg-paimon")
        .source(PgFixture.source(db, "pg").includeSchemas("s1|s2").slotName("e2e_paimon").build())
        .mode(SyncMode.MERGE)
        .virtualTable(VirtualTable.of("orders", TableSelector.of("s1|s2", "orders")))
        .extendedFields(ExtendedField.SCHEMA_NAME, ExtendedField.TABLE_NAME).extendedFieldsInPrimaryKey(true)
        .fullSync(true).snapshotChunkSize(100).commitInterval(Duration.ofMillis(300))
        .writer(PaimonWriter.builder().warehouse(dir.resolve("warehouse")).database("lake").buckets(2).build())
        .checkpointStore(CheckpointStores.file(dir.resolve("checkpoints"))).build();
  }

  @Test
  void fullSyncUnderWrites_crashAndRestart_paimonEqualsSource() throws Exception {
    long seed = Seeds.one();
    db = PgFixture.newDatabase("e2e");
    for (String schema : SCHEMAS) {
      PgFixture.execute(db, "CREATE SCHEMA " + schema,
          "CREATE TABLE " + schema + ".orders (id bigint PRIMARY KEY, qty int, note varchar(40), price numeric(10,2),"
              + " at timestamp(3))",
          "ALTER TABLE " + schema + ".orders REPLICA IDENTITY FULL",
          "INSERT INTO " + schema + ".orders SELECT g, g % 97, 'n' || g, (g % 1000) / 7.0,"
              + " timestamp '2024-01-01 00:00:00.123' + g * interval '1 second' FROM generate_series(0, 999) g");
    }
    AtomicBoolean running = new AtomicBoolean(true);
    Thread writer = new Thread(() -> write(seed, running), "writer");
    writer.start();
    Random random = new Random(seed);
    int crashAfterCheckpoints = random.nextInt(4); // 0: during the first full sync
    SyncPipeline first = pipeline();
    first.start();
    PipelineCrash.killAfter(first, crashAfterCheckpoints, Duration.ofMillis(random.nextInt(500)));
    try (SyncPipeline second = pipeline()) {
      second.start();
      Thread.sleep(2000);
      running.set(false);
      writer.join();
      assertThat(second.awaitCaughtUp(Duration.ofSeconds(90))).as("seed %d: %s", seed, second.status()).isTrue();
      second.stop();
    }
    try (PaimonTableReader lake = PaimonTableReader.open(dir.resolve("warehouse"), "lake")) {
      assertThat(lake.read("orders")).as("seed %d", seed).containsExactlyInAnyOrderElementsOf(sourceRows());
    }
  }

  private void write(long seed, AtomicBoolean running) {
    try (Connection c = PgFixture.connect(db)) {
      RandomWrites.run(c, SCHEMAS.stream().map(s -> s + ".orders").toList(), RandomWrites.POSTGRES_UPSERT, seed, running);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private List<Row> sourceRows() throws SQLException {
    List<Row> rows = new ArrayList<>();
    try (Connection c = PgFixture.connect(db); Statement s = c.createStatement()) {
      for (String schema : SCHEMAS) {
        try (ResultSet rs = s.executeQuery("SELECT id, qty, note, price, at FROM " + schema + ".orders")) {
          while (rs.next()) {
            rows.add(Row.of(rs.getLong(1), rs.getObject(2) == null ? null : rs.getInt(2), rs.getString(3),
                rs.getBigDecimal(4), rs.getTimestamp(5).toLocalDateTime(), schema, "orders"));
          }
        }
      }
    }
    return rows;
  }
}
