package io.tributary.paimon;

import io.tributary.paimon.internal.Limits;
import io.tributary.paimon.internal.Retry;
import io.tributary.paimon.internal.Tables;
import io.tributary.paimon.internal.WriterCore;
import io.tributary.sync.ErrorCode;
import io.tributary.sync.SyncException;
import io.tributary.sync.event.RowFilter;
import io.tributary.sync.spi.ChangeWriter;
import io.tributary.sync.spi.RowBatch;
import io.tributary.sync.spi.TargetTable;
import io.tributary.sync.spi.WriterContext;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.apache.paimon.catalog.Catalog;
import org.apache.paimon.catalog.CatalogContext;
import org.apache.paimon.catalog.CatalogFactory;
import org.apache.paimon.disk.IOManager;
import org.apache.paimon.options.Options;

/**
 * A {@link ChangeWriter} into Apache Paimon primary-key tables, on a local or object-store warehouse, with no
 * cluster.
 *
 * <h2>Guarantees</h2>
 * <ul>
 *   <li><b>Exactly once.</b> All tables are written under one commit user (by default derived from the pipeline
 *       name) and committed with the checkpoint id as Paimon commit identifier. {@link #prepareCommit} returns the
 *       serialized Paimon commit messages of every touched table plus the staging tables to drop; {@link #commit}
 *       publishes them with {@code filterAndCommit}, so committing a checkpoint twice (or again after a crash, in
 *       {@link #open}) is a no-op. The pipeline's {@code CheckpointStore} is the source of truth for the source
 *       position: it is saved before the Paimon commit, so the position is not copied into Paimon snapshot
 *       properties (each snapshot's commit identifier already names its checkpoint).</li>
 *   <li><b>Atomic visibility.</b> Each table gets one snapshot per checkpoint; a merge or overwrite is part of that
 *       snapshot. Several tables are committed one after the other, so a reader of two tables may briefly see one
 *       at checkpoint n and the other at n-1.</li>
 *   <li><b>Staging.</b> {@code <target>__staging_<pipeline>__<name>} tables in the same database hold staged rows
 *       with {@code _seq} (Paimon {@code sequence.field}) and a {@code _tombstone} flag; see {@link #mergeStaging}.
 *       A sync into a target without rows writes its snapshot rows straight into the target and stages only its log
 *       changes, which its merge applies over them (each row written once; see the module README).</li>
 *   <li><b>One owner per table.</b> Several pipelines may share a database: every table records its pipeline
 *       (option {@code tributary.pipeline}), recovery touches only its own pipeline's staging tables, and a target
 *       owned by another pipeline is refused ({@link TargetOwnedElsewhereException}). A restored checkpoint whose
 *       table is gone fails {@link #open} ({@link CommittedTableMissingException}) instead of losing its rows.</li>
 *   <li><b>Exact values.</b> TIME(p &gt; 3), which Paimon's millisecond TIME cannot hold, is a BIGINT of micro- or
 *       nanoseconds of the day; a value a column cannot hold is refused, never truncated.</li>
 * </ul>
 *
 * <p>Threading: like every {@link ChangeWriter}, called from one pipeline thread at a time. Create with
 * {@link #builder()}.
 */
public final class PaimonWriter implements ChangeWriter {

  private static final Logger LOG = LoggerFactory.getLogger(PaimonWriter.class);

  private final PaimonWriterBuilder config;
  private WriterCore core;
  private boolean closed;
  /** The catalog of {@link #scan}, apart from the sink thread's: opened on the first scan. */
  private Catalog scanCatalog;

  PaimonWriter(PaimonWriterBuilder config) {
    this.config = config;
  }

  /**
   * Threads for all tables' compactions (CPU-bound: one per core, at least two): Paimon's default is a thread per
   * table write, thousands for a pipeline of thousands of tables; its own multi-table CDC sink shares one executor.
   */
  static final int COMPACTION_THREADS = Math.max(2, Runtime.getRuntime().availableProcessors());
  private final io.tributary.sync.spi.SourceThreads threads = new io.tributary.sync.spi.SourceThreads("paimon");

  /** A builder with defaults: local warehouse {@code ./tributary-warehouse}, database {@code tributary}. */
  public static PaimonWriterBuilder builder() {
    return new PaimonWriterBuilder();
  }

