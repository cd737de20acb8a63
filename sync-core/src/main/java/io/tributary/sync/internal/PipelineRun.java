package io.tributary.sync.internal;

import io.tributary.sync.ErrorCode;
import io.tributary.sync.SyncException;
import io.tributary.sync.event.ChangeEvent;
import io.tributary.sync.event.Heartbeat;
import io.tributary.sync.event.RowChange;
import io.tributary.sync.event.SchemaChange;
import io.tributary.sync.event.TableDropped;
import io.tributary.sync.event.TableNeedsResync;
import io.tributary.sync.event.TableTruncated;
import io.tributary.sync.event.TransactionEnd;
import io.tributary.sync.event.TableId;
import io.tributary.sync.spi.StartPosition;
import io.tributary.sync.spi.WriterContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of a pipeline, from a checkpoint (or a fresh start) until stop or failure. Its {@link #execute()} is the
 * sink thread: the only thread that touches the writer and table state, so every decision (routing, staging,
 * merge hand-over, schema changes, checkpoints) happens in one order. Readers feed it through a {@link WorkQueue}.
 * This class keeps the loop and the dispatch; each job is its own class (the seams issue 12's decider builds on):
 * {@link RunStartup}, {@link SourceCursors}, {@link DataPath}, {@link SchemaChanges}, {@link MergeTrigger},
 * {@link Cuts} over {@link CommitPolicy}, {@link Checkpointer} and {@link HeldCommands}.
 */
final class PipelineRun {

  private static final Logger LOG = LoggerFactory.getLogger(PipelineRun.class);
  /** How long a stop waits for the sources' open transactions to end before it gives their changes up. */
  private static final long STOP_WAIT_MILLIS = 10_000;

  private final PipelineConfig config;
  private final RunContext ctx;
  private final TrackingWriter writer;
  private final WorkQueue queue;
  private final TableSet ts;
  private final Map<TableId, TableRuntime> tables;
  private final Batcher batcher;
  private final List<LogReader> readers = new ArrayList<>();
  private SnapshotWorkers snapshots;
  private final LostPositionRecovery lostPositions;
  /** Every source's log was opened: a lost position found from here on was lost while the run read it. */
  private volatile boolean logsOpened;
  private SourceCursors cursors;
  private final HeldCommands commands = new HeldCommands(this::publishStatus);
  private final DataPath data;
  private final SchemaChanges schemaChanges;
  private final MergeTrigger merges;
  private final Checkpointer checkpointer;
  private final Cuts cuts;
  private long recordsRead;
  private volatile boolean stopRequested;
  private volatile boolean killed;

  PipelineRun(PipelineConfig config, RunContext ctx) {
    this.config = config;
    this.ctx = ctx;
    this.writer = new TrackingWriter(config.writer());
    this.queue = new WorkQueue(config.bufferMemoryBytes());
    this.batcher = new Batcher(writer, config.batchSize());
    this.ts = new TableSet(config, writer, ctx, batcher, this::checkpoint);
    batcher.onRefused(r -> RefusedBatches.stop(ts, r)); // a value only the writer refuses stops its tables
    this.tables = ts.tables;
    this.data = new DataPath(config, writer, ts, batcher);
    this.schemaChanges = new SchemaChanges(config, ts, this::checkpoint);
    this.checkpointer = new Checkpointer(config, ctx, writer, batcher, tables, readers, () -> cursors,
        this::policy, this);
    this.merges = new MergeTrigger(writer, ts, batcher, source -> cursors.get(source).seq, () -> killed,
        this::checkpoint);
    this.cuts = new Cuts(config, () -> cursors, commands, merges, checkpointer, this::uncommitted);
    this.lostPositions = new LostPositionRecovery(config);
  }

  /**
   * Whether a failure of this run is a position lost while it read the log, which under
   * {@code onLostLogPosition(RESYNC)} is worth a restart: the next run finds the position gone when it opens the log
   * and recovers. One found while opening the logs has been recovered from, or was a custom start (never replaced).
   */
  boolean lostPositionWhileReading(Throwable e) {
    return logsOpened && e instanceof io.tributary.sync.PositionUnavailableException
        && config.onLostLogPosition() == io.tributary.sync.LostLogPosition.RESYNC;
  }

  void requestStop() {
    stopRequested = true;
    queue.put(new WorkItem.Command(() -> { }, new java.util.concurrent.CompletableFuture<>())); // wake the sink now
  }

  /** Abandons the run as a crash would: no final checkpoint, threads interrupted. */
  void kill() {
    killed = true;
    closeReaders();
  }

  int checkpointsTaken() {
    return checkpointer.taken();
  }

  /** Runs an operation on the sink thread, in order with the data; the future fails if the run ends first. */
  java.util.concurrent.CompletableFuture<Void> submit(Runnable action) {
    java.util.concurrent.CompletableFuture<Void> done = new java.util.concurrent.CompletableFuture<>();
    queue.put(new WorkItem.Command(action, done));
    if (killed) {
      done.completeExceptionally(new IllegalStateException("the pipeline run ended; retry the operation"));
    }
    return done;
  }

  /**
   * Runs until stopped (returns) or failed (throws).
   *
   * <pre>
   *   log readers ─┐                       ┌─ events: route, batch, write ──┐
   *   snapshots  ──┼─ WorkQueue ─ sink ────┤                                ├─ at a transaction boundary,
   *   commands   ──┘                       └─ reasons to commit: want a cut ┘  if a cut is wanted: cut
   * </pre>
   */
  void execute(Checkpoint restored, Map<String, StartPosition> customStarts) throws Exception {
    try {
      initialize(restored, customStarts);
      publishStatus(); // once RUNNING (awaitRunning returns), status() shows this run's tables
      ctx.running();
      cuts.restart();
      long nextStatus = 0;
      long stopDeadline = 0;
      while (!cuts.finished() && !killed) {
        if (stopRequested && !policy().wants(CommitPolicy.Reason.STOP)) {
          policy().want(CommitPolicy.Reason.STOP);
          stopDeadline = now() + STOP_WAIT_MILLIS;
        }
        if (stopRequested && now() >= stopDeadline) {
          LOG.warn("[{}] stopping without a final checkpoint: a source transaction was still open after {} ms at {};"
              + " its changes are read again on the next start", config.name(), STOP_WAIT_MILLIS,
              java.util.Arrays.toString(cursors.positions()));
          break;
        }
        tryCut();
        long wait = Math.max(1, Math.min(policy().nextDue() - now(), 100));
        WorkItem item = cuts.finished() ? null : queue.poll(wait, TimeUnit.MILLISECONDS);
        int drained = 0;
        while (item != null && !killed) {
          handle(item);
          queue.release(item);
          item = ++drained < 64 && !cuts.finished() ? queue.poll(0, TimeUnit.MILLISECONDS) : null;
        }
        if (killed) {
          return;
        }
        cuts.wantDue(cursors.allDrained());
        tryCut();
        if (now() >= nextStatus) {
          publishStatus();
          nextStatus = now() + 200;
        }
      }
      if (!killed) {
        publishStatus();
      }
    } finally {
      closeReaders();
      commands.failPending(queue);
    }
  }

  // ---------------------------------------------------------------- start-up

  private void initialize(Checkpoint restored, Map<String, StartPosition> customStarts) {
    RunStartup.loadTables(config, restored, tables);
    long restoredId = restored == null ? 0 : restored.id();
    writer.open(new WriterContext(config.name(), restoredId, restored == null ? null : restored.committable()));
    checkpointer.restoredAt(Math.max(restoredId, writer.lastCommittedCheckpointId()));
    RunStartup.planTargets(config, ts);
    cursors = new SourceCursors(config.sources().size());
    RunStartup.openLogs(config, ctx, restored, customStarts, tables, queue, lostPositions, cursors, readers);
    logsOpened = true;
    snapshots = new SnapshotWorkers(config.sources(), queue, config.snapshotChunkSize(),
        config.snapshotParallelism(), ctx.threads("snapshot"));
    ts.snapshots(snapshots);
    snapshots.start();
    lostPositions.resyncLostSources(ts, writer, batcher, this::checkpoint, ctx);
    for (TableRuntime t : tables.values()) {
      if (t.phase.staging()) {
        ts.scheduleSnapshot(t, false);
      }
    }
    LOG.info("[{}] run started at checkpoint {} with {} tables", config.name(), checkpointer.id(), tables.size());
  }

  // ---------------------------------------------------------------- data

  private void handle(WorkItem item) {
    if (item instanceof WorkItem.LogBatch b) {
      List<ChangeEvent> events = b.events();
      for (int i = 0, n = events.size(); i < n && !cuts.finished(); i++) {
        ChangeEvent e = events.get(i);
        TableId keyed = TableLogKeys.tableChangeOf(e);
        if (keyed == null) {
          onEvent(b.sourceIndex(), e, b.polledAtNanos());
        } else {
          try (var keys = TableLogKeys.put(keyed)) {
            onEvent(b.sourceIndex(), e, b.polledAtNanos());
          }
        }
      }
      policy().waited(b.permits() * 1024L);
      if (policy().splitDue()) {
        tryCut();
      }
    } else if (item instanceof WorkItem.ChunkRows r) {
      recordsRead += data.onChunkRows(r);
    } else if (item instanceof WorkItem.ChunkDone d) {
      ts.onChunkDone(d);
    } else if (item instanceof WorkItem.ChunksPlanned p) {
      ts.onChunksPlanned(p);
    } else if (item instanceof WorkItem.Failed f) {
      if (f.table() != null && f.error() instanceof SyncException se
          && se.code().action() == ErrorCode.Action.TABLE_STOPPED) {
        TableRuntime t = tables.get(f.table()); // a chunk read hit a value the target cannot hold: this table stops
        if (t != null) {
          ts.blacklist(t, se.code(), se.getMessage());
        }
        return;
      }
      throw f.error() instanceof RuntimeException re ? re : new SyncException(ErrorCode.WORKER_FAILED,
          f.where() + " failed",
          f.error());
    } else if (item instanceof WorkItem.Command c) {
      if (cursors.atBoundary()) {
        commands.runHeld();
        commands.run(c);
      } else {
        // An operation commits (a re-sync drops the staging and commits the drop): it waits for the boundary.
        commands.hold(c);
        policy().want(CommitPolicy.Reason.COMMAND);
      }
    }
  }

  private void onEvent(int source, ChangeEvent e, long polledAt) {
    recordsRead++;
    if (e instanceof SchemaChange s) {
      schemaChanges.onSchemaChange(s); // before the position moves: a checkpoint it takes must replay the change
    }
    SourceCursors.Cursor cursor = cursors.get(source);
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
      cursor.idlePolledAt = polledAt;
    } else if (e instanceof TransactionEnd) {
      recordsRead--;
    }
    if (policy().wanted() && !e.position().insideTransaction()) {
      tryCut(); // the first boundary after a reason to commit: cut here, before the next transaction's changes
    }
  }

  private void tryCut() {
    cuts.tryCut(killed);
  }

  private CommitPolicy policy() {
    return cuts.policy();
  }

  /** The run's tables and their operations; for the engine's operations centre calls. */
  TableSet tableSet() {
    return ts;
  }

  // ---------------------------------------------------------------- checkpoints and status

  private void checkpoint() {
    checkpointer.checkpoint();
  }

  private void publishStatus() {
    ctx.publish(this);
  }

  /** The last checkpoint's positions, or null before this run's first checkpoint. */
  RetentionGuard.Checkpointed checkpointed() {
    return checkpointer.checkpointed();
  }

  private long now() {
    return config.clock().millis();
  }

  private void closeReaders() {
    readers.forEach(LogReader::close);
    if (snapshots != null) {
      snapshots.close();
    }
  }

  // ---------------------------------------------------------------- accessors for status

  Map<TableId, TableRuntime> tables() {
    return tables;
  }

  List<LogReader> readers() {
    return readers;
  }

  /** Per source: position, commit time, {@code _seq}, committed {@code _seq}, idle marks, split transactions. */
  SourceCursors cursors() {
    return cursors;
  }

  /** Whether writes, merges or deletes (or rows still batched) wait for the next commit. */
  boolean uncommitted() {
    return writer.uncommitted() || batcher.hasPending();
  }

  long bufferedBytes() {
    return queue.bufferedBytes();
  }

  long recordsRead() {
    return recordsRead;
  }

  long recordsWritten() {
    return data.recordsWritten();
  }
}
