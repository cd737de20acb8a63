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

  /** Whether the server is MariaDB (its version says so). */
  public static boolean isMariaDb(Jdbc jdbc) {
    return jdbc.serverVersion().mariaDb();
  }

  /**
   * The current end of the binlog, from the status statement {@code version} has: {@code SHOW MASTER STATUS}, or
   * {@code SHOW BINARY LOG STATUS} on MySQL 8.2+ (see {@link ServerVersion#binlogStatusStatement()}).
   */
  public static MySqlPosition logEnd(Connection c, ServerVersion version) throws SQLException {
    String statement = version.binlogStatusStatement();
    try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(statement)) {
      if (!r.next()) {
        throw SyncException.of(ErrorCode.SERVER_UNSUPPORTED, statement + " returned nothing: binary logging is off. Set log_bin=ON "
            + "(and binlog_format=ROW) in the server configuration and restart it", null);
      }
      return MySqlPosition.of(r.getString(1), r.getLong(2));
    }
  }

  /** {@link #logEnd(Connection, ServerVersion)} on {@code c}, reading the server's version on it if not yet known. */
  public static MySqlPosition logEnd(Connection c, Jdbc jdbc) throws SQLException {
    return logEnd(c, jdbc.serverVersion(c));
  }

  public static MySqlPosition logEnd(Jdbc jdbc) {
    try (Connection c = jdbc.connection()) {
      return logEnd(c, jdbc);
    } catch (SQLException e) {
      throw jdbc.failure("the binlog status query", e);
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