  /**
   * Starts a run: creates the catalog and recovers (commits the restored checkpoint, rolls back uncheckpointed
   * staging rows). The engine opens its writer once per run, so a restart after {@code stop()} or a failover opens
   * it again: the previous run's uncommitted writes are then abandoned, as the checkpoint replays them.
   */
  @Override
  public void open(WriterContext context) {
    if (closed) {
      throw new IllegalStateException("PaimonWriter is closed; create a new one");
    }
    if (core != null) {
      WriterCore previous = core;
      core = null;
      try {
        previous.close();
      } catch (RuntimeException e) {
        LOG.warn("closing the previous run's Paimon writer failed; going on with a fresh one", e);
      }
    }
    String pipeline = context.pipelineName();
    String user = config.commitUser() != null ? config.commitUser() : "tributary-" + pipeline;
    Retry retry = new Retry(pipeline, config.retryAttempts(), config.retryBackoff());
    Catalog catalog = retry.call("open Paimon catalog at " + config.warehouse(), () -> {
      Options options = new Options(config.catalogOptions());
      options.set("warehouse", config.warehouse());
      return CatalogFactory.createCatalog(CatalogContext.create(options));
    });
    Map<String, String> tableOptions = config.effectiveTableOptions();
    // Targets shared by a group of writers (bucket by bucket) are owned by the group, staging by each writer.
    String owner = context.group() != null ? context.group().owner() : pipeline;
    core = new WriterCore(catalog, new Tables(catalog, config.database(), tableOptions, pipeline, owner), pipeline,
        user,
        new Limits(config.maxPrimaryKeyBytes(), config.maxFieldBytes(), config.maxTrackedRows()), retry,
        IOManager.create(config.spillDirectory()), config.writeBufferBytes(), compactionThreads());
    try {
      core.open(context);
    } catch (RuntimeException e) {
      core.close();
      core = null;
      throw e;
    }
  }

  /** Paimon's compactions (inline) run here, for all tables: a few threads from the pipeline's factory. */
  @Override
  public void useThreadFactory(java.util.concurrent.ThreadFactory factory) {
    threads.use(factory);
  }

  private java.util.concurrent.ExecutorService compactionThreads() {
    var pool = new java.util.concurrent.ThreadPoolExecutor(COMPACTION_THREADS, COMPACTION_THREADS, 30,
        java.util.concurrent.TimeUnit.SECONDS, new java.util.concurrent.LinkedBlockingQueue<>(),
        r -> threads.newThread("compaction", r));
    pool.allowCoreThreadTimeOut(true); // no idle threads for a quiet pipeline
    return pool;
  }

  private WriterCore core() {
    if (core == null) {
      throw new IllegalStateException(closed ? "PaimonWriter is closed" : "PaimonWriter is not open: call open first");
    }
    return core;
  }

  /**
   * Creates the primary-key table ({@code bucket} fixed) or evolves it: adds columns (nullable), drops columns,
   * relaxes nullability, widens types losslessly.
   */
  @Override
  public void ensureTable(TargetTable table) {
    Objects.requireNonNull(table, "table");
    core().ensureTable(table);
  }

  /** Every capability, renames included ({@code SchemaChange.renameColumn}, key columns too). */
  @Override
  public java.util.Set<Capability> capabilities() {
    return java.util.EnumSet.allOf(Capability.class);
  }

  /**
   * Reads the target's committed rows matching {@code filter} (the filter pushed down where it translates, then
   * checked per row), through a catalog of its own: safe on any thread beside the pipeline's sink thread, and
   * unaffected by a reopen of the writer. A target not created yet has no rows.
   */
  @Override
  public void scan(TargetTable table, RowFilter filter, java.util.function.Consumer<io.tributary.sync.event.Row> rows) {
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(filter, "filter");
    try {
      org.apache.paimon.table.FileStoreTable stored;
      try {
        stored = (org.apache.paimon.table.FileStoreTable) scanCatalog()
            .getTable(org.apache.paimon.catalog.Identifier.create(config.database(), table.name()));
      } catch (Catalog.TableNotExistException e) {
        return;
      }
      io.tributary.paimon.internal.TargetScan.scan(stored, table, filter, rows);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw SyncException.of(ErrorCode.STORAGE_UNAVAILABLE, "reading " + table.name() + " rows matching " + filter
          + " failed: " + e.getMessage(), e);
    }
  }

