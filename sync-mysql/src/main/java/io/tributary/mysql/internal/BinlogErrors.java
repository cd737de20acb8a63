package io.tributary.mysql.internal;

import com.github.shyiko.mysql.binlog.event.deserialization.EventDataDeserializationException;
import com.github.shyiko.mysql.binlog.network.ServerException;
import io.tributary.mysql.MySqlPosition;
import io.tributary.sync.ErrorCode;
import io.tributary.sync.PositionUnavailableException;
import io.tributary.sync.SyncException;
import java.util.Locale;
import java.util.function.Supplier;

/** Classifies binlog client failures into the typed exceptions of the spec's troubleshooting table. */
public final class BinlogErrors {

  /** Error 1236: the master cannot send the binlog from the requested position. */
  public static final int ER_MASTER_FATAL_ERROR_READING_BINLOG = 1236;

  private BinlogErrors() {
  }

  /** Whether the server refused the client because another replica uses its server id. */
  public static boolean isServerIdConflict(Throwable e) {
    String m = e.getMessage() == null ? "" : e.getMessage().toLowerCase(Locale.ROOT);
    return m.contains("same server_uuid/server_id") || m.contains("same server_id")
        || m.contains("same server-id");
  }

  /**
   * The exception to raise for a failure of the log read.
   *
   * @param position where the read was (to name it in messages)
   * @param logEnd   supplies the server's current binlog end for the "position gone" message; may fail
   */
  public static SyncException classify(String source, Throwable e, MySqlPosition position,
      Supplier<MySqlPosition> logEnd) {
    if (e instanceof SyncException s) {
      return s;
    }
    String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    String lower = msg.toLowerCase(Locale.ROOT);
    if (e instanceof ServerException se && se.getErrorCode() == ER_MASTER_FATAL_ERROR_READING_BINLOG) {
      if (lower.contains("max_allowed_packet")) {
        return SyncException.of(ErrorCode.PACKET_TOO_LARGE,
            "source '" + source + "': a binlog event at " + position + " is larger than the "
            + "server's max_allowed_packet (" + msg + "). Raise max_allowed_packet on the server (up to 1G: SET "
            + "GLOBAL max_allowed_packet=1073741824 and in my.cnf), then restart; if it still fails the binlog may "
            + "be corrupt: restart from a newer position and re-sync the affected tables", e);
      }
      if (isServerIdConflict(e)) {
        return SyncException.of(ErrorCode.SERVER_ID_CONFLICT,
            "source '" + source + "': another replica or sync task uses this binlog client's "
            + "server id (" + msg + "). Stop the other client or configure a distinct serverIdRange", e);
      }
      return positionUnavailable(source, position, msg, logEnd, e);
    }
    if (e instanceof ServerException se && se.getErrorCode() == 1045) {
      return SyncException.of(ErrorCode.AUTHENTICATION_FAILED, "source '" + source + "': the binlog connection was"
          + " refused: " + msg + ". Check user and password on MySqlSource.builder()", e);
    }
    if (e instanceof java.net.ConnectException || e instanceof java.net.UnknownHostException
        || e instanceof java.net.NoRouteToHostException) {
      return SyncException.of(ErrorCode.SOURCE_UNREACHABLE, "source '" + source + "': cannot open the binlog"
          + " connection: " + e + ". Check host and port on MySqlSource.builder() and that the server accepts TCP"
          + " connections from here", e);
    }
    if (e instanceof EventDataDeserializationException || lower.contains("connection reset")
        || lower.contains("broken pipe") || lower.contains("eof") || e instanceof java.io.IOException) {
      return SyncException.of(ErrorCode.CONNECTION_LOST,
          "source '" + source + "': binlog connection failed at " + position + " ("
          + msg + "); retriable: reopen the log from the last position. If this repeats under heavy load, raise the server's "
          + "slave_net_timeout and net_write_timeout (and thread_pool_idle_timeout)", e);
    }
    return SyncException.of(ErrorCode.CONNECTION_LOST,
        "source '" + source + "': binlog read failed at " + position + ": " + msg, e);
  }

  /** The position is no longer on the server: name it, suggest the current end and a re-sync. */
  public static PositionUnavailableException positionUnavailable(String source, MySqlPosition position,
      String detail, Supplier<MySqlPosition> logEnd, Throwable cause) {
    String current;
    try {
      current = logEnd.get().toString();
    } catch (RuntimeException ex) {
      current = "(unavailable: " + ex.getMessage() + ")";
    }
    return new PositionUnavailableException("source '" + source + "': binlog position " + position
        + " is no longer available on the server" + (detail == null ? "" : " (" + detail + ")")
        + ". The binlog was purged (check binlog_expire_logs_seconds). Restart from a position the server has, "
        + "e.g. the current SHOW MASTER STATUS position " + current + ", and re-sync the tables whose changes "
        + "were lost", cause);
  }
}
