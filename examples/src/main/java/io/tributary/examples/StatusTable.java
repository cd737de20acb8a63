package io.tributary.examples;

import io.tributary.sync.PipelineStatus;
import io.tributary.sync.SyncPipeline;
import java.time.Duration;

/** Prints a pipeline's status as the examples' live table: pipeline line, then one line per table. */
final class StatusTable {

  private StatusTable() {
  }

  /**
   * Prints the status every {@code every} while {@code workload} runs, then waits until the pipeline has caught up
   * and prints it once more.
   *
   * @throws IllegalStateException if it has not caught up within {@code catchUp}
   */
  static void follow(SyncPipeline pipeline, Thread workload, Duration every, Duration catchUp)
      throws InterruptedException {
    while (workload.isAlive()) {
      print(pipeline.status());
      Thread.sleep(every.toMillis());
    }
    if (!pipeline.awaitCaughtUp(catchUp)) {
      throw new IllegalStateException("not caught up: " + pipeline.status());
    }
    print(pipeline.status());
  }

  static void print(PipelineStatus s) {
    System.out.printf("%n%-8s %-12s read %,9d (%,8.0f/s)  written %,9d (%,8.0f/s)  checkpoint %3d  failovers %d%n",
        s.state(), s.phase(), s.recordsRead(), s.readRate(), s.recordsWritten(), s.writeRate(),
        s.lastCheckpointId(), s.failovers());
    System.out.printf("  %-30s %-12s %-9s %9s %8s %8s %8s %7s%n", "table", "phase", "chunks", "snapshot", "inserts",
        "updates", "deletes", "lat ms");
    for (PipelineStatus.TableStatus t : s.tables()) {
      System.out.printf("  %-30s %-12s %4d/%-4d %,9d %,8d %,8d %,8d %7d%n", t.table(), t.phase(), t.chunksDone(),
          t.chunksTotal(), t.snapshotRows(), t.inserts(), t.updates(), t.deletes(), t.dataLatencyMillis());
    }
  }
}
