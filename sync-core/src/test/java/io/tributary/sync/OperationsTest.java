package io.tributary.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.tributary.sync.event.Row;
import io.tributary.sync.event.RowFilter;
import io.tributary.sync.event.TableId;
import io.tributary.sync.memory.MemoryCheckpointStore;
import io.tributary.sync.memory.MemoryDatabase;
import io.tributary.sync.memory.MemoryWarehouse;
import io.tributary.sync.memory.MemoryWriter;
import io.tributary.sync.spi.StartPosition;
import io.tributary.sync.testing.GatedSnapshotSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The operations centre on the in-memory database, each with a concurrent write workload where it matters and a
 * row-for-row comparison of source and target at the end.
 */
class OperationsTest {

  private final Random random = new Random(7);
  private final MutableClock clock = new MutableClock();
  private final MemoryDatabase db = new MemoryDatabase("src", clock);
  private final MemoryWarehouse warehouse = new MemoryWarehouse();
  private final MemoryCheckpointStore store = new MemoryCheckpointStore();
  private final List<SyncEvent> events = new CopyOnWriteArrayList<>();

  private TableId table(String name, int rows) {
    db.createTable(Workload.table(db, "app", name));
    TableId id = db.tableId("app", "app", name);
    Workload.preload(db, id, rows, random);
    return id;
  }

  private SyncPipeline.Builder pipeline() {
    return pipeline(new SlowSnapshotSource(db.source(), 1));
  }

  private SyncPipeline.Builder pipeline(io.tributary.sync.spi.ChangeSource source) {
    return SyncPipeline.builder().name("ops").source(source)
        .writer(new MemoryWriter(warehouse)).checkpointStore(store).commitInterval(Duration.ofMillis(20))
        .snapshotChunkSize(20).listener(events::add);
  }

  private void assertEqual(TableId t) {
    assertThat(warehouse.rows(t.table())).as("%s", t).containsExactlyInAnyOrderElementsOf(db.rows(t));
  }

  @Test
  void resync_whileWritesContinue_bringsTargetToSource_withoutFullSyncAtStart() throws Exception {
    TableId a = table("a", 500);
    try (SyncPipeline p = pipeline().build()) {
      p.start();
      awaitRunning(p);
      assertThat(p.awaitCaughtUp(Duration.ofSeconds(10))).isTrue();
      assertThat(warehouse.rows("a")).isEmpty(); // no full sync: the preloaded rows are not in the target
      try (Workload w = new Workload(List.of(db), List.of(a), 11, 2, 700).start()) {
        awaitOperations(w, 200); // writes are flowing
        p.resync(a).get(5, TimeUnit.SECONDS);
        awaitPhases(a, TablePhase.RESYNCING, 1); // the whole re-sync ran under the writes
        awaitOperations(w, w.operations.get() + 200); // and writes went on after it
      }
      assertThat(p.awaitCaughtUp(Duration.ofSeconds(20))).isTrue();
      assertEqual(a);
    }
    assertThat(events).anyMatch(e -> e instanceof SyncEvent.TablePhaseChanged c && c.to() == TablePhase.RESYNCING);
  }

