package io.tributary.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tributary.sync.event.TableId;
import io.tributary.sync.memory.MemoryCheckpointStore;
import io.tributary.sync.memory.MemoryDatabase;
import io.tributary.sync.memory.MemoryWarehouse;
import io.tributary.sync.memory.MemoryWriter;
import io.tributary.sync.micrometer.TributaryMetrics;
import io.tributary.sync.spi.ChangeSource;
import io.tributary.sync.spi.ForwardingChangeSource;
import io.tributary.sync.spi.ForwardingChangeWriter;
import io.tributary.sync.spi.SnapshotChunk;
import io.tributary.sync.spi.SnapshotSink;
import io.tributary.sync.event.TableSchema;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * Per-table lag (source read lag, commit-to-visible, end-to-end) and snapshot percent and ETA, on the in-memory
 * source and writer with clocks the test moves: the source's clock sets commit times, the pipeline's reads "now".
 */
class LagAndProgressTest {

  private static final Duration AWAIT = Duration.ofSeconds(10);

  private final Random random = new Random(3);
  private final OperationsTest.MutableClock sourceClock = new OperationsTest.MutableClock();
  private final OperationsTest.MutableClock pipelineClock = new OperationsTest.MutableClock();
  private final MemoryDatabase db = new MemoryDatabase("src", sourceClock);
  private final MemoryWarehouse warehouse = new MemoryWarehouse();
  private final List<SyncEvent> events = new CopyOnWriteArrayList<>();

  private TableId table(String name, int rows) {
    db.createTable(Workload.table(db, "app", name));
    TableId id = db.tableId("app", "app", name);
    Workload.preload(db, id, rows, random);
    return id;
  }

  private SyncPipeline.Builder pipeline(ChangeSource source) {
    return pipeline(source, new MemoryWriter(warehouse));
  }

  private SyncPipeline.Builder pipeline(ChangeSource source, io.tributary.sync.spi.ChangeWriter writer) {
    return SyncPipeline.builder().name("lag").source(source).writer(writer)
        .checkpointStore(new MemoryCheckpointStore()).commitInterval(Duration.ofMillis(20)).snapshotChunkSize(10)
        .clock(pipelineClock).listener(events::add);
  }

  private static PipelineStatus.TableStatus status(SyncPipeline p, TableId t) {
    return p.status().table(t).orElseThrow();
  }

  @Test
  void lags_perTable_readLagCommitToVisibleAndEndToEnd_quietTablesFollowTheirSource() throws Exception {
    TableId busy = table("busy", 0);
    TableId quiet = table("quiet", 0);
    TableId idle = table("idle", 0);
    try (SyncPipeline p = pipeline(db.source()).build()) {
      p.start();
      p.awaitRunning(AWAIT);
      sourceClock.offset = Duration.ofMinutes(-1);
      db.insert(quiet, 1L, 1, "a minute late", null); // the quiet table's last change: a minute old when read
      sourceClock.offset = Duration.ofSeconds(-30); // from here the source's commits appear 30 s old
      db.insert(busy, 1L, 1, "late", null);
      assertThat(p.awaitCaughtUp(AWAIT)).isTrue();
      await().atMost(AWAIT).untilAsserted(() -> {
        PipelineStatus.TableStatus b = status(p, busy);
        assertThat(b.dataLatencyMillis()).as("commit-to-visible").isBetween(30_000L, 33_000L);
        assertThat(b.lag().readMillis()).as("read lag").isBetween(30_000L, 33_000L);
        assertThat(b.lag().endToEndMillis()).as("end-to-end").isBetween(30_000L, 33_000L);
        // a quiet table is as far behind as its source, not as old as its last change
        assertThat(status(p, quiet).lag().readMillis()).isBetween(30_000L, 33_000L);
        assertThat(status(p, quiet).dataLatencyMillis()).isBetween(60_000L, 63_000L);
        assertThat(status(p, idle).lag().readMillis()).isBetween(30_000L, 33_000L);
        assertThat(status(p, idle).dataLatencyMillis()).isEqualTo(-1);
      });

      sourceClock.offset = Duration.ZERO; // the source is caught up: heartbeats carry its present time
      await().atMost(AWAIT).untilAsserted(() -> {
        for (TableId t : List.of(busy, quiet, idle)) {
          assertThat(status(p, t).lag().readMillis()).as("%s", t).isBetween(0L, 2_000L);
          assertThat(status(p, t).lag().endToEndMillis()).as("%s", t).isBetween(0L, 2_000L);
        }
        // commit-to-visible is what the latest committed change took: it stays until the next one
        assertThat(status(p, busy).dataLatencyMillis()).isBetween(30_000L, 33_000L);
      });
    }
  }

