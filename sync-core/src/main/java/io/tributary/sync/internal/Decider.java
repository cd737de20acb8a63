package io.tributary.sync.internal;

import io.tributary.sync.ErrorCode;
import io.tributary.sync.SyncException;
import io.tributary.sync.event.ChangeEvent;
import io.tributary.sync.event.Heartbeat;
import io.tributary.sync.event.RowChange;
import io.tributary.sync.event.SchemaChange;
import io.tributary.sync.event.TableDropped;
import io.tributary.sync.event.TableId;
import io.tributary.sync.event.TableNeedsResync;
import io.tributary.sync.event.TableTruncated;
import io.tributary.sync.event.TransactionEnd;
import java.util.List;
import java.util.Map;

/**
 * The engine's decisions as a single-threaded state machine: {@link #apply(Input)} takes what happened (log batches,
 * chunk reads, operator commands, the time, the writer's answers) and returns what to do ({@link Effect}s), which
 * the runtime executes in order before the next input. It reads no clock, starts no thread, does no I/O and calls
 * nothing outside itself; it owns every table's state and the per-source cursors, i.e. exactly what a checkpoint
 * holds, and {@link #restore} rebuilds it from one. Its jobs are split: table lifecycle ({@link TableSet}, {@link
 * SchemaChanges}, {@link HeldCommands}), data path ({@link DataPath}, {@link Batcher}), merge trigger ({@link
 * MergeTrigger}), commit policy ({@link Cuts} over {@link CommitPolicy}, {@link Checkpointer}), a run's start ({@link
 * RunOpening}).
 *
 * <p>The one answer it waits for is the writer's to {@link Effect.EnsureTable}: the decider then emits nothing more
 * until {@link Input.TableEnsured} arrives, and the rest of the input's work is deferred ({@link Suspension}).
 *
 * <p>It never throws to end the run: a failure (a worker's, a schema change the policy refuses, a writer's answer
 * other than a schema refusal) is an {@link Effect.Fail}, the input's only effect; from then on the decider is
 * failed and answers every input with that effect again. Only a programming error (an input that breaks the
 * protocol, such as one while an {@code EnsureTable} waits) throws.
 */
final class Decider {

  private final PipelineConfig config;
  private final Suspension suspension = new Suspension();
  private final Effects out = new Effects(suspension);
  private final Batcher batcher;
  private final TableSet ts;
  private final SourceCursors cursors;
  private final DataPath data;
  private final SchemaChanges schemaChanges;
  private final Checkpointer checkpointer;
  private final HeldCommands commands;
  private final Cuts cuts;
  private long now;
  private long recordsRead;
  private final RunOpening opening;

  private Decider(PipelineConfig config, long restoredId, boolean canRename) {
    this.config = config;
    this.batcher = new Batcher(out, config.batchSize());
    this.cursors = new SourceCursors(config.sources().size());
    this.ts = new TableSet(config, out, suspension, batcher, this::checkpoint, canRename, () -> now);
    this.data = new DataPath(config, ts, batcher);
    this.schemaChanges = new SchemaChanges(config, ts, this::checkpoint);
    this.commands = new HeldCommands(ts);
    this.checkpointer = new Checkpointer(config, out, batcher, ts.tables, ts.formerMembers, cursors, this::policy,
        () -> now, restoredId);
    MergeTrigger merges = new MergeTrigger(ts, batcher, source -> cursors.get(source).seq, this::checkpoint,
        this::uncommitted);
    this.cuts = new Cuts(config, cursors, commands, merges, checkpointer, this::uncommitted, suspension, () -> now);
    this.opening = new RunOpening(config, ts, batcher, cursors, checkpointer, () -> now);
  }

  /**
   * A decider for a run that starts from {@code restored} (null: a fresh start) with the tables {@code selection}
   * found; checkpoint ids continue above {@code lastCheckpointId}. Pure: a function of its arguments.
   */
  static Decider restore(PipelineConfig config, Checkpoint restored, TableSelection selection, long lastCheckpointId,
      boolean canRename) {
    Decider d = new Decider(config, lastCheckpointId, canRename);
    RunOpening.restoreTables(config, restored, selection, d.ts.tables);
    d.opening.restored(restored);
    return d;
  }

