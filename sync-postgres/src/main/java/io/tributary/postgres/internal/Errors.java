package io.tributary.postgres.internal;

import io.tributary.sync.ErrorCode;
import io.tributary.sync.PositionUnavailableException;
import io.tributary.sync.SyncException;
import java.sql.SQLException;

/** Classifies PostgreSQL errors into retriable and fatal {@link SyncException}s with a fix in the message. */
public final class Errors {

  private Errors() {
  }

  /** A failure to connect, with the driver's root cause and the fix for what it says. */
  public static SyncException connectFailure(PgConfig config, Throwable e) {
    String what = "source '" + config.name() + "': cannot connect to " + config.jdbcUrl() + " as user '"
        + config.user() + "' (connectTimeout " + config.connectTimeout().toMillis() + " ms)";
    return e instanceof SQLException s ? classify(what, s) : SyncException.of(ErrorCode.SOURCE_UNREACHABLE, what
        + ": " + rootMessage(e) + UNREACHABLE_FIX, e);
  }

  private static final String UNREACHABLE_FIX = ". Check host and port on PostgresSource.builder(), and that the"
      + " server accepts TCP connections from here (listen_addresses, pg_hba.conf, firewall)";

  public static SyncException classify(String what, SQLException e) {
    String state = e.getSQLState() == null ? "" : e.getSQLState();
    // A pool timeout names no cause of its own: the driver's failure it carries is what the operator needs.
    String root = rootMessage(e);
    String message = what + ": " + e.getMessage() + (e.getMessage() != null && e.getMessage().contains(root) ? ""
        : " (" + root + ")");
    if (state.equals("28P01") || state.equals("28000")) {
      return SyncException.of(ErrorCode.AUTHENTICATION_FAILED, message + ". Check user and password on"
          + " PostgresSource.builder(), and that pg_hba.conf lets this user connect to this database from here", e);
    }
    if (state.equals("3D000")) {
      return SyncException.of(ErrorCode.UNKNOWN_DATABASE, message + ". Check database(...) on"
          + " PostgresSource.builder(), or create the database", e);
    }
    if (state.equals("08001") || state.equals("08004") || unreachable(e)) {
      return SyncException.of(ErrorCode.SOURCE_UNREACHABLE, message + UNREACHABLE_FIX, e);
    }
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
    return SyncException.of(ErrorCode.INTERNAL, message, e);
  }

  private static boolean unreachable(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof java.net.ConnectException || t instanceof java.net.UnknownHostException
          || t instanceof java.net.NoRouteToHostException || t instanceof java.net.SocketTimeoutException) {
        return true;
      }
    }
    return false;
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t instanceof java.net.UnknownHostException ? "unknown host " + t.getMessage()
        : t.getMessage() == null ? t.toString() : t.getMessage();
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