  @Test
  void catchUp_withFilter_removesTargetRowsDeletedAtSource_andKeepsRowsOutsideTheFilter() throws Exception {
    TableId a = table("a", 0);
    for (long i = 0; i < 100; i++) {
      db.insert(a, i, (int) i, "x", null);
    }
    try (SyncPipeline p = pipeline().fullSync(true).build()) {
      p.start();
      assertThat(p.awaitCaughtUp(Duration.ofSeconds(10))).isTrue();
      p.stop();
      // changed while the pipeline skips them (restart at "latest"): target now stale for these keys
      db.delete(a, 10L);
      db.delete(a, 70L);
      db.update(a, 20L, -20, "changed", null);
      p.start(Map.of("src", StartPosition.latest()));
      awaitRunning(p);
      p.catchUp(a, RowFilter.lt("id", 50L)).get(5, TimeUnit.SECONDS);
      db.insert(a, 200L, 200, "during catch-up", null);
      assertThat(p.awaitCaughtUp(Duration.ofSeconds(10))).isTrue();
    }
    List<Row> expected = new ArrayList<>(db.rows(a));
    expected.add(Row.of(70L, 70, "x", null)); // outside the filter: stays stale, as asked
    assertThat(warehouse.rows("a")).containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void pause_skipsTableChanges_resumeRefetchesTheTable_othersGoOn() throws Exception {
    TableId a = table("a", 100);
    TableId b = table("b", 100);
    try (SyncPipeline p = pipeline().fullSync(true).build()) {
      p.start();
      assertThat(p.awaitCaughtUp(Duration.ofSeconds(10))).isTrue();
      p.pause(a).get(5, TimeUnit.SECONDS);
      List<Row> frozen = warehouse.rows("a");
      try (Workload w = new Workload(List.of(db), List.of(a, b), 5, 2, 150).start()) {
        awaitOperations(w, 2_000); // changes of the paused table (and b's) reach the log
      }
      assertThat(p.awaitCaughtUp(Duration.ofSeconds(10))).isTrue();
      assertThat(warehouse.rows("a")).containsExactlyInAnyOrderElementsOf(frozen);
      assertEqual(b);
      assertThat(p.status().table(a).orElseThrow().phase()).isEqualTo(TablePhase.PAUSED);
      try (Workload w = new Workload(List.of(db), List.of(a, b), 6, 2, 150).start()) {
        p.resume(a).get(5, TimeUnit.SECONDS);
        awaitPhases(a, TablePhase.RESYNCING, 1); // the refetch ran (and ended) under the writes
        awaitOperations(w, w.operations.get() + 200);
      }
      assertThat(p.awaitCaughtUp(Duration.ofSeconds(20))).isTrue();
      assertEqual(a);
      assertEqual(b);
    }
  }

  @Test
  void resume_thenAwaitCaughtUpAtOnce_waitsForTheRefetch() throws Exception {
    TableId a = table("a", 300);
    try (SyncPipeline p = pipeline().fullSync(true).build()) {
      p.start();
      assertThat(p.awaitCaughtUp(Duration.ofSeconds(10))).isTrue();
      for (int round = 0; round < 5; round++) {
        p.pause(a).get(5, TimeUnit.SECONDS);
        for (long id = 0; id < 300; id++) {
          db.update(a, id, round, "r" + round, null);
        }
        assertThat(p.awaitCaughtUp(Duration.ofSeconds(10))).isTrue(); // the log is read and committed, a paused
        p.resume(a).get(5, TimeUnit.SECONDS);
        // The status the call sees must already show the re-sync: caught up means its rows are in the target.
        assertThat(p.awaitCaughtUp(Duration.ofSeconds(10))).isTrue();
        assertEqual(a);
      }
    }
  }

  @Test
  void offline_clearsCheckpointButKeepsTargets_andTheNextStartOverwritesWithAFullSync() throws Exception {
    TableId a = table("a", 200);
    try (SyncPipeline p = pipeline().fullSync(true).build()) {
      p.start();
      assertThat(p.awaitCaughtUp(Duration.ofSeconds(10))).isTrue();
      p.offline();
      assertThat(store.load("ops")).isEmpty();
      assertThat(warehouse.rows("a")).hasSize(200);
      for (long i = 0; i < 50; i++) {
        db.delete(a, i); // while offline: only an overwrite removes these from the target
      }
      try (Workload w = new Workload(List.of(db), List.of(a), 9, 2, 300).start()) {
        p.start();
        // the first run's full sync, then the overwrite, under writes (a TRUNCATE of the workload during the
        // overwrite turns it into a whole re-sync: SNAPSHOTTING -> RESYNCING -> STREAMING, still an overwrite)
        awaitPhases(a, Set.of(TablePhase.SNAPSHOTTING, TablePhase.RESYNCING), 2);
        awaitOperations(w, w.operations.get() + 200);
      }
      assertThat(p.awaitCaughtUp(Duration.ofSeconds(20))).isTrue();
      assertEqual(a);
    }
  }

  @Test
  void tableAddedByConfiguration_getsFullSync_whileExistingTableKeepsItsProgress() throws Exception {
    TableId a = table("a", 100);
    TableId b = table("b", 100);
    try (SyncPipeline p = pipeline().fullSync(true).tables(TableSelector.of("app", "a")).build()) {
      p.start();
      assertThat(p.awaitCaughtUp(Duration.ofSeconds(10))).isTrue();
      assertThat(p.tables()).containsExactly(a);
    }
    db.insert(a, 1000L, 1, "while stopped", null);
    try (SyncPipeline p = pipeline().fullSync(true).tables(TableSelector.of("app", "a|b")).build()) {
      p.start();
      assertThat(p.awaitCaughtUp(Duration.ofSeconds(10))).isTrue();
      assertThat(p.status().table(a).orElseThrow().snapshotRows()).isZero(); // resumed, not re-read
      assertThat(p.status().table(b).orElseThrow().snapshotRows()).isEqualTo(100);
      assertEqual(a);
      assertEqual(b);
    }
    db.insert(b, 2000L, 2, "b goes on", null);
    db.insert(a, 2001L, 3, "a is no longer captured", null);
    try (SyncPipeline p = pipeline().fullSync(true).tables(TableSelector.of("app", "b")).build()) {
      p.start(); // a removed from the configuration: dropped from the pipeline, its target kept as it was
      assertThat(p.awaitCaughtUp(Duration.ofSeconds(10))).isTrue();
      assertThat(p.tables()).containsExactly(b);
      assertThat(p.status().table(b).orElseThrow().snapshotRows()).isZero();
      assertEqual(b);
      assertThat(warehouse.rows("a")).hasSize(db.rows(a).size() - 1);
    }
  }

  @Test
  void restartDuringFullSync_doesNotReadFinishedChunksAgain() throws Exception {
    TableId big = table("big", 2000);
    long firstRead;
    // Chunks from index 15 on wait at a gate that is never opened: the stop certainly comes in the middle.
    GatedSnapshotSource gated = new GatedSnapshotSource(new SlowSnapshotSource(db.source(), 1), 15);
    try (SyncPipeline p = pipeline(gated).fullSync(true).snapshotParallelism(1).build()) {
      p.start();
      await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(5)).until(() -> gated.held() == 1
          && p.status().lastCheckpointId() >= 1 && p.status().table(big).orElseThrow().chunksDone() >= 10);
      p.stop(); // checkpoint with the finished chunks
      PipelineStatus.TableStatus st = p.status().table(big).orElseThrow();
      assertThat(st.phase()).isEqualTo(TablePhase.SNAPSHOTTING);
      firstRead = st.snapshotRows();
      assertThat(st.chunksDone()).isBetween(10, 99); // chunks of 20 rows
    }
    try (SyncPipeline p = pipeline().fullSync(true).snapshotParallelism(1).build()) {
      p.start();
      assertThat(p.awaitCaughtUp(Duration.ofSeconds(20))).isTrue();
      long secondRead = p.status().table(big).orElseThrow().snapshotRows();
      // at most the one chunk in flight at the stop is read twice (parallelism 1, chunks of 20 rows)
      assertThat(firstRead + secondRead).as("rows read by both runs").isLessThanOrEqualTo(2000 + 20);
      assertThat(secondRead).isLessThan(2000);
      assertEqual(big);
    }
  }