  /**
   * For a runtime whose writes of one target may be spread over several writers (Flink): a key-changing update that
   * leaves columns unchanged then stops its table (re-sync) instead of asking the writer to read them under the old
   * key. Set before the first input.
   */
  Decider movesStopTheTable() {
    data.writerResolvesMoves(false);
    return this;
  }

  /** Applies one input; the returned effects are valid until the next call (the buffer is reused). */
  List<Effect> apply(Input in) {
    out.clear();
    if (out.failed() != null) {
      return out.list(); // failed: every input is refused with the failure alone
    }
    batcher.reclaim();
    if (in instanceof WorkItem.LogBatch b) {
      requireNotWaiting(in);
      onLogBatch(b, 0);
    } else if (in instanceof Input.TableEnsured a) {
      suspension.answer(a.refusal());
    } else {
      requireNotWaiting(in);
      dispatch(in);
    }
    return out.list();
  }

  private void dispatch(Input in) {
    if (in instanceof Input.Tick t) {
      now = t.nowMillis();
      cuts.wantDue(cursors.allDrained());
      cuts.tryCut();
    } else if (in instanceof WorkItem.ChunkRows r) {
      recordsRead += data.onChunkRows(r);
    } else if (in instanceof WorkItem.ChunkDone d) {
      ts.onChunkDone(d);
    } else if (in instanceof WorkItem.ChunksPlanned p) {
      ts.onChunksPlanned(p);
    } else if (in instanceof WorkItem.Failed f) {
      onFailed(f);
    } else if (in instanceof WorkItem.Command c) {
      if (cursors.atBoundary()) {
        commands.runHeld();
        suspension.then(() -> commands.run(c));
      } else {
        // An operation commits (a re-sync drops the staging and commits the drop): it waits for the boundary.
        commands.hold(c);
        cuts.policy().want(CommitPolicy.Reason.COMMAND);
      }
    } else if (in instanceof WorkItem.Stop) {
      cuts.policy().want(CommitPolicy.Reason.STOP);
      cuts.tryCut();
    } else if (in instanceof Input.CheckpointCommitted c) {
      checkpointer.committed(c.id(), c.atMillis());
    } else if (in instanceof Input.Start s) {
      now = s.nowMillis();
      cuts.restart();
      opening.start();
    } else if (in instanceof Input.WritesRefused w) {
      w.refusals().forEach(r -> RefusedBatches.stop(ts, r));
    } else if (in instanceof Input.LogsOpened o) {
      opening.logsOpened(o);
    }
  }

  private void requireNotWaiting(Input in) {
    if (suspension.active()) {
      throw new IllegalStateException("input " + in.getClass().getSimpleName() + " while an EnsureTable waits");
    }
  }

  private void onFailed(WorkItem.Failed f) {
    if (f.table() != null && f.error() instanceof SyncException se
        && se.code().action() == ErrorCode.Action.TABLE_STOPPED) {
      TableRuntime t = ts.tables.get(f.table()); // a chunk read hit a value the target cannot hold: this table stops
      if (t != null) {
        ts.blacklist(t, se.code(), se.getMessage());
      }
      return;
    }
    ts.fail(f.error() instanceof RuntimeException re ? re // the run fails (Effect.Fail), as the worker did
        : new SyncException(ErrorCode.WORKER_FAILED, f.where() + " failed", f.error()));
  }

