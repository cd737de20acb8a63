package io.tributary.postgres.internal;

import io.tributary.sync.ErrorCode;
import io.tributary.sync.SyncException;
import io.tributary.sync.event.Row;
import io.tributary.sync.event.RowFilter;
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
import java.util.function.Function;
import javax.sql.DataSource;
import org.postgresql.PGResultSetMetaData;
import org.postgresql.PGStatement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Plans primary-key chunks and streams a chunk's rows under an exported snapshot. */
public final class ChunkReader {

  private static final Logger LOG = LoggerFactory.getLogger(ChunkReader.class);

  private final PgConfig config;
  private final DataSource dataSource;
  private final SnapshotLeases leases;

  /** @param threads makes the thread that closes idle shared snapshots */
  public ChunkReader(PgConfig config, DataSource dataSource, java.util.concurrent.ThreadFactory threads) {
    this.config = config;
    this.dataSource = dataSource;
    this.leases = new SnapshotLeases(config, threads);
  }

  /** The log is (re)opened for a new run: later reads take snapshots created from now on. */
  public void forgetSnapshots() {
    leases.invalidateAll();
  }

  /** Closes the snapshots kept for sharing. */
  public void close() {
    leases.close();
  }

  /** Chunks of {@code chunkSize} rows by key order: each upper bound is the key {@code chunkSize} rows further on. */
  public List<SnapshotChunk> plan(TableMeta meta, RowFilter filter, int chunkSize) {
    TableSchema schema = meta.schema();
    leases.invalidate(schema.id()); // the engine plans after it starts staging: see SnapshotLeases
    List<SnapshotChunk> chunks = new ArrayList<>();
    if (!schema.hasPrimaryKey()) {
      chunks.add(new SnapshotChunk(schema.id(), 0, null, null, filter, estimatedRows(schema)));
      return chunks;
    }
    int[] key = schema.primaryKeyIndexes();
    String keyList = keyList(schema, key);
    String first = "SELECT " + keyList + " FROM " + Sql.table(schema.id()) + " ORDER BY " + keyList
        + " OFFSET " + chunkSize + " LIMIT 1";
    String next = "SELECT " + keyList + " FROM " + Sql.table(schema.id()) + " WHERE (" + keyList + ") > ("
        + params(meta, key) + ") ORDER BY " + keyList + " OFFSET " + (chunkSize - 1) + " LIMIT 1";
    try (Connection c = dataSource.getConnection(); PreparedStatement p0 = c.prepareStatement(first);
        PreparedStatement pn = c.prepareStatement(next)) {
      Row lower = null;
      while (true) {
        PreparedStatement ps = lower == null ? p0 : pn;
        if (lower != null) {
          for (int i = 0; i < key.length; i++) {
            ps.setString(i + 1, ValueCodec.encode(lower.get(i)));
          }
        }
        Row upper = null;
        try (ResultSet rs = ps.executeQuery()) {
          if (rs.next()) {
            Object[] values = new Object[key.length];
            for (int i = 0; i < key.length; i++) {
              values[i] = ValueCodec.decode(meta.types().get(key[i]), rs.getString(i + 1));
            }
            upper = Row.of(values);
          }
        }
        if (upper == null) {
          // Chunks before the last hold chunkSize rows (as of planning); the last, the rest of the estimate.
          long rows = estimatedRows(schema);
          chunks.add(new SnapshotChunk(schema.id(), chunks.size(), lower, null, filter,
              rows < 0 ? -1 : Math.max(0, rows - (long) chunkSize * chunks.size())));
          return chunks;
        }
        chunks.add(new SnapshotChunk(schema.id(), chunks.size(), lower, upper, filter, chunkSize));
        // "next" finds the key chunkSize rows after the lower bound, the lower bound itself included.
        lower = upper;
      }
    } catch (SQLException e) {
      throw Errors.classify("cannot plan chunks of " + schema.id(), e);
    }
  }

