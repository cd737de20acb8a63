package io.tributary.mysql.internal;

import io.tributary.mysql.MySqlPosition;
import io.tributary.sync.spi.LogRetention;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How long a checkpoint's binlog position stays on the server, for the retention alert: its file against
 * {@code SHOW BINARY LOGS} (which file is the oldest, how many bytes follow) and the binlog expiry
 * ({@code binlog_expire_logs_seconds}, else {@code expire_logs_days}).
 *
 * <p>The server purges a file once its last write is older than the expiry. A file's last write is no earlier than
 * the time of any event the log showed in it, so {@code expiry - (now - positionTime)} is a lower bound of the time
 * left: the alert may come early, never late. The active (last) file is not purged before it is closed, so it has
 * at least the whole expiry. A manual {@code PURGE BINARY LOGS} is not predictable.
 */
public final class BinlogRetention {

  private BinlogRetention() {
  }

  private record BinlogFile(String name, long size) {
  }

  public static Optional<LogRetention> check(Jdbc jdbc, MySqlPosition p, long positionTimeMillis, long nowMillis) {
    if (p.file().isEmpty()) {
      return Optional.empty(); // a GTID-only position names no file
    }
    List<BinlogFile> files = new ArrayList<>();
    long expirySeconds;
    try (Connection c = jdbc.connection(); Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery("SHOW BINARY LOGS")) {
        while (rs.next()) {
          files.add(new BinlogFile(rs.getString(1), rs.getLong(2)));
        }
      }
      expirySeconds = expirySeconds(s);
    } catch (SQLException e) {
      throw jdbc.failure("SHOW BINARY LOGS", e);
    }
    int index = -1;
    for (int i = 0; i < files.size(); i++) {
      if (files.get(i).name().equals(p.file())) {
        index = i;
      }
    }
    String oldest = files.isEmpty() ? "none" : files.get(0).name();
    if (index < 0) {
      return Optional.of(LogRetention.gone("binlog file " + p.file() + " is no longer on the server (oldest: "
          + oldest + ")"));
    }
    long behind = files.get(index).size() - p.position();
    for (int i = index + 1; i < files.size(); i++) {
      behind += files.get(i).size();
    }
    String detail = "position in " + p.file() + " (" + (index == 0 ? "the oldest binlog on the server" : index
        + " older file(s) on the server, the oldest " + oldest) + "), " + Math.max(0, behind) + " bytes of binlog "
        + "after it, binlog_expire_logs_seconds=" + expirySeconds;
    Duration left;
    if (expirySeconds <= 0) {
      left = null;
      detail += " (no automatic expiry; a manual PURGE BINARY LOGS can still remove it)";
    } else if (index == files.size() - 1) {
      left = Duration.ofSeconds(expirySeconds);
      detail += " (the active file: the expiry counts from when it is closed)";
    } else if (positionTimeMillis < 0) {
      left = null;
      detail += " (time left unknown: no event time for this position yet)";
    } else {
      long ms = expirySeconds * 1000 - Math.max(0, nowMillis - positionTimeMillis);
      left = Duration.ofMillis(Math.max(0, ms));
    }
    return Optional.of(new LogRetention(false, -1, left, detail));
  }

  /** {@code binlog_expire_logs_seconds} (MySQL 8, MariaDB 10.6+), else {@code expire_logs_days} in seconds. */
  private static long expirySeconds(Statement s) throws SQLException {
    long seconds = 0;
    try (ResultSet rs = s.executeQuery("SELECT @@global.binlog_expire_logs_seconds")) {
      if (rs.next()) {
        seconds = rs.getLong(1);
      }
    } catch (SQLException e) {
      // older servers: only expire_logs_days
    }
    if (seconds > 0) {
      return seconds;
    }
    try (ResultSet rs = s.executeQuery("SELECT @@global.expire_logs_days")) {
      return rs.next() ? Math.round(rs.getDouble(1) * 86_400) : 0;
    } catch (SQLException e) {
      return 0; // MySQL 8.4 removed it
    }
  }
}
