package io.tributary.sync;

import io.tributary.paimon.PaimonTableReader;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.paimon.PaimonWriter;
import io.tributary.sync.event.TableId;
import io.tributary.sync.event.TableSchema;
import io.tributary.sync.memory.MemoryCheckpointStore;
import io.tributary.sync.memory.MemoryDatabase;
import io.tributary.sync.spi.ChangeSource;
import io.tributary.sync.spi.ChangeWriter;
import io.tributary.sync.spi.ForwardingChangeSource;
import io.tributary.sync.spi.ForwardingChangeWriter;
import io.tributary.sync.spi.RowBatch;
import io.tributary.sync.spi.SnapshotChunk;
import io.tributary.sync.spi.SnapshotSink;
import io.tributary.sync.testing.Seeds;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 18.4: two pipelines writing one Paimon database. The second starts fresh while the first is in the middle
 * of its full sync, with staged rows not yet in any checkpoint; then the first is killed and restarted. Both targets
 * must equal their sources row for row (the second's recovery used to drop the first's staging table, and the
 * first's restart then skipped the missing table's committed chunks).
 */
class SharedDatabasePipelineTest {

  private static final List<ExtendedField> EXT = List.of();

  @TempDir
  Path dir;

  static LongStream seeds() {
    return Seeds.of(2);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void secondPipelineStartsWhileFirstIsStaging_thenFirstRestarts_bothTargetsEqualTheirSources(long seed)
      throws Exception {
    Random random = new Random(seed);
    MemoryDatabase db1 = new MemoryDatabase("src1");
    MemoryDatabase db2 = new MemoryDatabase("src2");
    List<TableId> tables1 = Workload.createTables(db1, "app", List.of("orders"), 300, 300, random);
    List<TableId> tables2 = Workload.createTables(db2, "app", List.of("users"), 300, 300, random);
    MemoryCheckpointStore store1 = new MemoryCheckpointStore();
    GateWriter gate = new GateWriter(writer());
    CountDownLatch laterChunks = new CountDownLatch(1);
    SyncPipeline first = pipeline("first", new ChunkGateSource(db1.source(), 3, laterChunks), store1, gate);
    try (Changes w = new Changes(List.of(db1, db2), List.of(tables1.get(0), tables2.get(0)), seed)) {
      first.start();
      assertThat(gate.blocked.await(30, TimeUnit.SECONDS)).as("first pipeline staged rows, seed %d", seed).isTrue();
      try (SyncPipeline second = pipeline("second", new SlowSnapshotSource(db2.source(), seed),
          new MemoryCheckpointStore(), writer())) {
        second.start();
        // RUNNING: its writer's open, where recovery cleans up staging tables, is done.
        await().atMost(Duration.ofSeconds(30)).until(() -> second.status().state() == PipelineState.RUNNING);
        gate.release.countDown();
        // The first pipeline checkpoints its staged chunks (or fails trying); it is killed in the middle of staging.
        await().atMost(Duration.ofSeconds(30)).until(() -> gate.commits.get() > 0
            || first.status().state() != PipelineState.RUNNING);
        first.kill();
        laterChunks.countDown();
        w.close();
        assertThat(second.awaitCaughtUp(Duration.ofSeconds(60))).as("second caught up, seed %d", seed).isTrue();
        try (SyncPipeline restarted = pipeline("first", new SlowSnapshotSource(db1.source(), seed), store1,
            writer())) {
          restarted.start();
          assertThat(restarted.awaitCaughtUp(Duration.ofSeconds(60))).as("first caught up, seed %d", seed).isTrue();
          assertThat(restarted.status().state()).isEqualTo(PipelineState.RUNNING);
        }
      }
    }
    try (PaimonTableReader lake = PaimonTableReader.open(dir.resolve("warehouse"), "lake")) {
      assertThat(lake.read("orders")).as("first pipeline's target, seed %d", seed)
          .containsExactlyInAnyOrderElementsOf(Workload.expected(db1, tables1.get(0), EXT));
      assertThat(lake.read("users")).as("second pipeline's target, seed %d", seed)
          .containsExactlyInAnyOrderElementsOf(Workload.expected(db2, tables2.get(0), EXT));
    }
  }

  @org.junit.jupiter.api.Test
  void twoPipelinesWithTheSameTarget_secondFailsNamingTheOwner_firstIsUntouched() throws Exception {
    Random random = new Random(1);
    MemoryDatabase db1 = new MemoryDatabase("src1");
    MemoryDatabase db2 = new MemoryDatabase("src2");
    List<TableId> tables1 = Workload.createTables(db1, "app", List.of("orders"), 50, 50, random);
    Workload.createTables(db2, "app", List.of("orders"), 50, 50, random);
    try (SyncPipeline first = pipeline("first", db1.source(), new MemoryCheckpointStore(), writer());
         SyncPipeline second = pipeline("second", db2.source(), new MemoryCheckpointStore(), writer())) {
      first.start();
      assertThat(first.awaitCaughtUp(Duration.ofSeconds(30))).isTrue();
      second.start();
      await().atMost(Duration.ofSeconds(30)).until(() -> second.status().state() == PipelineState.FAILED);
      assertThat(second.status().failure()).contains("lake.orders belongs to pipeline 'first'")
          .contains("PaimonWriterBuilder.database");
      db1.insert(tables1.get(0), 1000L, 1, "after", java.math.BigDecimal.valueOf(100, 2));
      assertThat(first.awaitCaughtUp(Duration.ofSeconds(30))).isTrue();
      assertThat(first.status().state()).isEqualTo(PipelineState.RUNNING);
    }
    try (PaimonTableReader lake = PaimonTableReader.open(dir.resolve("warehouse"), "lake")) {
      assertThat(lake.read("orders")).containsExactlyInAnyOrderElementsOf(Workload.expected(db1, tables1.get(0), EXT));
    }
  }

  private ChangeWriter writer() {
    return PaimonWriter.builder().warehouse(dir.resolve("warehouse")).database("lake").buckets(2).build();
  }

  private static SyncPipeline pipeline(String name, ChangeSource source, MemoryCheckpointStore store,
      ChangeWriter writer) {
    return SyncPipeline.builder().name(name).source(source).fullSync(true)
        .snapshotChunkSize(25).commitInterval(Duration.ofMillis(150)).checkpointStore(store).writer(writer).build();
  }

  /**
   * 400 upserts, updates and deletes on the sources (bounded, so most snapshot rows stay untouched and a lost chunk
   * shows); unlike {@link Workload}, no truncates, which would
   * restart the full sync (and drop its staging table) before the scenario gets to the restart.
   */
  private static final class Changes implements AutoCloseable {
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;

    Changes(List<MemoryDatabase> dbs, List<TableId> tables, long seed) {
      Random random = new Random(seed * 31);
      thread = new Thread(() -> {
        for (int n = 0; n < 400 && running.get(); n++) {
          int which = random.nextInt(tables.size());
          MemoryDatabase db = dbs.get(which);
          TableId table = tables.get(which);
          long key = random.nextInt(700);
          int op = random.nextInt(10);
          if (op < 5) {
            db.upsert(table, key, random.nextInt(1000), "w" + random.nextInt(1000),
                java.math.BigDecimal.valueOf(random.nextInt(100000), 2));
          } else if (op < 7) {
            db.delete(table, key);
          } else {
            db.update(table, key, random.nextInt(1000), null, null);
          }
          if (random.nextInt(20) == 0) {
            Thread.yield();
          }
        }
      }, "changes");
      thread.start();
    }

    @Override
    public void close() throws InterruptedException {
      running.set(false);
      thread.join();
    }
  }

  /** Holds the first checkpoint after staged rows until released: the staging table exists without a snapshot. */
  private static final class GateWriter extends ForwardingChangeWriter {
    final CountDownLatch blocked = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);
    final AtomicInteger commits = new AtomicInteger();
    private final AtomicBoolean staged = new AtomicBoolean();

    GateWriter(ChangeWriter delegate) {
      super(delegate);
    }

    @Override
    public void writeStaging(String target, String staging, RowBatch batch) {
      super.writeStaging(target, staging, batch);
      staged.set(true);
    }

    @Override
    public byte[] prepareCommit(long checkpointId) {
      if (staged.get() && blocked.getCount() > 0) {
        blocked.countDown();
        try {
          release.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw SyncException.of(ErrorCode.INTERRUPTED, "interrupted at the test's gate", e);
        }
      }
      return super.prepareCommit(checkpointId);
    }

    @Override
    public void commit(long checkpointId, byte[] committable) {
      super.commit(checkpointId, committable);
      commits.incrementAndGet();
    }
  }

  /** Reads chunks before {@code open} at once and holds later ones until released: a full sync in progress. */
  private static final class ChunkGateSource extends ForwardingChangeSource {
    private final int open;
    private final CountDownLatch release;

    ChunkGateSource(ChangeSource delegate, int open, CountDownLatch release) {
      super(delegate);
      this.open = open;
      this.release = release;
    }

    @Override
    public void readChunk(SnapshotChunk chunk, TableSchema schema, SnapshotSink sink) throws InterruptedException {
      if (chunk.index() >= open) {
        release.await();
      }
      delegate().readChunk(chunk, schema, sink);
    }
  }
}
