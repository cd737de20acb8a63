package io.tributary.sync.internal;

import io.tributary.sync.ErrorCode;
import io.tributary.sync.SyncException;
import io.tributary.sync.TablePhase;
import java.util.List;

/**
 * Stops the tables of a batch the writer refused with a table-stopping error (a value only the writer cannot hold;
 * a backstop, since the sources refuse such values first), as a source-side refusal does: never the pipeline.
 *
 * <p>How, and why so: the refusal ends the run as a crash would ({@link Refused}), before any later effect runs, so
 * no checkpoint can record the refused rows' tables as written past them. The supervisor restarts at once from the
 * last checkpoint and hands the refusals to the new run's decider ({@link Input.WritesRefused}), which stops those
 * tables before anything is written. A staging batch holds one table's rows, so that table stops; a direct batch
 * holds the rows of every streaming table of its target (the shards of a virtual table), none of which were
 * written, so all of them stop. A crash before the next checkpoint replays the rows, which are refused again.
 */
final class RefusedBatches {

  /**
   * A batch the writer refused whole with an error whose action is {@code TABLE_STOPPED}.
   *
   * @param staging the staging area written, or null for a direct batch of {@code target}
   */
  record Refusal(String target, String staging, SyncException error) {
  }

  /** The run ends with this: the supervisor restarts with the refusal, not as a failure. */
  static final class Refused extends RuntimeException {

    private static final long serialVersionUID = 1L;
    private final transient Refusal refusal;

    Refused(Refusal refusal) {
      super("the writer refused a batch of " + refusal.target() + ": " + refusal.error().getMessage(),
          refusal.error());
      this.refusal = refusal;
    }

    Refusal refusal() {
      return refusal;
    }
  }

  private RefusedBatches() {
  }

  /** What to throw for a writer's failure: a {@link Refused} when it stops tables, else the failure itself. */
  static RuntimeException refusedOr(SyncException e, String target, String staging) {
    return e.code().action() == ErrorCode.Action.TABLE_STOPPED ? new Refused(new Refusal(target, staging, e)) : e;
  }

  /** Decider side: stops the refused batch's tables. */
  static void stop(TableSet ts, Refusal r) {
    String reason = "the writer refused a batch of " + r.target() + ": " + r.error().getMessage()
        + "; nothing of the batch was written. Re-sync the table once its values can be held";
    for (TableRuntime t : List.copyOf(ts.tables.values())) {
      boolean staged = r.staging() != null && r.staging().equals(t.staging) && t.target.equals(r.target());
      boolean direct = r.staging() == null && t.target.equals(r.target()) && t.phase == TablePhase.STREAMING;
      if (staged || direct) {
        ts.blacklist(t, r.error().code(), reason);
      }
    }
  }
}
