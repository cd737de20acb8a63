package io.tributary.sync;

import io.tributary.sync.event.RowFilter;
import io.tributary.sync.event.TableId;
import io.tributary.sync.internal.PipelineConfig;
import io.tributary.sync.internal.PipelineEngine;
import io.tributary.sync.spi.ChangeSource;
import io.tributary.sync.spi.ChangeWriter;
import io.tributary.sync.spi.CheckpointStore;
import io.tributary.sync.spi.SchemaEvolutionPolicy;
import io.tributary.sync.spi.StartPosition;
import io.tributary.sync.spi.SyncListener;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadFactory;

/**
 * A running multi-table sync: sources' change logs (and optionally a full sync) into target tables of a writer.
 *
 * <pre>{@code
 * SyncPipeline pipeline = SyncPipeline.builder()
 *     .name("orders-sync")
 *     .source(mysqlSource)
 *     .mode(SyncMode.MERGE)
 *     .virtualTable(VirtualTable.of("orders", TableSelector.of("shop_\\d+", "orders_\\d+")))
 *     .extendedFields(ExtendedField.DATABASE_NAME, ExtendedField.TABLE_NAME)
 *     .extendedFieldsInPrimaryKey(true)
 *     .fullSync(true)
 *     .writer(paimonWriter)
 *     .checkpointStore(CheckpointStores.file(Path.of("checkpoints")))
 *     .build();
 * pipeline.start();            // returns at once; status() tells the phase
 * }</pre>
 *
 * <p>Thread-safe: every method may be called from any thread. {@link #start()} returns at once; the pipeline runs
 * on its own threads (named after it) until {@link #stop()} or {@link #close()}.
 *
 * <p>Operations ({@link #resync}, {@link #catchUp}, {@link #pause}, {@link #resume}, {@link #prioritize}) need a
 * running pipeline: call {@link #awaitRunning} after {@link #start()}. Their futures complete exceptionally with a
 * {@link PipelineNotRunningException} when it is not running, a {@link TableNotCapturedException} for a table it
 * does not capture, and an {@link IllegalArgumentException} for a catch-up filter naming a column the table lacks.
 * Failures carry an {@link ErrorCode}: in {@link #status()}, in alerts, and in a {@link PipelineFailedException}
 * thrown to a caller waiting on a failed pipeline.
 */
public final class SyncPipeline implements AutoCloseable {

  static {
    // The Flink runner (sync-flink) reads a builder's configuration through the engine's package, not the API.
    io.tributary.sync.internal.FlinkHost.engineAccess(p -> p.engine);
  }

  private final PipelineEngine engine;
  private final io.tributary.sync.internal.verify.Verifier verifier;

  private SyncPipeline(PipelineConfig config, io.tributary.sync.internal.verify.ChangeWatch watch) {
    this.engine = new PipelineEngine(config);
    this.verifier = new io.tributary.sync.internal.verify.Verifier(engine, watch);
  }

  public static Builder builder() {
    return new Builder();
  }

  public String name() {
    return engine.config().name();
  }

  /**
   * Starts from the last checkpoint, or, without one, from each source's latest position (with a full sync of every
   * table if configured). Returns at once.
   *
   * @throws IllegalStateException if the pipeline is running or stopping (start() twice), or closed
   */
  public void start() {
    engine.start(Map.of());
  }

  /**
   * Starts reading the named sources' logs from custom positions instead of the checkpoint's (other sources resume
   * from the checkpoint). Tables keep their progress; changes between the checkpoint and a later custom position
   * are skipped, so re-sync the tables whose changes matter.
   */
  public void start(Map<String, StartPosition> positions) {
    engine.start(Map.copyOf(positions));
  }

  /** Takes a final checkpoint and stops; {@link #start()} resumes from it. Blocks until stopped. */
  public void stop() {
    engine.stop();
  }

  /**
   * Takes the pipeline offline: stops it and clears its checkpoint and intermediate state. Target tables and their
   * data are kept; the next start is a new start (with a full sync if configured).
   */
  public void offline() {
    engine.offline();
  }

  /**
   * Re-syncs one table: reads it again into staging (its log changes are staged meanwhile) and then overwrites the
   * table's target rows atomically, so readers see the old rows until the new ones replace them. Brings back a
   * table stopped by an incompatible schema change or a limit, once the cause is fixed. The future completes when
   * the re-sync has started; {@link #status()} shows it as {@code RESYNCING} until it is done.
   */
  public CompletableFuture<Void> resync(TableId table) {
    Objects.requireNonNull(table, "table");
    return engine.resync(table, null);
  }

