package io.tributary.sync.internal;

import io.tributary.sync.PipelineFailedException;
import io.tributary.sync.PipelineNotRunningException;
import io.tributary.sync.PipelineState;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The engine's waits for a caller's thread: until the pipeline runs, and until it has caught up with the sources.
 * Why its own class: both only watch the state machine ({@link EngineState}) and the published status ({@link
 * StatusTracker}), apart from the operations that change them ({@link PipelineEngine}, which delegates).
 */
final class EngineWaits {

  private final EngineState life;
  private final StatusTracker status;

  EngineWaits(EngineState life, StatusTracker status) {
    this.life = life;
    this.status = status;
  }

  /**
   * Waits until the pipeline is RUNNING (its tables discovered, logs open): true then, false on timeout.
   *
   * @throws PipelineFailedException if it failed (before or while waiting)
   * @throws PipelineNotRunningException if it was not started, or is stopping or stopped
   */
  boolean awaitRunning(Duration timeout) throws InterruptedException {
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

  /**
   * Waits until every change the sources committed before this call is committed to the target. It asks each source
   * for its log end now (the fence; see {@code ChangeSource.logEnd}) and waits until a published status shows a
   * checkpoint covering every fence with no table staging and nothing uncommitted. A status or heartbeat from before
   * the call never counts: the fence is taken after the call began, and compared by seq, not by time.
   */
  boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
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
      if (fence != null && current != null && status.caughtUp(fence, called, current.id())) {
        return true;
      }
      status.awaitPublish(Math.min(deadline - System.nanoTime(), TimeUnit.MILLISECONDS.toNanos(fence == null ? 100
          : 20)));
    }
    return false;
  }
}