  @Test
  void prioritizedTable_finishesItsFullSyncFirst() throws Exception {
    List<TableId> tables = new ArrayList<>();
    for (String n : List.of("t1", "t2", "t3", "t4", "vip")) {
      tables.add(table(n, 300));
    }
    TableId vip = tables.get(4);
    try (SyncPipeline p = pipeline().fullSync(true).snapshotParallelism(1).build()) {
      p.start();
      awaitRunning(p);
      p.prioritize(vip).get(5, TimeUnit.SECONDS);
      assertThat(p.awaitCaughtUp(Duration.ofSeconds(30))).isTrue();
      for (TableId t : tables) {
        assertEqual(t);
      }
    }
    List<TableId> streamingOrder = events.stream()
        .filter(e -> e instanceof SyncEvent.TablePhaseChanged c && c.to() == TablePhase.STREAMING)
        .map(e -> ((SyncEvent.TablePhaseChanged) e).table()).toList();
    assertThat(streamingOrder.get(0)).isEqualTo(vip);
  }

  @Test
  void dataLatencyAlert_firesAboveThreshold_andClearsWhenBackUnder() throws Exception {
    TableId a = table("a", 0);
    try (SyncPipeline p = pipeline().clock(Clock.systemUTC()).dataLatencyThreshold(Duration.ofSeconds(5))
        .build()) {
      p.start();
      awaitRunning(p);
      clock.offset = Duration.ofSeconds(-30); // source commits appear 30 s old
      db.insert(a, 1L, 1, "late", null);
      awaitEvent(e -> e instanceof SyncEvent.LatencyAlert l && l.exceeded());
      clock.offset = Duration.ZERO;
      db.insert(a, 2L, 2, "on time", null);
      awaitEvent(e -> e instanceof SyncEvent.LatencyAlert l && !l.exceeded());
      assertThat(p.awaitCaughtUp(Duration.ofSeconds(10))).isTrue();
      assertEqual(a);
    }
  }

