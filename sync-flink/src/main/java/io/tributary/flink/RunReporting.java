package io.tributary.flink;

import io.tributary.sync.ErrorCode;
import io.tributary.sync.PipelineState;
import io.tributary.sync.SyncEvent;
import io.tributary.sync.SyncException;
import io.tributary.sync.internal.FlinkHost;
import io.tributary.sync.internal.FlinkStatus;
import io.tributary.sync.internal.PipelineConfig;
import java.time.Instant;
import org.apache.flink.metrics.MetricGroup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the decision operator reports, as an embedded pipeline's status and listeners would: the decider's status
 * published as metrics ({@link StatusMetrics}, at most every {@value #PUBLISH_MILLIS} ms and at each commit), and its
 * events (the decider's own: table phases, stopped tables, split transactions, lost positions; the runner's: the
 * pipeline running, checkpoints completed, latency alerts, a failover on each restart) delivered to the definition's listeners
 * ({@link EventDelivery}). Operator thread only.
 */
final class RunReporting implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(RunReporting.class);
  static final long PUBLISH_MILLIS = 500;

  private final PipelineConfig config;
  private final FlinkStatus status;
  private final StatusMetrics metrics;
  private final EventDelivery events;
  private volatile PipelineState state = PipelineState.STARTING;
  private long publishedAt = Long.MIN_VALUE;

  RunReporting(PipelineConfig config, MetricGroup operatorMetrics) {
    this.config = config;
    this.status = new FlinkStatus(config);
    this.metrics = new StatusMetrics(operatorMetrics);
    this.events = new EventDelivery(config.name(), config.listeners());
  }

  /**
   * Flink restarted the decision operator (attempt {@code attempt} &gt; 0) from its last checkpoint: the embedded
   * engine's failover alert. The failure itself is in Flink's job exceptions; this attempt does not know it.
   */
  void failover(int attempt) {
    emit(new SyncEvent.Failover(config.name(), Instant.now(config.clock()), attempt, SyncException.of(
        ErrorCode.TRANSIENT, "Flink restarted the job from its last checkpoint (attempt " + attempt + "); the"
            + " failure is in the job's exception history", null)));
  }

  /** Every source's log is open and the decider runs (each start of the job, fresh or restored). */
  void running(FlinkHost host) {
    emit(new SyncEvent.PipelineStateChanged(config.name(), Instant.now(config.clock()), state,
        PipelineState.RUNNING));
    state = PipelineState.RUNNING;
    publish(host, true);
  }

  void emit(SyncEvent event) {
    if (event instanceof SyncEvent.CheckpointCompleted) {
      LOG.debug("[{}] {}", config.name(), event); // one per Flink checkpoint
    } else {
      LOG.info("[{}] {}", config.name(), event);
    }
    events.emit(event);
  }

  /** Publishes the status if the last publication is older than {@value #PUBLISH_MILLIS} ms (or {@code now}). */
  void publish(FlinkHost host, boolean now) {
    long at = config.clock().millis();
    if (now || at - publishedAt >= PUBLISH_MILLIS) {
      publishedAt = at;
      status.publish(host);
      metrics.update(status.status(state));
    }
  }

  /** The decider's checkpoint {@code id} is committed (the decider was told). */
  void committed(FlinkHost host, long id, long atMillis) {
    status.committed(host, id, Instant.ofEpochMilli(atMillis)).forEach(this::emit);
    metrics.update(status.status(state));
    publishedAt = config.clock().millis();
  }

  /** The latest published status (any thread). */
  io.tributary.sync.PipelineStatus status() {
    return status.status(state);
  }

  /** A verification's view of {@code table}, from the latest published state (any thread). */
  io.tributary.sync.internal.VerifyView verifyView(io.tributary.sync.event.TableId table) {
    return status.verifyView(table);
  }

  @Override
  public void close() {
    events.close();
  }
}
