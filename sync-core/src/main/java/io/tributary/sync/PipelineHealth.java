package io.tributary.sync;

import io.tributary.sync.event.TableId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A pipeline's health in the three words a host's health endpoint speaks, from one {@link PipelineStatus}:
 * <ul>
 *   <li>{@link Level#UP}: running, every table syncing (or paused by the operator);</li>
 *   <li>{@link Level#DEGRADED}: running, but some tables stopped alone (their reasons in {@link #stoppedTables()}),
 *       or starting (first start, or reconnecting after a failover);</li>
 *   <li>{@link Level#DOWN}: failed ({@link #failure()} says why), or not running.</li>
 * </ul>
 *
 * @param pipeline      pipeline name
 * @param level         the verdict
 * @param state         the pipeline's life-cycle state it was drawn from
 * @param failure       why the pipeline failed, else null
 * @param stoppedTables the tables stopped alone, with their reasons (the fix is in each reason)
 */
public record PipelineHealth(String pipeline, Level level, PipelineState state, String failure,
    Map<TableId, String> stoppedTables) {

  /** The verdict. */
  public enum Level {
    UP, DEGRADED, DOWN
  }

  public PipelineHealth {
    Objects.requireNonNull(pipeline, "pipeline");
    Objects.requireNonNull(level, "level");
    Objects.requireNonNull(state, "state");
    stoppedTables = Map.copyOf(stoppedTables);
  }

  /** The health a status shows. */
  public static PipelineHealth of(PipelineStatus status) {
    Map<TableId, String> stopped = new LinkedHashMap<>();
    for (PipelineStatus.TableStatus t : status.tables()) {
      if (t.phase() == TablePhase.BLACKLISTED) {
        stopped.put(t.table(), t.reason() == null ? "stopped" : t.reason());
      }
    }
    Level level = switch (status.state()) {
      case RUNNING -> stopped.isEmpty() ? Level.UP : Level.DEGRADED;
      case STARTING -> Level.DEGRADED;
      case CREATED, STOPPING, STOPPED, FAILED -> Level.DOWN;
    };
    return new PipelineHealth(status.name(), level, status.state(), status.failure(), stopped);
  }
}
