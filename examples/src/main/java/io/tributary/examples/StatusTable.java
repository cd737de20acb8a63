package io.tributary.examples;

import io.tributary.sync.PipelineStatus;

/** Prints a pipeline's status as the examples' live table: pipeline line, then one line per table. */
final class StatusTable {

  private StatusTable() {
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
