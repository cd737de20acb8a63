package io.tributary.mysql.internal;

import io.tributary.sync.ErrorCode;
import io.tributary.sync.SyncException;
import io.tributary.sync.event.Row;
import io.tributary.sync.event.RowFilter;
import io.tributary.sync.event.TableId;
import io.tributary.sync.event.TableSchema;
import io.tributary.sync.spi.SnapshotChunk;
import io.tributary.sync.spi.SnapshotSink;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Plans primary-key chunks and reads them, streaming, each in its own consistent-snapshot transaction with an
 * exact low watermark.
 *
 * <p>The watermark, by server:
 * <ul>
 *   <li>MariaDB: {@code START TRANSACTION WITH CONSISTENT SNAPSHOT} sets the session status
 *   {@code binlog_snapshot_file}/{@code binlog_snapshot_position} to the binlog position matching the read view
 *   (MariaDB takes both under its commit ordering), so every transaction the view does not include is written after
 *   that position: exact, no lock.</li>
 *   <li>MySQL: a second connection holds {@code FLUSH TABLES t WITH READ LOCK} (which waits for transactions that
 *   wrote {@code t} to finish) while the reading connection starts its snapshot and the holder reads
 *   {@code SHOW MASTER STATUS}; then the lock is released. No write to {@code t} can be between its binlog write
 *   and its engine commit during that window, so the position is exact for {@code t}. The lock lasts a few
 *   milliseconds and needs the RELOAD and LOCK TABLES privileges.</li>
 * </ul>
 */
public final class SnapshotReader {

  private final MySqlConfig config;
  private final Jdbc jdbc;
  private final boolean statusWatermark;
  private final Function<TableId, MySqlTable> tables;

  /**
   * @param statusWatermark use MariaDB's {@code binlog_snapshot_*} status (else the MySQL lock method)
   * @param tables          current column facts of a table, for decoding
   */
  public SnapshotReader(MySqlConfig config, Jdbc jdbc, boolean statusWatermark,
      Function<TableId, MySqlTable> tables) {
    this.config = config;
    this.jdbc = jdbc;
    this.statusWatermark = statusWatermark;
    this.tables = tables;
  }

  public List<SnapshotChunk> plan(TableSchema schema, RowFilter filter, int chunkSize) {
    try {
      return planByKey(schema, filter, chunkSize);
    } catch (io.tributary.sync.SyncException e) {
      if (e.getCause() instanceof SQLException sql && sql.getErrorCode() == UNKNOWN_COLUMN
          && !keyNamesPresent(keyColumns(tables.apply(schema.id()), schema), columnsNow(schema.id()))) {
        // A key column was renamed (or dropped) after the schema was taken: bounds by its old name cannot be found.
        // One unbounded chunk is always right; its read with this schema delivers nothing and the engine reads it
        // again with the schema the log reports.
        return List.of(new SnapshotChunk(schema.id(), 0, null, null, filter));
      }
      throw e;
    }
  }

  private List<String> columnsNow(TableId table) {
    try (Connection c = jdbc.connection()) {
      return columnsNow(c, table);
    } catch (SQLException e) {
      throw jdbc.failure("reading the columns of " + table, e);
    }
  }

  private List<SnapshotChunk> planByKey(TableSchema schema, RowFilter filter, int chunkSize) {
    MySqlTable table = tables.apply(schema.id());
    List<MySqlColumn> key = keyColumns(table, schema);
    if (key.stream().anyMatch(c -> c.family() == MySqlColumn.Family.UUID)) {
      // MariaDB orders a UUID index by its stored bytes (versions 1-5 stored swapped, others not), but compares a
      // UUID with a bound another way when the two are stored differently (10.11.5: `u >= 'e60c...'` with a v4 bound
      // misses a later non-RFC value), so key ranges would lose rows. One unbounded chunk is exact.
      return List.of(new SnapshotChunk(schema.id(), 0, null, null, filter));
    }
    if (key.size() == 1 && isInteger(key.get(0))) {
      return IntegerKeyPlanner.plan(jdbc, schema.id(), key.get(0), filter, chunkSize);
    }
    List<String> names = key.stream().map(c -> Server.quote(c.name())).toList();
    List<String> selected = key.stream().map(SnapshotReader::selectExpression).toList();
    List<SnapshotChunk> chunks = new ArrayList<>();
    Row lower = null;
    try (Connection c = jdbc.connection()) {
      while (true) {
        List<Object> params = new ArrayList<>();
        String where = lower == null ? "" : " WHERE " + Sql.bound(names, lower, true, params);
        String sql = "SELECT " + String.join(", ", selected) + " FROM " + qualified(schema.id()) + where
            + " ORDER BY " + String.join(", ", names) + " LIMIT 1 OFFSET " + chunkSize;
        Row next = null;
        try (PreparedStatement ps = c.prepareStatement(sql)) {
          Sql.bind(ps, params, 1);
          try (ResultSet rs = ps.executeQuery()) {
            if (rs.next()) {
              Object[] values = new Object[key.size()];
              for (int i = 0; i < values.length; i++) {
                values[i] = Values.fromJdbc(rs, i + 1, key.get(i), config.zeroDatesAsNull());
              }
              next = Row.of(values);
            }
          }
        }
        if (next == null) {
          // Every chunk before the last holds chunkSize rows (as of planning); the last, the rest of the estimate.
          long rows;
          try (Statement s = c.createStatement()) {
            rows = IntegerKeyPlanner.tableRows(s, schema.id());
          }
          chunks.add(new SnapshotChunk(schema.id(), chunks.size(), lower, null, filter,
              rows < 0 ? -1 : Math.max(0, rows - (long) chunkSize * chunks.size())));
          return chunks;
        }
        chunks.add(new SnapshotChunk(schema.id(), chunks.size(), lower, next, filter, chunkSize));
        lower = next;
      }
    } catch (SQLException e) {
      throw jdbc.failure("planning chunks of " + schema.id(), e);
    }
  }

