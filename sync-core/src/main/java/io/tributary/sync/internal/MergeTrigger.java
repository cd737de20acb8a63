package io.tributary.sync.internal;

import io.tributary.sync.TablePhase;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.IntToLongFunction;

/**
 * The merge trigger: hands a table whose snapshot is complete, and whose source's log has passed the table's high
 * watermark, from staging to streaming (merge, then a checkpoint). Why its own class: the merge hand-over is one of
 * the engine's jobs (issue 12 splits the engine by job: table lifecycle, data path, merge trigger, commit policy);
 * apart from the run loop, its rule (all chunks done and high watermark passed) reads in one place and the later pure
 * decider takes it over as is. Part of the {@link Decider}; it decides when (only at a cut).
 */
final class MergeTrigger {

  private final TableSet ts;
  private final Batcher batcher;
  /** Per source: the {@code _seq} its log has reached. */
  private final IntToLongFunction sourceSeq;
  private final Runnable checkpoint;
  /** Whether anything was written (or is batched) since the last checkpoint. */
  private final BooleanSupplier uncommitted;

  MergeTrigger(TableSet ts, Batcher batcher, IntToLongFunction sourceSeq, Runnable checkpoint,
      BooleanSupplier uncommitted) {
    this.ts = ts;
    this.batcher = batcher;
    this.sourceSeq = sourceSeq;
    this.checkpoint = checkpoint;
    this.uncommitted = uncommitted;
  }

  /** Whether a table's staging is ready to merge (see {@link #runMerges}). */
  boolean mergeReady() {
    for (var it = ts.mergeCandidates.iterator(); it.hasNext(); ) {
      TableRuntime t = it.next();
      if (!t.phase.staging() || !t.snapshotComplete()) {
        it.remove();
      } else if (sourceSeq.applyAsLong(t.sourceIndex) >= t.highWatermark) {
        return true;
      }
    }
    return false;
  }

  /**
   * Hands tables whose snapshot is complete, and whose log has passed the high watermark, to streaming: one merge,
   * then a checkpoint, then the next. The checkpoint comes at once, as the {@code ChangeWriter.mergeStaging}
   * contract promises: the merge becomes visible now, and the writer need not keep its output for a later scoped
   * delete, such as the next shard's replace-scoped merge into the same virtual table. Only at a cut: the merge's
   * checkpoint must not split a transaction either.
   *
   * <p>When anything was written since the last checkpoint, a checkpoint comes before the first merge too, so a merge
   * always finds every earlier write committed and readable: a writer need not remember the rows of the interval
   * for the merge's lookups. That lets the Paimon writer forget a direct sync's snapshot rows as it writes them
   * (they were a whole commit interval of the table kept alive); it costs one commit per hand-over.
   */
  boolean runMerges() {
    boolean merged = false;
    TableRuntime t;
    while ((t = nextMergeReady()) != null) {
      if (!merged && uncommitted.getAsBoolean()) {
        checkpoint.run();
      }
      merged = true;
      batcher.flushTarget(t.target);
      ts.out().add(new Effect.MergeStaging(t.target, t.staging, t.mergeScope));
      t.merged(); // changes staged during the sync are visible from this merge's commit
      t.reason = null; // a re-sync the pipeline started itself (after a lost log position) said why until here
      batcher.discardStaged(t);
      t.chunks = List.of();
      t.done = new java.util.BitSet();
      t.readLows.clear();
      t.discarded.clear();
      // The merge waited for the log to pass its reads' high watermarks, all after the table's discovery: nothing of
      // the discovery window is left to replay (also when a source failover renumbered the log, where the old
      // server's positions would go on skipping the new server's changes).
      t.discovery = null;
      ts.setPhase(t, TablePhase.STREAMING);
      checkpoint.run();
    }
    return merged;
  }

  /** Removes and returns the first merge candidate ready to merge; drops candidates that no longer stage. */
  private TableRuntime nextMergeReady() {
    for (var it = ts.mergeCandidates.iterator(); it.hasNext(); ) {
      TableRuntime t = it.next();
      if (!t.phase.staging() || !t.snapshotComplete()) {
        it.remove();
      } else if (sourceSeq.applyAsLong(t.sourceIndex) >= t.highWatermark) {
        it.remove();
        return t;
      }
    }
    return null;
  }
}
