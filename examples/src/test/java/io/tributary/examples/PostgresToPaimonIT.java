package io.tributary.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.paimon.PaimonTableReader;
import io.tributary.paimon.PaimonWriter;
import io.tributary.postgres.PgFixture;
import io.tributary.sync.CheckpointStores;
import io.tributary.sync.ExtendedField;
import io.tributary.sync.PipelineStatus;
import io.tributary.sync.SyncMode;
import io.tributary.sync.SyncPipeline;
import io.tributary.sync.TableSelector;
import io.tributary.sync.VirtualTable;
import io.tributary.sync.event.Row;
import io.tributary.sync.testing.PipelineCrash;
import io.tributary.sync.testing.Seeds;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Source to lakehouse for real: PostgreSQL shards merged into a Paimon table, full sync under concurrent writes,
 * a crash (no orderly stop) and a restart from the file checkpoint store, then the Paimon table, read with Paimon's
 * own reader, must equal the source row for row. An uncaptured table is written throughout; in half the runs the
 * captured tables are quiet for a while before the crash (the slot must not pass the checkpoint meanwhile). The
 * seed is printed on failure; {@code -Dtributary.seed=N} re-runs it.
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
    // An uncaptured table of the same database, written throughout.
    PgFixture.execute(db, "CREATE TABLE public.noise (id bigserial PRIMARY KEY, v int)");
    AtomicBoolean running = new AtomicBoolean(true);
    Thread noise = new Thread(() -> writeNoise(running), "noise");
    noise.start();
    AtomicBoolean capturedRunning = new AtomicBoolean(true);
    Thread writer = new Thread(() -> write(seed, capturedRunning), "writer");
    writer.start();
    Random random = new Random(seed);
    int crashAfterCheckpoints = random.nextInt(4); // 0: during the first full sync
    // Half the runs crash while the captured tables are quiet and only the uncaptured one is written: the slot
    // must not have moved past the last checkpoint on its own (issue 18.3).
    boolean quietBeforeCrash = random.nextBoolean();
    int extraMillis = random.nextInt(quietBeforeCrash ? 1000 : 500);
    SyncPipeline first = pipeline();
    first.start();
    if (quietBeforeCrash) {
      await().atMost(60, TimeUnit.SECONDS).until(() -> first.status().lastCheckpointId() >= crashAfterCheckpoints);
      capturedRunning.set(false);
      writer.join();
      long quietFrom = walInsertLsn();
      // A checkpoint past every captured change (a heartbeat's position) is saved and acknowledged; then only the
      // uncaptured table is written until the crash.
      // The source's status is absent while a run (re)starts, e.g. after a failover.
      await().atMost(90, TimeUnit.SECONDS).until(() -> java.util.Optional.ofNullable(first.status().sources().get("pg"))
          .map(PipelineStatus.SourceStatus::committedSeq).orElse(Long.MIN_VALUE) > quietFrom);
      PipelineCrash.killAfter(first, 0, Duration.ofMillis(extraMillis));
      writer = new Thread(() -> write(seed + 1, running), "writer-after-crash");
      writer.start();
    } else {
      PipelineCrash.killAfter(first, crashAfterCheckpoints, Duration.ofMillis(extraMillis));
    }
    try (SyncPipeline second = pipeline()) {
      second.start();
      // the writes go on to a seeded point of the second run's reads, not for a slept while
      long records = 1 + random.nextInt(3000);
      await().atMost(120, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(10)).until(() -> second.status().state()
          == io.tributary.sync.PipelineState.RUNNING && second.status().recordsRead() >= records);
      capturedRunning.set(false);
      running.set(false);
      writer.join();
      noise.join();
      assertThat(second.awaitCaughtUp(Duration.ofSeconds(90))).as("seed %d (quiet before crash: %s): %s", seed,
          quietBeforeCrash, second.status()).isTrue();
      second.stop();
    }
    try (PaimonTableReader lake = PaimonTableReader.open(dir.resolve("warehouse"), "lake")) {
      assertThat(lake.read("orders")).as("seed %d", seed).containsExactlyInAnyOrderElementsOf(sourceRows());
    }
  }

  private long walInsertLsn() throws SQLException {
    try (Connection c = PgFixture.connect(db); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT pg_current_wal_insert_lsn() - '0/0'")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private void writeNoise(AtomicBoolean running) {
    try (Connection c = PgFixture.connect(db); Statement s = c.createStatement()) {
      for (int i = 0; running.get(); i++) {
        s.execute("INSERT INTO public.noise (v) VALUES (" + i + ")");
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
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
