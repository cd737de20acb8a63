package io.tributary.sync.internal;

import io.tributary.sync.ErrorCode;
import io.tributary.sync.TablePhase;
import io.tributary.sync.event.TableId;
import io.tributary.sync.spi.SnapshotChunk;
import java.time.Instant;
import java.util.BitSet;
import java.util.List;

/**
 * An immutable snapshot of the {@link Decider}'s state for status and alerts ({@link Decider#view()}), taken where the
 * decider and the runtime agree (after an input's effects are executed), so status never reaches into run state; the
 * run adds its own part ({@link Runtime}: which run, its readers' latency, its buffer, its writer's pending writes)
 * where it publishes. {@link StatusTracker} reads nothing else.
 */
record RunView(List<Table> tables, List<Source> sources, long recordsRead, long recordsWritten, boolean uncommitted,
    Runtime runtime) {

  /** The decider's part alone ({@link Runtime#NONE}). */
  RunView(List<Table> tables, List<Source> sources, long recordsRead, long recordsWritten, boolean uncommitted) {
    this(tables, sources, recordsRead, recordsWritten, uncommitted, Runtime.NONE);
  }

  /**
   * The runtime's part of a view: the run it is of ({@code run}, unique in the JVM; 0: none), each opened source
   * log's read latency (in source order; none before the logs are open), and the bytes its work queue buffers.
   */
  record Runtime(long run, List<Long> readLatencyMillis, long bufferedBytes) {
    static final Runtime NONE = new Runtime(0, List.of(), 0);
  }

  /** This view with the run's part; {@code writerUncommitted}: the writer holds writes no commit took yet. */
  RunView withRuntime(Runtime rt, boolean writerUncommitted) {
    return new RunView(tables, sources, recordsRead, recordsWritten, uncommitted || writerUncommitted, rt);
  }

  /** One table, as status shows it. */
  record Table(TableId id, int sourceIndex, String target, TablePhase phase, String reason, ErrorCode reasonCode,
      long generation, List<SnapshotChunk> chunks, BitSet done, long snapshotRows, long inserts, long updates,
      long deletes, long rowsWritten, String lastPosition, Instant lastWriteTime, long dataLatencyMillis,
      long readCommitTime, long oldestInvisibleCommitTime, TableRoute route) {

    static Table of(TableRuntime t) {
      return new Table(t.id, t.sourceIndex, t.target, t.phase, t.reason, t.reasonCode, t.generation,
          List.copyOf(t.chunks), (BitSet) t.done.clone(), t.snapshotRows, t.inserts, t.updates, t.deletes,
          t.rowsWritten, t.lastPosition == null ? null : t.lastPosition.toString(), t.lastWriteTime,
          t.dataLatencyMillis, t.readCommitTime, t.oldestInvisibleCommitTime(), t.route);
    }

    boolean snapshotComplete() {
      return !chunks.isEmpty() && done.cardinality() == chunks.size();
    }
  }

  /** One source's cursor. */
  record Source(String position, long positionTime, long committedSeq, long idleSeq, long idlePolledAt,
      long splitTransactions) {

    static Source of(SourceCursors.Cursor c) {
      return new Source(String.valueOf(c.position), c.positionTime, c.committedSeq, c.idleSeq, c.idlePolledAt,
          c.splitTransactions);
    }
  }

  long[] committedSeq() {
    return sources.stream().mapToLong(Source::committedSeq).toArray();
  }

  long[] idleSeq() {
    return sources.stream().mapToLong(Source::idleSeq).toArray();
  }

  long[] idlePolledAt() {
    return sources.stream().mapToLong(Source::idlePolledAt).toArray();
  }
}
