package io.tributary.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.tributary.sync.event.ChangeEvent;
import io.tributary.sync.event.Column;
import io.tributary.sync.event.DataType;
import io.tributary.sync.event.Heartbeat;
import io.tributary.sync.event.Row;
import io.tributary.sync.event.TableId;
import io.tributary.sync.event.TableSchema;
import io.tributary.sync.memory.MemoryDatabase;
import io.tributary.sync.memory.MemoryWarehouse;
import io.tributary.sync.memory.MemoryWriter;
import io.tributary.sync.spi.ChangeSource;
import io.tributary.sync.spi.ForwardingChangeSource;
import io.tributary.sync.spi.LogStream;
import io.tributary.sync.spi.StartPosition;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Single behaviours of the engine on the in-memory database, each ending with a source/target comparison. */
class PipelineBehaviourTest {

  private final MemoryDatabase db = new MemoryDatabase("src");
  private final MemoryWarehouse warehouse = new MemoryWarehouse();
  private final List<SyncEvent> events = new CopyOnWriteArrayList<>();

  private TableId table(String name) {
    db.createTable(TableSchema.builder(db.tableId("app", "app", name)).primaryKey("id", DataType.bigint())
        .column("v", DataType.intType()).build());
    return db.tableId("app", "app", name);
  }

  private SyncPipeline.Builder pipeline() {
    return SyncPipeline.builder().name("t").source(db.source()).writer(new MemoryWriter(warehouse))
        .commitInterval(Duration.ofMillis(20)).listener(events::add);
  }

