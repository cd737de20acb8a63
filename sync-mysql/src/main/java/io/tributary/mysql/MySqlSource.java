package io.tributary.mysql;

import io.tributary.mysql.internal.BinlogErrors;
import io.tributary.mysql.internal.BinlogStream;
import io.tributary.mysql.internal.FreshStart;
import io.tributary.mysql.internal.Jdbc;
import io.tributary.mysql.internal.MySqlConfig;
import io.tributary.mysql.internal.MySqlTable;
import io.tributary.mysql.internal.Preflight;
import io.tributary.mysql.internal.Resume;
import io.tributary.mysql.internal.SchemaReader;
import io.tributary.mysql.internal.Server;
import io.tributary.mysql.internal.ServerIdentity;
import io.tributary.mysql.internal.SnapshotReader;
import io.tributary.sync.ErrorCode;
import io.tributary.sync.SyncException;
import io.tributary.sync.event.RowFilter;
import io.tributary.sync.event.SourcePosition;
import io.tributary.sync.event.TableId;
import io.tributary.sync.event.TableSchema;
import io.tributary.sync.spi.ChangeSource;
import io.tributary.sync.spi.LogStream;
import io.tributary.sync.spi.PreflightReport;
import io.tributary.sync.spi.SnapshotChunk;
import io.tributary.sync.spi.SnapshotSink;
import io.tributary.sync.spi.StartPosition;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A MySQL or MariaDB server as a {@link ChangeSource}: binlog streaming (ROW format) and primary-key-chunked
 * snapshots with exact low watermarks.
 *
 * <pre>{@code
 * MySqlSource source = MySqlSource.builder()
 *     .name("orders-db").host("db1").port(3306).user("sync").password(secret)
 *     .includeDatabases("shop_.*")
 *     .build();
 * }</pre>
 *
 * <p>Values: see {@link io.tributary.mysql.internal.ColumnTypes} for the type mapping. Temporal values never depend
 * on a time zone (snapshot sessions run in UTC; the binlog carries zone-free values), so the configured
 * {@code serverTimeZone} is only checked against the server's, to catch a misconfiguration early.
 *
 * <p>Snapshot watermarks: exact on MariaDB through {@code binlog_snapshot_position}; exact per table on MySQL
 * through a millisecond table read lock (see {@link WatermarkMethod}).
 *
 * <p>Threading: as {@link ChangeSource}; the source is safe for concurrent chunk reads.
 */
public final class MySqlSource implements ChangeSource {

  private static final Logger LOG = LoggerFactory.getLogger(MySqlSource.class);

  /** How a snapshot chunk's low watermark is made exact. */
  public enum WatermarkMethod {
    /** MariaDB's status where available, else the table lock. */
    AUTO,
    /** MariaDB: {@code binlog_snapshot_file/position} of a consistent-snapshot transaction. No lock. */
    SNAPSHOT_STATUS,
    /** Any server: {@code FLUSH TABLES t WITH READ LOCK} held for the start of the read. Needs RELOAD. */
    TABLE_LOCK
  }

  private final MySqlConfig config;
  private final WatermarkMethod watermark;
  private final Jdbc jdbc;
  private final Map<TableId, MySqlTable> known = new ConcurrentHashMap<>();
  private volatile Boolean mariaDb;
  private volatile SnapshotReader snapshots;
  private final io.tributary.sync.spi.SourceThreads threads;

  private MySqlSource(MySqlConfig config, WatermarkMethod watermark) {
    this.config = config;
    this.watermark = watermark;
    this.threads = new io.tributary.sync.spi.SourceThreads(config.name());
    this.jdbc = new Jdbc(config, threads);
  }

  /** The binlog thread and the connection pool's housekeeping come from the pipeline's threads. */
  @Override
  public void useThreadFactory(java.util.concurrent.ThreadFactory factory) {
    threads.use(factory);
  }

  public static MySqlSourceBuilder builder() {
    return new MySqlSourceBuilder();
  }

  static MySqlSource create(MySqlConfig config, WatermarkMethod watermark) {
    return new MySqlSource(config, watermark);
  }

