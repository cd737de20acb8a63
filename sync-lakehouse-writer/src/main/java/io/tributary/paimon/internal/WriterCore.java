package io.tributary.paimon.internal;

import io.tributary.paimon.CommittedTableMissingException;
import io.tributary.sync.event.Row;
import io.tributary.sync.event.RowFilter;
import io.tributary.sync.spi.RowBatch;
import io.tributary.sync.spi.TargetTable;
import io.tributary.sync.spi.WriterContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.paimon.catalog.Catalog;
import org.apache.paimon.data.GenericRow;
import org.apache.paimon.disk.IOManager;
import org.apache.paimon.memory.MemoryPoolFactory;
import org.apache.paimon.table.sink.CommitMessage;
import org.apache.paimon.types.RowKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Paimon writer's state machine: open and recovery, writes to targets, scoped deletes and the two-phase commit
 * (prepare checkpoint N, commit N idempotently). Why these stay together: each reads or moves the checkpoint
 * counters (a scoped delete or a lookup of unchanged columns is refused while a checkpoint is prepared but not
 * committed). The open sinks live in {@link OpenSinks}, the full sync's staging tables in {@link StagingWrites}.
 * Called from one thread.
 */
public final class WriterCore implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(WriterCore.class);
  private static final int PAGE_SIZE = 64 * 1024;

  private final Tables tables;
  private final String commitUser;
  private final String pipeline;
  private final Retry retry;
  private final IOManager ioManager;
  private final Catalog catalog;
  private final java.util.concurrent.ExecutorService compaction;
  private final OpenSinks sinks;
  private final StagingWrites staging;
  private final List<GenericRow> converted = new ArrayList<>();
  private long lastCheckpointId;
  /**
   * Paimon commit identifier = checkpoint id + this offset. A pipeline whose checkpoints were cleared ("offline")
   * starts again at checkpoint 1 while its tables already hold commits of the same commit user with higher
   * identifiers; {@code filterAndCommit} would then skip every new commit as already done. A fresh start therefore
   * continues above the highest identifier the commit user left in the database, and checkpoints carry the offset.
   */
  private long identifierOffset;
  private long lastCommittedId;
  /** The highest checkpoint whose commit open found in a target table (see {@link #lastCommittedCheckpointId}). */
  private long targetCommittedId;

  /** @param compaction shared by every table's compactions (null: Paimon's thread per table); shut down by close */
  public WriterCore(Catalog catalog, Tables tables, String pipeline, String commitUser, Limits limits, Retry retry,
      IOManager ioManager, long writeBufferBytes, java.util.concurrent.ExecutorService compaction) {
    this.compaction = compaction;
    this.catalog = catalog;
    this.tables = tables;
    this.pipeline = pipeline;
    this.commitUser = commitUser;
    this.retry = retry;
    this.ioManager = ioManager;
    MemoryPoolFactory memory = writeBufferBytes > 0
        ? new MemoryPoolFactory(new ReleasingSegmentPool(writeBufferBytes, PAGE_SIZE)) : null;
    this.sinks = new OpenSinks(tables, pipeline, commitUser, limits, retry, ioManager, memory, compaction);
    this.staging = new StagingWrites(tables, sinks, pipeline, commitUser, limits, retry);
  }

  public void open(WriterContext context) {
    sinks.joinGroup(context.group());
    retry.run("create database", tables::createDatabase);
    long restored = context.restoredCheckpointId();
    List<String> restoredDirect = List.of();
    if (context.restoredCommittable() != null) {
      Committable c = retry.call("read restored committable",
          () -> Committable.deserialize(context.restoredCommittable()));
      if (c.checkpointId() != restored) {
        throw new IllegalArgumentException("restored committable is for checkpoint " + c.checkpointId()
            + " but the context restores checkpoint " + restored);
      }
      identifierOffset = c.identifierOffset();
      restoredDirect = c.direct();
      publish(c);
    }
    long highest = retry.call("find the last commit of " + commitUser,
        () -> Recovery.highestIdentifier(tables, commitUser));
    if (context.restoredCommittable() == null) {
      // Restoring a checkpoint without a committable: its commit is the highest one (commits follow saves).
      identifierOffset = Math.max(0, highest - restored);
    }
    // With the offset known, a target commit names its checkpoint: one above the restored checkpoint was made by a
    // run that saved a newer checkpoint after this run loaded its own (the engine's start-up fence refuses it).
    targetCommittedId = Math.max(0, highest - identifierOffset);
    long restoredIdentifier = restored + identifierOffset;
    boolean fresh = context.restoredCommittable() == null && restored == 0;
    tables.pendingRenames().resume(restoredIdentifier, fresh, () -> lastCheckpointId + identifierOffset);
    staging.reset();
    staging.restoreDirect(restoredDirect);
    for (String name : retry.call("list staging tables", tables::listStagingTables)) {
      if (!retry.call("read the owner of " + name, () -> Recovery.mayTouch(tables, name))) {
        continue; // another pipeline's, perhaps in the middle of its full sync
      }
      if (fresh) {
        retry.run("drop orphaned staging table " + name, () -> Recovery.dropOrphan(tables, name, commitUser));
      } else if (!retry.call("discard uncheckpointed staging rows of " + name,
          () -> Recovery.discardAfter(tables, name, commitUser, restoredIdentifier, pipeline))) {
        staging.adoptLegacy(name);
      }
    }
    lastCheckpointId = restored;
    lastCommittedId = restored;
    LOG.info("[{}] Paimon writer open as commit user {}, resuming after checkpoint {} (commit identifier {})",
        pipeline, commitUser, restored, restoredIdentifier);
  }

  public void ensureTable(TargetTable target) {
    ensureTable(target, Map.of());
  }

  /**
   * Creates or evolves a target; with renames (new name to old name) its columns and those of every staging table
   * of it this pipeline has (open or left by an earlier run) are renamed first, so staged rows merge into the
   * renamed columns.
   */
  public void ensureTable(TargetTable target, Map<String, String> renamedFrom) {
    sinks.ensureTarget(target, renamedFrom);
    staging.evolve(target, renamedFrom);
  }

  public void write(String target, RowBatch batch) {
    TableSink sink = sinks.targetSink(target);
    Row[] rows = null; // the batch's rows, unless some upsert leaves columns unchanged: then resolved ones
    if (batch.hasUnchanged()) {
      requireNoPreparedCheckpoint("write of updates with unchanged columns"); // a prepared interval is unreadable
      try {
        rows = UnchangedColumns.resolve(sink, sinks.target(target), batch);
      } catch (Exception e) {
        throw retry.wrap("look up the current rows of " + target + " for columns an update left unchanged", e);
      }
    }
    // Convert (and check limits on) the whole batch first, so a violation leaves nothing of the batch written.
    converted.clear();
    for (int i = 0; i < batch.size(); i++) {
      Row row = rows == null ? batch.row(i) : rows[i];
      converted.add(sink.converter().toPaimon(row, batch.isDelete(i) ? RowKind.DELETE : RowKind.INSERT));
    }
    try {
      for (int i = 0; i < batch.size(); i++) {
        sink.writeConverted(converted.get(i), rows == null ? batch.row(i) : rows[i], batch.isDelete(i));
      }
    } catch (Exception e) {
      throw retry.wrap("write " + batch.size() + " rows to " + target, e);
    } finally {
      converted.clear();
    }
  }

  public void writeStaging(String target, String staging, RowBatch batch) {
    this.staging.write(target, staging, batch);
  }

  public void mergeStaging(String target, String staging, RowFilter replaceScope) {
    this.staging.merge(target, staging, replaceScope, () -> requireNoPreparedCheckpoint("mergeStaging"),
        lastCheckpointId + identifierOffset + 1);
  }

  public void dropStaging(String target, String staging) {
    this.staging.drop(target, staging);
  }

  public void deleteWhere(String target, RowFilter filter) {
    TargetTable t = sinks.target(target);
    requireNoPreparedCheckpoint("deleteWhere");
    try {
      long n = ScopedDelete.apply(sinks.targetSink(target), t, filter);
      LOG.info("[{}] deleting {} rows of {} matching {} at the next commit", pipeline, n, target, filter);
    } catch (Exception e) {
      throw retry.wrap("delete rows of " + target + " matching " + filter, e);
    }
  }

  /**
   * Scoped deletes see committed rows plus the rows written since the last prepare; rows of a prepared but not yet
   * committed checkpoint are in neither, so the SPI's order (prepare, save, commit) is required here.
   */
  private void requireNoPreparedCheckpoint(String operation) {
    if (lastCheckpointId > lastCommittedId) {
      throw new IllegalStateException(operation + " called while checkpoint " + lastCheckpointId
          + " is prepared but not committed: commit it first");
    }
  }

  public byte[] prepareCommit(long checkpointId) {
    if (checkpointId <= lastCheckpointId) {
      throw new IllegalArgumentException("checkpoint ids must increase: got " + checkpointId + " after "
          + lastCheckpointId);
    }
    Map<String, List<CommitMessage>> messages = new LinkedHashMap<>();
    for (TableSink sink : sinks.all()) {
      try {
        List<CommitMessage> m = sink.prepare(checkpointId + identifierOffset);
        if (!m.isEmpty()) {
          messages.put(sink.name(), m);
        }
      } catch (Exception e) {
        throw retry.wrap("prepare commit " + checkpointId + " of " + sink.name(), e);
      }
    }
    Committable c = new Committable(checkpointId, identifierOffset, messages, staging.takePendingDrops(),
        staging.directAreas());
    lastCheckpointId = checkpointId;
    byte[] bytes = retry.call("serialize committable " + checkpointId, c::serialize);
    LOG.debug("[{}] prepared checkpoint {}: {} table(s), {} bytes", pipeline, checkpointId, messages.size(),
        bytes.length);
    return bytes;
  }

  public void commit(long checkpointId, byte[] committable) {
    if (checkpointId <= lastCommittedId) {
      return;
    }
    Committable c = retry.call("read committable " + checkpointId, () -> Committable.deserialize(committable));
    if (c.checkpointId() != checkpointId) {
      throw new IllegalArgumentException("committable is for checkpoint " + c.checkpointId() + ", not "
          + checkpointId);
    }
    publish(c);
    lastCommittedId = checkpointId;
    LOG.info("[{}] committed checkpoint {} to {} table(s)", pipeline, checkpointId, c.messages().size());
  }

  /** Commits a committable's messages (skipping what this commit user already committed) and drops its tables. */
  private void publish(Committable c) {
    for (Map.Entry<String, List<CommitMessage>> e : c.messages().entrySet()) {
      String name = e.getKey();
      TableSink sink = sinks.get(name);
      if (sink == null) {
        var table = retry.call("find " + name, () -> tables.find(name));
        if (table.isEmpty()) {
          if (c.drops().contains(name)) {
            // Dropped by this very checkpoint's publish, after its commit: an earlier attempt got that far.
            LOG.info("[{}] staging table {} of checkpoint {} was already committed and dropped", pipeline, name,
                c.checkpointId());
            continue;
          }
          // The checkpoint counts these rows as written (for staging: finished chunks, never read again).
          throw new CommittedTableMissingException(tables.database() + "." + name, c.checkpointId(), pipeline);
        }
        sink = sinks.forCommit(name, table.get());
      }
      TableSink s = sink;
      int n = retry.call("commit checkpoint " + c.checkpointId() + " to " + name,
          () -> s.commit(c.identifier(), e.getValue()));
      LOG.debug("[{}] checkpoint {} on {}: {} commit(s) made", pipeline, c.checkpointId(), name, n);
    }
    for (String drop : c.drops()) {
      staging.dropCommitted(drop);
    }
  }

  @Override
  public void close() {
    sinks.closeAll();
    if (compaction != null) {
      compaction.shutdownNow(); // after the sinks: their writers cancel their own compactions on close
    }
    try {
      ioManager.close();
      catalog.close();
    } catch (Exception e) {
      LOG.warn("[{}] closing the Paimon catalog failed: {}", pipeline, e.toString());
    }
  }

  long lastCommittedId() {
    return lastCommittedId;
  }

  /**
   * The highest checkpoint id this commit user committed to a target table: as found by {@link #open}, or committed
   * since. Staging tables are left out (a merge commits them early, above the last checkpoint).
   */
  public long lastCommittedCheckpointId() {
    return Math.max(targetCommittedId, lastCommittedId);
  }
}
