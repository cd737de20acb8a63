package io.tributary.sync.internal;

import io.tributary.sync.event.SourcePosition;
import java.util.Arrays;

/**
 * The run's per-source cursors: where each source's log stands (position, commit time, {@code _seq}), what the last
 * checkpoint covered, whether it has drained its log, and how many of its transactions a checkpoint split. Why a
 * type: these used to be six parallel arrays on the run, indexed by source, that every job (data path, merge trigger,
 * commit policy, status) read and wrote; one cursor per source keeps them together, and it is exactly the per-source
 * state the later pure decider (issue 12) owns. Only the sink thread touches it; status reads copies.
 */
final class SourceCursors {

  /** One source's cursor. */
  static final class Cursor {
    SourcePosition position;
    /** The commit time of the event at {@link #position} (-1 unknown), for the retention check. */
    long positionTime = -1;
    long seq = Long.MIN_VALUE;
    long committedSeq = Long.MIN_VALUE;
    /** The {@code _seq} of its latest heartbeat; no heartbeat yet: nothing is covered. */
    long idleSeq = Long.MAX_VALUE;
    /** When the poll that returned its latest heartbeat began ({@link System#nanoTime()}). */
    long idlePolledAt;
    /** Its latest event was a heartbeat, i.e. it has drained its log. */
    boolean drained;
    /** Checkpoints that split one of its transactions (see {@link CommitPolicy}). */
    long splitTransactions;
  }

  private final Cursor[] cursors;

  SourceCursors(int sources) {
    cursors = new Cursor[sources];
    for (int i = 0; i < sources; i++) {
      cursors[i] = new Cursor();
    }
  }

  /** The logs opened at {@code starts}, at {@code nanos} (monotonic): the idle marks date from then. */
  void opened(java.util.List<SourcePosition> starts, long nanos) {
    for (int i = 0; i < cursors.length; i++) {
      cursors[i].position = starts.get(i);
      cursors[i].idlePolledAt = nanos;
    }
  }

  long[] seqs() {
    return longs(c -> c.seq);
  }

  Cursor get(int source) {
    return cursors[source];
  }

  int size() {
    return cursors.length;
  }

  /** Whether every source stands between transactions: a checkpoint here splits none (see {@link CommitPolicy}). */
  boolean atBoundary() {
    for (Cursor c : cursors) {
      if (c.position != null && c.position.insideTransaction()) {
        return false;
      }
    }
    return true;
  }

  /** Whether every source has drained its log (its latest event was a heartbeat). */
  boolean allDrained() {
    for (Cursor c : cursors) {
      if (!c.drained) {
        return false;
      }
    }
    return true;
  }

  // Copies, indexed by source, for status and the retention check.

  SourcePosition[] positions() {
    SourcePosition[] out = new SourcePosition[cursors.length];
    Arrays.setAll(out, i -> cursors[i].position);
    return out;
  }

  long[] positionTimes() {
    return longs(c -> c.positionTime);
  }

  long[] committedSeq() {
    return longs(c -> c.committedSeq);
  }

  long[] idleSeq() {
    return longs(c -> c.idleSeq);
  }

  long[] idlePolledAt() {
    return longs(c -> c.idlePolledAt);
  }

  private long[] longs(java.util.function.ToLongFunction<Cursor> f) {
    long[] out = new long[cursors.length];
    Arrays.setAll(out, i -> f.applyAsLong(cursors[i]));
    return out;
  }
}