  @Override
  public String name() {
    return config.name();
  }

  @Override
  public List<TableSchema> discoverTables() {
    return discoverTables(id -> true);
  }

  /** Maps only the tables {@code selected} accepts: an unselected table with a type this source cannot decode is
   * never looked at beyond its name. */
  @Override
  public List<TableSchema> discoverTables(Predicate<TableId> selected) {
    Map<TableId, MySqlTable> tables = new SchemaReader(config, jdbc).read(selected);
    known.putAll(tables);
    LOG.info("source '{}': discovered {} tables", config.name(), tables.size());
    return tables.values().stream().map(MySqlTable::schema).toList();
  }

  @Override
  public PreflightReport preflight(Collection<TableSchema> tables) {
    return new Preflight(config, jdbc).run(tables);
  }

  /**
   * The binlog end from {@code SHOW MASTER STATUS}: a commit returns only after its transaction is written to the
   * binlog (MariaDB and MySQL write it before the engine commit), so every transaction committed before the call
   * ends at or before it, and the stream's progress reaches it once it has read them.
   */
  @Override
  public java.util.OptionalLong logEnd() {
    return java.util.OptionalLong.of(Server.logEnd(jdbc).seq());
  }

  /** The binlog file's place and the expiry: see {@code BinlogRetention}. */
  @Override
  public java.util.Optional<io.tributary.sync.spi.LogRetention> logRetention(SourcePosition position,
      long positionTimeMillis) {
    if (!(position instanceof MySqlPosition p)) {
      throw new IllegalArgumentException("not a MySQL position: " + position);
    }
    ServerIdentity recorded = ServerIdentity.parse(p.server());
    if (recorded != null && !recorded.sameServer(identity(isMariaDb()))) {
      return java.util.Optional.empty(); // another server's file names say nothing here; the resume checks GTIDs
    }
    return io.tributary.mysql.internal.BinlogRetention.check(jdbc, p, positionTimeMillis, System.currentTimeMillis());
  }

  @Override
  public LogStream openLog(StartPosition start, Map<TableId, TableSchema> schemas) {
    String mismatch = new Preflight(config, jdbc).timeZoneMismatch();
    if (mismatch != null) {
      throw SyncException.of(ErrorCode.SERVER_UNSUPPORTED, "source '" + config.name() + "': " + mismatch, null);
    }
    boolean maria = isMariaDb();
    // A fresh start takes the layouts at the log end it starts from, not the engine's earlier discovery.
    FreshStart fresh = start instanceof StartPosition.Latest ? FreshStart.read(config.name(),
        () -> new SchemaReader(config, jdbc).read(schemas.keySet()), () -> {
          MySqlPosition end = Server.logEnd(jdbc);
          return new MySqlPosition(end.file(), end.position(), executedGtids(maria), 0, 0);
        }) : null;
    Map<TableId, MySqlTable> current = fresh != null ? fresh.tables()
        : new SchemaReader(config, jdbc).read(schemas.keySet());
    Map<TableId, MySqlTable> tables = new LinkedHashMap<>();
    schemas.forEach((id, schema) -> tables.put(id, fresh != null && current.containsKey(id) ? current.get(id)
        : MySqlTable.reconcile(schema, current.get(id))));
    ServerIdentity here = identity(maria); // read once: the resume check and every position name this server
    String gtidStart = null;
    long notBefore = 0;
    MySqlPosition from;
    if (fresh != null) {
      from = fresh.end();
    } else if (start instanceof StartPosition.Earliest) {
      from = MySqlPosition.of(firstFile(), 4);
    } else if (start instanceof StartPosition.Timestamp t) {
      // Read from the oldest binlog and drop changes committed before the instant; DDL is still tracked.
      from = MySqlPosition.of(firstFile(), 4);
      notBefore = t.instant().toEpochMilli();
    } else if (start instanceof StartPosition.At at) {
      if (!(at.position() instanceof MySqlPosition p)) {
        throw new IllegalArgumentException("not a MySQL position: " + at.position());
      }
      // Same server: its file and offset; another one: after its GTIDs, or refused (never a same-named file there).
      Resume resume = Resume.of(config.name(), p, here,
          () -> maria ? Resume.mariaDb(jdbc) : Resume.mysql(jdbc));
      from = resume.from();
      gtidStart = resume.gtidStart();
    } else {
      String text = ((StartPosition.Spec) start).text().trim();
      if (text.regionMatches(true, 0, "gtid:", 0, 5)) {
        gtidStart = text.substring(5).trim();
        from = new MySqlPosition("", 0, gtidStart, 0, 0);
      } else {
        from = parseFilePosition(text);
      }
    }
    if (gtidStart == null && !Server.binlogFiles(jdbc).contains(from.file())) {
      throw BinlogErrors.positionUnavailable(config.name(), from, "file " + from.file() + " is not in SHOW BINARY "
          + "LOGS", () -> Server.logEnd(jdbc), null);
    }
    from = from.onServer(here.encoded());
    BinlogStream stream = new BinlogStream(config, jdbc, tables, from, gtidStart, maria, notBefore, threads);
    if (fresh != null) {
      stream.first(fresh.changes(schemas, from, System.currentTimeMillis()));
    }
    return stream.start();
  }

