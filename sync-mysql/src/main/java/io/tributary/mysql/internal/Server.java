package io.tributary.mysql.internal;

import io.tributary.mysql.MySqlPosition;
import io.tributary.sync.ErrorCode;
import io.tributary.sync.SyncException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Server facts and binlog coordinates shared by the snapshot, log and preflight code. */
public final class Server {

  private Server() {
  }

  /** Whether the server is MariaDB (its version says so; the binlog handshake prefixes it with 5.5.5-). */
  public static boolean isMariaDb(Jdbc jdbc) {
    String v = jdbc.queryString("SELECT VERSION()");
    return v != null && v.toLowerCase(java.util.Locale.ROOT).contains("mariadb");
  }

  /** The current end of the binlog, from {@code SHOW MASTER STATUS} (MySQL 8.4: {@code SHOW BINARY LOG STATUS}). */
  public static MySqlPosition logEnd(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      ResultSet rs;
      try {
        rs = s.executeQuery("SHOW MASTER STATUS");
      } catch (SQLException e) {
        rs = s.executeQuery("SHOW BINARY LOG STATUS");
      }
      try (ResultSet r = rs) {
        if (!r.next()) {
          throw SyncException.of(ErrorCode.SERVER_UNSUPPORTED,
              "SHOW MASTER STATUS returned nothing: binary logging is off. Set log_bin=ON "
              + "(and binlog_format=ROW) in the server configuration and restart it", null);
        }
        return MySqlPosition.of(r.getString(1), r.getLong(2));
      }
    }
  }

  public static MySqlPosition logEnd(Jdbc jdbc) {
    try (Connection c = jdbc.connection()) {
      return logEnd(c);
    } catch (SQLException e) {
      throw jdbc.failure("SHOW MASTER STATUS", e);
    }
  }

  /** The binlog files the server still has, oldest first. */
  public static List<String> binlogFiles(Jdbc jdbc) {
    List<String> files = new ArrayList<>();
    try (Connection c = jdbc.connection(); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SHOW BINARY LOGS")) {
      while (rs.next()) {
        files.add(rs.getString(1));
      }
    } catch (SQLException e) {
      throw jdbc.failure("SHOW BINARY LOGS", e);
    }
    return files;
  }

  /** A backquoted identifier. */
  public static String quote(String identifier) {
    return '`' + identifier.replace("`", "``") + '`';
  }
}
