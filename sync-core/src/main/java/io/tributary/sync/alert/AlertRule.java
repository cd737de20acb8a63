package io.tributary.sync.alert;

import io.tributary.sync.SyncEvent;

/** The operating manual's five alerts, and which {@link SyncEvent.Alert}s each covers. */
public enum AlertRule {
  /** "Multi-table real-time synchronization task failure". */
  TASK_FAILURE("Task failure"),
  /** "Multi-table real-time synchronization job failover". */
  FAILOVER("Job failover"),
  /** "Destination table modification failure": a table stopped by a schema change or a limit. */
  TARGET_TABLE_CHANGE_FAILURE("Target table change failure"),
  /** "Multi-table real-time synchronization latency": a table's end-to-end latency (source commit to visible). */
  DATA_LATENCY("Data latency"),
  /** "Checkpoint read latency": how far the log read of a table is behind its source (source read lag). */
  READ_CHECKPOINT_LATENCY("Read checkpoint latency"),
  /** A source's log position was lost and its tables are being re-synced (not one of the manual's five). */
  LOST_LOG_POSITION("Lost log position"),
  /** A checkpoint position is close to being discarded by the server, or safe again (not one of the five). */
  LOG_RETENTION("Log retention");

  private final String title;

  AlertRule(String title) {
    this.title = title;
  }

  /** A short human title, used in notifications. */
  public String title() {
    return title;
  }

  /** The rule an alert belongs to. */
  public static AlertRule of(SyncEvent.Alert alert) {
    if (alert instanceof SyncEvent.PipelineFailed) {
      return TASK_FAILURE;
    }
    if (alert instanceof SyncEvent.Failover) {
      return FAILOVER;
    }
    if (alert instanceof SyncEvent.TableStopped) {
      return TARGET_TABLE_CHANGE_FAILURE;
    }
    if (alert instanceof SyncEvent.LogRetentionAlert) {
      return LOG_RETENTION;
    }
    if (alert instanceof SyncEvent.LogPositionLost) {
      return LOST_LOG_POSITION;
    }
    SyncEvent.LatencyAlert latency = (SyncEvent.LatencyAlert) alert;
    return latency.kind() == SyncEvent.LatencyKind.DATA ? DATA_LATENCY : READ_CHECKPOINT_LATENCY;
  }
}
