package io.tributary.sync;

import io.tributary.sync.event.TableId;
import java.time.Instant;

/**
 * What a pipeline tells its {@link io.tributary.sync.spi.SyncListener}s. Every event names the pipeline and when it
 * happened; {@link Alert}s are the ones an operator should be paged for (the operating manual's five alerts).
 */
public sealed interface SyncEvent {

  String pipeline();

  Instant at();

  /** Events that correspond to the manual's alerts: failure, failover, target-table change failure, latencies. */
  sealed interface Alert extends SyncEvent {
    /** A one-line description for a notification. */
    String summary();
  }

  /** The pipeline moved between states. */
  record PipelineStateChanged(String pipeline, Instant at, PipelineState from, PipelineState to)
      implements SyncEvent {
  }

  /** A table moved between phases. */
  record TablePhaseChanged(String pipeline, Instant at, TableId table, TablePhase from, TablePhase to)
      implements SyncEvent {
  }

  /** A checkpoint was saved and committed. */
  record CheckpointCompleted(String pipeline, Instant at, long checkpointId, long durationMillis)
      implements SyncEvent {
  }

  /**
   * A checkpoint committed part of a source transaction: the target shows some of its changes until the next
   * checkpoint. Checkpoints are cut between transactions; this happens only when a transaction outgrew the buffer
   * budget (raise {@code bufferMemoryBytes}) or a commit was needed inside one (a schema change the source reports
   * inside a transaction, a table's sync restarted by a truncate inside one).
   *
   * @param source       the source whose transaction was split
   * @param position     the position the checkpoint recorded, inside the transaction
   * @param checkpointId the checkpoint that split it
   * @param reason       why
   */
  record TransactionSplit(String pipeline, Instant at, String source, String position, long checkpointId,
      String reason) implements SyncEvent {
  }

  /** The pipeline failed and stopped; the manual's "task failure" alert. */
  record PipelineFailed(String pipeline, Instant at, Throwable cause) implements Alert {
    @Override
    public String summary() {
      return "pipeline " + pipeline + " failed: " + cause.getMessage();
    }
  }

  /** A retriable failure restarted part of the pipeline from its last checkpoint; the "job failover" alert. */
  record Failover(String pipeline, Instant at, int failoverCount, Throwable cause) implements Alert {
    @Override
    public String summary() {
      return "pipeline " + pipeline + " failover #" + failoverCount + ": " + cause.getMessage();
    }
  }

  /**
   * A table was stopped alone (blacklisted): an incompatible schema change or a limit; the "target table change
   * failure" alert. Re-sync the table once the cause is fixed.
   */
  record TableStopped(String pipeline, Instant at, TableId table, String reason) implements Alert {
    @Override
    public String summary() {
      return "pipeline " + pipeline + " stopped table " + table + ": " + reason;
    }
  }

  /** Which latency a latency alert is about. */
  enum LatencyKind {
    /** Source commit to visible in the target (per table). */
    DATA,
    /** How far the log reader is behind the source's log end (per source). */
    READ_CHECKPOINT
  }

  /**
   * A latency went above its configured threshold ({@code exceeded}) or came back under it; the "latency" and
   * "checkpoint read latency" alerts.
   *
   * @param subject the table (data latency) or the source name (read latency)
   */
  record LatencyAlert(String pipeline, Instant at, LatencyKind kind, String subject, long latencyMillis,
      long thresholdMillis, boolean exceeded) implements Alert {
    @Override
    public String summary() {
      return "pipeline " + pipeline + " " + (kind == LatencyKind.DATA ? "data latency" : "read checkpoint latency")
          + " of " + subject + (exceeded ? " is " : " is back to ") + latencyMillis + " ms (threshold "
          + thresholdMillis + " ms)";
    }
  }
}