  /**
   * Reads a chunk with the columns of {@code schema} that the table still has; a column dropped since the schema
   * was taken reads as null. Which columns exist is asked inside the read transaction, after its first read of the
   * table took the table's metadata lock, so no ALTER can change them before the read ends. The engine reads a
   * chunk again when the log shows that its column list was out of date (see docs/design.md).
   */
  public void read(SnapshotChunk chunk, TableSchema schema, SnapshotSink sink) throws InterruptedException {
    MySqlTable table = MySqlTable.reconcile(schema, tables.apply(schema.id()));
    List<String> keyNames = keyColumns(table, schema).stream().map(c -> Server.quote(c.name())).toList();
    List<Object> params = new ArrayList<>();
    List<String> where = new ArrayList<>();
    if (chunk.lowerInclusive() != null) {
      where.add(Sql.bound(keyNames, chunk.lowerInclusive(), true, params));
    }
    if (chunk.upperExclusive() != null) {
      where.add(Sql.bound(keyNames, chunk.upperExclusive(), false, params));
    }
    if (chunk.filter() != RowFilter.all()) {
      where.add(Sql.filter(chunk.filter(), params));
    }
    String whereSql = where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where);
    for (int attempt = 1; ; attempt++) {
      try (Connection c = jdbc.connection()) {
        try {
          long low = begin(c, schema.id());
          List<String> present = columnsNow(c, schema.id());
          if (!keyNamesPresent(keyColumns(table, schema), present)) {
            // A key column was renamed (or dropped) since the schema was taken: this read cannot be bounded by it.
            // The change precedes the read, so the engine reads the chunk again with the new schema; deliver none.
            sink.lowWatermark(low);
            sink.highWatermark(Server.logEnd(c, jdbc).seq());
            return;
          }
          List<String> selected = new ArrayList<>();
          for (MySqlColumn col : table.columns()) {
            boolean there = present.stream().anyMatch(p -> p.equalsIgnoreCase(col.name()));
            selected.add(there ? selectExpression(col) : "NULL"); // a dropped column reads as null (re-read later)
          }
          String sql = "SELECT " + String.join(", ", selected) + " FROM " + qualified(schema.id()) + whereSql;
          sink.lowWatermark(low);
          streamRows(c, sql, params, table, sink);
          sink.highWatermark(Server.logEnd(c, jdbc).seq());
          return;
        } finally {
          try (Statement s = c.createStatement()) {
            s.execute("COMMIT");
          }
        }
      } catch (SQLException e) {
        // ER_TABLE_DEF_CHANGED: an ALTER rebuilt the table after the read view was taken, before the first read
        // of it; nothing was delivered yet, and a new transaction sees the new definition.
        if (e.getErrorCode() != TABLE_DEF_CHANGED || attempt >= 5) {
          throw jdbc.failure("reading chunk " + chunk, e);
        }
      }
    }
  }

  private static final int TABLE_DEF_CHANGED = 1412;
  private static final int UNKNOWN_COLUMN = 1054;

  private static boolean keyNamesPresent(List<MySqlColumn> key, List<String> present) {
    return key.stream().allMatch(k -> present.stream().anyMatch(p -> p.equalsIgnoreCase(k.name())));
  }

  /**
   * The table's column names now, invisible ones included ({@code SELECT *} leaves those out). The probe opens the
   * table in this transaction, which takes the metadata lock that pins its definition until the transaction ends;
   * information_schema, read after it, then shows that definition.
   */
  private static List<String> columnsNow(Connection c, TableId table) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.executeQuery("SELECT 1 FROM " + qualified(table) + " LIMIT 0").close();
    }
    try (PreparedStatement ps = c.prepareStatement("SELECT COLUMN_NAME FROM information_schema.COLUMNS"
        + " WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION")) {
      ps.setString(1, table.database());
      ps.setString(2, table.table());
      List<String> names = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          names.add(rs.getString(1));
        }
      }
      return names;
    }
  }

  private void streamRows(Connection c, String sql, List<Object> params, MySqlTable table, SnapshotSink sink)
      throws SQLException, InterruptedException {
    List<MySqlColumn> cols = table.columns();
    try (PreparedStatement ps = c.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
      ps.setFetchSize(config.fetchSize()); // streams: the driver never holds more than one fetch of the chunk
      Sql.bind(ps, params, 1);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Object[] values = new Object[cols.size()];
          for (int i = 0; i < values.length; i++) {
            values[i] = Values.fromJdbc(rs, i + 1, cols.get(i), config.zeroDatesAsNull());
          }
          sink.accept(Row.of(values));
        }
      }
    }
  }

  /** Starts the read transaction on {@code c} and returns its exact low watermark. */
  private long begin(Connection c, TableId table) throws SQLException {
    if (statusWatermark) {
      try (Statement s = c.createStatement()) {
        s.execute("START TRANSACTION WITH CONSISTENT SNAPSHOT");
        Map<String, String> status = new java.util.HashMap<>();
        try (ResultSet rs = s.executeQuery("SHOW STATUS LIKE 'binlog_snapshot_%'")) {
          while (rs.next()) {
            status.put(rs.getString(1).toLowerCase(java.util.Locale.ROOT), rs.getString(2));
          }
        }
        if (status.get("binlog_snapshot_file") == null || status.get("binlog_snapshot_position") == null) {
          throw SyncException.of(ErrorCode.SERVER_UNSUPPORTED, "source '" + config.name() + "': watermark method SNAPSHOT_STATUS needs the "
              + "binlog_snapshot_file/binlog_snapshot_position status of MariaDB (or Percona Server), which "
              + jdbc.serverVersion(c) + " does not have: use WatermarkMethod.AUTO or TABLE_LOCK", null);
        }
        return io.tributary.mysql.MySqlPosition.seq(status.get("binlog_snapshot_file"),
            Long.parseLong(status.get("binlog_snapshot_position")));
      }
    }
    try (Connection lock = jdbc.connection(); Statement l = lock.createStatement();
         Statement s = c.createStatement()) {
      l.execute("FLUSH TABLES " + qualified(table) + " WITH READ LOCK");
      try {
        s.execute("START TRANSACTION WITH CONSISTENT SNAPSHOT");
        // Pin the read view now, while no write to the table can be in flight.
        s.executeQuery("SELECT 1 FROM " + qualified(table) + " LIMIT 1").close();
        return Server.logEnd(lock, jdbc).seq();
      } finally {
        l.execute("UNLOCK TABLES");
      }
    }
  }

  /**
   * How a column is selected. A FLOAT is read as a double ({@code * 1e0}: exact, and keeps the sign of zero): the
   * text protocol prints a FLOAT with 6 significant digits ({@code -13548.25} reads {@code -13548.2}), a double in
   * its shortest round-trip form, from which {@link Values#fromJdbc} narrows back to the stored float exactly, the
   * value the binlog's 4 bytes give.
   */
  static String selectExpression(MySqlColumn c) {
    String name = Server.quote(c.name());
    return switch (c.family()) {
      case FLOAT -> name + " * 1e0";
      // The server's own text: the driver's binary-protocol TIME text drops the fraction's leading zeros
      // (00:00:00.001 came back as 00:00:00.1, read as 100 ms; TimeTypesToPaimonIT).
      case TIME -> "CAST(" + name + " AS CHAR)";
      default -> name;
    };
  }

  private static boolean isInteger(MySqlColumn c) {
    return switch (c.type().kind()) {
      case TINYINT, SMALLINT, INT, BIGINT -> true;
      default -> false;
    };
  }

  static String qualifiedName(TableId id) {
    return qualified(id);
  }

  private static List<MySqlColumn> keyColumns(MySqlTable table, TableSchema schema) {
    if (!schema.hasPrimaryKey()) {
      throw new IllegalArgumentException(schema.id() + " has no primary key; snapshots are chunked by key");
    }
    List<MySqlColumn> key = new ArrayList<>();
    MySqlTable reconciled = MySqlTable.reconcile(schema, table);
    for (int i : schema.primaryKeyIndexes()) {
      key.add(reconciled.columns().get(i));
    }
    return key;
  }

  private static String qualified(TableId id) {
    return Server.quote(id.database()) + '.' + Server.quote(id.table());
  }
}
