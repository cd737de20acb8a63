package io.tributary.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.tributary.sync.testing.Seeds;
import io.tributary.sync.event.Row;
import io.tributary.sync.event.RowFilter;
import io.tributary.sync.event.TableId;
import io.tributary.sync.memory.MemoryCheckpointStore;
import io.tributary.sync.memory.MemoryDatabase;
import io.tributary.sync.memory.MemoryWarehouse;
import io.tributary.sync.memory.MemoryWriter;
import io.tributary.sync.spi.ChangeWriter;
import io.tributary.sync.spi.ForwardingChangeWriter;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** Verify and repair on the in-memory database and warehouse: damage made directly in the target, found and fixed. */
class VerifyTest {

  private static final int ROWS = 400;
  private static final int CHUNK = 25;

  private final MemoryDatabase db = new MemoryDatabase("src", java.time.Clock.systemUTC());
  private final MemoryWarehouse warehouse = new MemoryWarehouse();
  private final MemoryCheckpointStore store = new MemoryCheckpointStore();
  private final List<SyncEvent> events = new CopyOnWriteArrayList<>();

  private TableId table(long seed) {
    db.createTable(Workload.table(db, "app", "a"));
    TableId id = db.tableId("app", "app", "a");
    Workload.preload(db, id, ROWS, new Random(seed));
    return id;
  }

  private SyncPipeline start(ChangeWriter writer) throws InterruptedException {
    return start(writer, store);
  }

  private SyncPipeline start(ChangeWriter writer, MemoryCheckpointStore checkpoints) throws InterruptedException {
    SyncPipeline p = SyncPipeline.builder().name("verify").source(db.source()).writer(writer)
        .checkpointStore(checkpoints)
        .commitInterval(Duration.ofMillis(20)).snapshotChunkSize(CHUNK).fullSync(true).listener(events::add).build();
    p.start();
    assertThat(p.awaitCaughtUp(Duration.ofSeconds(20))).isTrue();
    return p;
  }

