package io.tributary.sync;

import io.tributary.sync.event.TableId;

/**
 * A table cannot be verified or repaired now: {@link ErrorCode#VERIFY_UNSUPPORTED} (the writer cannot read its
 * targets back, or a shard's rows cannot be told apart) or {@link ErrorCode#VERIFY_TABLE_NOT_STREAMING}. The
 * message names the table, the cause and the fix.
 */
public class VerifyException extends SyncException {

  private static final long serialVersionUID = 1L;

  private final transient TableId table;

  public VerifyException(ErrorCode code, TableId table, String message) {
    super(code, message);
    this.table = table;
  }

  /** The table that could not be verified. */
  public TableId table() {
    return table;
  }
}
