package io.tributary.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.postgres.internal.Lsn;
import io.tributary.sync.PipelineState;
import io.tributary.sync.SyncMode;
import io.tributary.sync.SyncPipeline;
import io.tributary.sync.TableSelector;
import io.tributary.sync.event.Row;
import io.tributary.sync.memory.MemoryCheckpointStore;
import io.tributary.sync.memory.MemoryWarehouse;
import io.tributary.sync.memory.MemoryWriter;
import io.tributary.sync.spi.StartPosition;
import io.tributary.sync.testing.PipelineCrash;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The captured table {@code a} is quiet while the uncaptured {@code b} of the same database is written, then the
 * pipeline crashes or loses its replication connection: it must resume from its checkpoint. The slot must not have
 * moved past that checkpoint on its own (PgJDBC's stream confirms idle keepalives by itself). The commit interval is
 * an hour, so the only checkpoints are the full sync's merge and the idle one after a change of {@code a}: nothing
 * but the driver could move the slot past them.
 */
class QuietTablesRecoveryIT {

  private static final String SLOT = "quiet_it";

  private String db;
  private final MemoryWarehouse warehouse = new MemoryWarehouse();
  private final MemoryCheckpointStore store = new MemoryCheckpointStore();

  @BeforeEach
  void setUp() {
    db = PgFixture.newDatabase("quiet");
    PgFixture.execute(db, "CREATE TABLE a (id int PRIMARY KEY, v int NOT NULL)",
        "INSERT INTO a SELECT g, g FROM generate_series(1, 20) g",
        "CREATE TABLE b (id bigserial PRIMARY KEY, v int NOT NULL)");
  }

  @AfterEach
  void tearDown() {
    PgFixture.dropSlots(db);
  }

  private SyncPipeline pipeline() {
    PostgresSource source = PgFixture.source(db, "quiet").includeTables("a").slotName(SLOT).build();
    return SyncPipeline.builder().name("quiet").source(source).mode(SyncMode.MIRROR)
        .tables(TableSelector.of("public", "a")).fullSync(true).commitInterval(Duration.ofHours(1))
        .failoverBackoff(Duration.ofMillis(200)).writer(new MemoryWriter(warehouse)).checkpointStore(store).build();
  }

  @Test
  void crash_afterUncapturedWritesWhileCapturedTableQuiet_resumesFromCheckpoint() throws Exception {
    SyncPipeline first = pipeline();
    first.start();
    syncedThenQuietWhileBIsWritten(first);
    PipelineCrash.kill(first);
    writeAfterTheFailure();
    try (SyncPipeline second = pipeline()) {
      second.start();
      awaitTargetEqualsSource(second);
      second.stop();
    }
    first.close();
  }

  @Test
  void replicationConnectionTerminated_afterUncapturedWritesWhileCapturedTableQuiet_failsOver() throws Exception {
    try (SyncPipeline pipeline = pipeline()) {
      pipeline.start();
      syncedThenQuietWhileBIsWritten(pipeline);
      PgFixture.execute("postgres", "SELECT pg_terminate_backend(active_pid) FROM pg_replication_slots "
          + "WHERE slot_name = '" + SLOT + "'");
      await().atMost(30, TimeUnit.SECONDS).until(() -> pipeline.status().failovers() > 0
          || pipeline.status().state() == PipelineState.FAILED);
      writeAfterTheFailure();
      awaitTargetEqualsSource(pipeline);
      assertThat(pipeline.status().failovers()).isEqualTo(1);
      pipeline.stop();
    }
  }

  @Test
  void customStartBeforeTheSlotsConfirmedLsn_failsClearly() throws Exception {
    String before = currentLsn();
    try (SyncPipeline pipeline = pipeline()) {
      pipeline.start();
      awaitTargetEqualsSource(pipeline);
      freshRun(pipeline);
      PgFixture.execute(db, "INSERT INTO a VALUES (100, 100)");
      awaitTargetEqualsSource(pipeline);
      await().atMost(30, TimeUnit.SECONDS).until(() -> confirmedFlush() > Lsn.parse(before));
      pipeline.stop();
      pipeline.start(Map.of("quiet", StartPosition.parse(before)));
      await().atMost(30, TimeUnit.SECONDS).until(() -> pipeline.status().state() == PipelineState.FAILED);
      assertThat(pipeline.status().failure()).contains("position " + before + " is before replication slot " + SLOT
          + "'s confirmed LSN").contains("the changes in between were released").contains("re-sync");
    }
  }

  @Test
  void slotAdvancedByAnotherConsumer_restartFailsClearly() throws Exception {
    try (SyncPipeline pipeline = pipeline()) {
      pipeline.start();
      awaitTargetEqualsSource(pipeline);
      pipeline.stop();
      // Another consumer of the slot takes (and releases) a change of a that the pipeline never saw.
      PgFixture.execute(db, "INSERT INTO a VALUES (100, 100)");
      long inserted = Lsn.parse(currentLsn());
      // Retried while the stopped stream's walsender still holds the slot, and until the WAL is flushed that far
      // (the embedded server runs with synchronous_commit = off; the advance stops at the flushed LSN).
      await().atMost(30, TimeUnit.SECONDS).ignoreExceptions().until(() -> {
        PgFixture.execute(db, "SELECT pg_replication_slot_advance('" + SLOT + "', '" + Lsn.format(inserted) + "')");
        return confirmedFlush() >= inserted;
      });
      pipeline.start();
      await().atMost(30, TimeUnit.SECONDS).until(() -> pipeline.status().state() == PipelineState.FAILED);
      assertThat(pipeline.status().failure()).contains("is before replication slot " + SLOT + "'s confirmed LSN")
          .contains("the changes in between were released");
    }
  }

  /**
   * Full sync of a, one change of a (checkpointed and acknowledged by the run's first idle checkpoint), then a is
   * quiet while b gets 30 transactions; returns once the stream has received keepalives past them and told the
   * server so (its reported write LSN): PgJDBC's own stream confirms the flushed LSN in the same status update.
   */
  private void syncedThenQuietWhileBIsWritten(SyncPipeline pipeline) throws Exception {
    awaitTargetEqualsSource(pipeline);
    freshRun(pipeline);
    long checkpoints = pipeline.status().lastCheckpointId();
    PgFixture.execute(db, "UPDATE a SET v = v + 1000 WHERE id = 2");
    awaitTargetEqualsSource(pipeline);
    assertThat(pipeline.status().lastCheckpointId()).isEqualTo(checkpoints + 1);
    long beforeLastCommit = 0;
    try (Connection c = PgFixture.connect(db); Statement s = c.createStatement()) {
      for (int i = 0; i < 30; i++) {
        try (ResultSet rs = s.executeQuery("INSERT INTO b (v) VALUES (" + i + ") "
            + "RETURNING pg_current_wal_insert_lsn()::text")) {
          rs.next();
          beforeLastCommit = Lsn.parse(rs.getString(1));
        }
      }
    }
    long lastB = beforeLastCommit;
    await().atMost(30, TimeUnit.SECONDS).until(() -> reportedWriteLsn() > lastB);
    assertThat(pipeline.status().lastCheckpointId()).as("no checkpoint since a's change")
        .isEqualTo(checkpoints + 1);
  }

  /**
   * A new run, so that the next change of a gets the run's one early (idle) commit of the hour-long interval: during
   * the full sync the drained log may already have taken it (PostgreSQL reports a drained log within milliseconds).
   */
  private void freshRun(SyncPipeline pipeline) throws SQLException {
    pipeline.stop();
    pipeline.start();
    awaitTargetEqualsSource(pipeline);
  }

  private void writeAfterTheFailure() {
    PgFixture.execute(db, "INSERT INTO a SELECT g, g FROM generate_series(200, 209) g",
        "UPDATE a SET v = -v WHERE id = 1", "DELETE FROM a WHERE id = 3");
  }

  /**
   * Waits for the run to be RUNNING with the target equal to a (the run's idle checkpoint commits it), failing at
   * once if the pipeline fails. A restarted run finds the target already equal, so the state is part of the wait.
   */
  private void awaitTargetEqualsSource(SyncPipeline pipeline) throws SQLException {
    await().atMost(60, TimeUnit.SECONDS).until(() -> pipeline.status().state() == PipelineState.FAILED
        || pipeline.status().state() == PipelineState.RUNNING
        && new HashSet<>(warehouse.rows("a")).equals(new HashSet<>(sourceRows())));
    assertThat(pipeline.status().state()).as("%s", pipeline.status()).isEqualTo(PipelineState.RUNNING);
    assertThat(warehouse.rows("a")).containsExactlyInAnyOrderElementsOf(sourceRows());
  }

  private long reportedWriteLsn() throws SQLException {
    try (Connection c = PgFixture.connect(db); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT r.write_lsn::text FROM pg_stat_replication r JOIN pg_replication_slots "
            + "s ON s.active_pid = r.pid WHERE s.slot_name = '" + SLOT + "'")) {
      return rs.next() && rs.getString(1) != null ? Lsn.parse(rs.getString(1)) : 0;
    }
  }

  private long confirmedFlush() throws SQLException {
    try (Connection c = PgFixture.connect(db); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT confirmed_flush_lsn::text FROM pg_replication_slots "
            + "WHERE slot_name = '" + SLOT + "'")) {
      return rs.next() ? Lsn.parse(rs.getString(1)) : 0;
    }
  }

  private String currentLsn() throws SQLException {
    try (Connection c = PgFixture.connect(db); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT pg_current_wal_insert_lsn()::text")) {
      rs.next();
      return rs.getString(1);
    }
  }

  private List<Row> sourceRows() throws SQLException {
    List<Row> rows = new ArrayList<>();
    try (Connection c = PgFixture.connect(db); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT id, v FROM a")) {
      while (rs.next()) {
        rows.add(Row.of(rs.getInt(1), rs.getInt(2)));
      }
    }
    return rows;
  }
}