  /**
   * The server's row estimate of a table ({@code pg_class.reltuples}, refreshed by ANALYZE and autovacuum), for
   * progress only; -1 when it has none (never analyzed: -1 from PostgreSQL 14, 0 before).
   */
  private long estimatedRows(TableSchema schema) {
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
        "SELECT reltuples::bigint, relpages FROM pg_class WHERE oid = ?::regclass")) {
      ps.setString(1, Sql.table(schema.id()));
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return -1;
        }
        long rows = rs.getLong(1);
        return rows < 0 || rows == 0 && rs.getLong(2) == 0 ? -1 : rows;
      }
    } catch (SQLException e) {
      return -1; // an estimate is not worth failing a sync for
    }
  }

  /**
   * Streams one chunk: low watermark, rows, high watermark. Reads the columns of {@code schema} that the table
   * still has; a column dropped since the schema was taken reads as null. Which columns exist is asked inside the
   * read transaction, by a query that takes the table's ACCESS SHARE lock, so no ALTER TABLE can change them before
   * the read ends. The engine reads a chunk again when the log shows its column list was out of date (see
   * docs/design.md).
   */
  public void read(SnapshotChunk chunk, TableMeta meta, TableSchema schema, SnapshotSink sink)
      throws InterruptedException {
    List<ColumnType> types = new ArrayList<>();
    for (int i = 0; i < schema.columnCount(); i++) {
      String name = schema.columns().get(i).name();
      int at = meta.schema().indexOf(name);
      // Not in the catalog (dropped or renamed before this source first looked, e.g. a chunk of an older layout
      // read after a restart): it is not in the table either, so it reads as null like any dropped column.
      types.add(at < 0 ? new ColumnType("text", schema.columns().get(i).type(), Codec.TEXT, null)
          : meta.types().get(at));
    }
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        c.setReadOnly(true);
        long low = importSnapshot(c, chunk);
        List<String> params = new ArrayList<>();
        String select = select(chunk, meta, schema, types, columnsNow(c, chunk), params);
        sink.lowWatermark(low);
        long rows = stream(c, chunk, select, params, types, sink);
        long high;
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_current_wal_insert_lsn()")) {
          rs.next();
          high = Lsn.parse(rs.getString(1));
        }
        c.commit();
        LOG.debug("[{}] read {} rows of {} under snapshot at {}", config.name(), rows, chunk, Lsn.format(low));
        sink.highWatermark(high);
      } finally {
        c.rollback();
        c.setReadOnly(false);
        c.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw Errors.classify("cannot read chunk " + chunk, e);
    }
  }

  private static String select(SnapshotChunk chunk, TableMeta meta, TableSchema schema, List<ColumnType> types,
      List<String> present, List<String> params) {
    StringBuilder select = new StringBuilder("SELECT ");
    for (int i = 0; i < schema.columnCount(); i++) {
      String name = schema.columns().get(i).name();
      select.append(i == 0 ? "" : ", ").append(present.contains(name) ? Sql.ident(name)
          : "CAST(NULL AS " + types.get(i).castName() + ")");
    }
    select.append(" FROM ").append(Sql.table(schema.id())).append(" WHERE ")
        .append(rangePredicate(chunk, meta, params)).append(" AND ")
        .append(SqlFilter.render(chunk.filter(), col -> castOf(meta, col), params));
    return select.toString();
  }

  /**
   * The table's column names now. The query locks the table (ACCESS SHARE, held to the end of the transaction),
   * and its result description comes from the current catalog, not the transaction's snapshot.
   */
  private static List<String> columnsNow(Connection c, SnapshotChunk chunk) throws SQLException {
    try (Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT * FROM " + Sql.table(chunk.table()) + " LIMIT 0")) {
      java.sql.ResultSetMetaData md = rs.getMetaData();
      List<String> names = new ArrayList<>(md.getColumnCount());
      for (int i = 1; i <= md.getColumnCount(); i++) {
        names.add(md.getColumnName(i));
      }
      return names;
    }
  }

  /**
   * Starts {@code c}'s transaction under the table's shared exported snapshot and returns its consistent LSN. A
   * snapshot older than a rewrite of the table (or of one of its partitions) would show it empty: then it is
   * dropped and a fresh one taken.
   */
  private long importSnapshot(Connection c, SnapshotChunk chunk) throws SQLException {
    while (true) {
      try (SnapshotLeases.Lease lease = leases.acquire(chunk.table())) {
        try (Statement s = c.createStatement()) {
          s.execute("SET TRANSACTION SNAPSHOT " + Sql.literal(lease.snapshotName()));
        }
        if (!rewrittenSinceSnapshot(c, chunk)) {
          return lease.consistentLsn(); // the imported snapshot stays valid after the lease is released
        }
        LOG.info("[{}] {} was rewritten after the shared snapshot at {}: taking a new one", config.name(),
            chunk.table(), Lsn.format(lease.consistentLsn()));
        leases.invalidate(chunk.table());
        c.rollback();
      }
    }
  }

  /** Whether a file node seen under the transaction's snapshot differs from the current one (catalog cache). */
  private static boolean rewrittenSinceSnapshot(Connection c, SnapshotChunk chunk) throws SQLException {
    // pg_partition_tree lists nothing for a table that is not partitioned
    String sql = "SELECT count(*) FROM pg_catalog.pg_class c WHERE (c.oid = CAST(? AS regclass) OR c.oid IN "
        + "(SELECT relid FROM pg_catalog.pg_partition_tree(CAST(? AS regclass)))) AND c.relfilenode <> 0 "
        + "AND c.relfilenode IS DISTINCT FROM pg_catalog.pg_relation_filenode(c.oid)";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, Sql.table(chunk.table()));
      ps.setString(2, Sql.table(chunk.table()));
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1) > 0;
      }
    }
  }

  private long stream(Connection c, SnapshotChunk chunk, String sql, List<String> params, List<ColumnType> types, SnapshotSink sink)
      throws SQLException, InterruptedException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setFetchSize(config.fetchSize());
      ps.unwrap(PGStatement.class).setPrepareThreshold(-1); // binary results for the types BinaryCodec decodes
      for (int i = 0; i < params.size(); i++) {
        ps.setString(i + 1, params.get(i));
      }
      long n = 0;
      int width = types.size();
      try (ResultSet rs = ps.executeQuery()) {
        Function<byte[], Object>[] binary = binaryDecoders(rs, chunk, types);
        while (rs.next()) {
          Object[] values = new Object[width];
          for (int i = 0; i < width; i++) {
            try {
              if (binary[i] == null) {
                values[i] = ValueCodec.decode(types.get(i), rs.getString(i + 1));
              } else {
                byte[] bytes = rs.getBytes(i + 1);
                values[i] = bytes == null ? null : binary[i].apply(bytes);
              }
              values[i] = Unrepresentable.check(types.get(i), values[i], rs.getMetaData().getColumnName(i + 1));
            } catch (RuntimeException e) {
              if (e instanceof SyncException se && se.code() == ErrorCode.VALUE_NOT_REPRESENTABLE) {
                String column = rs.getMetaData().getColumnName(i + 1);
                throw SyncException.of(se.code(), chunk + ": " + se.getMessage()
                    + (se.getMessage().contains(column) ? "" : " (column " + column + ")"), e);
              }
              throw SyncException.of(ErrorCode.UNDECODABLE_CHANGE,
                  "cannot convert column " + rs.getMetaData().getColumnName(i + 1) + " of "
                  + chunk + " to " + types.get(i).dataType() + ": " + e.getMessage(), e);
            }
          }
          sink.accept(Row.of(values));
          n++;
          if ((n & 0xFFF) == 0 && Thread.interrupted()) {
            throw new InterruptedException("chunk read interrupted");
          }
        }
      }
      return n;
    }
  }

  /** Per column, the binary decoder, or null for a text column. */
  @SuppressWarnings("unchecked")
  private static Function<byte[], Object>[] binaryDecoders(ResultSet rs, SnapshotChunk chunk, List<ColumnType> types)
      throws SQLException {
    PGResultSetMetaData meta = rs.getMetaData().unwrap(PGResultSetMetaData.class);
    Function<byte[], Object>[] decoders = new Function[types.size()];
    for (int i = 0; i < decoders.length; i++) {
      if (meta.getFormat(i + 1) == 1) {
        String type = rs.getMetaData().getColumnTypeName(i + 1);
        BinaryCodec.Decoder d = BinaryCodec.decoder(type);
        if (d == null || d.codec() != types.get(i).codec()) {
          throw SyncException.of(ErrorCode.UNDECODABLE_CHANGE,
              "column " + rs.getMetaData().getColumnName(i + 1) + " of " + chunk
              + " came in binary as " + type + ", which does not decode as " + types.get(i).codec(), null);
        }
        decoders[i] = d.decode();
      }
    }
    return decoders;
  }

  private static String rangePredicate(SnapshotChunk chunk, TableMeta meta, List<String> params) {
    if (chunk.lowerInclusive() == null && chunk.upperExclusive() == null) {
      return "TRUE";
    }
    int[] key = meta.schema().primaryKeyIndexes();
    String keyList = keyList(meta.schema(), key);
    StringBuilder sb = new StringBuilder("TRUE");
    if (chunk.lowerInclusive() != null) {
      sb.append(" AND (").append(keyList).append(") >= (").append(params(meta, key)).append(')');
      for (Object v : chunk.lowerInclusive().values()) {
        params.add(ValueCodec.encode(v));
      }
    }
    if (chunk.upperExclusive() != null) {
      sb.append(" AND (").append(keyList).append(") < (").append(params(meta, key)).append(')');
      for (Object v : chunk.upperExclusive().values()) {
        params.add(ValueCodec.encode(v));
      }
    }
    return sb.toString();
  }

  private static String keyList(TableSchema schema, int[] key) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < key.length; i++) {
      sb.append(i == 0 ? "" : ", ").append(Sql.ident(schema.columns().get(key[i]).name()));
    }
    return sb.toString();
  }

  private static String params(TableMeta meta, int[] key) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < key.length; i++) {
      sb.append(i == 0 ? "" : ", ").append("CAST(? AS ").append(meta.types().get(key[i]).castName()).append(')');
    }
    return sb.toString();
  }

  private static String castOf(TableMeta meta, String column) {
    int i = meta.schema().indexOf(column);
    if (i < 0) {
      throw new IllegalArgumentException("filter column " + column + " is not in " + meta.schema().id());
    }
    return meta.types().get(i).castName();
  }
}
