package io.tributary.sync.internal;

import io.tributary.sync.event.SourcePosition;

/**
 * When a run cuts a checkpoint (a target commit together with the source positions it covers). Pure: the caller
 * passes the time and what it read, the policy answers; it reads no clock, does no I/O and calls nothing back, so it
 * moves into a decider as it is.
 *
 * <p>The rule: <b>a checkpoint is cut only where every source stands between transactions</b> (no source's latest
 * position is {@link SourcePosition#insideTransaction() inside} one). Reasons to commit (the interval, idle sources,
 * a merge, an operator command, a stop) only make a cut <em>wanted</em>; the run then goes on reading until the next
 * point where every source is at a boundary and cuts there. So a source transaction is never split across target
 * commits, and every checkpoint is one consistent cut across all tables: each table's rows are those of the same
 * prefix of committed source transactions. The one exception keeps memory bounded: a wanted cut that has waited
 * through more than one buffer budget of log ({@link #splitDue()}) is cut where the run stands, splitting the open
 * transactions, and the run reports that.
 */
final class CommitPolicy {

  /** Why a cut is wanted; several may wait at once. */
  enum Reason {
    /** The commit interval elapsed. */
    INTERVAL,
    /** Every source drained its log while writes wait (see {@link #idleDue}). */
    IDLE,
    /** A table's staging is ready to be merged, which is committed at once. */
    MERGE,
    /** An operator command waits to run between transactions. */
    COMMAND,
    /** The pipeline is stopping: its final checkpoint. */
    STOP
  }

  private final long intervalMillis;
  private final long budgetBytes;
  private long nextDue;
  private long lastIdle = Long.MIN_VALUE / 2;
  private int wanted;
  private long waitedBytes;

  /**
   * @param intervalMillis the commit interval
   * @param budgetBytes    the buffer budget: how much log a wanted cut may wait through for a boundary
   * @param now            the run's start, in the caller's clock
   */
  CommitPolicy(long intervalMillis, long budgetBytes, long now) {
    this.intervalMillis = intervalMillis;
    this.budgetBytes = budgetBytes;
    this.nextDue = now + intervalMillis;
  }

  /** When the interval's cut falls due, in the caller's clock. */
  long nextDue() {
    return nextDue;
  }

  boolean intervalDue(long now) {
    return now >= nextDue;
  }

  /**
   * Whether to commit before the timer: every source has drained its log and writes wait for a commit. The commit
   * interval bounds staleness under load, where batching pays; once the sources are idle nothing more would join
   * the batch, so the target is brought up to date at once. At most once per commit interval, so a trickle of
   * changes (idle between each) cannot multiply commits beyond two per interval.
   */
  boolean idleDue(long now, boolean allDrained, boolean uncommitted) {
    if (!allDrained || now - lastIdle < intervalMillis || !uncommitted) {
      return false;
    }
    lastIdle = now;
    return true;
  }

  void want(Reason reason) {
    wanted |= 1 << reason.ordinal();
  }

  /** Whether a cut waits for the next boundary. Checked per event, so a plain field read. */
  boolean wanted() {
    return wanted != 0;
  }

  boolean wants(Reason reason) {
    return (wanted & 1 << reason.ordinal()) != 0;
  }

  /** Log bytes the run read (one batch) while a cut was wanted: the wait's cost. */
  void waited(long bytes) {
    if (wanted != 0) {
      waitedBytes += bytes;
    }
  }

  /**
   * Whether a wanted cut has waited through more than the buffer budget of log without every source reaching a
   * boundary: then it is cut where the run stands, splitting the open transactions (a transaction larger than the
   * budget, or sources whose transactions keep overlapping).
   */
  boolean splitDue() {
    return wanted != 0 && waitedBytes > budgetBytes;
  }

  /**
   * The checkpoint cut last was committed at {@code atMillis} (the runtime's confirmation): at least half an interval
   * separates a commit's end from the next cut, so commits slower than the interval are not made back to back.
   */
  void committed(long atMillis) {
    nextDue = Math.max(nextDue, atMillis + intervalMillis / 2);
  }

  /**
   * A checkpoint cut at {@code startedAt} was committed by {@code now}: nothing waits any more and the next interval
   * counts from the cut's start, so a commit's own duration does not stretch the interval (a 50 ms commit made a
   * 250 ms interval a 300 ms one, added to every change's latency). At least half an interval still separates one
   * commit's end from the next cut: commits slower than the interval are not made back to back. The cut committed
   * everything read, so it also counts as this interval's idle commit: otherwise, under a steady load, an idle
   * commit fell due a few milliseconds after most interval cuts and committed one transaction's rows on its own
   * (5.6–6 commits a second at a 250 ms interval instead of 4).
   */
  void cut(long startedAt, long now) {
    wanted = 0;
    waitedBytes = 0;
    nextDue = Math.max(startedAt + intervalMillis, now + intervalMillis / 2);
    lastIdle = Math.max(lastIdle, startedAt);
  }
}