  @Test
  void verify_cleanTable_reportsNoMismatch() throws Exception {
    TableId a = table(1);
    try (SyncPipeline p = start(new MemoryWriter(warehouse))) {
      VerifyReport report = p.verify(a).get(30, TimeUnit.SECONDS);
      assertThat(report.mismatches()).isEmpty();
      assertThat(report.clean()).isTrue();
      assertThat(report.chunksTotal()).isEqualTo(ROWS / CHUNK);
      assertThat(report.sourceRows()).isEqualTo(ROWS);
      assertThat(report.targetRows()).isEqualTo(ROWS);
      assertThat(p.status().verification(a).orElseThrow().state()).isEqualTo(VerifyStatus.State.DONE);
    }
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(events) // delivered in order, on their thread
        .anyMatch(e -> e instanceof SyncEvent.VerifyFinished f && f.report().clean()));
    assertThat(events).noneMatch(e -> e instanceof SyncEvent.VerifyMismatch);
  }

  @Test
  void verify_damagedTarget_reportsExactlyTheAffectedChunks_repairRestoresEquality() throws Exception {
    long seed = Seeds.one();
    Random random = new Random(seed);
    TableId a = table(seed);
    try (SyncPipeline p = start(new MemoryWriter(warehouse))) {
      Set<Long> damaged = damage(random);
      VerifyReport report = p.verify(a).get(30, TimeUnit.SECONDS);
      assertExactly(report.mismatches(), damaged, "seed " + seed);
      // Listeners are called on the notifier thread: the events may trail the report.
      await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(events.stream()
          .filter(e -> e instanceof SyncEvent.VerifyMismatch).count()).as("seed %d", seed)
          .isEqualTo(report.mismatches().size()));
      assertThat(p.status().verification(a).orElseThrow().mismatches()).isEqualTo(report.mismatches());

      VerifyReport repaired = p.repair(a).get(30, TimeUnit.SECONDS);
      assertThat(repaired.repaired()).isTrue();
      assertThat(repaired.remaining()).as("seed %d", seed).isEmpty();
      assertThat(repaired.clean()).isTrue();
      assertThat(warehouse.rows("a")).as("seed %d", seed).containsExactlyInAnyOrderElementsOf(db.rows(a));
      assertThat(p.verify(a).get(30, TimeUnit.SECONDS).mismatches()).isEmpty();
    }
  }

  @Test
  void verify_whileWritesGoOn_reportsNoFalseMismatch_butFindsRealDamage() throws Exception {
    long seed = Seeds.one();
    TableId a = table(seed);
    try (SyncPipeline p = start(new MemoryWriter(warehouse))) {
      AtomicBoolean running = new AtomicBoolean(true);
      Thread writes = new Thread(() -> {
        Random random = new Random(seed);
        while (running.get()) {
          long key = random.nextInt(ROWS / 2); // the upper half is left alone: damage there stays
          int op = random.nextInt(3);
          try {
            if (op == 0) {
              db.upsert(a, key, random.nextInt(1000), "w" + random.nextInt(99), BigDecimal.valueOf(random.nextInt(99)));
            } else if (op == 1) {
              db.delete(a, key);
            } else {
              db.update(a, key, random.nextInt(1000), "u", null);
            }
          } catch (IllegalStateException ignored) {
            // no such key
          }
          java.util.concurrent.locks.LockSupport.parkNanos(20_000); // a busy table, not a spinning one
        }
      }, "writes");
      writes.start();
      try {
        for (int round = 0; round < 2; round++) {
          VerifyReport report = p.verify(a).get(60, TimeUnit.SECONDS);
          assertThat(report.mismatches()).as("seed %d round %d", seed, round).isEmpty();
          System.out.printf("seed %d round %d: %d rows compared, %d keys unsettled%n", seed, round,
              report.sourceRows(), report.unsettledKeys());
        }
        long damaged = ROWS / 2 + new Random(seed).nextInt(ROWS / 2);
        warehouse.deleteDirectly("a", Row.of(damaged));
        assertExactly(p.verify(a).get(60, TimeUnit.SECONDS).mismatches(), Set.of(damaged), "seed " + seed);
      } finally {
        running.set(false);
        writes.join();
      }
    }
  }

  @Test
  void verify_stoppedPartWay_resumesFromItsLastFinishedChunk() throws Exception {
    TableId a = table(3);
    SyncPipeline p = start(new MemoryWriter(warehouse));
    try {
      warehouse.deleteDirectly("a", Row.of(5L)); // in the first chunk, compared before the stop
      var first = p.verify(a, VerifyOptions.defaults().withMaxRowsPerSecond(400));
      await().atMost(Duration.ofSeconds(20))
          .until(() -> p.status().verification(a).map(VerifyStatus::chunksDone).orElse(0) >= 2);
      p.stop();
      assertThatThrownBy(() -> first.get(30, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
          .hasCauseInstanceOf(PipelineNotRunningException.class);
      assertThat(p.status().verification(a).orElseThrow().state()).isEqualTo(VerifyStatus.State.FAILED);
      p.start();
      assertThat(p.awaitCaughtUp(Duration.ofSeconds(20))).isTrue();
      VerifyReport report = p.verify(a).get(30, TimeUnit.SECONDS);
      assertThat(report.resumed()).isTrue();
      assertThat(report.sourceRows()).isLessThan(ROWS); // the chunks done before the stop were not read again
      assertExactly(report.mismatches(), Set.of(5L), "resumed");
      VerifyReport fresh = p.verify(a, VerifyOptions.defaults().withResume(false)).get(30, TimeUnit.SECONDS);
      assertThat(fresh.resumed()).isFalse();
      assertThat(fresh.sourceRows()).isEqualTo(ROWS);
    } finally {
      p.close();
    }
  }

  @Test
  void verify_pausedTable_orWriterWithoutScan_failsWithItsCode() throws Exception {
    TableId a = table(4);
    try (SyncPipeline p = start(new MemoryWriter(warehouse))) {
      p.pause(a).get(5, TimeUnit.SECONDS);
      assertThatThrownBy(() -> p.verify(a).get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(VerifyException.class)
          .cause().satisfies(e -> assertThat(((VerifyException) e).code())
              .isEqualTo(ErrorCode.VERIFY_TABLE_NOT_STREAMING)).hasMessageContaining("PAUSED");
    }
    ChangeWriter noScan = new ForwardingChangeWriter(new MemoryWriter(new MemoryWarehouse())) {
      @Override
      public Set<Capability> capabilities() {
        return EnumSet.complementOf(EnumSet.of(Capability.SCAN));
      }
    };
    try (SyncPipeline p = start(noScan, new MemoryCheckpointStore())) {
      assertThatThrownBy(() -> p.verify(a).get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(VerifyException.class)
          .cause().satisfies(e -> assertThat(((VerifyException) e).code()).isEqualTo(ErrorCode.VERIFY_UNSUPPORTED))
          .hasMessageContaining("SCAN");
    }
  }

  /** Deletes, alters and inserts target rows directly; returns the keys touched. */
  private Set<Long> damage(Random random) {
    Set<Long> keys = new HashSet<>();
    for (int i = 0; i < 3; i++) {
      long k = random.nextInt(ROWS);
      warehouse.deleteDirectly("a", Row.of(k));
      keys.add(k);
    }
    for (int i = 0; i < 3; i++) {
      long k = random.nextInt(ROWS);
      if (keys.add(k)) {
        warehouse.putDirectly("a", Row.of(k, -1, "tampered", BigDecimal.ONE.setScale(2)));
      }
    }
    long stray = ROWS + random.nextInt(1000);
    warehouse.putDirectly("a", Row.of(stray, 1, "stray", null));
    keys.add(stray);
    return keys;
  }

  /** Every damaged key lies in a reported chunk, and every reported chunk holds a damaged key. */
  static void assertExactly(List<VerifyReport.ChunkMismatch> mismatches, Set<Long> damaged, String as) {
    List<Long> covered = new ArrayList<>();
    for (VerifyReport.ChunkMismatch m : mismatches) {
      List<Long> inside = damaged.stream().filter(k -> contains(m, k)).toList();
      assertThat(inside).as("%s: chunk %s holds no damaged key of %s", as, m, damaged).isNotEmpty();
      assertThat(m.differingKeys()).as(as).isEqualTo(inside.size());
      covered.addAll(inside);
    }
    assertThat(covered).as("%s: damaged keys in reported chunks %s", as, mismatches)
        .containsExactlyInAnyOrderElementsOf(damaged);
  }

  private static boolean contains(VerifyReport.ChunkMismatch m, long key) {
    return (m.lowerInclusive() == null || ((Number) m.lowerInclusive().get(0)).longValue() <= key)
        && (m.upperExclusive() == null || key < ((Number) m.upperExclusive().get(0)).longValue());
  }
}
