package io.tributary.sync.internal;

import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * Commit points: collects the reasons to commit that fall due (a merge is ready, the interval, idle sources) into
 * the run's {@link CommitPolicy}, and cuts when one is wanted and every source stands between transactions (or the
 * wait outgrew the buffer budget). Why its own class: the commit policy is one of the engine's jobs (issue 12: table
 * lifecycle, data path, merge trigger, commit policy); the pure rules live in {@link CommitPolicy}, and this class
 * applies them at the cut with the same order of effects as before (held commands, merges, checkpoint). Part of the
 * {@link Decider}: time comes from its inputs.
 */
final class Cuts {

  private final PipelineConfig config;
  private final SourceCursors cursors;
  private final HeldCommands commands;
  private final MergeTrigger merges;
  private final Checkpointer checkpointer;
  private final BooleanSupplier uncommitted;
  private final Suspension suspension;
  private final LongSupplier now;
  private CommitPolicy policy;
  /** The stop's final checkpoint was cut: the run ends. */
  private boolean finished;

  Cuts(PipelineConfig config, SourceCursors cursors, HeldCommands commands, MergeTrigger merges,
      Checkpointer checkpointer, BooleanSupplier uncommitted, Suspension suspension, LongSupplier now) {
    this.config = config;
    this.suspension = suspension;
    this.now = now;
    this.cursors = cursors;
    this.commands = commands;
    this.merges = merges;
    this.checkpointer = checkpointer;
    this.uncommitted = uncommitted;
    restart();
  }

  /** A fresh policy, its interval counted from now (the run loop starts). */
  void restart() {
    policy = new CommitPolicy(config.commitInterval().toMillis(), config.bufferMemoryBytes(), now());
  }

  CommitPolicy policy() {
    return policy;
  }

  boolean finished() {
    return finished;
  }

  /** Wants a cut for each reason that fell due: a merge is ready, the interval passed, every source is idle. */
  void wantDue(boolean allDrained) {
    if (merges.mergeReady()) {
      policy.want(CommitPolicy.Reason.MERGE);
    }
    if (policy.intervalDue(now())) {
      policy.want(CommitPolicy.Reason.INTERVAL);
    }
    if (allDrained && policy.idleDue(now(), true, uncommitted.getAsBoolean())) {
      policy.want(CommitPolicy.Reason.IDLE);
    }
  }

  /**
   * Cuts a wanted checkpoint if every source stands between transactions, or if the wait has outgrown the buffer
   * budget (then the open transactions are split, and reported). At the cut: the held operator commands run, ready
   * merges run (each with its checkpoint), and the checkpoint the interval, idle sources or a stop asked for is
   * taken.
   */
  void tryCut() {
    if (!policy.wanted() || suspension.active()) {
      return;
    }
    boolean boundary = cursors.atBoundary();
    if (!boundary && !policy.splitDue()) {
      return;
    }
    long started = now();
    boolean stop = policy.wants(CommitPolicy.Reason.STOP);
    boolean timed = stop || policy.wants(CommitPolicy.Reason.INTERVAL) || policy.wants(CommitPolicy.Reason.IDLE);
    if (!boundary) {
      checkpointer.splitReason("the commit waited through more than the buffer budget (" + config.bufferMemoryBytes()
          + " bytes) of log for the transaction to end; raise bufferMemoryBytes(...) to keep such transactions whole");
    }
    commands.runHeld();
    suspension.then(() -> {
      try {
        boolean merged = merges.runMerges();
        if (timed && (stop || !merged || uncommitted.getAsBoolean())) {
          checkpointer.checkpoint();
        }
      } finally {
        checkpointer.splitReason(null);
      }
      policy.cut(started, now());
      finished = stop;
    });
  }

  private long now() {
    return now.getAsLong();
  }
}
