package io.tributary.paimon.internal;

import io.tributary.paimon.CommittedTableMissingException;
import io.tributary.sync.event.Row;
import io.tributary.sync.event.RowFilter;
import io.tributary.sync.spi.RowBatch;
import io.tributary.sync.spi.TargetTable;
import io.tributary.sync.spi.WriterContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.paimon.catalog.Catalog;
import org.apache.paimon.data.GenericRow;
import org.apache.paimon.disk.IOManager;
import org.apache.paimon.memory.HeapMemorySegmentPool;
import org.apache.paimon.memory.MemoryPoolFactory;
import org.apache.paimon.table.FileStoreTable;
import org.apache.paimon.table.sink.CommitMessage;
import org.apache.paimon.types.RowKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Paimon writer's state machine: open sinks per table, the commit protocol and recovery. Called from one thread.
 */
public final class WriterCore implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(WriterCore.class);
  private static final int PAGE_SIZE = 64 * 1024;

  private final Tables tables;
  private final String commitUser;
  private final String pipeline;
  private final Limits limits;
  private final Retry retry;
  private final IOManager ioManager;
  private final Catalog catalog;
  private final java.util.concurrent.ExecutorService compaction;
  private final OpenSinks sinks;
  /** Staging tables merged or dropped since the last prepare: dropped by the next commit. */
  private final List<String> pendingDrops = new ArrayList<>();
  /** Staging tables merged or dropped and not yet committed: writing to them again is a pipeline bug. */
  private final Set<String> closedStaging = new HashSet<>();
  private final List<GenericRow> converted = new ArrayList<>();
  /** Per staging table: the versions of the current source transaction (see {@link StagingTransaction}). */
  private final Map<String, StagingTransaction> stagingTransactions = new HashMap<>();
  private long lastCheckpointId;
  /**
   * Paimon commit identifier = checkpoint id + this offset. A pipeline whose checkpoints were cleared ("offline")
   * starts again at checkpoint 1 while its tables already hold commits of the same commit user with higher
   * identifiers; {@code filterAndCommit} would then skip every new commit as already done. A fresh start therefore
   * continues above the highest identifier the commit user left in the database, and checkpoints carry the offset.
   */
  private long identifierOffset;
  private long lastCommittedId;
  /**
   * Staging tables an older Tributary named {@code <target>__staging_<staging>} (no pipeline, no owner option) that a
   * restored checkpoint still uses, by the name this version would give them: their committed chunks must be merged.
   */
  private final Map<String, String> legacyStaging = new HashMap<>();

  /** @param compaction shared by every table's compactions (null: Paimon's thread per table); shut down by close */
  public WriterCore(Catalog catalog, Tables tables, String pipeline, String commitUser, Limits limits, Retry retry,
      IOManager ioManager, long writeBufferBytes, java.util.concurrent.ExecutorService compaction) {
    this.compaction = compaction;
    this.catalog = catalog;
    this.tables = tables;
    this.pipeline = pipeline;
    this.commitUser = commitUser;
    this.limits = limits;
    this.retry = retry;
    this.ioManager = ioManager;
    MemoryPoolFactory memory = writeBufferBytes > 0
        ? new MemoryPoolFactory(new HeapMemorySegmentPool(writeBufferBytes, PAGE_SIZE)) : null;
    this.sinks = new OpenSinks(tables, pipeline, commitUser, limits, retry, ioManager, memory, compaction);
  }

  public void open(WriterContext context) {
    retry.run("create database", tables::createDatabase);
    long restored = context.restoredCheckpointId();
    if (context.restoredCommittable() != null) {
      Committable c = retry.call("read restored committable",
          () -> Committable.deserialize(context.restoredCommittable()));
      if (c.checkpointId() != restored) {
        throw new IllegalArgumentException("restored committable is for checkpoint " + c.checkpointId()
            + " but the context restores checkpoint " + restored);
      }
      identifierOffset = c.identifierOffset();
      publish(c);
    } else {
      long highest = retry.call("find the last commit of " + commitUser,
          () -> Recovery.highestIdentifier(tables, commitUser));
      // Restoring a checkpoint without a committable: its commit is the highest one (commits follow saves).
      identifierOffset = Math.max(0, highest - restored);
    }
    long restoredIdentifier = restored + identifierOffset;
    boolean fresh = context.restoredCommittable() == null && restored == 0;
    legacyStaging.clear();
    stagingTransactions.clear();
    for (String staging : retry.call("list staging tables", tables::listStagingTables)) {
      if (!retry.call("read the owner of " + staging, () -> Recovery.mayTouch(tables, staging))) {
        continue; // another pipeline's, perhaps in the middle of its full sync
      }
      if (fresh) {
        retry.run("drop orphaned staging table " + staging, () -> Recovery.dropOrphan(tables, staging, commitUser));
      } else if (!retry.call("discard uncheckpointed staging rows of " + staging,
          () -> Recovery.discardAfter(tables, staging, commitUser, restoredIdentifier, pipeline))) {
        adoptLegacy(staging);
      }
    }
    lastCheckpointId = restored;
    lastCommittedId = restored;
    LOG.info("[{}] Paimon writer open as commit user {}, resuming after checkpoint {} (commit identifier {})",
        pipeline, commitUser, restored, restoredIdentifier);
  }

  /** Keeps using a pre-ownership staging table this commit user wrote, so its checkpointed rows are merged. */
  private void adoptLegacy(String name) {
    String alias = retry.call("inspect " + name, () -> Recovery.legacyAlias(tables, name, commitUser));
    if (alias != null) {
      legacyStaging.put(alias, name);
    }
  }

  private String stagingTable(String target, String staging) {
    String name = tables.stagingName(target, staging);
    return legacyStaging.getOrDefault(name, name);
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
    Set<String> staging = new java.util.LinkedHashSet<>();
    for (TableSink sink : sinks.snapshot()) {
      if (sink.name().startsWith(target.name() + Tables.STAGING_INFIX)) {
        if (StagedUnchanged.isSide(sink.name())) {
          openSide(target, sink.name()); // keyed by (key, _seq): not renamed (see design.md, known gaps)
        } else {
          staging.add(sink.name());
        }
      }
    }
    if (!renamedFrom.isEmpty()) {
      String mine = tables.stagingName(target.name(), "");
      for (String name : retry.call("list staging tables", tables::listStagingTables)) {
        if ((name.startsWith(mine) || legacyStaging.containsValue(name)) && !closedStaging.contains(name)
            && name.startsWith(target.name() + Tables.STAGING_INFIX) && !StagedUnchanged.isSide(name)) {
          staging.add(name);
        }
      }
    }
    for (String name : staging) {
      openStaging(target, name, renamedFrom);
    }
  }

  /** The transaction tracker of a staging table, seeded with its side table's last committed transaction. */
  private StagingTransaction newTransaction(TargetTable target, String stagingTable) {
    String name = StagedUnchanged.sideName(stagingTable);
    if (!sinks.isOpen(name) && retry.call("find " + name, () -> tables.find(name)).isEmpty()) {
      return new StagingTransaction(target, Long.MIN_VALUE, Map.of());
    }
    TableSink side = sideSink(target, stagingTable);
    Map.Entry<Long, Map<io.tributary.sync.event.Row, StagingTransaction.Version>> last = retry.call(
        "read the last staged transaction of " + name, () -> StagedUnchanged.lastTransaction(side, target));
    return new StagingTransaction(target, last.getKey(), last.getValue());
  }

  private TableSink sideSink(TargetTable target, String stagingTable) {
    String name = StagedUnchanged.sideName(stagingTable);
    return sinks.isOpen(name) ? sinks.get(name) : openSide(target, name);
  }

  private TableSink openSide(TargetTable target, String name) {
    FileStoreTable table = retry.call("create or evolve staging side table " + name,
        () -> tables.createOrEvolveStagedUnchanged(target, name));
    return sinks.replaceOrCreate(name, table, new RowConverter(name, Tables.stagedUnchangedColumns(target),
        target.primaryKey(), table.rowType(), limits));
  }

  private TableSink openStaging(TargetTable target, String stagingTable) {
    return openStaging(target, stagingTable, Map.of());
  }

  private TableSink openStaging(TargetTable target, String stagingTable, Map<String, String> renamedFrom) {
    FileStoreTable table = retry.call("create or evolve staging table " + stagingTable,
        () -> tables.createOrEvolveStaging(target, stagingTable, renamedFrom));
    if (!sinks.isOpen(stagingTable) && !renamedFrom.isEmpty()) {
      return null; // renamed only: a staging table of an earlier run opens when it is written or merged
    }
    return sinks.replaceOrCreate(stagingTable, table, sinks.converter(stagingTable, target, table, true));
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
    TargetTable t = sinks.target(target);
    String name = stagingTable(target, staging);
    if (closedStaging.contains(name)) {
      throw new IllegalStateException("staging area " + staging + " of " + target
          + " was merged or dropped; it can be written again after the next commit");
    }
    TableSink sink = sinks.isOpen(name) ? sinks.get(name) : openStaging(t, name);
    // Updates that leave columns without values are folded onto their transaction's earlier version; those still
    // partial go to the side table, resolved at the merge (StagingTransaction, StagedUnchanged).
    StagingTransaction tx = stagingTransactions.computeIfAbsent(name, n -> newTransaction(t, n));
    TableSink side = batch.hasUnchanged() ? sideSink(t, name) : null;
    RowConverter conv = sink.converter();
    int seqPos = sink.table().rowType().getFieldIndex(Tables.SEQ);
    int tombstonePos = sink.table().rowType().getFieldIndex(Tables.TOMBSTONE);
    converted.clear();
    List<TableSink> to = new ArrayList<>(batch.size());
    for (int i = 0; i < batch.size(); i++) {
      long seq = batch.seq(i);
      StagingTransaction.Staged st = tx.add(batch.row(i), seq, batch.isDelete(i), batch.unchanged(i));
      StagingTransaction.Version v = st.version();
      if (st.cancelPartial()) {
        side = side != null ? side : sideSink(t, name);
        converted.add(StagedUnchanged.cancel(side, v.row(), seq, t));
        to.add(side);
      }
      if (v.unchanged() != null) {
        side = side != null ? side : sideSink(t, name);
        converted.add(StagedUnchanged.toPaimon(side, v.row(), seq, v.unchanged()));
        to.add(side);
        continue;
      }
      GenericRow row = conv.toPaimon(v.row(), RowKind.INSERT);
      row.setField(seqPos, seq);
      row.setField(tombstonePos, batch.isDelete(i));
      converted.add(row);
      to.add(sink);
    }
    try {
      for (int i = 0; i < converted.size(); i++) {
        to.get(i).writeRow(converted.get(i));
      }
    } catch (Exception e) {
      throw retry.wrap("write " + batch.size() + " rows to staging table " + name, e);
    } finally {
      converted.clear();
    }
  }

  public void mergeStaging(String target, String staging, RowFilter replaceScope) {
    TargetTable t = sinks.target(target);
    String name = stagingTable(target, staging);
    if (closedStaging.contains(name)) {
      throw new IllegalStateException("staging area " + staging + " of " + target + " was already merged or dropped");
    }
    requireNoPreparedCheckpoint("mergeStaging");
    boolean exists = sinks.isOpen(name) || retry.call("find " + name, () -> tables.find(name)).isPresent();
    TableSink stagingSink = exists ? (sinks.isOpen(name) ? sinks.get(name) : openStaging(t, name)) : null;
    String sideName = StagedUnchanged.sideName(name);
    boolean sideExists = sinks.isOpen(sideName)
        || retry.call("find " + sideName, () -> tables.find(sideName)).isPresent();
    TableSink sideSink = sideExists ? sideSink(t, name) : null;
    StagingMerge.Result result = new StagingMerge(retry, pipeline).merge(t, sinks.targetSink(target), stagingSink,
        sideSink, replaceScope, lastCheckpointId + identifierOffset + 1);
    for (String merged : List.of(name, sideName)) {
      if (merged.equals(name) ? stagingSink != null : sideSink != null) {
        sinks.close(merged);
        pendingDrops.add(merged);
        closedStaging.add(merged);
        stagingTransactions.remove(merged);
      }
    }
    LOG.info("[{}] merged staging {} into {} (scope {}): {} deletes, {} upserts, {} tombstones; visible at the next"
        + " commit", pipeline, staging, target, replaceScope, result.scopeDeletes(), result.upserts(),
        result.tombstones());
  }

  public void dropStaging(String target, String staging) {
    String main = stagingTable(target, staging);
    for (String name : List.of(main, StagedUnchanged.sideName(main))) {
      boolean exists = sinks.isOpen(name) || retry.call("find " + name, () -> tables.find(name)).isPresent();
      if (exists && !closedStaging.contains(name)) {
        sinks.close(name);
        pendingDrops.add(name);
        closedStaging.add(name);
        stagingTransactions.remove(name);
      }
    }
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
    Committable c = new Committable(checkpointId, identifierOffset, messages, pendingDrops);
    pendingDrops.clear();
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
      sinks.close(drop);
      retry.run("drop staging table " + drop, () -> tables.drop(drop));
      closedStaging.remove(drop);
      legacyStaging.values().remove(drop);
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
}
