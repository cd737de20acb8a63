package io.tributary.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.sync.ExtendedField;
import io.tributary.sync.PipelineStatus;
import io.tributary.sync.SyncMode;
import io.tributary.sync.SyncPipeline;
import io.tributary.sync.TableSelector;
import io.tributary.sync.VirtualTable;
import io.tributary.sync.event.Row;
import io.tributary.sync.testing.PipelineCrash;
import io.tributary.sync.testing.Seeds;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Source to lakehouse for real: PostgreSQL shards merged into a Paimon table, full sync under concurrent writes,
 * a crash (no orderly stop) and a restart from the file checkpoint store, then the Paimon table, read with Paimon's
 * own reader, must equal the source row for row. An uncaptured table is written throughout; in half the runs the
 * captured tables are quiet for a while before the crash (the slot must not pass the checkpoint meanwhile). The
 * seed is printed on failure; {@code -Dtributary.seed=N} re-runs it.
 */
class PostgresToPaimonIT {

  private static final List<String> SCHEMAS = List.of("s1", "s2");

  /** Rows the uncaptured writer has inserted (autocommit: each committed). */
  private final java.util.concurrent.atomic.AtomicLong noiseRows = new java.util.concurrent.atomic.AtomicLong();

  @RegisterExtension
  final PaimonTarget lake = new PaimonTarget();

  @RegisterExtension
  final PgDatabase pg = new PgDatabase();

  private SyncPipeline pipeline() {
    return lake.pipeline("pg-paimon")
        .source(pg.source("s1|s2", "e2e_paimon")).mode(SyncMode.MERGE)
        .virtualTable(VirtualTable.of("orders", TableSelector.of("s1|s2", "orders")))
        .extendedFields(ExtendedField.SCHEMA_NAME, ExtendedField.TABLE_NAME).extendedFieldsInPrimaryKey(true)
        .fullSync(true).snapshotChunkSize(100).build();
  }

  @Test
  void fullSyncUnderWrites_crashAndRestart_paimonEqualsSource() throws Exception {
    long seed = Seeds.one();
    pg.create("e2e");
    for (String schema : SCHEMAS) {
      pg.execute("CREATE SCHEMA " + schema, Orders.postgresTable(schema + ".orders"),
          "ALTER TABLE " + schema + ".orders REPLICA IDENTITY FULL",
          Orders.postgresRows(schema + ".orders", 1000, 7.0));
    }
    // An uncaptured table of the same database, written throughout.
    pg.execute("CREATE TABLE public.noise (id bigserial PRIMARY KEY, v int)");
    AtomicBoolean running = new AtomicBoolean(true);
    Thread noise = new Thread(() -> writeNoise(running), "noise");
    noise.start();
    RandomWrites.Background writer = writes("writer", seed);
    Random random = new Random(seed);
    int crashAfterCheckpoints = random.nextInt(4); // 0: during the first full sync
    // Half the runs crash while the captured tables are quiet and only the uncaptured one is written: the slot
    // must not have moved past the last checkpoint on its own (issue 18.3).
    boolean quietBeforeCrash = random.nextBoolean();
    SyncPipeline first = pipeline();
    first.start();
    PipelineStatus at;
    if (quietBeforeCrash) {
      await().atMost(60, TimeUnit.SECONDS).until(() -> first.status().lastCheckpointId() >= crashAfterCheckpoints);
      writer.close();
      long quietFrom = walInsertLsn();
      // A checkpoint past every captured change (a heartbeat's position) is saved and acknowledged; then only the
      // uncaptured table is written until the crash.
      // The source's status is absent while a run (re)starts, e.g. after a failover.
      await().atMost(90, TimeUnit.SECONDS).until(() -> java.util.Optional.ofNullable(first.status().sources().get("pg"))
          .map(PipelineStatus.SourceStatus::committedSeq).orElse(Long.MIN_VALUE) > quietFrom);
      // The quiet stretch lasts a seeded number of uncaptured inserts (the run reads past them, as heartbeats).
      long quietUntil = noiseRows.get() + 200 + random.nextInt(3000);
      await().atMost(90, TimeUnit.SECONDS).until(() -> noiseRows.get() >= quietUntil);
      at = PipelineCrash.killAt(first, 0, 0);
      writer = writes("writer-after-crash", seed + 1);
    } else {
      // A crash at a seeded point of the first run's progress: its checkpoints and the records it has read (2,000
      // snapshot rows, and the writes).
      at = PipelineCrash.killAt(first, crashAfterCheckpoints, random.nextInt(2000));
    }
    System.out.printf("seed %d (quiet before crash: %s): killed at checkpoint %d, %d records read, phase %s%n", seed,
        quietBeforeCrash, at.lastCheckpointId(), at.recordsRead(), at.phase());
    assertThat(at.state()).as("seed %d: the crash hits a running pipeline", seed)
        .isEqualTo(io.tributary.sync.PipelineState.RUNNING);
    try (SyncPipeline second = pipeline()) {
      second.start();
      // the writes go on to a seeded point of the second run's reads, not for a slept while
      long records = 1 + random.nextInt(3000);
      await().atMost(120, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(10)).until(() -> second.status().state()
          == io.tributary.sync.PipelineState.RUNNING && second.status().recordsRead() >= records);
      writer.close();
      running.set(false);
      noise.join();
      assertThat(second.awaitCaughtUp(Duration.ofSeconds(90))).as("seed %d (quiet before crash: %s): %s", seed,
          quietBeforeCrash, second.status()).isTrue();
      second.stop();
    }
    assertThat(lake.read("orders")).as("seed %d", seed).containsExactlyInAnyOrderElementsOf(sourceRows());
  }

  private long walInsertLsn() throws SQLException {
    try (Connection c = pg.connect(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT pg_current_wal_insert_lsn() - '0/0'")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private void writeNoise(AtomicBoolean running) {
    try (Connection c = pg.connect(); Statement s = c.createStatement()) {
      for (int i = 0; running.get(); i++) {
        s.execute("INSERT INTO public.noise (v) VALUES (" + i + ")");
        noiseRows.incrementAndGet();
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private RandomWrites.Background writes(String name, long seed) {
    return RandomWrites.start(name, () -> pg.connect(), SCHEMAS.stream().map(s -> s + ".orders").toList(),
        RandomWrites.POSTGRES_UPSERT, seed);
  }

  private List<Row> sourceRows() throws SQLException {
    List<Row> rows = new ArrayList<>();
    try (Connection c = pg.connect()) {
      for (String schema : SCHEMAS) {
        rows.addAll(Orders.rows(c, schema + ".orders", schema, "orders"));
      }
    }
    return rows;
  }
}
