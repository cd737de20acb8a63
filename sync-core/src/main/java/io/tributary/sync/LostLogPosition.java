package io.tributary.sync;

/**
 * What a pipeline does when a source's checkpoint position is no longer on the server (a purged binlog file or
 * GTIDs, a dropped or invalidated PostgreSQL slot): see {@code SyncPipeline.Builder.onLostLogPosition}.
 */
public enum LostLogPosition {
  /**
   * Fail the pipeline with a {@link PositionUnavailableException} naming the position and the fix (the default):
   * an operator decides, e.g. restarts from the current position and re-syncs.
   */
  FAIL,
  /**
   * Restart that source's log at its current position and re-sync every table of that source online (staging, then
   * an atomic overwrite: targets stay queryable and are never emptied), with a {@link SyncEvent.LogPositionLost}
   * alert naming the lost range. Tables of other sources keep their progress.
   */
  RESYNC
}
