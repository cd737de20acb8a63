package io.tributary.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.sync.event.TableId;
import io.tributary.sync.memory.MemoryCheckpointStore;
import io.tributary.sync.memory.MemoryDatabase;
import io.tributary.sync.memory.MemoryWarehouse;
import io.tributary.sync.memory.MemoryWriter;
import io.tributary.sync.spi.CheckpointStore;
import io.tributary.sync.testing.PipelineCrash;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Abandons pipelines at random points, with no orderly stop (a kill, or a crash inside the checkpoint protocol:
 * before the checkpoint is saved, or after it is saved but before the writer commits), then starts a new pipeline
 * over the same warehouse and checkpoint store. Writes go on throughout; the target must converge to the source
 * with nothing lost or duplicated.
 */
class CrashRecoveryRandomizedTest {

  static LongStream seeds() {
    return FullAndIncrementalRandomizedTest.seeds();
  }

  /** A store that "crashes the process" on a chosen save: before writing it, or right after. */
  static final class CrashingStore implements CheckpointStore {
    final MemoryCheckpointStore delegate = new MemoryCheckpointStore();
    volatile int crashAtSave = -1;
    volatile boolean afterSave;
    int saves;

    @Override
    public Optional<byte[]> load(String pipeline) {
      return delegate.load(pipeline);
    }

    @Override
    public synchronized void save(String pipeline, byte[] checkpoint) {
      if (++saves == crashAtSave) {
        if (afterSave) {
          delegate.save(pipeline, checkpoint);
        }
        throw new IllegalStateException("simulated crash " + (afterSave ? "after" : "before") + " save");
      }
      delegate.save(pipeline, checkpoint);
    }

    @Override
    public void clear(String pipeline) {
      delegate.clear(pipeline);
    }
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void randomKillsAndCheckpointCrashes_targetConvergesWithoutLossOrDuplicates(long seed) throws Exception {
    Random random = new Random(seed);
    MemoryDatabase db = new MemoryDatabase("src");
    List<TableId> tables = Workload.createTables(db, "app", List.of("a", "b"), 200, 200, random);
    MemoryWarehouse warehouse = new MemoryWarehouse();
    CrashingStore store = new CrashingStore();
    int chunkSize = 5 + random.nextInt(30);
    try (Workload w = new Workload(List.of(db), tables, seed, 2, 300).start()) {
      for (int round = 0; round < 4; round++) {
        SyncPipeline p = pipeline(db, warehouse, store, chunkSize, seed);
        boolean crashInCheckpoint = random.nextBoolean();
        if (crashInCheckpoint) {
          store.afterSave = random.nextBoolean();
          store.crashAtSave = store.saves + 1 + random.nextInt(4);
        }
        p.start();
        // the kill comes at a seeded point of the run's progress (from start-up through full sync and streaming),
        // or as soon as a crash inside a checkpoint has ended the run: the process is gone now, whatever happened
        PipelineCrash.killAt(p, random.nextInt(3), random.nextInt(1500));
        store.crashAtSave = -1;
      }
    }
    try (SyncPipeline last = pipeline(db, warehouse, store, chunkSize, seed)) {
      last.start();
      assertThat(last.awaitCaughtUp(Duration.ofSeconds(30))).as("caught up, seed %d", seed).isTrue();
      for (TableId t : tables) {
        assertThat(warehouse.rows(t.table())).as("table %s, seed %d", t, seed)
            .containsExactlyInAnyOrderElementsOf(Workload.expected(db, t, List.of()));
      }
    }
  }

  private static SyncPipeline pipeline(MemoryDatabase db, MemoryWarehouse warehouse, CheckpointStore store,
      int chunkSize, long seed) {
    return SyncPipeline.builder().name("crash").source(new SlowSnapshotSource(db.source(), seed)).fullSync(true)
        .writer(new MemoryWriter(warehouse)).checkpointStore(store).snapshotChunkSize(chunkSize)
        .snapshotParallelism(2).batchSize(16).commitInterval(Duration.ofMillis(30)).build();
  }
}