  @Test
  void endToEnd_growsWhileACommitIsStuck_evenBetweenPublications() throws Exception {
    TableId t = table("t", 0);
    AtomicBoolean hold = new AtomicBoolean();
    CountDownLatch held = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    MemoryWriter memory = new MemoryWriter(warehouse);
    ForwardingChangeWriter writer = new ForwardingChangeWriter(memory) {
      @Override
      public void commit(long checkpointId, byte[] committable) {
        if (hold.get()) {
          held.countDown();
          try {
            release.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }
        super.commit(checkpointId, committable);
      }
    };
    try (SyncPipeline p = pipeline(db.source(), writer).build()) {
      p.start();
      p.awaitRunning(AWAIT);
      assertThat(p.awaitCaughtUp(AWAIT)).isTrue();
      hold.set(true);
      db.insert(t, 1L, 1, "waits", null);
      assertThat(held.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
      pipelineClock.offset = Duration.ofSeconds(20); // the sink thread is stuck; status readers still see time pass
      assertThat(status(p, t).lag().endToEndMillis()).isBetween(20_000L, 23_000L);
      hold.set(false);
      release.countDown();
      assertThat(p.awaitCaughtUp(AWAIT)).isTrue();
      assertThat(status(p, t).dataLatencyMillis()).isBetween(20_000L, 23_000L);
    }
  }

  @Test
  void latencyAlerts_firePerTable_namingIt_onEndToEndAndReadLag_andClear() throws Exception {
    TableId a = table("a", 0);
    TableId b = table("b", 0);
    try (SyncPipeline p = pipeline(db.source()).dataLatencyThreshold(Duration.ofSeconds(5))
        .readLatencyThreshold(Duration.ofSeconds(5)).build()) {
      p.start();
      p.awaitRunning(AWAIT);
      assertThat(p.awaitCaughtUp(AWAIT)).isTrue();
      sourceClock.offset = Duration.ofSeconds(-30);
      db.insert(a, 1L, 1, "late", null);
      for (SyncEvent.LatencyKind kind : SyncEvent.LatencyKind.values()) {
        for (TableId t : List.of(a, b)) {
          await().atMost(AWAIT).until(() -> events.stream().anyMatch(e -> e instanceof SyncEvent.LatencyAlert l
              && l.kind() == kind && l.exceeded() && l.subject().equals(t.toString()) && l.latencyMillis() >= 30_000));
        }
      }
      sourceClock.offset = Duration.ZERO;
      db.insert(a, 2L, 2, "on time", null);
      for (SyncEvent.LatencyKind kind : SyncEvent.LatencyKind.values()) {
        for (TableId t : List.of(a, b)) {
          await().atMost(AWAIT).until(() -> events.stream().anyMatch(e -> e instanceof SyncEvent.LatencyAlert l
              && l.kind() == kind && !l.exceeded() && l.subject().equals(t.toString())));
        }
      }
    }
    assertThat(events.stream().filter(e -> e instanceof SyncEvent.LatencyAlert).count()).isEqualTo(8);
  }

  @Test
  void snapshot_percentGoesFrom0To100_byTheSourcesRowEstimate_withAnEtaThatShrinks() throws Exception {
    TableId t = table("t", 100); // ten chunks of ten rows
    OneChunkAtATime source = new OneChunkAtATime(db.source());
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    try (SyncPipeline p = pipeline(source).fullSync(true).snapshotParallelism(1).build()) {
      new TributaryMetrics(p).bindTo(registry);
      p.start();
      p.awaitRunning(AWAIT);
      await().atMost(AWAIT).until(() -> status(p, t).chunksTotal() == 10);
      PipelineStatus.SnapshotProgress first = status(p, t).snapshot();
      assertThat(first.percent()).isZero();
      assertThat(first.estimatedRows()).isEqualTo(100);
      assertThat(first.etaMillis()).isEqualTo(-1); // no rate observed yet
      List<Long> etas = new ArrayList<>();
      for (int k = 1; k < 10; k++) {
        int chunks = k;
        pipelineClock.offset = Duration.ofSeconds(100L * k); // each chunk takes 100 s of the pipeline's clock
        source.permits.release();
        await().atMost(AWAIT).until(() -> status(p, t).chunksDone() == chunks);
        PipelineStatus.SnapshotProgress s = status(p, t).snapshot();
        assertThat(s.percent()).as("after %d chunks", k).isEqualTo(10.0 * k);
        // 10 % per 100 s: (10 - k) chunks left at 100 s each
        assertThat(s.etaMillis()).as("after %d chunks", k).isBetween((10 - k) * 97_000L, (10 - k) * 101_000L);
        etas.add(s.etaMillis());
        assertThat(gauge(registry, "tributary.table.snapshot.percent"))
            .isEqualTo(10.0 * k);
      }
      assertThat(etas).isSortedAccordingTo((x, y) -> Long.compare(y, x)).doesNotHaveDuplicates();
      source.permits.release(100);
      assertThat(p.awaitCaughtUp(AWAIT)).isTrue();
      PipelineStatus.SnapshotProgress done = status(p, t).snapshot();
      assertThat(done.percent()).isEqualTo(100);
      assertThat(done.etaMillis()).isZero();
      assertThat(gauge(registry, "tributary.table.snapshot.percent")).isEqualTo(100);
      assertThat(gauge(registry, "tributary.table.read.lag")).isBetween(0.0, 1e6);
      assertThat(gauge(registry, "tributary.table.end.to.end.latency"))
          .isBetween(0.0, 1e6);
    }
    assertThat(warehouse.rows("t")).containsExactlyInAnyOrderElementsOf(db.rows(t));
  }

  @Test
  void snapshot_withoutRowEstimates_countsChunks_andStagedChangesAreVisibleFromTheMerge() throws Exception {
    TableId t = table("t", 40);
    ForwardingChangeSource noEstimates = new ForwardingChangeSource(db.source()) {
      @Override
      public List<SnapshotChunk> planChunks(TableSchema table, io.tributary.sync.event.RowFilter filter, int size) {
        return super.planChunks(table, filter, size).stream().map(c -> c.withEstimatedRows(-1)).toList();
      }
    };
    OneChunkAtATime source = new OneChunkAtATime(noEstimates);
    try (SyncPipeline p = pipeline(source).fullSync(true).snapshotParallelism(1).build()) {
      p.start();
      p.awaitRunning(AWAIT);
      await().atMost(AWAIT).until(() -> status(p, t).chunksTotal() == 4);
      source.permits.release();
      await().atMost(AWAIT).until(() -> status(p, t).chunksDone() == 1);
      assertThat(status(p, t).snapshot().percent()).isEqualTo(25);
      assertThat(status(p, t).snapshot().estimatedRows()).isEqualTo(-1);

      // A change during the sync goes to staging: not visible, so not "committed to visible", until the merge.
      db.insert(t, 1000L, 1, "staged", null);
      long after = p.status().lastCheckpointId();
      await().atMost(AWAIT).until(() -> p.status().lastCheckpointId() > after + 1
          && status(p, t).inserts() == 1);
      pipelineClock.offset = Duration.ofSeconds(10);
      assertThat(status(p, t).dataLatencyMillis()).isEqualTo(-1);
      assertThat(status(p, t).lastWriteTime()).isNull();
      assertThat(status(p, t).lag().endToEndMillis()).isGreaterThanOrEqualTo(10_000L);

      source.permits.release(100);
      assertThat(p.awaitCaughtUp(AWAIT)).isTrue();
      assertThat(status(p, t).snapshot().percent()).isEqualTo(100);
      assertThat(status(p, t).dataLatencyMillis()).isBetween(10_000L, 13_000L); // visible from the merge
    }
  }

  /** A scrape (which binds the meters of tables seen since the last), then table t's gauge. */
  private static double gauge(SimpleMeterRegistry registry, String name) {
    registry.getMeters().forEach(m -> m.measure().forEach(x -> x.getValue()));
    return registry.get(name).tag("table", "t").gauge().value();
  }

  /** Reads one chunk per permit the test releases. */
  private static final class OneChunkAtATime extends ForwardingChangeSource {
    final Semaphore permits = new Semaphore(0);

    OneChunkAtATime(ChangeSource delegate) {
      super(delegate);
    }

    @Override
    public void readChunk(SnapshotChunk chunk, TableSchema schema, SnapshotSink sink) throws InterruptedException {
      permits.acquire();
      delegate().readChunk(chunk, schema, sink);
    }
  }
}
