package io.tributary.sync;

/**
 * The log position to resume from is no longer on the server (e.g. a purged binlog, an invalidated replication
 * slot). Not retriable: restart from a position the server has (the message suggests one) and re-sync the tables
 * whose changes were lost.
 */
public class PositionUnavailableException extends SyncException {

  private static final long serialVersionUID = 1L;

  public PositionUnavailableException(String message, Throwable cause) {
    super(ErrorCode.POSITION_UNAVAILABLE, message, cause);
  }
}