  @Test
  void readLatencyAlert_reachesAWebhook_inAFeishuMessage() throws Exception {
    table("a", 0);
    java.util.List<String> bodies = new CopyOnWriteArrayList<>();
    com.sun.net.httpserver.HttpServer server =
        com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/bot", ex -> {
      bodies.add(new String(ex.getRequestBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
      ex.sendResponseHeaders(200, -1);
      ex.close();
    });
    server.start();
    try (SyncPipeline p = pipeline().readLatencyThreshold(Duration.ofSeconds(5))
        .listener(io.tributary.sync.alert.WebhookNotifier.builder(java.net.URI.create("http://127.0.0.1:"
            + server.getAddress().getPort() + "/bot")).format(io.tributary.sync.alert.WebhookFormat.FEISHU)
            .rules(io.tributary.sync.alert.AlertRule.READ_CHECKPOINT_LATENCY).build())
        .build()) {
      p.start();
      awaitRunning(p);
      clock.offset = Duration.ofMinutes(-2); // the log's newest entries are two minutes old: the reader lags
      db.insert(db.tableId("app", "app", "a"), 1L, 1, "old", null);
      await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(10)).until(() -> !bodies.isEmpty());
    } finally {
      server.stop(0);
    }
    assertThat(bodies).first().asString().startsWith("{\"msg_type\":\"text\"")
        .contains("Read checkpoint latency: pipeline ops read checkpoint latency of "
            + db.tableId("app", "app", "a") + " is");
  }

  @Test
  void operations_onStoppedPipelineOrUnknownTable_failClearly() throws Exception {
    TableId a = table("a", 1);
    try (SyncPipeline p = pipeline().build()) {
      assertThatThrownBy(() -> p.resync(a).get()).hasCauseInstanceOf(IllegalStateException.class)
          .hasMessageContaining("not RUNNING");
      p.start();
      awaitRunning(p);
      TableId unknown = db.tableId("app", "app", "nope");
      assertThatThrownBy(() -> p.pause(unknown).get()).isInstanceOf(ExecutionException.class)
          .hasMessageContaining("is not captured");
      assertThatThrownBy(() -> p.resume(a).get()).hasMessageContaining("not PAUSED");
    }
  }

  /** Listeners hear events on the notifier thread, after the action: wait for the event, never assert at once. */
  private void awaitEvent(java.util.function.Predicate<SyncEvent> match) {
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(10))
        .untilAsserted(() -> assertThat(events).anyMatch(match));
  }

  /**
   * Waits until the listener has heard {@code table} go from {@code phase} to streaming {@code times} times in all:
   * a (re-)sync of that kind ended. Counted over the whole test, as events arrive on the notifier thread, late.
   */
  private void awaitPhases(TableId table, TablePhase phase, int times) {
    awaitPhases(table, Set.of(phase), times);
  }

  /** Waits until {@code table} went from one of {@code phases} to STREAMING {@code times} times. */
  private void awaitPhases(TableId table, Set<TablePhase> phases, int times) {
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(10)).until(() -> events.stream()
        .filter(e -> e instanceof SyncEvent.TablePhaseChanged c && c.table().equals(table)
            && phases.contains(c.from()) && c.to() == TablePhase.STREAMING).count() >= times);
  }

  /** Waits for the workload's progress instead of for time: {@code total} operations done since it started. */
  private static void awaitOperations(Workload w, long total) {
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(5))
        .until(() -> w.operations.get() >= total);
  }

  private static void awaitRunning(SyncPipeline p) {
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(5))
        .until(() -> p.status().state() == PipelineState.RUNNING);
  }

  /** A clock whose offset from the system clock a test can move. */
  static final class MutableClock extends Clock {
    volatile Duration offset = Duration.ZERO;

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return Instant.now().plus(offset);
    }
  }
}
