package io.tributary.sync.internal;

import io.tributary.sync.TablePhase;
import io.tributary.sync.event.RowFilter;
import io.tributary.sync.event.TableId;
import io.tributary.sync.event.TableSchema;
import io.tributary.sync.spi.SnapshotChunk;
import java.time.Instant;
import java.util.BitSet;
import java.util.List;

/** One source table's state inside a run. Owned by the sink thread. */
final class TableRuntime {

  final TableId id;
  final int sourceIndex;
  final String target;
  final String staging;
  TableSchema schema;
  TableRoute route;
  TablePhase phase;
  String reason;
  io.tributary.sync.ErrorCode reasonCode;

  /** Snapshot (or re-sync) bookkeeping; the generation tells items of an abandoned read apart. */
  long generation;
  List<SnapshotChunk> chunks = List.of();
  BitSet done = new BitSet();
  /**
   * Per done chunk, the low watermark of the read that did it (unknown for chunks done before a restart); per chunk
   * whose read under way has staged rows, that read's.
   */
  final java.util.Map<Integer, Long> readLows = new java.util.HashMap<>();
  /**
   * Chunks whose rows the current read delivered in a schema the table no longer had (so they were dropped): their
   * read does not count even if the table's schema is equal to the read's again by its end (a column added, then
   * dropped), it is read again.
   */
  final BitSet discarded = new BitSet();
  long highWatermark;
  /**
   * New to a resumed run (no checkpoint state): discovered with today's schema while its log replays from the
   * checkpoint's older position, so its changes before a replayed DDL are laid out by an older schema, which may have
   * the same width (columns moved, a key changed) and be staged misread (an invented key no later change deletes).
   * Cleared by the table's first schema change, which restarts its running sync (see
   * {@link SchemaChanges#onSchemaChange}).
   */
  boolean layoutUnsure;
  /**
   * New to a resumed run whose source could tell its log positions around the discovery: its log's changes before
   * {@code from} are skipped, a DDL before {@code until} restarts its sync (see {@link Checkpoint.Discovery}). Kept
   * in checkpoints until the source's log has passed {@code until}; null otherwise (then {@link #layoutUnsure}).
   */
  Checkpoint.Discovery discovery;
  RowFilter mergeScope;
  /** Rows a (catch-up) sync reads; {@link RowFilter#all()} for a full one. */
  RowFilter snapshotFilter = RowFilter.all();
  long snapshotRows;

  /** Forgets the current (re-)sync's progress; the new generation tells items of the abandoned read apart. */
  void forgetSnapshot() {
    generation++;
    chunks = List.of();
    done = new BitSet();
    readLows.clear();
    discarded.clear();
    highWatermark = 0;
    snapshotRows = 0;
  }

  long inserts;
  long updates;
  long deletes;
  long rowsWritten;
  io.tributary.sync.event.SourcePosition lastPosition;
  /** Commit time of the latest change written since the last checkpoint, or -1. */
  long pendingCommitTime = -1;
  Instant lastWriteTime;
  long dataLatencyMillis = -1;
  /** Source commit time of the newest change of this table read from the log, or -1. */
  long readCommitTime = -1;
  /** Source commit time of the oldest change written to the target but not yet committed, or -1. */
  long oldestPendingCommitTime = -1;
  /** Newest and oldest commit times of changes staged by the running sync (visible from its merge), or -1. */
  long stagedNewest = -1;
  long stagedOldest = -1;

  TableRuntime(TableId id, int sourceIndex, String target, TableSchema schema, TablePhase phase) {
    this.id = id;
    this.sourceIndex = sourceIndex;
    this.target = target;
    this.staging = (id.source() + "." + id.database() + "." + id.schema() + "." + id.table())
        .replaceAll("[^A-Za-z0-9_.]", "_");
    this.schema = schema;
    this.phase = phase;
  }

  /** Whether a change of this table at {@code seq} was committed before its discovery (its sync supersedes it). */
  boolean beforeDiscovery(long seq) {
    return discovery != null && seq < discovery.from();
  }

  /** Whether a schema change at {@code seq} may be in the discovered schema or not (its rows before are unsure). */
  boolean duringDiscovery(long seq) {
    return discovery != null && seq < discovery.until();
  }

  /** The low watermark of chunk {@code index}'s read, or {@code Long.MAX_VALUE} when not known (restored). */
  long readLow(int index) {
    return readLows.getOrDefault(index, Long.MAX_VALUE);
  }

  /**
   * A change committed at the source at {@code commitTime} was handed to the writer: into the target, visible at
   * the next commit, or into the staging of a running sync, visible only from its merge.
   */
  void changeWritten(long commitTime) {
    if (phase.staging()) {
      stagedNewest = commitTime;
      stagedOldest = stagedOldest < 0 ? commitTime : stagedOldest;
    } else {
      pendingCommitTime = commitTime;
      oldestPendingCommitTime = oldestPendingCommitTime < 0 ? commitTime : oldestPendingCommitTime;
    }
  }

  /** The sync's staging was merged into the target: its changes become visible with the next commit. */
  void merged() {
    if (stagedNewest >= 0) {
      pendingCommitTime = Math.max(pendingCommitTime, stagedNewest);
      oldestPendingCommitTime = oldestPendingCommitTime < 0 ? stagedOldest
          : Math.min(oldestPendingCommitTime, stagedOldest);
    }
    stagedNewest = -1;
    stagedOldest = -1;
  }

  /** The target was committed at {@code at}: what was pending is visible. */
  void committed(Instant at) {
    if (pendingCommitTime >= 0) {
      dataLatencyMillis = Math.max(0, at.toEpochMilli() - pendingCommitTime);
      lastWriteTime = at;
      pendingCommitTime = -1;
    }
    oldestPendingCommitTime = -1;
  }

  /** Commit time of the oldest change read but not yet visible in the target, or -1 when none. */
  long oldestInvisibleCommitTime() {
    if (oldestPendingCommitTime < 0 || stagedOldest < 0) {
      return Math.max(oldestPendingCommitTime, stagedOldest);
    }
    return Math.min(oldestPendingCommitTime, stagedOldest);
  }

  boolean snapshotComplete() {
    return !chunks.isEmpty() && done.cardinality() == chunks.size();
  }

  Checkpoint.TableState toState() {
    return new Checkpoint.TableState(id, phase, schema, phase.staging() ? chunks : List.of(),
        phase.staging() ? (BitSet) done.clone() : new BitSet(), highWatermark, mergeScope, snapshotFilter, reason,
        reasonCode, discovery);
  }
}
