package io.tributary.sync.internal;

import io.tributary.sync.event.RowFilter;
import io.tributary.sync.event.TableId;
import io.tributary.sync.spi.ChangeWriter;
import io.tributary.sync.spi.StartPosition;
import io.tributary.sync.spi.WriterContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of a pipeline, from a checkpoint (or a fresh start) until stop or failure: the thin runtime around the
 * {@link Decider}. Its {@link #execute} is the sink thread, a loop of poll, {@link Decider#apply apply}, execute the
 * effects in order ({@link EffectExecutor}, checkpoints by the {@link CheckpointCoordinator}), feed the writer's
 * answers back. Readers and snapshot workers feed it through a {@link WorkQueue}; operator commands arrive there too,
 * as data. Status is published only where the decider and the executed effects agree (after an input's effects).
 */
final class PipelineRun {

  private static final Logger LOG = LoggerFactory.getLogger(PipelineRun.class);
  /** How long a stop waits for the sources' open transactions to end before it gives their changes up. */
  private static final long STOP_WAIT_MILLIS = 10_000;
  private static final java.util.concurrent.atomic.AtomicLong RUNS = new java.util.concurrent.atomic.AtomicLong();

  private final long id = RUNS.incrementAndGet();
  private final PipelineConfig config;
  private final RunContext ctx;
  private final TrackingWriter writer;
  private final WorkQueue queue;
  private final List<LogReader> readers = new ArrayList<>();
  private final CheckpointCoordinator coordinator;
  private final EffectExecutor executor;
  private final LogOpener logs;
  private final CommandFutures commands = new CommandFutures();
  private SnapshotWorkers snapshots;
  private volatile Decider decider;
  /** Every source's log was opened: a lost position found from here on was lost while the run read it. */
  private volatile boolean logsOpened;
  private volatile boolean stopRequested;
  private volatile boolean killed;
  private long lastTick = Long.MIN_VALUE;
  private final List<RefusedBatches.Refusal> refused;

  /** A run that first stops the tables of batches the writer refused in the last run. */
  PipelineRun(PipelineConfig config, RunContext ctx, List<RefusedBatches.Refusal> refused) {
    this.refused = refused;
    this.config = config;
    this.ctx = ctx;
    this.writer = new TrackingWriter(config.writer());
    this.queue = new WorkQueue(config.bufferMemoryBytes());
    this.coordinator = new CheckpointCoordinator(config, writer, readers);
    this.executor = new EffectExecutor(writer, coordinator, ctx, () -> killed);
    this.logs = new LogOpener(config);
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
    queue.put(new WorkItem.Stop()); // wakes the sink now (which applies a stop at once; this one again, harmlessly)
  }

  /** Abandons the run as a crash would: no final checkpoint, threads interrupted. */
  void kill() {
    killed = true;
    closeReaders();
  }

  int checkpointsTaken() {
    return coordinator.taken();
  }

  /** Queues an operator command, applied in order with the data; the future fails if the run ends first. */
  CompletableFuture<Void> submit(WorkItem.Command.Op op, List<TableId> tables, RowFilter filter) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    queue.put(commands.register(op, tables, filter, done));
    if (killed || commands.ended()) {
      commands.failPending();
    }
    return done;
  }

  /** Runs until stopped (returns) or failed (throws). */
  void execute(Checkpoint restored, Map<String, StartPosition> customStarts) throws Exception {
    try {
      initialize(restored, customStarts);
      publishStatus(); // once RUNNING (awaitRunning returns), status() shows this run's tables
      ctx.running();
      long nextStatus = 0;
      long stopDeadline = Long.MAX_VALUE;
      while (!decider.finished() && !killed) {
        if (stopRequested && stopDeadline == Long.MAX_VALUE) {
          run(new WorkItem.Stop()); // at once, not behind the buffered items: the stop's cut is the next boundary
          stopDeadline = now() + STOP_WAIT_MILLIS;
          continue;
        }
        if (now() >= stopDeadline) {
          LOG.warn("[{}] stopping without a final checkpoint: a source transaction was still open after {} ms at {};"
              + " its changes are read again on the next start", config.name(), STOP_WAIT_MILLIS,
              java.util.Arrays.toString(decider.cursors().positions()));
          break;
        }
        long wait = Math.max(1, Math.min(decider.nextDue() - now(), 100));
        WorkItem item = queue.poll(wait, TimeUnit.MILLISECONDS);
        int drained = 0;
        while (item != null && !killed) {
          tick(); // the decider's time stays current while items are drained (its cuts restart the interval)
          run(item);
          queue.release(item);
          item = ++drained < 64 && !decider.finished() ? queue.poll(0, TimeUnit.MILLISECONDS) : null;
        }
        if (killed) {
          return;
        }
        lastTick = now();
        run(new Input.Tick(lastTick)); // after the drain, always: a merge may have become ready, the sources idle
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
      commands.failPending();
    }
  }

  private void initialize(Checkpoint restored, Map<String, StartPosition> customStarts) {
    TableSelection selection = RunStartup.selectTables(config, restored);
    long restoredId = restored == null ? 0 : restored.id();
    writer.open(new WriterContext(config.name(), restoredId, restored == null ? null : restored.committable()));
    RunStartup.requireLatestCheckpoint(config, restored, writer.lastCommittedCheckpointId());
    decider = Decider.restore(config, restored, selection, Math.max(restoredId, writer.lastCommittedCheckpointId()),
        writer.capabilities().contains(ChangeWriter.Capability.RENAME_COLUMN));
    run(new Input.Start(now()));
    if (!refused.isEmpty()) {
      run(new Input.WritesRefused(refused));
    }
    List<io.tributary.sync.event.SourcePosition> starts = RunStartup.openLogs(config, ctx, restored, customStarts,
        decider.tables(), queue, logs, readers);
    logsOpened = true;
    snapshots = new SnapshotWorkers(config.sources(), queue, config.snapshotChunkSize(),
        config.snapshotParallelism(), ctx.threads("snapshot"));
    executor.snapshots(snapshots);
    snapshots.start();
    run(new Input.LogsOpened(starts, logs.takeLost(), System.nanoTime()));
  }

  /**
   * Applies one input and executes its effects, feeding the writer's answers back until the decider waits for
   * nothing; then confirms the checkpoints taken, publishes the status if asked, and completes commands.
   */
  private void run(Input in) {
    Input next = in;
    while (next != null && !killed) {
      next = executor.execute(decider.apply(next));
    }
    if (killed) {
      return;
    }
    for (Input.CheckpointCommitted c : coordinator.drainCommitted()) {
      executor.execute(decider.apply(c));
      ctx.checkpointed(c.id(), java.time.Instant.ofEpochMilli(c.atMillis()), view());
    }
    if (executor.takePublish()) {
      publishStatus();
    }
    executor.takeCompleted().forEach(commands::complete);
  }

  /** Tells the decider the time, when it moved: reasons to commit that fell due are wanted, and cut if they may. */
  private void tick() {
    long t = now();
    if (t != lastTick) {
      lastTick = t;
      run(new Input.Tick(t));
    }
  }

  private void publishStatus() {
    ctx.publish(view());
  }

  /** The decider's state with the runtime's (this run, its readers' latency, its buffer, its writer's writes). */
  private RunView view() {
    List<Long> readLatency = new ArrayList<>(readers.size());
    readers.forEach(r -> readLatency.add(r.readLatencyMillis()));
    return decider.view().withRuntime(new RunView.Runtime(id, List.copyOf(readLatency), queue.bufferedBytes()),
        writer.uncommitted());
  }

  /** This run, among the JVM's (status tells the current run's publications from an earlier one's). */
  long id() {
    return id;
  }

  /** The last checkpoint's positions, or null before this run's first checkpoint. */
  RetentionGuard.Checkpointed checkpointed() {
    return coordinator.checkpointed();
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
}
