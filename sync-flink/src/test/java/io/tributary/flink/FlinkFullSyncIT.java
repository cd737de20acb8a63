package io.tributary.flink;

import static io.tributary.flink.FlinkIt.awaitEqual;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.Random;
import org.apache.flink.core.execution.JobClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A MariaDB database full-synced into Paimon by a Flink job on a MiniCluster at parallelism 2 (two source readers
 * sharing the snapshot chunks, one decider, two writer subtasks keyed by target), with inserts, updates and deletes
 * running while the snapshot is read; the Paimon tables must then equal the source row for row.
 */
class FlinkFullSyncIT {

  @RegisterExtension
  static final FlinkIt IT = new FlinkIt();

  @Test
  void fullSyncUnderConcurrentWrites_paimonEqualsSourceRowByRow() throws Exception {
    long seed = Long.getLong("tributary.seed", System.nanoTime());
    System.out.println("FlinkFullSyncIT.fullSync seed=" + seed + " (re-run with -Dtributary.seed=" + seed + ")");
    syncAndCompare("flink_full", seed, false);
  }

  /**
   * A reader fails once in the middle of a chunk (some of its rows already went downstream) and a writer subtask
   * fails once at a staging write, then, once the tables stream, a writer fails once more at a streaming write: Flink
   * restarts the job from its last checkpoint each time (enumerator, readers, decider and writers restore together),
   * and the target ends equal to the source each time: nothing lost, nothing doubled.
   */
  @Test
  void readerAndWriterFailMidSnapshot_restoredFromCheckpoint_paimonEqualsSource() throws Exception {
    long seed = Long.getLong("tributary.seed", System.nanoTime());
    System.out.println("FlinkFullSyncIT.restore seed=" + seed + " (re-run with -Dtributary.seed=" + seed + ")");
    Faults.FAIL_CHUNK.set(9);
    // Low enough to come in every run: the decider batches by time, so a fast run stages the whole snapshot in as
    // few as 5 writes (12 was missed in such runs, seed 38029002494265).
    Faults.FAIL_STAGING_WRITE.set(3);
    syncAndCompare("flink_restore", seed, true);
    assertThat(Faults.CHUNK_FAILED).as("the reader fault fired").isTrue();
    assertThat(Faults.WRITE_FAILED).as("the staging writer fault fired (%d staging writes)", Faults.STAGING_WRITES.get()).isTrue();
    assertThat(Faults.DIRECT_WRITE_FAILED).as("the streaming writer fault fired").isTrue();
  }

  /**
   * The job stops with a savepoint in the middle of the snapshot (chunk reads from index 6 on are held, so some
   * chunks are done, some in readers' state, some unassigned), the source keeps changing while it is stopped, and a
   * new job resumes from the savepoint: the snapshot completes where it stopped and the target equals the source.
   */
  @Test
  void stopWithSavepointMidSnapshot_resume_paimonEqualsSource() throws Exception {
    long seed = Long.getLong("tributary.seed", System.nanoTime());
    System.out.println("FlinkFullSyncIT.savepoint seed=" + seed + " (re-run with -Dtributary.seed=" + seed + ")");
    String db = "flink_savepoint";
    Shop.createMariaDb(db);
    String warehouse = IT.warehouse();
    Faults.HOLD_CHUNKS_FROM.set(6);
    JobClient first = IT.start(TributaryFlink.job(Shop.mariaDb(db, warehouse, seed)), "flink-savepoint-1");
    await().atMost(FlinkIt.WAIT).until(() -> Faults.HELD.get() >= 2); // both readers wait inside a chunk
    Shop.mariaDbWrites(db, new Random(seed), 100);
    String savepoint = IT.stopWithSavepoint(first);
    Faults.HOLD_CHUNKS_FROM.set(-1);
    Faults.gate.countDown();
    Shop.mariaDbWrites(db, new Random(seed + 1), 100); // while no job runs: read from the saved log position
    JobClient second = IT.start(TributaryFlink.job(Shop.mariaDb(db, warehouse, seed)), "flink-savepoint-2",
        savepoint);
    Shop.mariaDbWrites(db, new Random(seed + 2), 100);
    awaitEqual(second, warehouse, MariaDb.of(db), "items", "orders");
  }

  private void syncAndCompare(String db, long seed, boolean failWhileStreaming) throws Exception {
    Shop.createMariaDb(db);
    String warehouse = IT.warehouse();
    JobClient job = IT.start(TributaryFlink.job(Shop.mariaDb(db, warehouse, seed)), "flink-" + db);
    FlinkIt.awaitTables(warehouse, "items", "orders");
    Random random = new Random(seed);
    Shop.mariaDbWrites(db, random, 200); // and more while streaming
    awaitEqual(job, warehouse, MariaDb.of(db), "items", "orders");
    if (failWhileStreaming) {
      Faults.DIRECT_WRITES.set(0);
      Faults.FAIL_DIRECT_WRITE.set(2);
      Shop.mariaDbWrites(db, random, 150);
      awaitEqual(job, warehouse, MariaDb.of(db), "items", "orders");
    }
  }
}