  /** The batch's events from {@code from} on; one that waits for an answer defers the rest of the batch. */
  private void onLogBatch(WorkItem.LogBatch b, int from) {
    List<ChangeEvent> events = b.events();
    for (int i = from, n = events.size(); i < n && !cuts.finished(); i++) {
      ChangeEvent e = events.get(i);
      TableId keyed = TableLogKeys.tableChangeOf(e);
      if (keyed == null) {
        onEvent(b, e);
      } else {
        TableId previous = out.swapLogTable(keyed); // its lines name the table; no scope object per event
        try {
          onEvent(b, e);
        } finally {
          out.swapLogTable(previous);
        }
      }
      if (out.failed() != null) {
        return;
      }
      if (suspension.active()) {
        int next = i + 1;
        suspension.then(() -> onLogBatch(b, next));
        return;
      }
    }
    cuts.policy().waited(b.permits() * 1024L);
    if (cuts.policy().splitDue()) {
      cuts.tryCut();
    }
  }

  private void onEvent(WorkItem.LogBatch b, ChangeEvent e) {
    if (e instanceof SchemaChange s) {
      schemaChanges.onSchemaChange(s); // before the position moves: a checkpoint it takes must replay the change
      if (out.failed() != null) {
        return; // the policy failed the pipeline: the position stays before the change
      }
      if (suspension.active()) {
        suspension.then(() -> afterSchema(b, e));
        return;
      }
    }
    afterSchema(b, e);
  }

  private void afterSchema(WorkItem.LogBatch b, ChangeEvent e) {
    recordsRead++;
    SourceCursors.Cursor cursor = cursors.get(b.sourceIndex());
    cursor.position = e.position();
    cursor.positionTime = e.commitTimeMillis();
    cursor.seq = e.seq();
    cursor.drained = e instanceof Heartbeat;
    if (e instanceof RowChange || e instanceof TableTruncated || e instanceof TableDropped
        || e instanceof TableNeedsResync) {
      data.onChange(e);
    } else if (e instanceof Heartbeat h) {
      recordsRead--;
      cursor.idleSeq = h.seq();
      cursor.idlePolledAt = b.polledAtNanos();
    } else if (e instanceof TransactionEnd) {
      recordsRead--;
    }
    if (cuts.policy().wanted() && !e.position().insideTransaction()) {
      cuts.tryCut(); // the first boundary after a reason to commit: cut here, before the next transaction's changes
    }
  }

  private void checkpoint() {
    checkpointer.checkpoint();
  }

  /**
   * Cuts a checkpoint now, where the host decides (the Flink runner: at each barrier, between two inputs, so every
   * source is at a boundary unless a transaction was split for the budget). Valid until the next call.
   */
  List<Effect> checkpointNow() {
    if (suspension.active()) {
      throw new IllegalStateException("checkpoint asked for while an EnsureTable waits");
    }
    out.clear();
    batcher.reclaim();
    checkpointer.checkpoint();
    return out.list();
  }

  private CommitPolicy policy() {
    return cuts.policy();
  }

  // ---------------------------------------------------------------- what the runtime and status read

  /** The stop's final checkpoint was cut: the run ends. */
  boolean finished() {
    return cuts.finished();
  }

  /** When the commit interval's next cut falls due (decider time). */
  long nextDue() {
    return cuts.policy().nextDue();
  }

  /** Whether writes, merges or deletes (or rows still batched) wait for the next commit. */
  boolean uncommitted() {
    return out.written() || batcher.hasPending();
  }

  long checkpointId() {
    return checkpointer.id();
  }

  Map<TableId, TableRuntime> tables() {
    return ts.tables;
  }

  /** An immutable snapshot of the state status shows (see {@link RunView}). */
  RunView view() {
    List<RunView.Table> tables = new java.util.ArrayList<>(ts.tables.size());
    ts.tables.values().forEach(t -> tables.add(RunView.Table.of(t)));
    List<RunView.Source> sources = new java.util.ArrayList<>(cursors.size());
    for (int i = 0; i < cursors.size(); i++) {
      sources.add(RunView.Source.of(cursors.get(i)));
    }
    return new RunView(List.copyOf(tables), List.copyOf(sources), recordsRead, data.recordsWritten(), uncommitted());
  }

  SourceCursors cursors() {
    return cursors;
  }

  long recordsRead() {
    return recordsRead;
  }

  long recordsWritten() {
    return data.recordsWritten();
  }
}
