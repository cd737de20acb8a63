package io.tributary.mysql.internal;

import io.tributary.sync.event.Row;
import io.tributary.sync.event.RowFilter;
import io.tributary.sync.event.TableId;
import io.tributary.sync.spi.SnapshotChunk;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Chunks a table with a single integer primary key by value range: MIN/MAX of the key (two index dives) and the
 * row estimate from {@code information_schema}, instead of walking the index with OFFSET queries. Sparse keys give
 * uneven chunks, never wrong ones: bounds only partition the key space.
 */
final class IntegerKeyPlanner {

  private IntegerKeyPlanner() {
  }

  static List<SnapshotChunk> plan(Jdbc jdbc, TableId id, MySqlColumn key, RowFilter filter, int chunkSize) {
    String k = Server.quote(key.name());
    long min;
    long max;
    long estimate;
    long tableRows;
    try (Connection c = jdbc.connection(); Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery("SELECT MIN(" + k + "), MAX(" + k + ") FROM "
          + SnapshotReader.qualifiedName(id))) {
        rs.next();
        min = rs.getLong(1);
        if (rs.wasNull()) {
          return List.of(new SnapshotChunk(id, 0, null, null, filter, 0));
        }
        max = rs.getLong(2);
      }
      tableRows = tableRows(s, id);
      estimate = Math.max(1, tableRows);
    } catch (SQLException e) {
      throw jdbc.failure("planning chunks of " + id, e);
    }
    long chunks = Math.max(1, (estimate + chunkSize - 1) / chunkSize);
    // max - min may overflow a long for BIGINT keys spanning the whole range: step in doubles, bounds in longs.
    double step = ((double) max - (double) min + 1) / chunks;
    List<SnapshotChunk> out = new ArrayList<>();
    Object lower = null;
    for (long i = 1; i < chunks; i++) {
      long bound = (long) Math.floor(min + step * i);
      if (lower != null && bound <= ((Number) lower).longValue() || bound <= min) {
        continue;
      }
      Object upper = box(key, bound);
      out.add(new SnapshotChunk(id, out.size(), lower == null ? null : Row.of(lower), Row.of(upper), filter));
      lower = upper;
    }
    out.add(new SnapshotChunk(id, out.size(), lower == null ? null : Row.of(lower), null, filter));
    // Progress only: the server's estimate spread evenly over the value ranges (sparse keys make it uneven).
    long perChunk = tableRows < 0 ? -1 : (tableRows + out.size() - 1) / out.size();
    return out.stream().map(c -> c.withEstimatedRows(perChunk)).toList();
  }

  /**
   * The server's row estimate of a table ({@code information_schema.TABLES.TABLE_ROWS}: InnoDB's sampled statistic,
   * refreshed by ANALYZE TABLE and after large changes), or -1 when it has none.
   */
  static long tableRows(Statement s, TableId id) throws SQLException {
    try (ResultSet rs = s.executeQuery("SELECT TABLE_ROWS FROM information_schema.TABLES WHERE TABLE_SCHEMA = '"
        + id.database().replace("'", "''") + "' AND TABLE_NAME = '" + id.table().replace("'", "''") + "'")) {
      if (!rs.next()) {
        return -1;
      }
      long rows = rs.getLong(1);
      return rs.wasNull() ? -1 : rows;
    }
  }

  private static Object box(MySqlColumn key, long v) {
    return switch (key.type().kind()) {
      case TINYINT -> (byte) v;
      case SMALLINT -> (short) v;
      case INT -> (int) v;
      default -> v;
    };
  }
}
