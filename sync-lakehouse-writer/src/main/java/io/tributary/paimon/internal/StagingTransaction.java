package io.tributary.paimon.internal;

import io.tributary.sync.event.ColumnMask;
import io.tributary.sync.event.Row;
import io.tributary.sync.spi.TargetTable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;

/**
 * Orders the versions of one source transaction in a staging area. All changes of a transaction share one sequence
 * number, and neither the staging table nor its side table can order versions of equal {@code _seq}; the merge
 * applies a side table's partial version onto the staging table's winner when its {@code _seq} is greater <em>or
 * equal</em>, so a partial version must not survive in the side table when a later version of its transaction is
 * complete. Hence, per key touched by a partial version in the current transaction:
 * <ul>
 *   <li>a partial version after an earlier one is folded onto it: onto a complete one it becomes complete (and goes
 *       to the staging table, where the later write wins the tie), onto a partial one it takes that one's values;</li>
 *   <li>a complete version (or tombstone) after a partial one cancels the side table's partial version of
 *       {@code (key, _seq)}.</li>
 * </ul>
 * A restart can split a transaction: the side table's committed partial versions of the highest {@code _seq}
 * ({@code restored}) count as the earlier versions of that transaction. Rows of keys without partial versions pass
 * through without allocation.
 */
final class StagingTransaction {

  /** A staged version: the row, its unchanged columns (null: complete), whether a tombstone. */
  record Version(Row row, ColumnMask unchanged, boolean delete) {}

  /** What to stage for a row: {@code version}, after cancelling the side table's partial one if {@code cancel}. */
  record Staged(Version version, boolean cancelPartial) {}

  private final int[] key;
  private long seq = Long.MIN_VALUE;
  private final Map<Row, Version> touched = new HashMap<>();
  private final long restoredSeq;
  private final Map<Row, Version> restored;

  StagingTransaction(TargetTable target, long restoredSeq, Map<Row, Version> restored) {
    this.key = target.primaryKeyIndexes();
    this.restoredSeq = restoredSeq;
    this.restored = new HashMap<>(restored);
  }

  Staged add(Row row, long rowSeq, boolean delete, ColumnMask unchanged) {
    boolean partial = unchanged != null && !delete;
    if (rowSeq > seq) {
      seq = rowSeq;
      touched.clear();
    } else if (rowSeq < seq) {
      return new Staged(new Version(row, partial ? unchanged : null, delete), false); // older: a snapshot row
    }
    if (!partial && touched.isEmpty() && (restored.isEmpty() || rowSeq != restoredSeq)) {
      return new Staged(new Version(row, null, delete), false);
    }
    Row k = row.project(key);
    Version earlier = touched.get(k);
    if (earlier == null && rowSeq == restoredSeq) {
      earlier = restored.remove(k);
    }
    Version v;
    if (!partial) {
      v = new Version(row, null, delete);
    } else if (earlier == null || earlier.delete()) {
      v = new Version(row, unchanged, false);
    } else {
      v = fold(new Version(row, unchanged, false), earlier);
    }
    if (earlier != null || partial) {
      touched.put(k, v);
    }
    return new Staged(v, v.unchanged() == null && earlier != null && earlier.unchanged() != null);
  }

  private static Version fold(Version later, Version earlier) {
    if (earlier.unchanged() == null) {
      return new Version(later.unchanged().fill(later.row(), earlier.row()), null, false);
    }
    Object[] values = later.row().values().clone();
    ArrayList<Integer> still = new ArrayList<>();
    for (int i : later.unchanged().indexes()) {
      if (earlier.unchanged().contains(i)) {
        still.add(i);
      } else {
        values[i] = earlier.row().get(i);
      }
    }
    return new Version(Row.of(values), ColumnMask.of(still.stream().mapToInt(Integer::intValue).toArray()), false);
  }
}
