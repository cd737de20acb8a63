package io.tributary.sync.internal;

import io.tributary.sync.ErrorCode;
import io.tributary.sync.PipelineFailedException;
import io.tributary.sync.PipelineNotRunningException;
import io.tributary.sync.PipelineState;
import io.tributary.sync.PipelineStatus;
import io.tributary.sync.SyncEvent;
import java.time.Instant;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's state machine: its state, the lock guarding it, the current run and the stop request, the logged and
 * announced transitions, and the errors that explain a state to a caller. Why its own class: the engine's operations
 * ({@link PipelineEngine}) and its supervision ({@link Supervisor}) both drive it, and with the state apart neither
 * reaches into the other; the engine's public API is unchanged. Fields are read and written under {@link #lock},
 * except the volatile ones, which are read without it.
 */
final class EngineState implements Supervisor.Engine {

  private static final Logger LOG = LoggerFactory.getLogger(EngineState.class);

  final Object lock = new Object();
  PipelineState state = PipelineState.CREATED;
  volatile PipelineRun run;
  volatile boolean stopRequested;
  private final PipelineConfig config;
  private final StatusTracker status;
  private final Consumer<SyncEvent> events;

  EngineState(PipelineConfig config, StatusTracker status, Consumer<SyncEvent> events) {
    this.config = config;
    this.status = status;
    this.events = events;
  }

  /** Why an operation cannot run now, and what to do. Holds {@link #lock}. */
  PipelineNotRunningException notRunning() {
    String fix = switch (state) {
      case CREATED -> "call start(), then awaitRunning(timeout)";
      case STARTING -> "call awaitRunning(timeout) after start()";
      case RUNNING -> "retry: the run is restarting after a failover";
      case STOPPING, STOPPED -> "start() it again, then awaitRunning(timeout)";
      case FAILED -> "see status().failureCause(), fix it and start() again";
    };
    return new PipelineNotRunningException("pipeline " + config.name() + " is " + state + ", not RUNNING: " + fix,
        state);
  }

  /** The failure of a FAILED pipeline as an exception for a waiting caller. */
  PipelineFailedException failedException() {
    PipelineStatus s = status.current(PipelineState.FAILED);
    return new PipelineFailedException(config.name(), s.failureCode(), s.failureCause());
  }

  @Override
  public boolean attach(PipelineRun r) {
    synchronized (lock) {
      if (stopRequested) {
        return false;
      }
      run = r;
      return true;
    }
  }

  @Override
  public void detach() {
    synchronized (lock) {
      run = null;
    }
  }

  @Override
  public boolean stopRequested() {
    return stopRequested;
  }

  @Override
  public void stopped() {
    synchronized (lock) {
      transition(PipelineState.STOPPED);
    }
  }

  @Override
  public void failed(Throwable e, ErrorCode code) {
    synchronized (lock) {
      status.failed(e, code);
      // Queued before anyone can see FAILED: a host that closes the pipeline at once still gets the alert.
      events.accept(new SyncEvent.PipelineFailed(config.name(), Instant.now(config.clock()), e, code));
      transition(PipelineState.FAILED);
    }
  }

  /** Moves to {@code to}, logged and announced; the caller holds {@link #lock}. */
  void transition(PipelineState to) {
    PipelineState from = state;
    if (from == to) {
      return;
    }
    state = to;
    lock.notifyAll(); // wakes awaitRunning
    LOG.info("[{}] {} -> {}", config.name(), from, to);
    events.accept(new SyncEvent.PipelineStateChanged(config.name(), Instant.now(config.clock()), from, to));
  }
}
