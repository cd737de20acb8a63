package io.tributary.postgres.internal;

import io.tributary.sync.ErrorCode;
import io.tributary.sync.PositionUnavailableException;
import io.tributary.sync.SyncException;
import java.sql.SQLException;

/** Classifies PostgreSQL errors into retriable and fatal {@link SyncException}s with a fix in the message. */
public final class Errors {

  private Errors() {
  }

  public static SyncException classify(String what, SQLException e) {
    String state = e.getSQLState() == null ? "" : e.getSQLState();
    String message = what + ": " + e.getMessage();
    if (isSlotInvalidated(e)) {
      return new PositionUnavailableException(message + ". The slot lost WAL it needed (max_slot_wal_keep_size "
          + "exceeded or invalidated): drop it (PostgresSource.dropSlot()) and re-sync the tables", e);
    }
    if (state.startsWith("08") || state.startsWith("53") || state.startsWith("57P") || state.equals("55006")
        || state.startsWith("40")) {
      return SyncException.of(ErrorCode.CONNECTION_LOST,
          message, e); // connection, resources, shutdown, object in use, serialization
    }
    if (state.equals("42501")) {
      return SyncException.of(ErrorCode.PRIVILEGE_MISSING,
          message + ". Grant the privilege named above to the sync user (see preflight)", e);
    }
    if (state.isEmpty()) {
      return SyncException.of(ErrorCode.CONNECTION_LOST, message, e); // I/O failures carry no SQL state
    }
    if (state.equals("28P01") || state.equals("28000")) {
      return SyncException.of(ErrorCode.AUTHENTICATION_FAILED, message, e);
    }
    if (state.equals("3D000")) {
      return SyncException.of(ErrorCode.UNKNOWN_DATABASE, message, e);
    }
    return SyncException.of(ErrorCode.INTERNAL, message, e);
  }

  static boolean isSlotInvalidated(SQLException e) {
    String m = String.valueOf(e.getMessage());
    return m.contains("can no longer get changes from replication slot") || m.contains("has been invalidated")
        || m.contains("cannot read from logical replication slot");
  }

  public static boolean isSlotActive(SQLException e) {
    return "55006".equals(e.getSQLState()) || String.valueOf(e.getMessage()).contains("is active for PID");
  }
}
