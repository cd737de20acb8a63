package io.tributary.paimon.internal;

import io.tributary.sync.ErrorCode;
import io.tributary.sync.SyncException;
import io.tributary.sync.event.ColumnMask;
import io.tributary.sync.event.Row;
import io.tributary.sync.spi.TargetTable;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.apache.paimon.data.GenericRow;
import org.apache.paimon.types.RowKind;

/**
 * Staged updates that leave columns unchanged without their values. Staged versions meet out of sequence order (a
 * chunk's snapshot row, with the chunk's low watermark as its {@code _seq}, is staged after newer log changes), and
 * the staging table keeps one row per key, so such an update cannot be resolved when it is staged. It goes to a side
 * table keyed by (key, {@code _seq}) instead, and the merge folds a key's side versions newer than the staging
 * table's winner (the newest complete version, so the fold is exact) onto that winner in {@code _seq} order, or onto
 * the target's row before the merge when the staging table has no version of the key.
 */
final class StagedUnchanged {

  /** One side version: the row in target layout and its unchanged columns. */
  record Partial(Row row, ColumnMask unchanged) {}

  private StagedUnchanged() {}

  /** The side table of {@code stagingTable}. */
  static String sideName(String stagingTable) {
    return stagingTable + Tables.UNCHANGED_SUFFIX;
  }

  static boolean isSide(String name) {
    return name.endsWith(Tables.UNCHANGED_SUFFIX);
  }

  /** The side table's Paimon row for staged upsert {@code row} with its unchanged columns. */
  static GenericRow toPaimon(TableSink side, Row row, long seq, ColumnMask unchanged) {
    Object[] v = Arrays.copyOf(row.values(), row.size() + 1);
    v[row.size()] = encode(unchanged);
    GenericRow out = side.converter().toPaimon(Row.of(v), RowKind.INSERT);
    out.setField(side.table().rowType().getFieldIndex(Tables.SEQ), seq);
    out.setField(side.table().rowType().getFieldIndex(Tables.TOMBSTONE), false);
    return out;
  }

  /** Every committed side version, per key (target key columns) and {@code _seq}. */
  static Map<Row, NavigableMap<Long, Partial>> read(TableSink side, TargetTable target) throws Exception {
    Map<Row, NavigableMap<Long, Partial>> out = new HashMap<>();
    int seqPos = side.table().rowType().getFieldIndex(Tables.SEQ);
    int[] key = target.primaryKeyIndexes();
    RowConverter conv = side.converter();
    int tombstonePos = side.table().rowType().getFieldIndex(Tables.TOMBSTONE);
    side.readCommitted(internal -> {
      if (internal.getBoolean(tombstonePos)) {
        return; // cancelled by a later complete version of its transaction
      }
      Row r = conv.toCore(internal);
      Row row = Row.of(Arrays.copyOf(r.values(), r.size() - 1));
      Partial p = new Partial(row, decode((String) r.get(r.size() - 1)));
      out.computeIfAbsent(row.project(key), k -> new TreeMap<>()).put(internal.getLong(seqPos), p);
    });
    return out;
  }

  /** {@code current} (null: none) after {@code versions} in order; refuses a version with nothing to keep from. */
  static Row fold(TargetTable target, Row key, Row current, Iterable<Partial> versions) {
    for (Partial p : versions) {
      if (current == null) {
        throw SyncException.of(ErrorCode.INTERNAL, "a staged update of key " + key + " in " + target.name() + " left columns "
            + p.unchanged() + " unchanged without their values, and neither the staging area nor the target holds"
            + " an earlier version of the row; re-sync the table", null);
      }
      current = p.unchanged().fill(p.row(), current);
    }
    return current;
  }

  /** A side-table tombstone cancelling the partial version of {@code key}'s row at {@code seq}. */
  static GenericRow cancel(TableSink side, Row row, long seq, TargetTable target) {
    Object[] v = new Object[row.size() + 1];
    for (int k : target.primaryKeyIndexes()) {
      v[k] = row.get(k);
    }
    GenericRow out = side.converter().toPaimon(Row.of(v), RowKind.INSERT);
    out.setField(side.table().rowType().getFieldIndex(Tables.SEQ), seq);
    out.setField(side.table().rowType().getFieldIndex(Tables.TOMBSTONE), true);
    return out;
  }

  /**
   * The side table's committed partial versions of its highest {@code _seq}: the transaction a restart may have
   * split (see {@link StagingTransaction}). Returns that {@code _seq} and the versions by key.
   */
  static Map.Entry<Long, Map<Row, StagingTransaction.Version>> lastTransaction(TableSink side, TargetTable target)
      throws Exception {
    Map<Row, NavigableMap<Long, Partial>> all = read(side, target);
    long max = Long.MIN_VALUE;
    for (NavigableMap<Long, Partial> versions : all.values()) {
      max = Math.max(max, versions.lastKey());
    }
    Map<Row, StagingTransaction.Version> out = new HashMap<>();
    for (Map.Entry<Row, NavigableMap<Long, Partial>> e : all.entrySet()) {
      Partial p = e.getValue().get(max);
      if (p != null) {
        out.put(e.getKey(), new StagingTransaction.Version(p.row(), p.unchanged(), false));
      }
    }
    return Map.entry(max, out);
  }

  private static String encode(ColumnMask mask) {
    StringBuilder sb = new StringBuilder();
    for (int i : mask.indexes()) {
      sb.append(sb.length() == 0 ? "" : ",").append(i);
    }
    return sb.toString();
  }

  private static ColumnMask decode(String s) {
    return ColumnMask.of(Arrays.stream(s.split(",")).mapToInt(Integer::parseInt).toArray());
  }
}
