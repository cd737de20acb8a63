package io.tributary.postgres.internal;

import io.tributary.sync.ErrorCode;
import io.tributary.sync.SyncException;
import io.tributary.sync.spi.PreflightCheck;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * The server's {@code server_version_num} (170002 for 17.2, 90624 for 9.6.24) and whether this source runs on it.
 *
 * <p>The minimum is 13: the slot's {@code wal_status} and {@code safe_wal_size} (read on every start and while
 * streaming) and the publication's {@code publish_via_partition_root} are new in 13; discovery's
 * {@code attgenerated} and the snapshot rewrite check's {@code pg_partition_tree} in 12. pgoutput, temporary slots
 * and exported snapshots date from 10.
 */
record ServerVersion(int number) {

  static final int MINIMUM = 130000; // the messages below name it

  static final String FIX = "upgrade the server to PostgreSQL 13 or later (pg_upgrade, or dump and restore): this "
      + "source relies on the replication slot's WAL status and on publishing partitions through their root, both "
      + "new in 13";

  static ServerVersion read(Connection c) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW server_version_num")) {
      rs.next();
      return new ServerVersion(Integer.parseInt(rs.getString(1).trim()));
    }
  }

  /**
   * Fails with the upgrade advice when the server is older than the minimum; otherwise returns. For explaining a
   * catalog query that failed: on an old server it names columns that do not exist yet.
   */
  static void requireSupported(DataSource dataSource, String source) {
    ServerVersion version;
    try (Connection c = dataSource.getConnection()) {
      version = read(c);
    } catch (SQLException | RuntimeException e) {
      return; // the caller's own error stands
    }
    if (!version.supported()) {
      throw SyncException.of(ErrorCode.SERVER_UNSUPPORTED,
          "source '" + source + "': PostgreSQL " + version + " is older than 13, the minimum "
          + "this source supports; " + FIX, null);
    }
  }

  boolean supported() {
    return number >= MINIMUM;
  }

  /** The preflight verdict, in the style of the setting checks: name, value found, fix. */
  PreflightCheck check() {
    String found = number + " (PostgreSQL " + this + ")";
    return supported() ? PreflightCheck.ok("server_version_num", found)
        : PreflightCheck.failed("server_version_num", found, FIX);
  }

  /** {@code 17.2}; {@code 9.6.24} before 10, which numbered releases in three parts. */
  @Override
  public String toString() {
    return number >= 100000 ? number / 10000 + "." + number % 10000
        : number / 10000 + "." + number / 100 % 100 + "." + number % 100;
  }
}
