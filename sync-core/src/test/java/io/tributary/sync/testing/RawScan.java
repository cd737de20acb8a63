package io.tributary.sync.testing;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The benchmarks' raw-scan baseline: a forward-only streaming query reading every column of every row with
 * {@code getObject}, what a hand-written JDBC export would do. Shared by the source harnesses and the end-to-end
 * suite so both measure against the same thing.
 */
public final class RawScan {

  private RawScan() {
  }

  /** Runs {@code sql} on {@code c} (autocommit off, so PostgreSQL streams through a cursor); returns rows read. */
  public static long readAll(Connection c, String sql, int fetchSize) throws SQLException {
    c.setAutoCommit(false);
    long n = 0;
    try (Statement s = c.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
      s.setFetchSize(fetchSize);
      try (ResultSet rs = s.executeQuery(sql)) {
        int width = rs.getMetaData().getColumnCount();
        while (rs.next()) {
          for (int i = 1; i <= width; i++) {
            rs.getObject(i);
          }
          n++;
        }
      }
    }
    return n;
  }
}
