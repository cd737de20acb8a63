package io.tributary.sync;

/**
 * Life cycle of one source table in a pipeline.
 * {@code PENDING -> SNAPSHOTTING -> STREAMING}, plus {@code PAUSED} (incremental paused by the operator),
 * {@code RESYNCING} (re-sync or catch-up in progress) and {@code BLACKLISTED} (stopped alone by an incompatible
 * schema change or a limit; the reason is in the table's status).
 */
public enum TablePhase {
  /** Known, not yet reading: waiting for the log or for a snapshot slot. */
  PENDING,
  /** Full sync: chunks are read into staging while log changes are staged beside them. */
  SNAPSHOTTING,
  /** Incremental: log changes go straight to the target. */
  STREAMING,
  /** Incremental paused by the operator; log changes of the table are not written. */
  PAUSED,
  /** Re-sync or catch-up sync: like SNAPSHOTTING, ending in an overwrite or a filtered merge. */
  RESYNCING,
  /** Stopped alone with a reason; re-sync brings it back. */
  BLACKLISTED;

  /** Whether log changes of the table go to staging rather than to the target. */
  public boolean staging() {
    return this == SNAPSHOTTING || this == RESYNCING;
  }
}
