package io.tributary.sync.internal;

import io.tributary.sync.SyncEvent;
import io.tributary.sync.event.TableId;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The decider's side of a checkpoint: hands every batched row over, then asks for checkpoint {@code n} with the state
 * as of this moment ({@link Effect.TakeCheckpoint}: positions, table states), reports a checkpoint that splits an
 * open source transaction, and, once the runtime confirms the commit ({@link Input.CheckpointCommitted}), moves what
 * depends on it: the committed {@code _seq} per source (what {@code awaitCaughtUp} trusts) and the tables' latency.
 * The runtime's side (flush, prepare, save, commit, acknowledge) is {@link CheckpointCoordinator}.
 */
final class Checkpointer {

  private static final String FORCED_SPLIT = "a commit was needed inside the transaction (a schema change or a"
      + " table's restarted sync, applied at their place in the log)";

  /** What a checkpoint asked for covers, applied when it is confirmed. */
  private record Asked(long id, long[] seqs, TableRuntime[] tables, long[] pendingCommitTimes) {
  }

  private final PipelineConfig config;
  private final Effects out;
  private final Batcher batcher;
  private final Map<TableId, TableRuntime> tables;
  private final Map<TableId, String> formerMembers;
  private final SourceCursors cursors;
  private final Supplier<CommitPolicy> policy;
  private final LongSupplier now;
  private final ArrayDeque<Asked> asked = new ArrayDeque<>();
  /** Why the checkpoint being cut splits the sources' open transactions, if it does. */
  private String splitReason = FORCED_SPLIT;
  private long checkpointId;

  Checkpointer(PipelineConfig config, Effects out, Batcher batcher, Map<TableId, TableRuntime> tables,
      Map<TableId, String> formerMembers, SourceCursors cursors, Supplier<CommitPolicy> policy, LongSupplier now,
      long restoredId) {
    this.config = config;
    this.out = out;
    this.batcher = batcher;
    this.tables = tables;
    this.formerMembers = formerMembers;
    this.cursors = cursors;
    this.policy = policy;
    this.now = now;
    this.checkpointId = restoredId;
  }

  /** The id of the last checkpoint asked for or restored. */
  long id() {
    return checkpointId;
  }

  /** Why the checkpoints cut from here on split open transactions; null: the default (a commit was forced). */
  void splitReason(String reason) {
    splitReason = reason == null ? FORCED_SPLIT : reason;
  }

  /** Asks for a checkpoint now; the caller chooses the moment (a cut, a merge, a command that must commit). */
  void checkpoint() {
    batcher.flushAll();
    long id = ++checkpointId;
    Map<TableId, Checkpoint.TableState> states = new LinkedHashMap<>();
    TableRuntime[] ts = tables.values().toArray(new TableRuntime[0]);
    long[] pending = new long[ts.length];
    for (int i = 0; i < ts.length; i++) {
      TableRuntime t = ts[i];
      if (t.discovery != null && cursors.get(t.sourceIndex).seq >= t.discovery.until()) {
        t.discovery = null; // the log has passed its discovery: a restart from here replays none of that window
      }
      states.put(t.id, t.toState());
      pending[i] = t.pendingCommitTime;
      t.pendingCommitTime = -1; // written from here on: the next checkpoint's
      t.oldestPendingCommitTime = -1;
    }
    out.add(new Effect.TakeCheckpoint(id, cursors.positions(), cursors.positionTimes(), states,
        formerMembers.isEmpty() ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(formerMembers))));
    asked.add(new Asked(id, cursors.seqs(), ts, pending));
    long at = now.getAsLong();
    policy.get().cut(at, at); // the decider's time is the cut's start: the interval counts from there
    if (!cursors.atBoundary()) {
      reportSplit(id);
    }
  }

  /** Checkpoint {@code id} is committed (at {@code atMillis}): what it covers is visible in the target. */
  void committed(long id, long atMillis) {
    Asked a = asked.poll();
    if (a == null || a.id() != id) {
      throw new IllegalStateException("checkpoint " + id + " confirmed, but " + (a == null ? "none" : a.id())
          + " was asked for first");
    }
    for (int i = 0; i < a.seqs().length; i++) {
      cursors.get(i).committedSeq = a.seqs()[i];
    }
    policy.get().committed(atMillis);
    Instant at = Instant.ofEpochMilli(atMillis);
    for (int i = 0; i < a.tables().length; i++) {
      TableRuntime t = a.tables()[i];
      if (a.pendingCommitTimes()[i] >= 0) {
        t.dataLatencyMillis = Math.max(0, atMillis - a.pendingCommitTimes()[i]);
        t.lastWriteTime = at;
      }
    }
  }

  /** Reports the sources whose open transaction checkpoint {@code id} commits in part. */
  private void reportSplit(long id) {
    Instant at = Instant.ofEpochMilli(now.getAsLong());
    for (int i = 0; i < cursors.size(); i++) {
      SourceCursors.Cursor c = cursors.get(i);
      if (c.position != null && c.position.insideTransaction()) {
        c.splitTransactions++;
        String source = config.sources().get(i).name();
        out.warn(Checkpointer.class, "[{}] checkpoint {} splits the open transaction of source {} at {}: {}",
            config.name(), id, source, c.position, splitReason);
        out.add(new Effect.Emit(new SyncEvent.TransactionSplit(config.name(), at, source, c.position.toString(), id,
            splitReason)));
      }
    }
  }
}
