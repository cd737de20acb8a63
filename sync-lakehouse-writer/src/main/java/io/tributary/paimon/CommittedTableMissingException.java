package io.tributary.paimon;

import io.tributary.sync.ErrorCode;
import io.tributary.sync.SyncException;

/**
 * A restored checkpoint holds rows for a Paimon table that no longer exists. The checkpoint already counts those rows
 * as written (for a staging table: its finished snapshot chunks, which the pipeline will not read again), so going on
 * without them would lose them silently. Not retriable: something outside this pipeline dropped the table.
 */
public final class CommittedTableMissingException extends SyncException {

  private static final long serialVersionUID = 1L;

  private final String table;
  private final long checkpointId;

  public CommittedTableMissingException(String table, long checkpointId, String pipeline) {
    super(ErrorCode.CHECKPOINT_TABLE_MISSING,
        "checkpoint " + checkpointId + " of pipeline '" + pipeline + "' holds rows for Paimon table " + table
        + ", which no longer exists (dropped outside this pipeline: by hand, or by another pipeline's writer that"
        + " predates per-pipeline staging tables); they cannot be committed and the checkpoint will not read them"
        + " again. Re-sync from scratch: offline() the pipeline and start it with full sync");
    this.table = table;
    this.checkpointId = checkpointId;
  }

  /** The missing table, as {@code database.table}. */
  public String table() {
    return table;
  }

  /** The restored checkpoint whose rows it was to hold. */
  public long checkpointId() {
    return checkpointId;
  }
}
