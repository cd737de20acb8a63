package io.tributary.sync.internal;

import io.tributary.sync.TablePhase;
import java.util.List;

/**
 * Stops the tables of a batch the writer refused with a table-stopping error (a value only the writer cannot hold;
 * a backstop, since the sources refuse such values first), as a source-side refusal does: never the pipeline. A
 * staging batch holds one table's rows, so that table stops; a direct batch holds the rows of every streaming table
 * of its target (the shards of a virtual table), none of which were written, so all of them stop. Why its own class:
 * the engine's data path is being rebuilt into a decider, and this rule should move over as one piece.
 */
final class RefusedBatches {

  private RefusedBatches() {
  }

  static void stop(TableSet ts, Batcher.Refusal r) {
    String reason = "the writer refused a batch of " + r.target() + ": " + r.error().getMessage()
        + "; nothing of the batch was written. Re-sync the table once its values can be held";
    if (r.table() != null) {
      ts.blacklist(r.table(), r.error().code(), reason);
      return;
    }
    for (TableRuntime t : List.copyOf(ts.tables.values())) {
      if (t.target.equals(r.target()) && t.phase == TablePhase.STREAMING) {
        ts.blacklist(t, r.error().code(), reason);
      }
    }
  }
}
