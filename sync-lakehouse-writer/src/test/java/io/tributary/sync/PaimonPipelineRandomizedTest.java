package io.tributary.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.paimon.PaimonTableReader;
import io.tributary.paimon.PaimonWriter;
import io.tributary.sync.event.TableId;
import io.tributary.sync.memory.MemoryCheckpointStore;
import io.tributary.sync.memory.MemoryDatabase;
import io.tributary.sync.testing.PipelineCrash;
import io.tributary.sync.testing.Seeds;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The core's randomized scenario with Paimon as the target: the in-memory database as source, concurrent inserts,
 * updates, deletes, key reuse and truncates while a full sync runs with slow chunk reads, pipelines killed at random
 * points and restarted; the Paimon tables, read with Paimon's own reader, must equal the source row for row.
 * (In package {@code io.tributary.sync} to reuse the core test-jar's workload.) Seeds print on failure; re-run one
 * with {@code -Dtributary.seed=N}.
 */
class PaimonPipelineRandomizedTest {

  @TempDir
  Path dir;

  static LongStream seeds() {
    return Seeds.of(3);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void fullSyncUnderWrites_withKills_paimonEqualsSource(long seed) throws Exception {
    Random random = new Random(seed);
    MemoryDatabase db = new MemoryDatabase("src");
    List<TableId> tables = Workload.createTables(db, "app", List.of("a", "b"), 100, 200, random);
    MemoryCheckpointStore store = new MemoryCheckpointStore();
    List<ExtendedField> ext = List.of(ExtendedField.TABLE_NAME);
    try (Workload w = new Workload(List.of(db), tables, seed, 2, 300).start()) {
      for (int round = 0; round < 2; round++) {
        SyncPipeline p = pipeline(db, store, seed, ext);
        p.start();
        // killed at a seeded point of the run's progress (start-up, full sync or streaming), not of the clock
        PipelineCrash.killAt(p, random.nextInt(4), random.nextInt(1500));
      }
    }
    try (SyncPipeline last = pipeline(db, store, seed, ext)) {
      last.start();
      assertThat(last.awaitCaughtUp(Duration.ofSeconds(60))).as("caught up, seed %d", seed).isTrue();
      last.stop();
    }
    try (PaimonTableReader lake = PaimonTableReader.open(dir.resolve("warehouse"), "lake")) {
      for (TableId t : tables) {
        assertThat(lake.read(t.table())).as("table %s, seed %d", t, seed)
            .containsExactlyInAnyOrderElementsOf(Workload.expected(db, t, ext));
      }
    }
  }

  /** One pipeline object and one writer across a failover and a stop/start, as a host application drives it. */
  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void onePipelineAcrossFailoverAndStopStart_paimonEqualsSource(long seed) throws Exception {
    Random random = new Random(seed);
    MemoryDatabase db = new MemoryDatabase("src");
    List<TableId> tables = Workload.createTables(db, "app", List.of("a", "b"), 100, 200, random);
    List<ExtendedField> ext = List.of(ExtendedField.TABLE_NAME);
    try (SyncPipeline p = pipeline(db, new MemoryCheckpointStore(), seed, ext)) {
      try (Workload w = new Workload(List.of(db), tables, seed, 2, 300).start()) {
        // Each step waits for progress, not for time: the run's reads, then the writes' progress in between.
        p.start();
        awaitRead(p, 1 + random.nextInt(1500));
        db.failNextLogRead(SyncException.of(ErrorCode.CONNECTION_LOST, "connection reset (simulated)", null));
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(10))
            .until(() -> p.status().failovers() > 0);
        assertThat(p.status().failovers()).as("failovers, seed %d", seed).isEqualTo(1);
        awaitWrites(w, random.nextInt(2_000)); // the run after the failover reads on
        p.stop();
        awaitWrites(w, random.nextInt(1_000)); // changes made while the pipeline is stopped
        p.start();
        awaitRead(p, 1 + random.nextInt(1500)); // (a full sync under these writes would not end: Paimon is slower)
      }
      assertThat(p.awaitCaughtUp(Duration.ofSeconds(60))).as("caught up, seed %d", seed).isTrue();
      assertThat(p.status().state()).isEqualTo(PipelineState.RUNNING);
    }
    try (PaimonTableReader lake = PaimonTableReader.open(dir.resolve("warehouse"), "lake")) {
      for (TableId t : tables) {
        assertThat(lake.read(t.table())).as("table %s, seed %d", t, seed)
            .containsExactlyInAnyOrderElementsOf(Workload.expected(db, t, ext));
      }
    }
  }

  /** Waits until this run of the pipeline has read {@code records} records (log events and snapshot rows). */
  private static void awaitRead(SyncPipeline p, long records) {
    await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(5))
        .until(() -> p.status().state() == PipelineState.RUNNING && p.status().recordsRead() >= records);
  }

  private static void awaitWrites(Workload w, long more) {
    long until = w.operations.get() + more;
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(5)).until(() -> w.operations.get() >= until);
  }

  private SyncPipeline pipeline(MemoryDatabase db, MemoryCheckpointStore store, long seed, List<ExtendedField> ext) {
    return SyncPipeline.builder().name("paimon-random").source(new SlowSnapshotSource(db.source(), seed))
        .extendedFields(ext.toArray(ExtendedField[]::new)).fullSync(true).snapshotChunkSize(25)
        .commitInterval(Duration.ofMillis(150)).checkpointStore(store)
        .writer(PaimonWriter.builder().warehouse(dir.resolve("warehouse")).database("lake").buckets(2).build())
        .build();
  }
}
