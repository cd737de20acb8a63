package io.tributary.paimon.internal;

import io.tributary.sync.event.RowFilter;
import io.tributary.sync.spi.RowBatch;
import io.tributary.sync.spi.TargetTable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.paimon.data.GenericRow;
import org.apache.paimon.table.FileStoreTable;
import org.apache.paimon.types.RowKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The full sync's staging side of the writer: staging tables (snapshot chunks keyed by row key and {@code _seq}),
 * their {@code __unchanged} side tables (PostgreSQL updates that left TOAST columns without values), the
 * per-transaction trackers that fold such updates, and the staging tables' life cycle from first write through
 * merge or drop to the commit that drops them. Why a class of its own: this state (legacy names adopted at open,
 * areas closed until the next commit, pending drops) concerns only staging and would otherwise interleave with the
 * target write path and the commit protocol. Called from the writer's one thread.
 */
final class StagingWrites {

  private static final Logger LOG = LoggerFactory.getLogger(StagingWrites.class);

  private final Tables tables;
  private final OpenSinks sinks;
  private final String pipeline;
  private final String commitUser;
  private final Limits limits;
  private final Retry retry;
  /** Staging tables merged or dropped since the last prepare: dropped by the next commit. */
  private final List<String> pendingDrops = new ArrayList<>();
  /** Staging tables merged or dropped and not yet committed: writing to them again is a pipeline bug. */
  private final Set<String> closedStaging = new HashSet<>();
  private final List<GenericRow> converted = new ArrayList<>();
  /** Per staging table: the versions of the current source transaction (see {@link StagingTransaction}). */
  private final Map<String, StagingTransaction> stagingTransactions = new HashMap<>();
  /**
   * Staging tables an older Tributary named {@code <target>__staging_<staging>} (no pipeline, no owner option) that a
   * restored checkpoint still uses, by the name this version would give them: their committed chunks must be merged.
   */
  private final Map<String, String> legacyStaging = new HashMap<>();
  /** The areas whose snapshot rows go straight into their (empty) target. */
  private final DirectSyncs direct = new DirectSyncs();

  StagingWrites(Tables tables, OpenSinks sinks, String pipeline, String commitUser, Limits limits, Retry retry) {
    this.tables = tables;
    this.sinks = sinks;
    this.pipeline = pipeline;
    this.commitUser = commitUser;
    this.limits = limits;
    this.retry = retry;
  }

  /** Forgets what an earlier open learnt (legacy names, open transactions) before open recovers staging tables. */
  void reset() {
    legacyStaging.clear();
    stagingTransactions.clear();
    direct.reset();
  }

  /** The direct areas of the restored checkpoint (see {@link DirectSyncs}). */
  void restoreDirect(List<String> areas) {
    direct.restore(areas);
  }

  /** The direct areas now, for the committable being prepared. */
  List<String> directAreas() {
    return direct.current();
  }

  /** Whether a staging table or its side table already holds committed rows (or is open in this run). */
  private boolean staged(String name) {
    for (String n : List.of(name, StagedUnchanged.sideName(name))) {
      if (sinks.isOpen(n) || retry.call("find " + n, () -> tables.find(n))
          .map(table -> table.snapshotManager().latestSnapshot() != null).orElse(false)) {
        return true;
      }
    }
    return false;
  }

  /** Keeps using a pre-ownership staging table this commit user wrote, so its checkpointed rows are merged. */
  void adoptLegacy(String name) {
    String alias = retry.call("inspect " + name, () -> Recovery.legacyAlias(tables, name, commitUser));
    if (alias != null) {
      legacyStaging.put(alias, name);
    }
  }

  private String stagingTable(String target, String staging) {
    String name = tables.stagingName(target, staging);
    return legacyStaging.getOrDefault(name, name);
  }

