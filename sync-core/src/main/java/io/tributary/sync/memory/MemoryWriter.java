package io.tributary.sync.memory;

import io.tributary.sync.event.ColumnMask;
import io.tributary.sync.event.Row;
import io.tributary.sync.event.RowFilter;
import io.tributary.sync.spi.ChangeWriter;
import io.tributary.sync.spi.RowBatch;
import io.tributary.sync.spi.TargetTable;
import io.tributary.sync.spi.WriterContext;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A {@link ChangeWriter} over a {@link MemoryWarehouse}, with the real contract: writes are buffered until
 * {@link #prepareCommit}, published atomically by {@link #commit}, re-committed exactly once on recovery, and
 * staging areas merge by highest sequence number per key. Use a new writer per pipeline over one warehouse.
 *
 * <p>It also holds the pipeline to its side of the contract: a call on a target after a {@link #mergeStaging} into
 * it and before the next {@link #prepareCommit} throws, since the pipeline promises to checkpoint in between (real
 * writers such as Paimon's rely on that and would refuse a scoped delete there). Likewise a {@link #mergeStaging}
 * after any write since the last {@link #prepareCommit} throws: the pipeline checkpoints right before a merge too, so
 * a merge finds everything written before it committed (Paimon's writer does not keep a direct sync's snapshot rows
 * for the merge's lookups).
 */
public final class MemoryWriter implements ChangeWriter {

  private final MemoryWarehouse warehouse;
  private List<MemoryWarehouse.Op> pending = new ArrayList<>();
  private int epoch = -1;
  /** Targets merged into since the last prepare; the pipeline must checkpoint before touching them again. */
  private final Set<String> merged = new HashSet<>();

  public MemoryWriter(MemoryWarehouse warehouse) {
    this.warehouse = Objects.requireNonNull(warehouse, "warehouse");
  }

  public MemoryWarehouse warehouse() {
    return warehouse;
  }

  @Override
  public void open(WriterContext context) {
    epoch = warehouse.fence();
    pending = new ArrayList<>();
    merged.clear();
    if (context.restoredCommittable() != null) {
      warehouse.commit(epoch, context.restoredCheckpointId());
    }
    warehouse.discardPreparedAfter(Math.max(context.restoredCheckpointId(), warehouse.lastCommittedCheckpoint()));
  }

  @Override
  public long lastCommittedCheckpointId() {
    return warehouse.lastCommittedCheckpoint();
  }

  @Override
  public void ensureTable(TargetTable table) {
    checkNotMerged(table.name(), "ensureTable");
    warehouse.ensureTable(epoch, table);
  }

  /** Everything, renames included. */
  @Override
  public Set<Capability> capabilities() {
    return EnumSet.allOf(Capability.class);
  }

  /** The committed rows (a copy, taken under the warehouse's lock), mapped to {@code table}'s columns by name. */
  @Override
  public void scan(TargetTable table, RowFilter filter, java.util.function.Consumer<Row> rows) {
    TargetTable stored = warehouse.schema(table.name()).orElse(null);
    if (stored == null) {
      return;
    }
    List<Row> committed = warehouse.rows(table.name());
    int[] from = new int[table.columns().size()];
    for (int i = 0; i < from.length; i++) {
      from[i] = stored.indexOf(table.columns().get(i).name());
    }
    io.tributary.sync.event.TableSchema layout = table.asSchema();
    for (Row r : committed) {
      Object[] out = new Object[from.length];
      for (int i = 0; i < from.length; i++) {
        out[i] = from[i] < 0 ? null : r.get(from[i]);
      }
      Row row = Row.of(out);
      if (filter.test(layout, row)) {
        rows.accept(row);
      }
    }
  }

  @Override
  public void ensureTable(TargetTable table, Map<String, String> renamedFrom) {
    checkNotMerged(table.name(), "ensureTable");
    warehouse.ensureTable(epoch, table, renamedFrom);
  }

  @Override
  public void write(String target, RowBatch batch) {
    checkNotMerged(target, "write");
    warehouse.checkEpoch(epoch);
    int n = batch.size();
    Row[] rows = new Row[n];
    boolean[] deletes = new boolean[n];
    for (int i = 0; i < n; i++) {
      rows[i] = batch.row(i);
      deletes[i] = batch.isDelete(i);
      ColumnMask unchanged = batch.unchanged(i);
      if (unchanged != null) {
        Row from = batch.unchangedFrom(i); // a key change: the values live under the old key
        rows[i] = unchanged.fill(rows[i], current(target, from != null ? from : rows[i], rows, deletes, i));
      }
    }
    pending.add(new MemoryWarehouse.Op.Write(target, rows, deletes));
  }

  @Override
  public void writeStaging(String target, String staging, RowBatch batch) {
    checkNotMerged(target, "writeStaging");
    warehouse.checkEpoch(epoch);
    int n = batch.size();
    Row[] rows = new Row[n];
    long[] seqs = new long[n];
    boolean[] deletes = new boolean[n];
    ColumnMask[] unchanged = batch.hasUnchanged() ? new ColumnMask[n] : null;
    for (int i = 0; i < n; i++) {
      rows[i] = batch.row(i);
      seqs[i] = batch.seq(i);
      deletes[i] = batch.isDelete(i);
      if (unchanged != null) {
        unchanged[i] = batch.unchanged(i); // resolved at the merge, against the key's newest earlier version
        if (batch.unchangedFrom(i) != null) {
          throw new IllegalArgumentException("a staged upsert cannot take unchanged columns from another key ("
              + batch.unchangedFrom(i) + "): the merge resolves them by the row's own key");
        }
      }
    }
    pending.add(new MemoryWarehouse.Op.Stage(target, staging, rows, seqs, deletes, unchanged));
  }

  @Override
  public void mergeStaging(String target, String staging, RowFilter replaceScope) {
    checkNotMerged(target, "mergeStaging");
    if (!pending.isEmpty()) {
      throw new IllegalStateException("mergeStaging of " + staging + " into " + target + " after writes since the"
          + " last checkpoint: the pipeline must checkpoint right before a merge (ChangeWriter.mergeStaging)");
    }
    merged.add(target);
    pending.add(new MemoryWarehouse.Op.Merge(target, staging, replaceScope));
  }

  @Override
  public void dropStaging(String target, String staging) {
    checkNotMerged(target, "dropStaging");
    pending.add(new MemoryWarehouse.Op.DropStaging(target, staging));
  }

  @Override
  public void deleteWhere(String target, RowFilter filter) {
    checkNotMerged(target, "deleteWhere");
    pending.add(new MemoryWarehouse.Op.DeleteWhere(target, filter));
  }

  @Override
  public byte[] prepareCommit(long checkpointId) {
    warehouse.prepare(epoch, checkpointId, pending);
    pending = new ArrayList<>();
    merged.clear();
    return ByteBuffer.allocate(8).putLong(checkpointId).array();
  }

  @Override
  public void commit(long checkpointId, byte[] committable) {
    warehouse.commit(epoch, checkpointId);
  }

  @Override
  public void close() {
    pending = new ArrayList<>();
    merged.clear();
  }

  /**
   * The present row of {@code row}'s key as of batch position {@code upTo}: an earlier row of the batch, else of
   * this commit's pending writes, else the committed target. Refuses an update of a row the target lacks.
   */
  private Row current(String target, Row row, Row[] batchRows, boolean[] batchDeletes, int upTo) {
    int[] keyIndexes = warehouse.schema(target).orElseThrow().primaryKeyIndexes();
    Row key = row.project(keyIndexes);
    for (int i = upTo - 1; i >= 0; i--) {
      if (batchRows[i].project(keyIndexes).equals(key)) {
        return requirePresent(target, key, row, batchDeletes[i] ? null : batchRows[i]);
      }
    }
    return requirePresent(target, key, row, pendingOrCommitted(target, key, keyIndexes, pending.size()));
  }

  /** The row of {@code key} after the first {@code ops} pending operations of this commit. */
  private Row pendingOrCommitted(String target, Row key, int[] keyIndexes, int ops) {
    for (int p = ops - 1; p >= 0; p--) {
      if (pending.get(p) instanceof MemoryWarehouse.Op.Write w && w.target().equals(target)) {
        for (int i = w.rows().length - 1; i >= 0; i--) {
          if (w.rows()[i].project(keyIndexes).equals(key)) {
            return w.deletes()[i] ? null : w.rows()[i];
          }
        }
      } else if (pending.get(p) instanceof MemoryWarehouse.Op.DeleteWhere d && d.target().equals(target)) {
        Row earlier = pendingOrCommitted(target, key, keyIndexes, p);
        return earlier != null && d.filter().test(warehouse.schema(target).orElseThrow().asSchema(), earlier)
            ? null : earlier;
      }
    }
    return warehouse.row(target, key);
  }

  private Row requirePresent(String target, Row key, Row row, Row current) {
    if (current == null || current.size() != row.size()) {
      throw new IllegalStateException("update of key " + key + " in " + target + " left columns unchanged without "
          + "their values, and the target holds no row with that key to keep them from; re-sync the table");
    }
    return current;
  }

  private void checkNotMerged(String target, String call) {
    if (merged.contains(target)) {
      throw new IllegalStateException(call + " on " + target + " after a merge into it and before a checkpoint: the"
          + " pipeline must checkpoint right after a merge (ChangeWriter.mergeStaging)");
    }
  }
}
