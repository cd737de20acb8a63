package io.tributary.sync.internal;

import io.tributary.sync.ErrorCode;
import io.tributary.sync.LimitExceededException;
import io.tributary.sync.LogKeys;
import io.tributary.sync.SyncException;
import io.tributary.sync.SyncMode;
import io.tributary.sync.TablePhase;
import io.tributary.sync.event.ChangeEvent;
import io.tributary.sync.event.ColumnMask;
import io.tributary.sync.event.Heartbeat;
import io.tributary.sync.event.Row;
import io.tributary.sync.event.RowChange;
import io.tributary.sync.event.RowFilter;
import io.tributary.sync.event.SchemaChange;
import io.tributary.sync.event.SourcePosition;
import io.tributary.sync.event.TableDropped;
import io.tributary.sync.event.TableNeedsResync;
import io.tributary.sync.event.TableTruncated;
import io.tributary.sync.event.TransactionEnd;
import io.tributary.sync.event.TableId;
import io.tributary.sync.event.TableSchema;
import io.tributary.sync.spi.ChangeSource;
import io.tributary.sync.spi.ChangeWriter;
import io.tributary.sync.spi.LogStream;
import io.tributary.sync.spi.SnapshotChunk;
import io.tributary.sync.spi.StartPosition;
import io.tributary.sync.spi.WriterContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * One run of a pipeline, from a checkpoint (or a fresh start) until stop or failure. Its {@link #execute()} is the
 * sink thread: the only thread that touches the writer and table state, so every decision (routing, staging,
 * merge hand-over, schema changes, checkpoints) happens in one order. Readers feed it through a {@link WorkQueue}.
 */
final class PipelineRun {

  private static final Logger LOG = LoggerFactory.getLogger(PipelineRun.class);
  /** How long a stop waits for the sources' open transactions to end before it gives their changes up. */
  private static final long STOP_WAIT_MILLIS = 10_000;
  private static final String FORCED_SPLIT = "a commit was needed inside the transaction (a schema change or a"
      + " table's restarted sync, applied at their place in the log)";

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
  private SourcePosition[] positions;
  /** Per source: the commit time of the event at {@link #positions} (-1 unknown), for the retention check. */
  private long[] positionTimes;
  /** The last checkpoint's positions and their times, published for the retention check's thread. */
  private volatile RetentionGuard.Checkpointed checkpointed;
  private long[] sourceSeq;
  private long[] committedSeq;
  private long[] idleSeq;
  /** Per source: when the poll that returned its latest heartbeat began ({@link System#nanoTime()}). */
  private long[] idlePolledAt;
  /** Per source: its latest event was a heartbeat, i.e. it has drained its log. */
  private boolean[] drained;
  /** Per source: checkpoints that split one of its transactions (see {@link CommitPolicy}). */
  private long[] splitTransactions;
  private CommitPolicy policy;
  /** Operator commands that arrived inside a transaction; they run at the next cut, in order. */
  private final java.util.ArrayDeque<WorkItem.Command> heldCommands = new java.util.ArrayDeque<>();
  /** Why the checkpoint being cut splits the sources' open transactions, if it does. */
  private String splitReason = FORCED_SPLIT;
  /** The stop's final checkpoint was cut: the run ends. */
  private boolean finished;
  private long checkpointId;
  private int checkpointsTaken;
  private long recordsRead;
  private long recordsWritten;
  private volatile boolean stopRequested;
  private volatile boolean killed;

  PipelineRun(PipelineConfig config, RunContext ctx) {
    this.config = config;
    this.ctx = ctx;
    this.writer = new TrackingWriter(config.writer());
    this.queue = new WorkQueue(config.bufferMemoryBytes());
    this.batcher = new Batcher(writer, config.batchSize());
    this.ts = new TableSet(config, writer, ctx, batcher, this::checkpoint);
    this.policy = new CommitPolicy(config.commitInterval().toMillis(), config.bufferMemoryBytes(), now());
    this.tables = ts.tables;
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
    return checkpointsTaken;
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
      policy = new CommitPolicy(config.commitInterval().toMillis(), config.bufferMemoryBytes(), now());
      long nextStatus = 0;
      long stopDeadline = 0;
      while (!finished && !killed) {
        if (stopRequested && !policy.wants(CommitPolicy.Reason.STOP)) {
          policy.want(CommitPolicy.Reason.STOP);
          stopDeadline = now() + STOP_WAIT_MILLIS;
        }
        if (stopRequested && now() >= stopDeadline) {
          LOG.warn("[{}] stopping without a final checkpoint: a source transaction was still open after {} ms at {};"
              + " its changes are read again on the next start", config.name(), STOP_WAIT_MILLIS,
              java.util.Arrays.toString(positions));
          break;
        }
        tryCut();
        long wait = Math.max(1, Math.min(policy.nextDue() - now(), 100));
        WorkItem item = finished ? null : queue.poll(wait, TimeUnit.MILLISECONDS);
        int drained = 0;
        while (item != null && !killed) {
          handle(item);
          queue.release(item);
          item = ++drained < 64 && !finished ? queue.poll(0, TimeUnit.MILLISECONDS) : null;
        }
        if (killed) {
          return;
        }
        if (mergeReady()) {
          policy.want(CommitPolicy.Reason.MERGE);
        }
        if (policy.intervalDue(now())) {
          policy.want(CommitPolicy.Reason.INTERVAL);
        }
        if (allDrained() && policy.idleDue(now(), true, uncommitted())) {
          policy.want(CommitPolicy.Reason.IDLE);
        }
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
      failPendingCommands();
    }
  }

  private void failPendingCommands() {
    for (WorkItem.Command c : heldCommands) {
      c.done().completeExceptionally(new IllegalStateException("the pipeline run ended before the operation"
          + " was applied; retry it once the pipeline runs"));
    }
    heldCommands.clear();
    WorkItem item;
    try {
      while ((item = queue.poll(0, TimeUnit.MILLISECONDS)) != null) {
        if (item instanceof WorkItem.Command c) {
          c.done().completeExceptionally(new IllegalStateException("the pipeline run ended before the operation"
              + " was applied; retry it once the pipeline runs"));
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  // ---------------------------------------------------------------- start-up

  private void initialize(Checkpoint restored, Map<String, StartPosition> customStarts) {
    List<ChangeSource> sources = config.sources();
    TableSelection selection = TableSelection.select(config, sources,
        restored == null ? java.util.Set.of() : restored.tables().keySet());
    if (restored != null) {
      // Still selected by the configuration but no longer in the source: gone while the pipeline was stopped.
      java.util.Set<TableId> found = new java.util.HashSet<>();
      selection.tables().forEach(s -> found.add(s.schema().id()));
      restored.tables().keySet().stream().filter(id -> !found.contains(id) && TableSelection.wanted(config, id))
          .forEach(id -> LOG.warn("[{}] table {} of checkpoint {} is no longer in the source (dropped or renamed"
              + " while the pipeline was stopped); no longer captured, its target keeps the rows as of then",
              config.name(), id, restored.id()));
    }
    for (ChangeSource s : sources) {
      List<TableSchema> mine = selection.schemasOf(s.name());
      s.preflight(mine).throwIfFailed();
    }
    for (TableSelection.Selected sel : selection.tables()) {
      Checkpoint.TableState state = restored == null ? null : restored.tables().get(sel.schema().id());
      TableRuntime t;
      if (state != null) {
        t = new TableRuntime(sel.schema().id(), sel.sourceIndex(), sel.target(), state.schema(), state.phase());
        t.reason = state.reason();
        t.reasonCode = state.reasonCode();
        t.chunks = state.chunks();
        t.done = state.done();
        t.highWatermark = state.highWatermark();
        t.mergeScope = state.mergeScope();
        t.snapshotFilter = state.snapshotFilter();
      } else {
        t = new TableRuntime(sel.schema().id(), sel.sourceIndex(), sel.target(), sel.schema(),
            config.fullSync() ? TablePhase.SNAPSHOTTING : TablePhase.STREAMING);
      }
      tables.put(t.id, t);
    }
    long restoredId = restored == null ? 0 : restored.id();
    writer.open(new WriterContext(config.name(), restoredId, restored == null ? null : restored.committable()));
    checkpointId = Math.max(restoredId, writer.lastCommittedCheckpointId());
    for (String target : ts.targetNames()) {
      ts.replanTarget(target, null);
    }
    for (TableRuntime t : tables.values()) {
      if (t.phase == TablePhase.SNAPSHOTTING && t.mergeScope == null && t.chunks.isEmpty()) {
        t.mergeScope = ts.planner.replaceScope(t.id, ts.members(t.target), config.mode() == SyncMode.MIRROR);
      }
    }
    openLogs(restored, customStarts);
    snapshots = new SnapshotWorkers(sources, queue, config.snapshotChunkSize(), config.snapshotParallelism(),
        ctx.threads("snapshot"));
    ts.snapshots(snapshots);
    snapshots.start();
    lostPositions.resyncLostSources(ts, writer, batcher, this::checkpoint, ctx);
    for (TableRuntime t : tables.values()) {
      if (t.phase.staging()) {
        ts.scheduleSnapshot(t, false);
      }
    }
    LOG.info("[{}] run started at checkpoint {} with {} tables", config.name(), checkpointId, tables.size());
  }

  private void openLogs(Checkpoint restored, Map<String, StartPosition> customStarts) {
    List<ChangeSource> sources = config.sources();
    int n = sources.size();
    positions = new SourcePosition[n];
    positionTimes = new long[n];
    java.util.Arrays.fill(positionTimes, -1);
    sourceSeq = new long[n];
    committedSeq = new long[n];
    idleSeq = new long[n];
    idlePolledAt = new long[n];
    splitTransactions = new long[n];
    drained = new boolean[n];
    java.util.Arrays.fill(sourceSeq, Long.MIN_VALUE);
    java.util.Arrays.fill(committedSeq, Long.MIN_VALUE);
    java.util.Arrays.fill(idleSeq, Long.MAX_VALUE); // no heartbeat yet: nothing is covered
    java.util.Arrays.fill(idlePolledAt, System.nanoTime());
    for (int i = 0; i < n; i++) {
      ChangeSource s = sources.get(i);
      StartPosition start = customStarts.get(s.name());
      boolean fromCheckpoint = start == null;
      if (start == null) {
        byte[] saved = restored == null ? null : restored.positions().get(s.name());
        start = saved == null ? StartPosition.latest() : StartPosition.at(s.decodePosition(saved));
      }
      Map<TableId, TableSchema> schemas = new LinkedHashMap<>();
      for (TableRuntime t : tables.values()) {
        if (t.sourceIndex == i) {
          schemas.put(t.id, t.schema);
        }
      }
      LogStream stream;
      try (var keys = MDC.putCloseable(LogKeys.SOURCE, s.name())) {
        stream = lostPositions.open(i, s, start, fromCheckpoint, schemas);
      }
      positions[i] = stream.startPosition();
      LOG.info("[{}] source {} log opened at {}", config.name(), s.name(), positions[i]);
      LogReader reader = new LogReader(i, s, stream, queue, config.clock(), ctx.threads("log-" + s.name(), s.name()));
      readers.add(reader);
    }
    readers.forEach(LogReader::start);
    logsOpened = true;
  }

  // ---------------------------------------------------------------- data

  private void handle(WorkItem item) {
    if (item instanceof WorkItem.LogBatch b) {
      List<ChangeEvent> events = b.events();
      for (int i = 0, n = events.size(); i < n && !finished; i++) {
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
      policy.waited(b.permits() * 1024L);
      if (policy.splitDue()) {
        tryCut();
      }
    } else if (item instanceof WorkItem.ChunkRows r) {
      onChunkRows(r);
    } else if (item instanceof WorkItem.ChunkDone d) {
      TableRuntime t = tables.get(d.table());
      if (t != null && t.generation == d.generation() && t.phase.staging()) {
        try (var keys = TableLogKeys.put(d.table())) {
          ts.onChunkDone(t, d); // may end the table's sync: its lines name the table
        }
      }
    } else if (item instanceof WorkItem.ChunksPlanned p) {
      TableRuntime t = tables.get(p.table());
      if (t != null && t.generation == p.generation() && t.phase.staging()) {
        t.chunks = List.copyOf(p.chunks());
        t.done = new java.util.BitSet();
        t.readLows.clear();
        for (SnapshotChunk c : t.chunks) {
          snapshots.read(t.sourceIndex, c, t.generation, t.schema, ts.priority(t, false));
        }
      }
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
      if (CommitPolicy.atBoundary(positions)) {
        runHeldCommands();
        run(c);
      } else {
        // An operation commits (a re-sync drops the staging and commits the drop): it waits for the boundary.
        heldCommands.add(c);
        policy.want(CommitPolicy.Reason.COMMAND);
      }
    }
  }

  private void runHeldCommands() {
    WorkItem.Command held;
    while ((held = heldCommands.poll()) != null) {
      run(held);
    }
  }

  private void run(WorkItem.Command c) {
    try {
      c.action().run();
      // Before the caller hears of it: status() and awaitCaughtUp must see the operation's effect (a resync's
      // RESYNCING phase), not the status a checkpoint inside the operation published before the phase moved.
      publishStatus();
      c.done().complete(null);
    } catch (RuntimeException e) {
      c.done().completeExceptionally(e);
    }
  }

  private void onEvent(int source, ChangeEvent e, long polledAt) {
    recordsRead++;
    if (e instanceof SchemaChange s) {
      ts.onSchemaChange(s); // before the position moves: a checkpoint it takes must replay the change
    }
    positions[source] = e.position();
    positionTimes[source] = e.commitTimeMillis();
    sourceSeq[source] = e.seq();
    drained[source] = e instanceof Heartbeat;
    if (e instanceof RowChange r) {
      onRow(r);
    } else if (e instanceof TableTruncated t) {
      onTruncate(t);
    } else if (e instanceof TableDropped d) {
      onDropped(d);
    } else if (e instanceof TableNeedsResync n) {
      onNeedsResync(n);
    } else if (e instanceof Heartbeat h) {
      recordsRead--;
      idleSeq[source] = h.seq();
      idlePolledAt[source] = polledAt;
    } else if (e instanceof TransactionEnd) {
      recordsRead--;
    }
    if (policy.wanted() && !e.position().insideTransaction()) {
      tryCut(); // the first boundary after a reason to commit: cut here, before the next transaction's changes
    }
  }

  private void onRow(RowChange r) {
    TableRuntime t = tables.get(r.table());
    if (t == null) {
      return;
    }
    switch (r.op()) {
      case INSERT -> t.inserts++;
      case UPDATE -> t.updates++;
      case DELETE -> t.deletes++;
    }
    t.lastPosition = r.position();
    t.readCommitTime = r.commitTimeMillis();
    if (t.phase != TablePhase.STREAMING && !t.phase.staging()) {
      return; // paused, blacklisted
    }
    TableRoute route = t.route;
    try {
      if (r.op() == RowChange.Op.DELETE) {
        add(t, route.toTarget(r.before()), r.seq(), true);
      } else {
        if (r.op() == RowChange.Op.UPDATE && r.before() != null && route.keyChanged(r.before(), r.after())) {
          if (r.unchanged() != null) {
            // the unchanged values live under the old key, which the delete below removes
            ts.blacklist(t, "an update at " + r.position() + " changed the primary key of a row and left columns "
                + r.unchanged() + " unchanged without sending their values; re-sync the table (PostgreSQL: "
                + "REPLICA IDENTITY FULL carries them when keys of rows with large values change)");
            return;
          }
          add(t, route.toTarget(r.before()), r.seq(), true);
        }
        Row row = route.toTarget(r.after());
        Limits.check(t, row, route, config);
        add(t, row, r.seq(), false, route.toTarget(r.unchanged()));
      }
      t.changeWritten(r.commitTimeMillis());
    } catch (LimitExceededException ex) {
      ts.blacklist(t, ex.code(), ex.getMessage());
    }
  }

  /** Stops a table whose source is gone; its target keeps the rows as of the drop (see {@link TableDropped}). */
  private void onDropped(TableDropped e) {
    TableRuntime t = tables.get(e.table());
    if (t == null) {
      return;
    }
    ts.blacklist(t, ErrorCode.TABLE_DROPPED,
        "source table " + t.id + " was dropped or renamed away" + (e.ddl() == null ? "" : " by `"
        + e.ddl() + "`") + " at " + e.position() + "; its target keeps the rows as of then. Re-sync the table once it"
        + " exists again, or remove it from the pipeline");
  }

  /** Stops a table the log cannot carry on (see {@link TableNeedsResync}); its layout from here on is kept. */
  private void onNeedsResync(TableNeedsResync e) {
    TableRuntime t = tables.get(e.table());
    if (t == null) {
      return;
    }
    if (e.newSchema() != null) {
      t.schema = e.newSchema(); // a re-sync reads, and later rows decode, with the layout the source now has
    }
    ts.blacklist(t, e.code(),
        e.reason() + (e.ddl() == null ? "" : " (`" + e.ddl() + "`)") + " at " + e.position()
        + "; re-sync the table");
  }

  /** Deletes the table's target rows; a running sync of the table starts over, since its staging is stale. */
  private void onTruncate(TableTruncated e) {
    TableRuntime t = tables.get(e.table());
    if (t == null || t.phase == TablePhase.PAUSED || t.phase == TablePhase.BLACKLISTED) {
      return;
    }
    RowFilter scope = ts.planner.replaceScope(t.id, ts.members(t.target), config.mode() == SyncMode.MIRROR);
    if (scope == null) {
      ts.blacklist(t, ErrorCode.TRUNCATE_UNSUPPORTED,
          "TRUNCATE of " + t.id + " cannot be applied to virtual table " + t.target + ": its rows are not"
          + " told apart from other shards'; configure identifying extendedFields(...) and re-sync the table");
      return;
    }
    t.changeWritten(e.commitTimeMillis());
    if (t.phase.staging()) {
      LOG.info("[{}] {} truncated during its sync: starting the sync over", config.name(), t.id);
      RowFilter filter = t.snapshotFilter;
      ts.resync(t.id, filter == RowFilter.all() ? null : filter);
      return;
    }
    batcher.flushTarget(t.target);
    writer.deleteWhere(t.target, scope);
    LOG.info("[{}] {} truncated: deleted its rows from {}", config.name(), t.id, t.target);
  }

  private void onChunkRows(WorkItem.ChunkRows r) {
    TableRuntime t = tables.get(r.table());
    if (t == null || t.generation != r.generation() || !t.phase.staging()) {
      return;
    }
    if (!r.schema().equals(t.schema)) {
      // Read before a schema change reached the table: its chunk is read again with the new schema (ChunkRereads),
      // and by-name routing of these rows could misplace a renamed column (a renamed key would come out null).
      return;
    }
    TableRoute route = r.schema() == t.schema ? t.route
        : new TableRoute(r.schema(), ts.targets.get(t.target), ts.planner.extendedFields());
    long seq = r.lowWatermark() - 1;
    try {
      for (Row source : r.rows()) {
        Row row = route.toTarget(source);
        Limits.check(t, row, route, config);
        add(t, row, seq, false);
      }
    } catch (LimitExceededException ex) {
      ts.blacklist(t, ex.code(), ex.getMessage());
      return;
    }
    recordsRead += r.rows().size();
    t.snapshotRows += r.rows().size();
  }

  private void add(TableRuntime t, Row row, long seq, boolean delete) {
    add(t, row, seq, delete, null);
  }

  private void add(TableRuntime t, Row row, long seq, boolean delete, ColumnMask unchanged) {
    batcher.add(t, row, seq, delete, unchanged);
    t.rowsWritten++;
    recordsWritten++;
  }

  /**
   * Cuts a wanted checkpoint if every source stands between transactions, or if the wait has outgrown the buffer
   * budget (then the open transactions are split, and reported). At the cut: the held operator commands run, ready
   * merges run (each with its checkpoint), and the checkpoint the interval, idle sources or a stop asked for is
   * taken.
   */
  private void tryCut() {
    if (!policy.wanted() || killed) {
      return;
    }
    boolean boundary = CommitPolicy.atBoundary(positions);
    if (!boundary && !policy.splitDue()) {
      return;
    }
    boolean stop = policy.wants(CommitPolicy.Reason.STOP);
    boolean timed = stop || policy.wants(CommitPolicy.Reason.INTERVAL) || policy.wants(CommitPolicy.Reason.IDLE);
    if (!boundary) {
      splitReason = "the commit waited through more than the buffer budget (" + config.bufferMemoryBytes()
          + " bytes) of log for the transaction to end; raise bufferMemoryBytes(...) to keep such transactions whole";
    }
    try {
      runHeldCommands();
      boolean merged = runMerges();
      if (timed && (stop || !merged || uncommitted())) {
        checkpoint();
      }
    } finally {
      splitReason = FORCED_SPLIT;
    }
    policy.cut(now());
    finished = stop;
  }

  /** Whether a table's staging is ready to merge (see {@link #runMerges}). */
  private boolean mergeReady() {
    for (var it = ts.mergeCandidates.iterator(); it.hasNext(); ) {
      TableRuntime t = it.next();
      if (!t.phase.staging() || !t.snapshotComplete()) {
        it.remove();
      } else if (sourceSeq[t.sourceIndex] >= t.highWatermark) {
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
   */
  private boolean runMerges() {
    boolean merged = false;
    TableRuntime t;
    while (!killed && (t = nextMergeReady()) != null) {
      merged = true;
      batcher.flushTarget(t.target);
      writer.mergeStaging(t.target, t.staging, t.mergeScope);
      t.merged(); // changes staged during the sync are visible from this merge's commit
      t.reason = null; // a re-sync the pipeline started itself (after a lost log position) said why until here
      batcher.discardStaged(t);
      t.chunks = List.of();
      t.done = new java.util.BitSet();
      t.readLows.clear();
      ts.setPhase(t, TablePhase.STREAMING);
      checkpoint();
    }
    return merged;
  }

  /** Removes and returns the first merge candidate ready to merge; drops candidates that no longer stage. */
  private TableRuntime nextMergeReady() {
    for (var it = ts.mergeCandidates.iterator(); it.hasNext(); ) {
      TableRuntime t = it.next();
      if (!t.phase.staging() || !t.snapshotComplete()) {
        it.remove();
      } else if (sourceSeq[t.sourceIndex] >= t.highWatermark) {
        it.remove();
        return t;
      }
    }
    return null;
  }

  /** Whether every source has drained its log (its latest event was a heartbeat). */
  private boolean allDrained() {
    for (boolean d : drained) {
      if (!d) {
        return false;
      }
    }
    return true;
  }

  /** The run's tables and their operations; for the engine's operations centre calls. */
  TableSet tableSet() {
    return ts;
  }

  // ---------------------------------------------------------------- checkpoints and status

  private void checkpoint() {
    long started = now();
    batcher.flushAll();
    long id = ++checkpointId;
    byte[] committable = writer.prepareCommit(id);
    Map<String, byte[]> saved = new LinkedHashMap<>();
    for (int i = 0; i < positions.length; i++) {
      saved.put(config.sources().get(i).name(), positions[i].encode());
    }
    Map<TableId, Checkpoint.TableState> states = new LinkedHashMap<>();
    tables.values().forEach(t -> states.put(t.id, t.toState()));
    config.checkpointStore().save(config.name(),
        CheckpointCodec.encode(new Checkpoint(id, saved, states, committable)));
    writer.commit(id, committable);
    policy.cut(now());
    if (!CommitPolicy.atBoundary(positions)) {
      reportSplit(id);
    }
    for (int i = 0; i < readers.size(); i++) {
      committedSeq[i] = sourceSeq[i];
      readers.get(i).stream().acknowledge(positions[i]);
    }
    checkpointsTaken++;
    checkpointed = new RetentionGuard.Checkpointed(positions.clone(), positionTimes.clone());
    Instant at = Instant.now(config.clock());
    tables.values().forEach(t -> t.committed(at));
    ctx.checkpointed(id, at, this);
    publishStatus();
    LOG.debug("[{}] checkpoint {} in {} ms", config.name(), id, now() - started);
  }

  /** Reports the sources whose open transaction checkpoint {@code id} committed in part. */
  private void reportSplit(long id) {
    Instant at = Instant.now(config.clock());
    for (int i = 0; i < positions.length; i++) {
      if (positions[i] != null && positions[i].insideTransaction()) {
        splitTransactions[i]++;
        String source = config.sources().get(i).name();
        LOG.warn("[{}] checkpoint {} splits the open transaction of source {} at {}: {}", config.name(), id, source,
            positions[i], splitReason);
        ctx.emit(new io.tributary.sync.SyncEvent.TransactionSplit(config.name(), at, source,
            positions[i].toString(), id, splitReason));
      }
    }
  }

  long[] splitTransactions() {
    return splitTransactions;
  }

  private void publishStatus() {
    ctx.publish(this);
  }

  /** The last checkpoint's positions, or null before this run's first checkpoint. */
  RetentionGuard.Checkpointed checkpointed() {
    return checkpointed;
  }

  /** Per source, the commit time of the newest event (change or heartbeat) handled, or -1. */
  long[] positionTimes() {
    return positionTimes;
  }

  long[] idlePolledAt() {
    return idlePolledAt;
  }

  long[] idleSeq() {
    return idleSeq;
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

  SourcePosition[] positions() {
    return positions;
  }

  long[] committedSeq() {
    return committedSeq;
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
    return recordsWritten;
  }
}
