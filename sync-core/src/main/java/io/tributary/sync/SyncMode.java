package io.tributary.sync;

/** How source tables map to target tables. */
public enum SyncMode {
  /** One target table per source table. */
  MIRROR,
  /** Source tables selected by virtual tables are merged into one target table per virtual table. */
  MERGE
}
