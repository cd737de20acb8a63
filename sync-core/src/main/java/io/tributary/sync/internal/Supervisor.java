package io.tributary.sync.internal;

import io.tributary.sync.ErrorCode;
import io.tributary.sync.SyncEvent;
import io.tributary.sync.SyncException;
import io.tributary.sync.spi.ChangeSource;
import io.tributary.sync.spi.StartPosition;
import java.time.Instant;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Supervision and failover: runs one {@link PipelineRun} after another on the supervisor thread, restarts a run from
 * the last checkpoint after a retriable failure (a failover, with exponential backoff, at most {@code maxFailovers}
 * in a row), and fails the pipeline on anything else. Why its own class: the failover decision is apart from the
 * engine's operations (start, stop, commands, waits) it used to share a class with; the engine keeps the state
 * machine and its lock, and this class reaches it only through {@link Engine}.
 */
final class Supervisor {

  private static final Logger LOG = LoggerFactory.getLogger(Supervisor.class);

  /** The engine's side of supervision: the run slot and the state transitions, each under the engine's lock. */
  interface Engine {

    /** Makes {@code run} the current run; false when a stop was requested (the run does not start). */
    boolean attach(PipelineRun run);

    /** No run is current. */
    void detach();

    boolean stopRequested();

    /** Supervision ended without a failure: STOPPED. */
    void stopped();

    /** Records the failure, queues its event and moves to FAILED. */
    void failed(Throwable e, ErrorCode code);
  }

  private final PipelineConfig config;
  private final RunContext ctx;
  private final Engine engine;
  private final StatusTracker status;

  Supervisor(PipelineConfig config, RunContext ctx, Engine engine, StatusTracker status) {
    this.config = config;
    this.ctx = ctx;
    this.engine = engine;
    this.status = status;
  }

  void supervise(Map<String, StartPosition> customStarts) {
    Map<String, StartPosition> starts = customStarts;
    int consecutive = 0;
    java.util.List<RefusedBatches.Refusal> refusals = new java.util.ArrayList<>();
    long backoff = config.failoverBackoff().toMillis();
    while (true) {
      PipelineRun r = new PipelineRun(config, ctx, java.util.List.copyOf(refusals));
      try {
        Checkpoint restored = config.checkpointStore().load(config.name()).map(CheckpointCodec::decode)
            .orElse(null);
        if (!engine.attach(r)) {
          break;
        }
        r.execute(restored, starts);
        break;
      } catch (Throwable e) {
        r.kill();
        engine.detach(); // so stop() interrupts the backoff below instead of asking the dead run to stop
        if (engine.stopRequested()) {
          break;
        }
        if (r.checkpointsTaken() > 0) {
          refusals.clear(); // the run's checkpoints record the refused tables as stopped
          consecutive = 0;
          backoff = config.failoverBackoff().toMillis();
          starts = Map.of();
        }
        if (e instanceof RefusedBatches.Refused refused && consecutive < config.maxFailovers()) {
          consecutive++; // restart at once: the next run stops the refused batch's tables before it writes
          refusals.add(refused.refusal());
          LOG.warn("[{}] restarting from the last checkpoint to stop the tables of a refused batch: {}", config.name(),
              refused.getMessage());
          continue;
        }
        if ((isRetriable(e) || r.lostPositionWhileReading(e)) && consecutive < config.maxFailovers()) {
          consecutive++;
          ErrorCode code = e instanceof SyncException s ? s.code() : ErrorCode.TRANSIENT;
          int count = status.failover(e, code);
          LOG.warn("[{}] failover #{} [{}] after: {}", config.name(), count, code, e.toString());
          ctx.emit(new SyncEvent.Failover(config.name(), Instant.now(config.clock()), count, e, code));
          try {
            Thread.sleep(backoff);
          } catch (InterruptedException ie) {
            break;
          }
          backoff = Math.min(backoff * 2, 60_000);
          continue;
        }
        fail(e);
        return;
      } finally {
        engine.detach();
      }
    }
    engine.stopped();
  }

  private boolean isRetriable(Throwable e) {
    if (e instanceof SyncException s) {
      return s.isRetriable();
    }
    for (ChangeSource s : config.sources()) {
      if (s.isRetriable(e)) {
        return true;
      }
    }
    return false;
  }

  private void fail(Throwable e) {
    // A failure that is no SyncException: one the sources called retriable (failovers ran out), else a bug.
    ErrorCode code = e instanceof SyncException s ? s.code() : isRetriable(e) ? ErrorCode.TRANSIENT
        : ErrorCode.INTERNAL;
    LOG.error("[{}] failed [{}]: {}", config.name(), code, e.toString(), e);
    engine.failed(e, code);
  }
}
