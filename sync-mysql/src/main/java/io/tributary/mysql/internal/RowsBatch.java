package io.tributary.mysql.internal;

import com.github.shyiko.mysql.binlog.event.DeleteRowsEventData;
import com.github.shyiko.mysql.binlog.event.UpdateRowsEventData;
import com.github.shyiko.mysql.binlog.event.WriteRowsEventData;
import io.tributary.mysql.MySqlPosition;
import io.tributary.sync.event.ChangeEvent;
import io.tributary.sync.event.Row;
import io.tributary.sync.event.RowChange;
import io.tributary.sync.event.TableId;
import java.io.Serializable;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The rows of one rows event, not yet converted: the table layout in force at the event is captured with it, so
 * later DDL cannot change how these rows decode.
 *
 * @param id               the table
 * @param table            its layout at this event
 * @param types            column type codes from the TABLE_MAP event
 * @param compressed       the MariaDB compressed columns (their cells hold the stored bytes, see
 *                         {@link CompressedColumns})
 * @param data             the deserialized rows event
 * @param base             seq of the event's first row (file index and event start offset)
 * @param end              seq of the next event, which row seqs must stay below
 * @param transactionStart the boundary a resume connects at
 * @param index            index of this rows event within its transaction
 * @param skip             rows already delivered before a resume
 * @param commitTimeMillis event timestamp
 */
record RowsBatch(TableId id, MySqlTable table, byte[] types, BitSet compressed, Object data, long base, long end,
    MySqlPosition transactionStart, int index, int skip, long commitTimeMillis) implements Pending {

  @Override
  public int size() {
    return rowCount() - skip;
  }

  private int rowCount() {
    if (data instanceof WriteRowsEventData w) {
      return w.getRows().size();
    }
    return data instanceof UpdateRowsEventData u ? u.getRows().size() : ((DeleteRowsEventData) data).getRows().size();
  }

  @Override
  public void expand(List<ChangeEvent> out) {
    int n = rowCount();
    if (data instanceof WriteRowsEventData w) {
      List<Serializable[]> rows = w.getRows();
      for (int r = skip; r < n; r++) {
        out.add(RowChange.insert(id, decode(w.getIncludedColumns(), rows.get(r), null), seq(r), position(r, n),
            commitTimeMillis));
      }
    } else if (data instanceof UpdateRowsEventData u) {
      List<Map.Entry<Serializable[], Serializable[]>> rows = u.getRows();
      int[] key = table.schema().primaryKeyIndexes();
      boolean[] keyOnly = keyMask(key);
      for (int r = skip; r < n; r++) {
        Row after = decode(u.getIncludedColumns(), rows.get(r).getValue(), null);
        // The engine reads an update's before image only for its key (RowChange allows key-only images): the
        // other cells are converted only when the key changed, where the old row is deleted whole.
        Row before = decode(u.getIncludedColumnsBeforeUpdate(), rows.get(r).getKey(), keyOnly);
        if (keyOnly != null && !sameKey(before, after, key)) {
          before = decode(u.getIncludedColumnsBeforeUpdate(), rows.get(r).getKey(), null);
        }
        out.add(RowChange.update(id, before, after, seq(r), position(r, n), commitTimeMillis));
      }
    } else {
      DeleteRowsEventData d = (DeleteRowsEventData) data;
      List<Serializable[]> rows = d.getRows();
      for (int r = skip; r < n; r++) {
        out.add(RowChange.delete(id, decode(d.getIncludedColumns(), rows.get(r), null), seq(r), position(r, n),
            commitTimeMillis));
      }
    }
  }

  private long seq(int row) {
    long seq = base + row;
    if (seq >= end) {
      throw new IllegalStateException("rows event with more rows than bytes at seq " + base);
    }
    return seq;
  }

  /** Resume after row {@code r}: skip this transaction's earlier rows events and r+1 rows of this one. */
  private MySqlPosition position(int r, int rowCount) {
    return r + 1 == rowCount ? transactionStart.withSkip(index + 1, 0) : transactionStart.withSkip(index, r + 1);
  }

  /** Converts the included cells; with {@code only}, just the columns it marks (the others stay null). */
  private Row decode(BitSet included, Serializable[] cells, boolean[] only) {
    List<MySqlColumn> cols = table.columns();
    Object[] values = new Object[cols.size()];
    int cell = 0;
    for (int i = 0; i < values.length; i++) {
      if (included.get(i)) {
        Serializable raw = cells[cell++];
        if (raw instanceof byte[] b && compressed.get(i)) {
          raw = CompressedColumns.inflate(b);
        }
        if (only == null || only[i]) {
          values[i] = Values.fromBinlog(raw, types[i] & 0xFF, cols.get(i));
        }
      }
    }
    return Row.of(values);
  }

  /** The key columns as a mask, or null for a table without a primary key (then images are converted whole). */
  private boolean[] keyMask(int[] key) {
    if (key.length == 0) {
      return null;
    }
    boolean[] mask = new boolean[table.columns().size()];
    for (int i : key) {
      mask[i] = true;
    }
    return mask;
  }

  private static boolean sameKey(Row before, Row after, int[] key) {
    for (int i : key) {
      if (!Objects.deepEquals(before.get(i), after.get(i))) { // deep: BINARY keys are byte[]
        return false;
      }
    }
    return true;
  }
}