  /**
   * Catch-up sync of one table: reads the source rows matching {@code filter}, then, atomically, deletes the target
   * rows matching it (so rows deleted at the source go) and merges what was read. {@code RowFilter.all()} re-reads
   * the whole table. In merge mode the table's rows must be identifiable by extended fields. It repairs a table whose
   * target is current otherwise: during the table's full sync it changes nothing (the sync reads every row), during
   * another catch-up the table is re-synced whole instead (restarting a catch-up drops the changes it staged), and
   * for a paused or stopped table the future fails with an {@link IllegalStateException} (resume or re-sync it).
   */
  public CompletableFuture<Void> catchUp(TableId table, RowFilter filter) {
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(filter, "filter");
    return engine.resync(table, filter);
  }

  /** {@link #verify(TableId, VerifyOptions)} with {@link VerifyOptions#defaults()}: compare only, resuming. */
  public CompletableFuture<VerifyReport> verify(TableId table) {
    return verify(table, VerifyOptions.defaults());
  }

  /**
   * Compares a streaming table's target with its source, key range by key range, while the pipeline runs: each
   * chunk's source rows are read as a full sync reads them (between watermarks), the target's rows of the range are
   * read once the pipeline has committed past that read, and their counts and order-independent hashes compared;
   * keys written meanwhile are compared again, so concurrent writes are never reported. Mismatched chunks are sent
   * as {@link SyncEvent.VerifyMismatch} events and shown in {@link PipelineStatus#verification}; with
   * {@code options.repair()} they are then fixed through the catch-up path ({@link #catchUp} of their key ranges)
   * and compared again. Runs on its own thread, throttled by {@code options.maxRowsPerSecond()}; a verification
   * stopped part-way (pipeline stopped, process restarted) resumes from its last finished chunk.
   *
   * <p>The future fails with a {@link VerifyException} when the table cannot be verified
   * ({@link ErrorCode#VERIFY_UNSUPPORTED}: the writer cannot read targets back, or a shard's rows cannot be told
   * apart; {@link ErrorCode#VERIFY_TABLE_NOT_STREAMING}), with a {@link PipelineNotRunningException} when the
   * pipeline is not (or no longer) running, a {@link TableNotCapturedException}, or an
   * {@link IllegalStateException} when the table's verification is already running.
   */
  public CompletableFuture<VerifyReport> verify(TableId table, VerifyOptions options) {
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(options, "options");
    return verifier.verify(table, options);
  }

  /** Verifies a table and repairs the mismatched chunks: {@code verify(table, defaults().withRepair(true))}. */
  public CompletableFuture<VerifyReport> repair(TableId table) {
    return verify(table, VerifyOptions.defaults().withRepair(true));
  }

  /** Pauses incremental sync of one table: its changes are no longer written. Other tables go on. */
  public CompletableFuture<Void> pause(TableId table) {
    Objects.requireNonNull(table, "table");
    return engine.pause(table);
  }

  /** Resumes a paused table; its data is fetched again (a re-sync) so nothing changed while paused is missed. */
  public CompletableFuture<Void> resume(TableId table) {
    Objects.requireNonNull(table, "table");
    return engine.resume(table);
  }

  /** Moves these tables' full-sync work ahead of all other tables' in the snapshot queue. */
  public CompletableFuture<Void> prioritize(TableId... tables) {
    return engine.prioritize(List.of(tables));
  }

  /** The current state, phases, counts, rates and latencies; cheap, never blocks on the pipeline. */
  public PipelineStatus status() {
    return engine.status().withVerifications(verifier.statuses());
  }

  /**
   * The preflight of this pipeline, runnable while it is stopped: each source's checks (settings, grants, table
   * properties) over the tables the pipeline would capture, plus a check of how long the server keeps the
   * checkpoint position ("log retention of the checkpoint position": OK, a warning when under the retention alert's
   * thresholds, failed when already gone unless {@code onLostLogPosition(RESYNC)} would recover). Does discovery.
   */
  public List<io.tributary.sync.spi.PreflightReport> preflight() {
    return engine.preflight();
  }

  /**
   * Asks each source now how long its checkpoint position stays on the server (binlog expiry, a slot's WAL limit),
   * running or stopped: the retention check of the preflight before a start. Fires the retention alert on a
   * crossing, as the periodic check does. Sources that cannot tell, or have no checkpoint yet, are absent.
   */
  public Map<String, io.tributary.sync.spi.LogRetention> logRetention() {
    return engine.logRetention();
  }

  /** Up, degraded (tables stopped alone, or starting) or down, for a host's health endpoint; from {@link #status()}. */
  public PipelineHealth health() {
    return PipelineHealth.of(status());
  }