  /**
   * After a target was created or evolved: evolves its open staging and side tables, and with renames (new name to
   * old name) also renames the columns of every staging table of it this pipeline has left, so staged rows merge
   * into the renamed columns.
   */
  void evolve(TargetTable target, Map<String, String> renamedFrom) {
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

  void write(String target, String staging, RowBatch batch) {
    TargetTable t = sinks.target(target);
    String name = stagingTable(target, staging);
    if (closedStaging.contains(name)) {
      throw new IllegalStateException("staging area " + staging + " of " + target
          + " was merged or dropped; it can be written again after the next commit");
    }
    TableSink targetSink = sinks.targetSink(target);
    boolean straight = direct.onWrite(name, DirectSyncs.hasSnapshotRows(batch), () -> staged(name), targetSink::isEmpty);
    if (straight) {
      try {
        targetSink.beginFill(name); // defers the target's compaction until the hand-over (FillCompaction)
      } catch (Exception e) {
        throw retry.wrap("defer compaction of " + target + " while " + staging + " fills it", e);
      }
    }
    TableSink sink = null; // opened at the first staged row: a direct area's snapshot rows need none
    // Updates that leave columns without values are folded onto their transaction's earlier version; those still
    // partial go to the side table, resolved at the merge (StagingTransaction, StagedUnchanged).
    StagingTransaction tx = stagingTransactions.computeIfAbsent(name, n -> newTransaction(t, n));
    TableSink side = batch.hasUnchanged() ? sideSink(t, name) : null;
    int seqPos = -1;
    int tombstonePos = -1;
    converted.clear();
    List<TableSink> to = new ArrayList<>(batch.size());
    boolean[] directRow = new boolean[batch.size() * 2]; // per converted row: a snapshot row into the target
    for (int i = 0; i < batch.size(); i++) {
      if (batch.unchangedFrom(i) != null) {
        throw new IllegalArgumentException("a staged upsert cannot take unchanged columns from another key ("
            + batch.unchangedFrom(i) + "): the merge resolves them by the row's own key");
      }
      long seq = batch.seq(i);
      if (straight && batch.isSnapshot(i)) {
        directRow[converted.size()] = true;
        converted.add(targetSink.converter().toPaimon(batch.row(i), RowKind.INSERT));
        to.add(targetSink);
        continue;
      }
      if (sink == null) {
        sink = sinks.isOpen(name) ? sinks.get(name) : openStaging(t, name);
        seqPos = sink.table().rowType().getFieldIndex(Tables.SEQ);
        tombstonePos = sink.table().rowType().getFieldIndex(Tables.TOMBSTONE);
      }
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
      GenericRow row = sink.converter().toPaimon(v.row(), RowKind.INSERT);
      row.setField(seqPos, seq);
      row.setField(tombstonePos, batch.isDelete(i));
      converted.add(row);
      to.add(sink);
    }
    try {
      for (int i = 0; i < converted.size(); i++) {
        if (directRow[i]) {
          to.get(i).writeDirect(converted.get(i)); // not remembered: see TableSink.writeDirect
        } else {
          to.get(i).writeRow(converted.get(i));
        }
      }
    } catch (Exception e) {
      throw retry.wrap("write " + batch.size() + " rows to staging table " + name, e);
    } finally {
      converted.clear();
    }
  }

  /**
   * Merges a staging area (and its side table) into its target at commit identifier {@code identifier}; the tables
   * are dropped by the next commit. {@code checkWritable} runs once the area is known to be open.
   */
  void merge(String target, String staging, RowFilter replaceScope, Runnable checkWritable, long identifier) {
    TargetTable t = sinks.target(target);
    String name = stagingTable(target, staging);
    if (closedStaging.contains(name)) {
      throw new IllegalStateException("staging area " + staging + " of " + target + " was already merged or dropped");
    }
    checkWritable.run();
    boolean straight = direct.isDirect(name);
    if (straight) {
      // The snapshot rows are in the target already and it held nothing else of this sync's scope when the sync
      // began: no overwrite, only the staged log changes go over them (see DirectSyncs).
      replaceScope = null;
    }
    boolean exists = sinks.isOpen(name) || retry.call("find " + name, () -> tables.find(name)).isPresent();
    TableSink stagingSink = exists ? (sinks.isOpen(name) ? sinks.get(name) : openStaging(t, name)) : null;
    String sideName = StagedUnchanged.sideName(name);
    boolean sideExists = sinks.isOpen(sideName)
        || retry.call("find " + sideName, () -> tables.find(sideName)).isPresent();
    TableSink sideSink = sideExists ? sideSink(t, name) : null;
    StagingMerge.Result result = new StagingMerge(retry, pipeline).merge(t, sinks.targetSink(target), stagingSink,
        sideSink, replaceScope, identifier);
    for (String merged : List.of(name, sideName)) {
      if (merged.equals(name) ? stagingSink != null : sideSink != null) {
        sinks.close(merged);
        pendingDrops.add(merged);
        closedStaging.add(merged);
        stagingTransactions.remove(merged);
      }
    }
    direct.end(name);
    endFill(sinks.targetSink(target), name);
    LOG.info("[{}] merged staging {} into {} ({}): {} deletes, {} upserts, {} tombstones; visible at the next"
        + " commit", pipeline, staging, target, straight ? "snapshot rows written directly, log changes applied"
        : "scope " + replaceScope, result.scopeDeletes(), result.upserts(), result.tombstones());
  }

  void drop(String target, String staging) {
    String main = stagingTable(target, staging);
    direct.end(main); // rows it wrote to the target stay: the target is not empty for the next sync, which stages
    endFill(sinks.get(target), main);
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

  /** The direct sync {@code area} of {@code targetSink} (null: not open) ended: its compaction may resume. */
  private void endFill(TableSink targetSink, String area) {
    if (targetSink != null) {
      try {
        targetSink.endFill(area);
      } catch (Exception e) {
        throw retry.wrap("resume compaction of " + targetSink.name(), e);
      }
    }
  }

  /** The staging tables merged or dropped since the last call, for the committable being prepared. */
  List<String> takePendingDrops() {
    List<String> drops = List.copyOf(pendingDrops);
    pendingDrops.clear();
    return drops;
  }

  /** Drops a staging table once the commit that merged or dropped it is published; its name may be used again. */
  void dropCommitted(String drop) {
    sinks.close(drop);
    retry.run("drop staging table " + drop, () -> tables.drop(drop));
    closedStaging.remove(drop);
    legacyStaging.values().remove(drop);
  }
}
