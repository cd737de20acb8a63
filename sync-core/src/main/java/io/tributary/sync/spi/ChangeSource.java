package io.tributary.sync.spi;

import io.tributary.sync.SyncException;
import io.tributary.sync.event.RowFilter;
import io.tributary.sync.event.SourcePosition;
import io.tributary.sync.event.TableId;
import io.tributary.sync.event.TableSchema;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A source database: its change log, chunked snapshot reads of its tables and its table schemas.
 *
 * <p>A source is built by its module's builder (e.g. {@code MySqlSource.builder()}), passed to
 * {@code SyncPipeline.builder().source(...)}, and owned by the pipeline from then on: the pipeline opens and closes
 * logs and calls {@link #close()} when it is closed. Threading: {@link #discoverTables} and {@link #preflight} are
 * called on the pipeline's control thread; {@link #openLog} on the source's reader thread; {@link #planChunks} and
 * {@link #readChunk} on snapshot worker threads, concurrently for different chunks.
 */
public interface ChangeSource extends AutoCloseable {

  /** The data source's name: the {@link TableId#source()} of its tables, used by selectors and extended fields. */
  String name();

  /**
   * The tables this source can capture (after its own include/exclude patterns), with their current schemas.
   * Tables without a primary key are returned too, with an empty key, so the pipeline can name them in its error.
   */
  List<TableSchema> discoverTables();

  /**
   * The tables {@link #discoverTables()} would return that {@code selected} accepts: the pipeline passes its own
   * selection (tables, excludes, virtual tables) so a table it will never capture is neither read nor mapped. A
   * source whose discovery can fail on one table (a column type it cannot decode) should override this and look at
   * unselected tables no further than their names; the default filters the full discovery.
   *
   * @param selected whether the pipeline would capture a table; called on the caller's thread, side-effect free
   */
  default List<TableSchema> discoverTables(Predicate<TableId> selected) {
    return discoverTables().stream().filter(s -> selected.test(s.id())).toList();
  }

  /**
   * Checks server settings, grants and table properties needed to capture {@code tables}. Never throws for a failed
   * check: each one is a {@link PreflightCheck} that names the setting, the value found and the fix.
   */
  PreflightReport preflight(Collection<TableSchema> tables);

  /**
   * Opens the change log.
   *
   * @param start   where to read from; {@link StartPosition#at} for a resume from a checkpoint
   * @param schemas the schemas of the captured tables as of {@code start} (from the checkpoint when resuming, so a
   *                source without a schema history decodes rows written before a later DDL correctly); events of
   *                other tables may be skipped by the source
   * @throws SyncException naming the cause and fix when the position is gone (e.g. a purged binlog) or the log
   *     cannot be opened
   */
  LogStream openLog(StartPosition start, Map<TableId, TableSchema> schemas);

  /**
   * Opens the change log at the server's current position after the checkpoint's position was found gone (the
   * pipeline's {@code onLostLogPosition(RESYNC)}; it then re-syncs every table of this source). Drops whatever
   * server state still refers to the lost position and would refuse a new start (PostgreSQL: an invalidated slot
   * is dropped and created anew). The default opens at {@link StartPosition#latest()}.
   *
   * @param schemas as for {@link #openLog}
   */
  default LogStream restartLog(Map<TableId, TableSchema> schemas) {
    return openLog(StartPosition.latest(), schemas);
  }

  /**
   * Splits a table into primary-key ranges of about {@code chunkSize} rows. Bounds must be stable values of the
   * key columns (stored in checkpoints). An empty table still yields one chunk.
   */
  List<SnapshotChunk> planChunks(TableSchema table, RowFilter filter, int chunkSize);

  /**
   * Reads one chunk and hands its rows to {@code sink}: the low watermark first, then rows laid out by
   * {@code schema}, streaming (never buffering the whole chunk), then the high watermark. Takes no long-held global
   * or table lock. A column of {@code schema} the table no longer has reads as null; when that is a primary-key
   * column (renamed or dropped since the schema was taken) the read delivers no rows, since rows without their key
   * cannot be staged (the engine reads the chunk again once the log reports the change, which precedes the read).
   */
  void readChunk(SnapshotChunk chunk, TableSchema schema, SnapshotSink sink) throws InterruptedException;

  /**
   * Where the log ends now, for {@code SyncPipeline.awaitCaughtUp}: a sequence number greater than that of every
   * change committed at the source before this call, which the log stream reaches (returns an event or heartbeat
   * whose seq is at least this) once it has returned all those changes. The pipeline calls it when
   * {@code awaitCaughtUp} begins and waits until a checkpoint covers it, so the answer must be taken now, from the
   * server: never a cached or predicted value. Called on the thread that calls {@code awaitCaughtUp}, concurrently
   * with the reader and snapshot threads; may take one round trip to the server.
   *
   * <p>A resumed run also calls it right before and right after discovering its tables (on the pipeline's control
   * thread): a table new to the run skips its changes below the first answer, whose DDLs its discovered schema has.
   * So the answer must be the log's end, never above it: a change with a smaller seq is in the log already.
   *
   * <p>Empty when the source cannot tell; {@code awaitCaughtUp} then waits for a heartbeat from a poll that began
   * after the call, which is only as good as that heartbeat's claim that the read has reached the log's end (and a
   * table added on a restart restarts its sync at its first replayed DDL instead).
   *
   * @throws SyncException when the server cannot be asked (the pipeline asks again)
   */
  default java.util.OptionalLong logEnd() {
    return java.util.OptionalLong.empty();
  }

  /**
   * How long {@code position} stays on the server before it is discarded (binlog expiry, a slot's WAL limit), for
   * the retention alert. Called periodically on the pipeline's retention thread, also while the pipeline is stopped
   * (with its checkpoint's position); must not disturb the log being read. Empty when the source cannot tell.
   *
   * @param position           a checkpoint position of this source
   * @param positionTimeMillis when the log was at {@code position} (the commit time of the change or heartbeat
   *                           there, epoch milliseconds), or -1 when unknown; a lower bound of the age of the
   *                           log file holding it
   * @throws SyncException when the server cannot be asked (the check is skipped this time)
   */
  default java.util.Optional<LogRetention> logRetention(SourcePosition position, long positionTimeMillis) {
    return java.util.Optional.empty();
  }

  /** Decodes a position this source encoded with {@link SourcePosition#encode()}. */
  SourcePosition decodePosition(byte[] encoded);

  /**
   * Whether an error from this source is worth a failover (reconnect from the last checkpoint). The default trusts
   * {@link SyncException#isRetriable()} and treats other I/O-like failures as retriable.
   */
  default boolean isRetriable(Throwable error) {
    if (error instanceof SyncException e) {
      return e.isRetriable();
    }
    return error instanceof java.io.IOException || error instanceof java.io.UncheckedIOException
        || error instanceof java.sql.SQLTransientException || error instanceof java.sql.SQLRecoverableException;
  }

  /**
   * Forgets the server-side state this source keeps for the pipeline (e.g. drops a PostgreSQL replication slot so
   * the server stops retaining WAL). Called when the pipeline is taken offline; a later start begins anew.
   */
  default void releaseServerState() {
  }

  /**
   * The factory for every thread this source starts from now on (its log client's threads, timers, connection
   * pool housekeeping), so a host's {@code SyncPipeline.builder().threadFactory(...)} covers them too. The pipeline
   * calls this once, when it is built, before opening anything; its threads are named after the pipeline and carry
   * the logging MDC keys of {@link io.tributary.sync.LogKeys} (pipeline and source). A source may rename a thread
   * it got (appending its role) but must not start threads any other way. The default ignores the factory: a source
   * that starts no thread of its own needs nothing.
   */
  default void useThreadFactory(java.util.concurrent.ThreadFactory threads) {
  }

  /** Frees connections and pools; idempotent. */
  @Override
  void close();
}
