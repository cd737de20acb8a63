package io.tributary.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.tributary.postgres.internal.Catalog;
import io.tributary.postgres.internal.ChunkReader;
import io.tributary.postgres.internal.Errors;
import io.tributary.postgres.internal.Lsn;
import io.tributary.postgres.internal.LogOpener;
import io.tributary.postgres.internal.PgConfig;
import io.tributary.postgres.internal.Preflight;
import io.tributary.postgres.internal.SlotManager;
import io.tributary.postgres.internal.TableMeta;
import io.tributary.postgres.internal.TypeRegistry;
import io.tributary.postgres.internal.BinaryValues;
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
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL source: logical replication with the built-in {@code pgoutput} plugin through one replication slot
 * and one publication, and chunked snapshot reads by primary key.
 *
 * <h2>Sequence numbers and watermarks</h2>
 * A change's {@code seq} is the commit LSN of its transaction. A chunk is read under the snapshot exported by a
 * temporary logical slot created for the read; that snapshot shows exactly the transactions committed before the
 * slot's consistent point, which is reported as the low watermark: every change the chunk does not reflect has
 * {@code seq >= lowWatermark}, with no race against commits in flight.
 *
 * <h2>Slot and publication</h2>
 * The slot is created on the first {@link #openLog} and reused after; the publication is created for the captured
 * tables (or brought in step with them) on every open. The slot's confirmed flush LSN moves only when the stream
 * is acknowledged. {@link #dropSlot()} removes the slot (offline). Tables with TOASTable columns need
 * {@code REPLICA IDENTITY FULL} (checked by {@link #preflight}); an unchanged TOAST value the WAL does not carry is
 * a clear error, never a null. TRUNCATE of a captured table is a {@link io.tributary.sync.event.TableTruncated} event.
 *
 * <h2>Threads</h2>
 * {@code build()} does no I/O. The connection pool (HikariCP) is created on first use and closed by
 * {@link #close()}; the log uses its own replication connection. Methods follow {@link ChangeSource}'s threading.
 */
public final class PostgresSource implements ChangeSource {

  private static final Logger LOG = LoggerFactory.getLogger(PostgresSource.class);

  private final PgConfig config;
  private final Map<TableId, TableMeta> metas = new ConcurrentHashMap<>();
  private volatile Internals internals;
  private volatile boolean closed;

  /** Lazily created pool and helpers. */
  /** Binary values of the log, refused for good once a stream met a column it could not decode in binary. */
  private final BinaryValues binary = new BinaryValues();

  private record Internals(HikariDataSource pool, Catalog catalog, SlotManager slots, ChunkReader chunks) {
  }

  private final io.tributary.sync.spi.SourceThreads threads;

  PostgresSource(PgConfig config) {
    this.config = config;
    this.threads = new io.tributary.sync.spi.SourceThreads(config.name());
  }

  /** The connection pool's housekeeping and the idle-snapshot closer come from the pipeline's threads. */
  @Override
  public void useThreadFactory(java.util.concurrent.ThreadFactory factory) {
    threads.use(factory);
  }

  public static PostgresSourceBuilder builder() {
    return new PostgresSourceBuilder();
  }

  @Override
  public String name() {
    return config.name();
  }

  /** The slot this source streams from. */
  public String slotName() {
    return config.slotName();
  }

  /** The publication this source creates and keeps in step with the captured tables. */
  public String publicationName() {
    return config.publicationName();
  }

  @Override
  public List<TableSchema> discoverTables() {
    Map<TableId, TableMeta> found = internals().catalog().tables();
    metas.putAll(found);
    List<TableSchema> schemas = new ArrayList<>(found.size());
    found.values().forEach(m -> schemas.add(m.schema()));
    return schemas;
  }

  @Override
  public PreflightReport preflight(Collection<TableSchema> tables) {
    Internals in = internals();
    return new Preflight(config, in.pool(), in.slots()).run(tables, () -> in.catalog().tables());
  }

  /**
   * The WAL end (see {@code SlotManager.walEnd}): seqs of changes are their commit LSNs, so every transaction
   * committed before the call has a smaller seq; the stream passes it with a later commit or a keepalive, which the
   * walsender sends with its decoded position whenever it waits for WAL.
   */
  @Override
  public java.util.OptionalLong logEnd() {
    return java.util.OptionalLong.of(internals().slots().walEnd());
  }

  @Override
  public LogStream openLog(StartPosition start, Map<TableId, TableSchema> schemas) {
    Internals in = internals();
    in.chunks().forgetSnapshots(); // a new run: see SnapshotLeases
    return LogOpener.open(config, in.slots(), in.catalog().types(), start, schemas, binary);
  }

  /**
   * Restarts after a lost position ({@code onLostLogPosition(RESYNC)}): an invalidated slot ({@code wal_status =
   * lost}) can never stream again, so it is dropped and created anew at the current WAL position; a missing slot is
   * created; a slot that merely moved past the checkpoint is read from its current position.
   */
  @Override
  public LogStream restartLog(Map<TableId, TableSchema> schemas) {
    SlotManager.SlotInfo slot = internals().slots().slot();
    if (slot != null && slot.lost()) {
      LOG.warn("[{}] dropping invalidated replication slot {} to create it anew at the current WAL position",
          config.name(), config.slotName());
      internals().slots().dropSlot();
    }
    return openLog(StartPosition.latest(), schemas);
  }

  /**
   * The slot's room under {@code max_slot_wal_keep_size}: {@code safe_wal_size} bytes of WAL may still be written
   * before the server invalidates it (unlimited, -1, when the setting is -1). A missing or invalidated slot, or a
   * position before the slot's confirmed LSN, is gone.
   */
  @Override
  public java.util.Optional<io.tributary.sync.spi.LogRetention> logRetention(SourcePosition position,
      long positionTimeMillis) {
    SlotManager.SlotInfo slot = internals().slots().slot();
    String name = "replication slot " + config.slotName();
    if (slot == null) {
      return java.util.Optional.of(io.tributary.sync.spi.LogRetention.gone(name + " does not exist"));
    }
    if (slot.lost()) {
      return java.util.Optional.of(io.tributary.sync.spi.LogRetention.gone(name + " was invalidated (wal_status="
          + "lost, max_slot_wal_keep_size exceeded)"));
    }
    if (position instanceof PostgresPosition p && p.lsn() < slot.confirmedFlushLsn()) {
      return java.util.Optional.of(io.tributary.sync.spi.LogRetention.gone("position " + p + " is before " + name
          + "'s confirmed LSN " + io.tributary.postgres.internal.Lsn.format(slot.confirmedFlushLsn())));
    }
    long left = slot.safeWalSize() == null ? -1 : Math.max(0, slot.safeWalSize());
    return java.util.Optional.of(new io.tributary.sync.spi.LogRetention(false, left, null, name + ": wal_status="
        + slot.walStatus() + ", restart_lsn " + io.tributary.postgres.internal.Lsn.format(slot.restartLsn())
        + (left < 0 ? ", no max_slot_wal_keep_size (WAL is kept without limit)" : ", safe_wal_size " + left
        + " bytes before max_slot_wal_keep_size invalidates it")));
  }

  @Override
  public List<SnapshotChunk> planChunks(TableSchema table, RowFilter filter, int chunkSize) {
    return internals().chunks().plan(meta(table.id()), filter, chunkSize > 0 ? chunkSize : config.chunkSize());
  }

  @Override
  public void readChunk(SnapshotChunk chunk, TableSchema schema, SnapshotSink sink) throws InterruptedException {
    TableMeta meta = meta(chunk.table());
    if (!meta.schema().columnNames().containsAll(schema.columnNames())) {
      // a column added since discovery (the pipeline passes the schema the log reported)
      metas.remove(chunk.table());
      meta = meta(chunk.table());
    }
    internals().chunks().read(chunk, meta, schema, sink);
  }

  @Override
  public SourcePosition decodePosition(byte[] encoded) {
    return PostgresPosition.decode(encoded);
  }

  /**
   * Parses a position's text form: {@code 0/16B3748} (between transactions) or {@code 0/16B3748+3} (after the third
   * change of the transaction committed at that LSN).
   */
  public static PostgresPosition parsePosition(String text) {
    int plus = text.indexOf('+');
    return plus < 0 ? PostgresPosition.at(Lsn.parse(text))
        : new PostgresPosition(Lsn.parse(text.substring(0, plus)), Integer.parseInt(text.substring(plus + 1)));
  }

  /**
   * Drops the replication slot (the offline operation): the server releases the WAL it retained, and the next
   * {@link #openLog} creates a new slot, so the tables need a full sync. Fails while a stream reads the slot.
   *
   * @return whether a slot was dropped
   */
  public boolean dropSlot() {
    return internals().slots().dropSlot();
  }

  /** The pipeline went offline: drop the slot so the server stops retaining WAL for it. */
  @Override
  public void releaseServerState() {
    if (dropSlot()) {
      LOG.info("[{}] offline: replication slot dropped", config.name());
    }
  }

  /** Drops the publication, if it exists. */
  public void dropPublication() {
    internals().slots().dropPublication();
  }

  private TableMeta meta(TableId id) {
    TableMeta meta = metas.get(id);
    if (meta == null) {
      discoverTables();
      meta = metas.get(id);
      if (meta == null) {
        throw SyncException.of(ErrorCode.NOTHING_SELECTED,
            "table " + id + " is not in the database or not selected by " + config.name()
            + "'s include/exclude patterns", null);
      }
    }
    return meta;
  }

  private Internals internals() {
    Internals in = internals;
    if (in != null) {
      return in;
    }
    synchronized (this) {
      if (closed) {
        throw new IllegalStateException("source " + config.name() + " is closed");
      }
      if (internals == null) {
        HikariConfig hc = new HikariConfig();
        hc.setPoolName("tributary-" + config.name());
        hc.setJdbcUrl(config.jdbcUrl());
        hc.setDataSourceProperties(config.connectionProperties());
        hc.setMaximumPoolSize(config.parallelism() + 2);
        hc.setMinimumIdle(0);
        hc.setConnectionTimeout(Math.max(250, config.connectTimeout().toMillis()));
        // Connect once now: a wrong host, port, database or password fails at once with the driver's cause, not
        // as a pool timeout; a failed pool is not kept, so the next call (a failover) tries again.
        hc.setInitializationFailTimeout(1);
        hc.setThreadFactory(r -> threads.newThread("pool", r)); // housekeeping, connection adder and closer
        HikariDataSource pool;
        try {
          pool = new HikariDataSource(hc);
        } catch (com.zaxxer.hikari.pool.HikariPool.PoolInitializationException e) {
          throw Errors.connectFailure(config, e.getCause() != null ? e.getCause() : e);
        }
        TypeRegistry types = new TypeRegistry(pool);
        internals = new Internals(pool, new Catalog(config, pool, types), new SlotManager(config, pool),
            new ChunkReader(config, pool, r -> threads.newThread("snapshot-closer", r)));
        LOG.info("[{}] connecting with {}", config.name(), config);
      }
      return internals;
    }
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (internals != null) {
      internals.chunks().close();
      internals.pool().close();
    }
    LOG.info("[{}] closed", config.name());
  }

  @Override
  public String toString() {
    return "PostgresSource[" + config + "]";
  }
}