  @Test
  void builder_rejectsBadValuesAndConflicts() {
    assertThatThrownBy(() -> SyncPipeline.builder().batchSize(0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("batchSize must be > 0, got 0");
    assertThatThrownBy(() -> SyncPipeline.builder().name("x").name("y")).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("already set");
    assertThatThrownBy(() -> SyncPipeline.builder().name("x").source(db.source()).writer(new MemoryWriter(warehouse))
        .mode(SyncMode.MERGE).build()).hasMessageContaining("merge mode needs at least one virtualTable");
    assertThatThrownBy(() -> SyncPipeline.builder().name("bad name!")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void tableWithoutPrimaryKey_failsStartNamingTheTableAndFix() throws Exception {
    db.createTable(TableSchema.builder(db.tableId("app", "app", "logs")).column("line", DataType.string()).build());
    try (SyncPipeline p = pipeline().build()) {
      p.start();
      awaitState(p, PipelineState.FAILED);
      assertThat(p.status().failure()).contains("src:app.logs").contains("primary key").contains("excludeTables");
    }
    assertThat(events).anyMatch(e -> e instanceof SyncEvent.PipelineFailed);
  }

  @Test
  void fullSyncMerge_isCommittedAtOnce_notAtTheNextTimedCheckpoint() throws Exception {
    TableId a = table("a");
    for (long i = 0; i < 100; i++) {
      db.insert(a, i, (int) i);
    }
    // A commit interval far beyond the test: only the checkpoint taken right after the merge can publish the rows.
    try (SyncPipeline p = SyncPipeline.builder().name("t").source(db.source()).writer(new MemoryWriter(warehouse))
        .commitInterval(Duration.ofHours(1)).fullSync(true).build()) {
      p.start();
      awaitRows("a", 100);
      assertThat(warehouse.rows("a")).containsExactlyInAnyOrderElementsOf(db.rows(a));
    }
  }

  @Test
  void drainedSources_commitAtOnce_butAtMostOncePerCommitInterval() throws Exception {
    TableId a = table("a");
    HeartbeatCounting source = new HeartbeatCounting(db.source());
    try (SyncPipeline p = SyncPipeline.builder().name("t").source(source).writer(new MemoryWriter(warehouse))
        .commitInterval(Duration.ofHours(1)).build()) {
      p.start();
      awaitState(p, PipelineState.RUNNING);
      db.insert(a, 1L, 1); // one change per burst: a burst split by a heartbeat would spend the idle commit early
      // Only the commit taken once the source reports it has drained its log can publish it within the test.
      awaitRows("a", 1);
      assertThat(warehouse.rows("a")).containsExactlyInAnyOrderElementsOf(db.rows(a));
      long commits = p.status().lastCheckpointId();
      long read = p.status().recordsRead();
      db.insert(a, 2L, 2);
      // Not a wait for time: the sink has read the change, then the log said "idle" several times over. A second
      // idle commit in the interval would have come with the first of them (the decision itself, with the time as
      // data, is DeciderCommitRulesTest's).
      await().atMost(Duration.ofSeconds(60)).until(() -> p.status().recordsRead() > read);
      int idleAfter = source.heartbeats.get() + 5;
      await().atMost(Duration.ofSeconds(60)).until(() -> source.heartbeats.get() >= idleAfter);
      assertThat(warehouse.rows("a")).hasSize(1);
      assertThat(p.status().lastCheckpointId()).isEqualTo(commits);
      p.stop();
      assertThat(warehouse.rows("a")).containsExactlyInAnyOrderElementsOf(db.rows(a)).hasSize(2);
    }
  }

  @Test
  void addColumn_evolvesTarget_andIncompatibleChangeStopsOnlyThatTable() throws Exception {
    TableId a = table("a");
    TableId b = table("b");
    try (SyncPipeline p = pipeline().build()) {
      p.start();
      awaitState(p, PipelineState.RUNNING);
      db.insert(a, 1L, 1);
      db.addColumn(a, Column.of("extra", DataType.varchar(10)));
      db.insert(a, 2L, 2, "x");
      db.alterTable(TableSchema.builder(b).primaryKey("id", DataType.bigint()).primaryKey("v", DataType.intType())
          .build()); // primary key changed: incompatible
      db.insert(b, 5L, 5);
      db.insert(a, 3L, 3, "y");
      assertThat(p.awaitCaughtUp(Duration.ofSeconds(10))).isTrue();
      assertThat(warehouse.rows("a")).containsExactlyInAnyOrder(Row.of(1L, 1, null), Row.of(2L, 2, "x"),
          Row.of(3L, 3, "y"));
      assertThat(warehouse.rows("b")).isEmpty();
      PipelineStatus.TableStatus sb = p.status().table(b).orElseThrow();
      assertThat(sb.phase()).isEqualTo(TablePhase.BLACKLISTED);
      assertThat(sb.reason()).startsWith("pk column different");
    }
    assertThat(events).anyMatch(e -> e instanceof SyncEvent.TableStopped s && s.table().equals(b));
  }

  @Test
  void truncate_deletesTheTablesTargetRows_andLaterInsertsFlow() throws Exception {
    TableId a = table("a");
    TableId b = table("b");
    try (SyncPipeline p = pipeline().build()) {
      p.start();
      awaitState(p, PipelineState.RUNNING);
      for (long i = 0; i < 20; i++) {
        db.insert(a, i, 1);
        db.insert(b, i, 2);
      }
      db.truncate(a);
      db.insert(a, 100L, 3);
      assertThat(p.awaitCaughtUp(Duration.ofSeconds(10))).isTrue();
      assertThat(warehouse.rows("a")).containsExactly(Row.of(100L, 3));
      assertThat(warehouse.rows("b")).containsExactlyInAnyOrderElementsOf(db.rows(b));
    }
  }

  @Test
  void droppedTable_stopsOnlyThatTableWithWhatToDo_andResyncAfterRecreateCatchesUp() throws Exception {
    TableId a = table("a");
    TableId b = table("b");
    try (SyncPipeline p = pipeline().build()) {
      p.start();
      awaitState(p, PipelineState.RUNNING);
      db.insert(a, 1L, 1);
      db.insert(b, 1L, 1);
      db.dropTable(a);
      db.insert(b, 2L, 2);
      assertThat(p.awaitCaughtUp(Duration.ofSeconds(10))).isTrue();
      PipelineStatus.TableStatus sa = p.status().table(a).orElseThrow();
      assertThat(sa.phase()).isEqualTo(TablePhase.BLACKLISTED);
      assertThat(sa.reason()).contains("dropped or renamed away").contains("DROP TABLE").contains("Re-sync")
          .contains("remove it from the pipeline");
      assertThat(events).anyMatch(e -> e instanceof SyncEvent.TableStopped s && s.table().equals(a));
      assertThat(p.status().table(b).orElseThrow().phase()).isEqualTo(TablePhase.STREAMING);
      assertThat(warehouse.rows("b")).containsExactlyInAnyOrderElementsOf(db.rows(b));

      // The reload pattern: the same name, new columns. Rows logged meanwhile must not reach the stopped target.
      db.createTable(TableSchema.builder(a).primaryKey("id", DataType.bigint()).column("v", DataType.intType())
          .column("note", DataType.varchar(10)).build());
      db.insert(a, 7L, 7, "new");
      assertThat(p.awaitCaughtUp(Duration.ofSeconds(10))).isTrue();
      assertThat(warehouse.rows("a")).containsExactly(Row.of(1L, 1));
      p.resync(a).get(10, java.util.concurrent.TimeUnit.SECONDS);
      db.insert(a, 8L, 8, "later");
      assertThat(p.awaitCaughtUp(Duration.ofSeconds(10))).isTrue();
      assertThat(p.status().table(a).orElseThrow().phase()).isEqualTo(TablePhase.STREAMING);
      assertThat(warehouse.rows("a")).containsExactlyInAnyOrderElementsOf(db.rows(a));
    }
  }

  @Test
  void oversizedKey_stopsTableWithReason_neverDropsSilently() throws Exception {
    db.createTable(TableSchema.builder(db.tableId("app", "app", "k")).primaryKey("id", DataType.string()).build());
    TableId k = db.tableId("app", "app", "k");
    try (SyncPipeline p = pipeline().maxPrimaryKeyBytes(16).build()) {
      p.start();
      awaitState(p, PipelineState.RUNNING);
      db.insert(k, "short");
      db.insert(k, "a key that is much longer than sixteen bytes");
      assertThat(p.awaitCaughtUp(Duration.ofSeconds(10))).isTrue();
      PipelineStatus.TableStatus st = p.status().table(k).orElseThrow();
      assertThat(st.phase()).isEqualTo(TablePhase.BLACKLISTED);
      assertThat(st.reason()).contains("Encoded key size 44 exceeds max size 16");
    }
  }

  @Test
  void retriableLogFailure_countsFailover_andRecoversWithoutLoss() throws Exception {
    TableId a = table("a");
    try (SyncPipeline p = pipeline().failoverBackoff(Duration.ofMillis(10)).build()) {
      p.start();
      awaitState(p, PipelineState.RUNNING);
      for (long i = 0; i < 50; i++) {
        db.insert(a, i, (int) i);
      }
      assertThat(p.awaitCaughtUp(Duration.ofSeconds(10))).isTrue();
      db.failNextLogRead(SyncException.of(ErrorCode.CONNECTION_LOST, "connection reset (simulated)", null));
      for (long i = 50; i < 100; i++) {
        db.insert(a, i, (int) i);
      }
      assertThat(p.awaitCaughtUp(Duration.ofSeconds(10))).isTrue();
      assertThat(p.status().failovers()).isEqualTo(1);
      assertThat(warehouse.rows("a")).containsExactlyInAnyOrderElementsOf(db.rows(a));
    }
    assertThat(events).anyMatch(e -> e instanceof SyncEvent.Failover f && f.failoverCount() == 1);
  }

  @Test
  void purgedLogPosition_failsWithNonRetriableError() throws Exception {
    TableId a = table("a");
    db.insert(a, 1L, 1);
    db.insert(a, 2L, 2);
    db.purgeLogBefore(2);
    try (SyncPipeline p = pipeline().build()) {
      p.start(java.util.Map.of("src", io.tributary.sync.spi.StartPosition.earliest()));
      assertThat(p.awaitCaughtUp(Duration.ofSeconds(10))).isTrue();
    }
    try (SyncPipeline p = pipeline().build()) {
      p.start(java.util.Map.of("src", io.tributary.sync.spi.StartPosition.parse("0")));
      awaitState(p, PipelineState.FAILED);
      assertThat(p.status().failure()).contains("purged").contains("re-sync");
      assertThat(p.status().failovers()).isZero();
    }
  }

  @Test
  void stopAndStart_resumesFromCheckpoint_withNothingLostOrDuplicated() throws Exception {
    TableId a = table("a");
    try (SyncPipeline p = pipeline().build()) {
      p.start();
      awaitState(p, PipelineState.RUNNING);
      db.insert(a, 1L, 1);
      assertThat(p.awaitCaughtUp(Duration.ofSeconds(10))).isTrue();
      p.stop();
      db.insert(a, 2L, 2);
      db.update(a, 1L, 10);
      p.start();
      assertThat(p.awaitCaughtUp(Duration.ofSeconds(10))).isTrue();
      assertThat(warehouse.rows("a")).containsExactlyInAnyOrder(Row.of(1L, 10), Row.of(2L, 2));
    }
  }

  /** Waits until target {@code table} holds at least {@code rows} rows; the caller asserts what it holds. */
  private void awaitRows(String table, int rows) {
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(10))
        .until(() -> warehouse.rows(table).size() >= rows);
  }

  private static void awaitState(SyncPipeline p, PipelineState state) {
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(10))
        .until(() -> p.status().state() == state);
  }

  /** Counts the heartbeats (the log's "idle, nothing more") its log has handed over. */
  private static final class HeartbeatCounting extends ForwardingChangeSource {
    final AtomicInteger heartbeats = new AtomicInteger();

    HeartbeatCounting(ChangeSource delegate) {
      super(delegate);
    }

    @Override
    public LogStream openLog(StartPosition start, Map<TableId, io.tributary.sync.event.TableSchema> schemas) {
      LogStream log = delegate().openLog(start, schemas);
      return new LogStream() {
        @Override
        public io.tributary.sync.event.SourcePosition startPosition() {
          return log.startPosition();
        }

        @Override
        public List<ChangeEvent> poll(Duration timeout) throws InterruptedException {
          List<ChangeEvent> events = log.poll(timeout);
          events.forEach(e -> heartbeats.addAndGet(e instanceof Heartbeat ? 1 : 0));
          return events;
        }

        @Override
        public void close() {
          log.close();
        }
      };
    }
  }
}
