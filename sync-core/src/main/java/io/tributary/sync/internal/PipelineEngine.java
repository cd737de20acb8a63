package io.tributary.sync.internal;

import io.tributary.sync.PipelineFailedException;
import io.tributary.sync.PipelineNotRunningException;
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
 * The pipeline's engine: owns the state machine and the operations on it (start, stop, kill, table commands, waits,
 * status), runs {@link PipelineRun}s on a supervisor thread whose failover decisions live in {@link Supervisor},
 * and delivers events to listeners on a notifier thread so a slow listener never stalls the data.
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
    return command(WorkItem.Command.Op.RESYNC, java.util.List.of(table), filter);
  }

  public CompletableFuture<Void> pause(TableId table) {
    return command(WorkItem.Command.Op.PAUSE, java.util.List.of(table), null);
  }

  public CompletableFuture<Void> resume(TableId table) {
    return command(WorkItem.Command.Op.RESUME, java.util.List.of(table), null);
  }

  public CompletableFuture<Void> prioritize(java.util.List<TableId> tables) {
    return command(WorkItem.Command.Op.PRIORITIZE, java.util.List.copyOf(tables), null);
  }

  /**
   * A table's route, phase and scope for verification, from the decider's last published state (immutable, so no
   * command to the sink thread is needed, and none asks for a commit).
   */
  public CompletableFuture<VerifyView> verifyView(TableId table) {
    synchronized (life.lock) {
      if (life.run == null || life.state != PipelineState.RUNNING) {
        return CompletableFuture.failedFuture(life.notRunning());
      }
    }
    RunView view = status.lastView();
    if (view == null) {
      return CompletableFuture.failedFuture(life.notRunning());
    }
    try {
      return CompletableFuture.completedFuture(VerifyView.of(config, view, table));
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /** Hands an operator command, as data, to the running pipeline's decider (in order with the data). */
  private CompletableFuture<Void> command(WorkItem.Command.Op op, java.util.List<TableId> tables,
      io.tributary.sync.event.RowFilter filter) {
    PipelineRun r;
    synchronized (life.lock) {
      r = life.run;
      if (r == null || life.state != PipelineState.RUNNING) {
        return CompletableFuture.failedFuture(life.notRunning());
      }
    }
    return r.submit(op, tables, filter);
  }

  /**
   * Waits until the pipeline is RUNNING (its tables discovered, logs open): true then, false on timeout.
   *
   * @throws PipelineFailedException if it failed (before or while waiting)
   * @throws PipelineNotRunningException if it was not started, or is stopping or stopped
   */
  public boolean awaitRunning(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (life.lock) {
      while (true) {
        switch (life.state) {
          case RUNNING:
            return true;
          case FAILED:
            throw life.failedException();
          case STARTING:
            break;
          default:
            throw life.notRunning();
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        TimeUnit.NANOSECONDS.timedWait(life.lock, left);
      }
    }
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

  /**
   * Waits until every change the sources committed before this call is committed to the target. It asks each source
   * for its log end now (the fence; see {@code ChangeSource.logEnd}) and waits until a published status shows a
   * checkpoint covering every fence with no table staging and nothing uncommitted. A status or heartbeat from before
   * the call never counts: the fence is taken after the call began, and compared by seq, not by time.
   */
  public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
    long called = System.nanoTime();
    long deadline = called + timeout.toNanos();
    long[] fence = null;
    while (System.nanoTime() - deadline < 0) {
      synchronized (life.lock) {
        if (life.state == PipelineState.FAILED) {
          throw life.failedException();
        }
        if (life.state == PipelineState.CREATED) {
          throw life.notRunning();
        }
        if (life.state == PipelineState.STOPPED) {
          return false;
        }
      }
      if (fence == null) {
        fence = status.logEnds();
      }
      PipelineRun current = life.run;
      if (fence != null && current != null && status.caughtUp(fence, called, current)) {
        return true;
      }
      status.awaitPublish(Math.min(deadline - System.nanoTime(), TimeUnit.MILLISECONDS.toNanos(fence == null ? 100
          : 20)));
    }
    return false;
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
  public void checkpointed(long id, Instant at, PipelineRun r, RunView view) {
    status.checkpointed(id, at, r);
    emit(new SyncEvent.CheckpointCompleted(config.name(), at, id, 0));
    for (SyncEvent.LatencyAlert alert : status.latencyAlerts(r, view, at)) {
      emit(alert);
    }
  }

  @Override
  public void publish(PipelineRun r, RunView view) {
    status.publish(r, view);
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