  /**
   * Waits until every captured table is past its full sync and every change the sources committed before the call
   * is committed to the target. On the call each source is asked where its log ends now; true means a checkpoint
   * covers those positions (see "What caught up means" in docs/design.md). A heartbeat or status from before the
   * call never counts.
   *
   * @return whether that happened before the timeout; false also when the pipeline is stopped
   * @throws PipelineFailedException if the pipeline has failed (before or while waiting), with the failure as its
   *     cause and its code
   * @throws PipelineNotRunningException if the pipeline was never started
   */
  public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
    Objects.requireNonNull(timeout, "timeout");
    return engine.awaitCaughtUp(timeout);
  }

  /**
   * Waits until the pipeline is {@code RUNNING}: its tables discovered and checked, its logs open, so operations
   * ({@link #resync}, {@link #pause}, ...) are accepted. Call it after {@link #start()}.
   *
   * <pre>{@code
   * pipeline.start();
   * if (!pipeline.awaitRunning(Duration.ofSeconds(30))) { ... still starting: status() tells why (failovers) }
   * }</pre>
   *
   * @return true once running, false if still starting at the timeout (e.g. failing over: a source unreachable)
   * @throws PipelineFailedException if the pipeline failed to start (or failed while waiting), with the failure as
   *     its cause and its code
   * @throws PipelineNotRunningException if it was not started, or is stopping or stopped
   */
  public boolean awaitRunning(Duration timeout) throws InterruptedException {
    Objects.requireNonNull(timeout, "timeout");
    return engine.awaitRunning(timeout);
  }

  /** Stops (with a final checkpoint when running) and releases sources and writer. Idempotent. */
  @Override
  public void close() {
    verifier.close();
    engine.close();
  }

  /** Abandons the pipeline as a process crash would: no final checkpoint. For crash tests in this package. */
  void kill() {
    engine.kill();
  }

  /** The table ids the pipeline captures, as of the last status. */
  public Set<TableId> tables() {
    return engine.capturedTables();
  }

  /**
   * Builds a {@link SyncPipeline}. Each setter checks its argument at once (null: NPE; bad value: IAE naming it;
   * set twice: ISE); rules across options are checked by {@link #build()}, which does no I/O and starts no thread.
   */
  public static final class Builder {
    private final PipelineOptions options = new PipelineOptions();

    private Builder() {
    }

    /** The pipeline's name: keys its checkpoint, names its threads and log lines. Required. */
    public Builder name(String value) {
      options.name(value);
      return this;
    }

    /** Adds a source; names must be unique. At least one is required. */
    public Builder source(ChangeSource source) {
      options.source(source);
      return this;
    }

    /** Mirror (default) or merge mode. */
    public Builder mode(SyncMode value) {
      options.mode(value);
      return this;
    }

    /** Mirror mode: capture the tables these selectors match (default: every table the sources discover). */
    public Builder tables(TableSelector... selectors) {
      options.tables(selectors);
      return this;
    }

    /**
     * Mirror mode: names each source table's target (default: the source table's name). Use it when tables of
     * different databases or schemas share a name, e.g. {@code id -> id.database() + "_" + id.table()}.
     */
    public Builder mirrorTargetNaming(java.util.function.Function<TableId, String> naming) {
      options.mirrorTargetNaming(naming);
      return this;
    }

    /** Leaves out tables a selector matches, in either mode. */
    public Builder excludeTables(TableSelector... selectors) {
      options.excludeTables(selectors);
      return this;
    }

    /** Merge mode: adds a virtual table; names must be unique. */
    public Builder virtualTable(VirtualTable table) {
      options.virtualTable(table);
      return this;
    }

    /** Adds these extended fields (source name, database, schema, table) to every target row. */
    public Builder extendedFields(ExtendedField... fields) {
      options.extendedFields(fields);
      return this;
    }

    /** Makes the extended fields part of the target primary key, so equal keys of different shards coexist. */
    public Builder extendedFieldsInPrimaryKey(boolean value) {
      options.extendedFieldsInPrimaryKey(value);
      return this;
    }

    /** Merge mode: merge shards whose columns differ (union of columns, lossless widening, nulls). */
    public Builder heterogeneousMerge(boolean value) {
      options.heterogeneousMerge(value);
      return this;
    }

    /** Whether the first start (or a start after offline) runs a full sync of every table. Default false. */
    public Builder fullSync(boolean value) {
      options.fullSync(value);
      return this;
    }

    /** Where rows go. Required. */
    public Builder writer(ChangeWriter value) {
      options.writer(value);
      return this;
    }

    /** Where checkpoints go; default in memory (no resume across processes). */
    public Builder checkpointStore(CheckpointStore value) {
      options.checkpointStore(value);
      return this;
    }

    /** What schema changes do; default {@link SchemaEvolutionPolicy#evolve()}. */
    public Builder schemaEvolution(SchemaEvolutionPolicy value) {
      options.schemaEvolution(value);
      return this;
    }

    /** Adds a listener for phase changes, checkpoints and alerts. */
    public Builder listener(SyncListener value) {
      options.listener(value);
      return this;
    }

    /** Chunks read at once during full sync; default 4. */
    public Builder snapshotParallelism(int value) {
      options.snapshotParallelism(value);
      return this;
    }

    /** Rows per snapshot chunk; default 8192. */
    public Builder snapshotChunkSize(int value) {
      options.snapshotChunkSize(value);
      return this;
    }

    /** Rows per writer call; default 4096. */
    public Builder batchSize(int value) {
      options.batchSize(value);
      return this;
    }

    /**
     * How often a checkpoint commits the target under load; default 5 s. Data latency is about this long while
     * changes keep coming; once every source has drained its log the pipeline commits at once (at most one such
     * extra commit per interval), so after a burst the target is current within milliseconds.
     */
    public Builder commitInterval(Duration value) {
      options.commitInterval(value);
      return this;
    }

    /** Bytes of changes buffered between readers and the writer; readers wait when full. Default 64 MiB. */
    public Builder bufferMemoryBytes(long value) {
      options.bufferMemoryBytes(value);
      return this;
    }

    /** Largest encoded primary key (extended fields included) a row may have; default 128 bytes. */
    public Builder maxPrimaryKeyBytes(int value) {
      options.maxPrimaryKeyBytes(value);
      return this;
    }

    /** Largest field a row may have; default 10 MiB. */
    public Builder maxFieldBytes(long value) {
      options.maxFieldBytes(value);
      return this;
    }

    /** Alert when a table's data latency (source commit to visible in the target) exceeds this. Default off. */
    public Builder dataLatencyThreshold(Duration value) {
      options.dataLatencyThreshold(value);
      return this;
    }

    /** Alert when a source's log reader is this far behind the log. Default off. */
    public Builder readLatencyThreshold(Duration value) {
      options.readLatencyThreshold(value);
      return this;
    }

    /** Consecutive failovers (retriable failures without a checkpoint in between) before failing; default 10. */
    public Builder maxFailovers(int value) {
      options.maxFailovers(value);
      return this;
    }

    /** First backoff before a failover restart, doubled each time up to 1 minute; default 1 s. */
    public Builder failoverBackoff(Duration value) {
      options.failoverBackoff(value);
      return this;
    }

    /**
     * What to do when a source's checkpoint position is gone from the server (purged binlog file or GTIDs, a
     * dropped or invalidated PostgreSQL slot). {@link LostLogPosition#FAIL} (default) fails the pipeline with a
     * {@link PositionUnavailableException} naming the fix; {@link LostLogPosition#RESYNC} restarts that source's log
     * at its current position and re-syncs its tables online, with a {@link SyncEvent.LogPositionLost} alert.
     */
    public Builder onLostLogPosition(LostLogPosition value) {
      options.onLostLogPosition(value);
      return this;
    }

    /**
     * The retention alert ({@link SyncEvent.LogRetentionAlert}): fired when a source's checkpoint position has less
     * than {@code minTimeLeft} (a lower bound; MySQL/MariaDB binlog expiry) or {@code minBytesLeft} (PostgreSQL:
     * the slot's {@code safe_wal_size} under {@code max_slot_wal_keep_size}) before the server may discard it, and
     * again when it is safe. Default 1 h and 256 MiB.
     */
    public Builder logRetentionAlert(Duration minTimeLeft, long minBytesLeft) {
      options.logRetentionAlert(minTimeLeft, minBytesLeft);
      return this;
    }

    /** How often the retention alert's check asks the servers (off the data path); default 1 min. */
    public Builder logRetentionCheckInterval(Duration value) {
      options.logRetentionCheckInterval(value);
      return this;
    }

    /**
     * Makes every thread the pipeline starts, its sources' included (binlog client, connection pools); default
     * daemon threads. Tributary names each thread after the pipeline and runs it with the MDC keys of
     * {@link LogKeys}.
     */
    public Builder threadFactory(ThreadFactory value) {
      options.threadFactory(value);
      return this;
    }

    /** The clock for latencies and timestamps; default UTC system clock. */
    public Builder clock(Clock value) {
      options.clock(value);
      return this;
    }

    /**
     * Checks the configuration as a whole and builds the pipeline. Does no I/O: tables are discovered, and missing
     * primary keys reported, by {@link SyncPipeline#start()}.
     */
    public SyncPipeline build() {
      // Verification tells keys changed during a comparison from damaged ones by watching the logs as read.
      var watch = new io.tributary.sync.internal.verify.ChangeWatch();
      return new SyncPipeline(options.config(watch), watch);
    }
  }
}