  private ServerIdentity identity(boolean maria) {
    return ServerIdentity.read(jdbc, maria, config.host(), config.port());
  }

  private static MySqlPosition parseFilePosition(String text) {
    int colon = text.lastIndexOf(':');
    try {
      if (colon > 0) {
        return MySqlPosition.of(text.substring(0, colon), Long.parseLong(text.substring(colon + 1)));
      }
    } catch (NumberFormatException e) {
      // fall through to the message below
    }
    throw new IllegalArgumentException("cannot parse MySQL start position '" + text + "': use <binlog file>:<offset> "
        + "(e.g. mysql-bin.000003:4) or gtid:<set> (e.g. gtid:0-1-42 on MariaDB, gtid:3E11FA47-...:1-5 on MySQL)");
  }

  private String firstFile() {
    List<String> files = Server.binlogFiles(jdbc);
    if (files.isEmpty()) {
      throw SyncException.of(ErrorCode.SERVER_UNSUPPORTED,
          "source '" + config.name() + "': the server has no binlog files; set log_bin=ON", null);
    }
    return files.get(0);
  }

  private String executedGtids(boolean maria) {
    try {
      String g = jdbc.queryString(maria ? "SELECT @@gtid_binlog_pos" : "SELECT @@global.gtid_executed");
      return g == null ? "" : g.replace("\n", "");
    } catch (RuntimeException e) {
      return "";
    }
  }

  @Override
  public List<SnapshotChunk> planChunks(TableSchema table, RowFilter filter, int chunkSize) {
    if (chunkSize < 1) {
      throw new IllegalArgumentException("chunkSize must be >= 1, got " + chunkSize);
    }
    return snapshots().plan(table, filter, chunkSize);
  }

  @Override
  public void readChunk(SnapshotChunk chunk, TableSchema schema, SnapshotSink sink) throws InterruptedException {
    snapshots().read(chunk, schema, sink);
  }

  private SnapshotReader snapshots() {
    SnapshotReader r = snapshots;
    if (r == null) {
      boolean status = switch (watermark) {
        case AUTO -> isMariaDb();
        case SNAPSHOT_STATUS -> true;
        case TABLE_LOCK -> false;
      };
      r = new SnapshotReader(config, jdbc, status, id -> known.computeIfAbsent(id, this::lookup));
      snapshots = r;
    }
    return r;
  }

  private MySqlTable lookup(TableId id) {
    return new SchemaReader(config, jdbc).read(Set.of(id)).get(id);
  }

  private boolean isMariaDb() {
    Boolean m = mariaDb;
    if (m == null) {
      m = Server.isMariaDb(jdbc);
      mariaDb = m;
    }
    return m;
  }

  @Override
  public SourcePosition decodePosition(byte[] encoded) {
    return MySqlPosition.decode(encoded);
  }

  @Override
  public void close() {
    jdbc.close();
  }

  @Override
  public String toString() {
    return "MySqlSource[" + config + "]";
  }
}