  private synchronized Catalog scanCatalog() {
    if (closed) {
      throw new IllegalStateException("PaimonWriter is closed");
    }
    if (scanCatalog == null) {
      Options options = new Options(config.catalogOptions());
      options.set("warehouse", config.warehouse());
      scanCatalog = CatalogFactory.createCatalog(CatalogContext.create(options));
    }
    return scanCatalog;
  }

  /** Read-only, through the scan catalog (no {@link #open} needed): refuses what {@link #ensureTable} would. */
  @Override
  public void checkTable(TargetTable table, Map<String, String> renamedFrom) {
    Objects.requireNonNull(table, "table");
    try {
      io.tributary.paimon.internal.EvolutionCheck.check(scanCatalog(), config.database(), table, renamedFrom);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw SyncException.of(ErrorCode.STORAGE_UNAVAILABLE, "reading the layout of " + table.name() + " failed: "
          + e.getMessage(), e);
    }
  }

  /**
   * The target's fixed buckets (stored, or the builder's count for a table not created yet) and Paimon's bucket
   * function of its key: each bucket of a table shared by a group of writers ({@code WriterContext.group}) has one
   * writer. Read-only, through the scan catalog (no {@link #open} needed); one shard for dynamic-bucket tables.
   */
  @Override
  public io.tributary.sync.spi.WriteShards shards(TargetTable table) {
    Objects.requireNonNull(table, "table");
    try {
      return io.tributary.paimon.internal.PaimonBuckets.of(scanCatalog(), config.database(), table,
          config.effectiveTableOptions());
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw SyncException.of(ErrorCode.STORAGE_UNAVAILABLE, "reading the buckets of " + table.name() + " failed: "
          + e.getMessage(), e);
    }
  }

  @Override
  public void ensureTable(TargetTable table, Map<String, String> renamedFrom) {
    Objects.requireNonNull(table, "table");
    core().ensureTable(table, Map.copyOf(renamedFrom));
  }

  @Override
  public void write(String target, RowBatch batch) {
    core().write(target, batch);
  }

  @Override
  public void writeStaging(String target, String staging, RowBatch batch) {
    core().writeStaging(target, staging, batch);
  }

  /**
   * Merges now into the target's pending commit: deletes the target rows matching {@code replaceScope} (as of all
   * writes so far, committed or not), then applies the staging table resolved by highest {@code _seq} per key
   * (ties: later write; tombstones delete). The staging table is dropped by the next commit. For a sync whose
   * snapshot rows went straight into its (then empty) target, nothing is deleted: only the staged log changes
   * are applied over those rows.
   */
  @Override
  public void mergeStaging(String target, String staging, RowFilter replaceScope) {
    core().mergeStaging(target, staging, replaceScope);
  }

  @Override
  public void dropStaging(String target, String staging) {
    core().dropStaging(target, staging);
  }

  @Override
  public void deleteWhere(String target, RowFilter filter) {
    Objects.requireNonNull(filter, "filter");
    core().deleteWhere(target, filter);
  }

  /**
   * The highest checkpoint id whose commit is in a target table: Paimon commit identifiers are checkpoint ids plus
   * the offset the checkpoints carry, so the start-up fence sees another run's later commit.
   */
  @Override
  public long lastCommittedCheckpointId() {
    return core().lastCommittedCheckpointId();
  }

  @Override
  public byte[] prepareCommit(long checkpointId) {
    return core().prepareCommit(checkpointId);
  }

  @Override
  public void commit(long checkpointId, byte[] committable) {
    Objects.requireNonNull(committable, "committable");
    core().commit(checkpointId, committable);
  }

  /** Discards uncommitted writes and closes the catalog. Idempotent. */
  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      if (scanCatalog != null) {
        try {
          scanCatalog.close();
        } catch (Exception e) {
          LOG.warn("closing the scan catalog failed", e);
        }
      }
    }
    if (core != null) {
      try {
        core.close();
      } catch (RuntimeException e) {
        throw e instanceof SyncException ? e : SyncException.of(ErrorCode.STORAGE_FAILED,
            "closing the Paimon writer failed", e);
      } finally {
        core = null;
      }
    }
  }

  @Override
  public String toString() {
    return "PaimonWriter[" + config.warehouse() + "/" + config.database() + "]";
  }
}
