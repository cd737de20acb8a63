package io.tributary.sync.internal;

import io.tributary.sync.PipelineState;
import io.tributary.sync.PipelineStatus;
import io.tributary.sync.SyncEvent;
import io.tributary.sync.event.TableId;
import io.tributary.sync.spi.ChangeSource;
import io.tributary.sync.spi.StartPosition;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pipeline's engine: owns the state machine and the operations on it (start, stop, kill, offline, close, status;
 * table commands and verification are {@link TableCommands}, the waits {@link EngineWaits}), runs {@link
 * PipelineRun}s on a supervisor thread whose failover decisions live in {@link Supervisor}, and delivers events to
 * listeners on a notifier thread so a slow listener never stalls the data.
 */
public final class PipelineEngine implements RunContext {

  private static final Logger LOG = LoggerFactory.getLogger(PipelineEngine.class);

  private final PipelineConfig config;
  private final PipelineThreads threads;
  private final ListenerNotifier notifier;
  private final StatusTracker status;
  private Thread supervisor;
  private final RetentionGuard retention;
  private final Supervisor failover;
  /** The state machine, its lock and the current run; shared with the supervision. */
  private final EngineState life;
  private final TableCommands commands;
  private final EngineWaits waits;
  private boolean closed;

  public PipelineEngine(PipelineConfig config) {
    this.config = config;
    this.threads = new PipelineThreads(config.name(), config.threadFactory());
    for (ChangeSource source : config.sources()) {
      source.useThreadFactory(threads.forRole(source.name(), source.name()));
    }
    config.writer().useThreadFactory(threads.forRole("writer", null));
    this.notifier = new ListenerNotifier(config, threads("notifier"));
    this.status = new StatusTracker(config);
    this.life = new EngineState(config, status, this::emit);
    this.retention = new RetentionGuard(config, () -> life.run, this::emit, threads("retention"));
    this.failover = new Supervisor(config, this, life, status);
    this.commands = new TableCommands(config, life, status);
    this.waits = new EngineWaits(life, status);
  }

  /** Each source's preflight over the tables it would capture, plus its checkpoint position's retention. */
  public java.util.List<io.tributary.sync.spi.PreflightReport> preflight() {
    return PipelinePreflight.run(config, retention);
  }

  /** Checks now how long each source's checkpoint position stays on its server; alerts on a crossing. */
  public Map<String, io.tributary.sync.spi.LogRetention> logRetention() {
    return retention.check();
  }

  public PipelineConfig config() {
    return config;
  }

  public void start(Map<String, StartPosition> customStarts) {
    synchronized (life.lock) {
      if (closed) {
        throw new IllegalStateException("pipeline " + config.name() + " is closed");
      }
      if (!life.state.canStart()) {
        throw new IllegalStateException("pipeline " + config.name() + " cannot start: it is " + life.state
            + (life.state == PipelineState.STOPPING ? "; wait for stop() to return, then start it"
            : " (start() was called before); stop() it first to restart it"));
      }
      for (String source : customStarts.keySet()) {
        if (config.sources().stream().noneMatch(s -> s.name().equals(source))) {
          throw new IllegalArgumentException("custom start position for unknown source \"" + source + "\"");
        }
      }
      life.stopRequested = false;
      life.transition(PipelineState.STARTING);
      supervisor = threads("supervisor").newThread(() -> failover.supervise(customStarts));
      supervisor.start();
      retention.start(); // its first check, at once, sees the stored checkpoint's positions
    }
  }

  public void stop() {
    Thread t;
    synchronized (life.lock) {
      if (life.state != PipelineState.STARTING && life.state != PipelineState.RUNNING) {
        return;
      }
      life.transition(PipelineState.STOPPING);
      life.stopRequested = true;
      PipelineRun r = life.run;
      if (r != null) {
        r.requestStop();
      }
      t = supervisor;
      if (r == null) {
        t.interrupt(); // wakes a supervisor sleeping in failover backoff
      }
    }
    joinQuietly(t);
    retention.stop();
  }

  /** Test hook: abandons the running pipeline as a crash would (no final checkpoint). */
  public void kill() {
    Thread t;
    synchronized (life.lock) {
      life.stopRequested = true;
      PipelineRun r = life.run;
      if (r != null) {
        r.kill();
      }
      t = supervisor;
    }
    if (t != null) {
      joinQuietly(t);
    }
  }

  public CompletableFuture<Void> resync(TableId table, io.tributary.sync.event.RowFilter filter) {
    return commands.resync(table, filter);
  }

  public CompletableFuture<Void> pause(TableId table) {
    return commands.pause(table);
  }

  public CompletableFuture<Void> resume(TableId table) {
    return commands.resume(table);
  }

  public CompletableFuture<Void> prioritize(java.util.List<TableId> tables) {
    return commands.prioritize(tables);
  }

  /** A table's route, phase and scope for verification, from the decider's last published state. */
  public CompletableFuture<VerifyView> verifyView(TableId table) {
    return commands.verifyView(table);
  }

  /**
   * Waits until the pipeline is RUNNING (its tables discovered, logs open): true then, false on timeout.
   *
   * @throws io.tributary.sync.PipelineFailedException if it failed (before or while waiting)
   * @throws io.tributary.sync.PipelineNotRunningException if it was not started, or is stopping or stopped
   */
  public boolean awaitRunning(Duration timeout) throws InterruptedException {
    return waits.awaitRunning(timeout);
  }

  public void offline() {
    stop();
    config.checkpointStore().clear(config.name());
    for (ChangeSource s : config.sources()) {
      s.releaseServerState();
    }
    LOG.info("[{}] offline: checkpoint cleared, target tables kept", config.name());
  }

  public void close() {
    synchronized (life.lock) {
      if (closed) {
        return;
      }
    }
    stop();
    retention.stop();
    synchronized (life.lock) {
      closed = true;
    }
    for (ChangeSource s : config.sources()) {
      try {
        s.close();
      } catch (RuntimeException e) {
        LOG.warn("[{}] closing source {}: {}", config.name(), s.name(), e.toString());
      }
    }
    try {
      config.writer().close();
    } catch (RuntimeException e) {
      LOG.warn("[{}] closing writer: {}", config.name(), e.toString());
    }
    notifier.shutdown();
  }

  public PipelineStatus status() {
    synchronized (life.lock) {
      return status.current(life.state);
    }
  }

  public Set<TableId> capturedTables() {
    return status.tables();
  }

  /** Waits until every change the sources committed before this call is committed to the target. */
  public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
    return waits.awaitCaughtUp(timeout);
  }

  // ---------------------------------------------------------------- RunContext

  @Override
  public ThreadFactory threads(String role) {
    return threads.forRole(role, null);
  }

  @Override
  public ThreadFactory threads(String role, String source) {
    return threads.forRole(role, source);
  }

  @Override
  public void emit(SyncEvent event) {
    notifier.emit(event);
  }

  @Override
  public void running() {
    synchronized (life.lock) {
      if (life.state == PipelineState.STARTING) {
        life.transition(PipelineState.RUNNING);
      }
    }
  }

  @Override
  public void checkpointed(long id, Instant at, RunView view) {
    status.checkpointed(id, at);
    emit(new SyncEvent.CheckpointCompleted(config.name(), at, id, 0));
    for (SyncEvent.LatencyAlert alert : status.latencyAlerts(view, at)) {
      emit(alert);
    }
  }

  @Override
  public void publish(RunView view) {
    status.publish(view);
  }

  private static void joinQuietly(Thread t) {
    if (t == Thread.currentThread()) {
      return;
    }
    try {
      t.join(TimeUnit.MINUTES.toMillis(2));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
