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

    /** The failure's code, with its action and fix; null for latency alerts, which are not failures. */
    default ErrorCode code() {
      return null;
    }
  }

  /** The pipeline moved between states. */
  record PipelineStateChanged(String pipeline, Instant at, PipelineState from, PipelineState to)
      implements SyncEvent {
  }

  /** A table moved between phases. */
  record TablePhaseChanged(String pipeline, Instant at, TableId table, TablePhase from, TablePhase to)
      implements SyncEvent {
  }

  /**
   * Verification found a key range whose target rows differ from its source rows (after rechecking the differing
   * keys, so a change written meanwhile is not reported). Sent once per chunk, when found.
   */
  record VerifyMismatch(String pipeline, Instant at, TableId table, VerifyReport.ChunkMismatch chunk)
      implements SyncEvent {
  }

  /** A verification (with its repair, if asked) finished; {@code report.clean()} tells whether the table is equal. */
  record VerifyFinished(String pipeline, Instant at, TableId table, VerifyReport report) implements SyncEvent {
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
  record PipelineFailed(String pipeline, Instant at, Throwable cause, ErrorCode code) implements Alert {
    /** With the cause's own code ({@link ErrorCode#of}). */
    public PipelineFailed(String pipeline, Instant at, Throwable cause) {
      this(pipeline, at, cause, ErrorCode.of(cause));
    }

    @Override
    public String summary() {
      return "pipeline " + pipeline + " failed [" + code + "]: " + cause.getMessage();
    }
  }

  /** A retriable failure restarted part of the pipeline from its last checkpoint; the "job failover" alert. */
  record Failover(String pipeline, Instant at, int failoverCount, Throwable cause, ErrorCode code) implements Alert {
    /** With the cause's own code, or {@link ErrorCode#TRANSIENT} for a failure that is not a SyncException. */
    public Failover(String pipeline, Instant at, int failoverCount, Throwable cause) {
      this(pipeline, at, failoverCount, cause, cause instanceof SyncException s ? s.code() : ErrorCode.TRANSIENT);
    }

    @Override
    public String summary() {
      return "pipeline " + pipeline + " failover #" + failoverCount + " [" + code + "]: " + cause.getMessage();
    }
  }

  /**
   * A table was stopped alone (blacklisted): an incompatible schema change or a limit; the "target table change
   * failure" alert. Re-sync the table once the cause is fixed.
   */
  record TableStopped(String pipeline, Instant at, TableId table, String reason, ErrorCode code) implements Alert {
    /** A table stopped because the log cannot carry it on ({@link ErrorCode#TABLE_NEEDS_RESYNC}). */
    public TableStopped(String pipeline, Instant at, TableId table, String reason) {
      this(pipeline, at, table, reason, ErrorCode.TABLE_NEEDS_RESYNC);
    }

    @Override
    public String summary() {
      return "pipeline " + pipeline + " stopped table " + table + " [" + code + "]: " + reason;
    }
  }

  /**
   * A source's checkpoint position was no longer on the server (purged binlog or GTIDs, a dropped or invalidated
   * replication slot) and the pipeline, configured with {@link LostLogPosition#RESYNC}, restarted that source's log
   * at its current position and re-syncs its tables online. Changes from {@code lostFrom} to {@code restartedAt}
   * were never read from the log; the re-syncs bring them in.
   *
   * @param source      the source whose position was lost
   * @param lostFrom    the checkpoint's position (the first change not read)
   * @param restartedAt where the log was restarted
   * @param tables      the tables being re-synced
   * @param cause       the server's refusal, as the source reported it
   */
  record LogPositionLost(String pipeline, Instant at, String source, String lostFrom, String restartedAt,
      java.util.List<TableId> tables, String cause) implements Alert {
    public LogPositionLost {
      tables = java.util.List.copyOf(tables);
    }

    @Override
    public String summary() {
      return "pipeline " + pipeline + " lost the log position of source " + source + ": changes from " + lostFrom
          + " to " + restartedAt + " are gone from the server (" + cause + "); re-syncing its " + tables.size()
          + " table(s) online";
    }
  }

  /**
   * A source's checkpoint position came close to being discarded by the server ({@code atRisk}), or is safe again:
   * the retention alert, fired on crossing and on recovery. Thresholds: {@code logRetentionAlert} on the builder.
   *
   * @param position  the checkpoint position checked
   * @param bytesLeft log bytes the server may still write before discarding it, -1 unknown or unlimited
   * @param timeLeft  a lower bound of the time left, null unknown or unlimited
   * @param detail    the facts behind it (settings, files, sizes)
   */
  record LogRetentionAlert(String pipeline, Instant at, String source, String position, boolean atRisk,
      long bytesLeft, java.time.Duration timeLeft, String detail) implements Alert {
    @Override
    public String summary() {
      String left = (timeLeft == null ? "" : "at least " + timeLeft.toSeconds() + " s")
          + (timeLeft != null && bytesLeft >= 0 ? " and " : "") + (bytesLeft < 0 ? "" : bytesLeft + " bytes");
      return "pipeline " + pipeline + ": log position " + position + " of source " + source
          + (atRisk ? " is at risk of being discarded by the server" : " is no longer at risk")
          + (left.isEmpty() ? "" : " (" + left + " left)") + ": " + detail
          + (atRisk ? ". Let the pipeline catch up (start it, or clear its lag), or keep the log longer" : "");
    }
  }

  /** Which latency a latency alert is about. */
  enum LatencyKind {
    /** Source commit to visible in the target (per table). */
    DATA,
    /** How far the log reader is behind the source (per table: its source read lag). */
    READ_CHECKPOINT
  }

  /**
   * A latency went above its configured threshold ({@code exceeded}) or came back under it; the "latency" and
   * "checkpoint read latency" alerts.
   *
   * @param subject the table ({@code TableId.toString()}) whose latency crossed the threshold
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
