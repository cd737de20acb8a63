package io.tributary.sync;

/**
 * A row breaks a configured limit: its encoded primary key is larger than {@code maxPrimaryKeyBytes}, or a field is
 * larger than {@code maxFieldBytes}. The table is stopped with this reason rather than dropping the row; raise the
 * limit (and the target's) and re-sync the table.
 */
public class LimitExceededException extends SyncException {

  private static final long serialVersionUID = 1L;

  public LimitExceededException(String message) {
    super(ErrorCode.LIMIT_EXCEEDED, message);
  }
}
