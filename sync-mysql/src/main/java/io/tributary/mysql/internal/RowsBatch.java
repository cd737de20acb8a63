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

/**
 * The rows of one rows event, not yet converted: the table layout in force at the event is captured with it, so
 * later DDL cannot change how these rows decode.
 *
 * @param id               the table
 * @param table            its layout at this event
 * @param types            column type codes from the TABLE_MAP event
 * @param data             the deserialized rows event
 * @param base             seq of the event's first row (file index and event start offset)
 * @param end              seq of the next event, which row seqs must stay below
 * @param transactionStart the boundary a resume connects at
 * @param index            index of this rows event within its transaction
 * @param skip             rows already delivered before a resume
 * @param commitTimeMillis event timestamp
 */
record RowsBatch(TableId id, MySqlTable table, byte[] types, Object data, long base, long end,
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
        out.add(RowChange.insert(id, decode(w.getIncludedColumns(), rows.get(r)), seq(r), position(r, n),
            commitTimeMillis));
      }
    } else if (data instanceof UpdateRowsEventData u) {
      List<Map.Entry<Serializable[], Serializable[]>> rows = u.getRows();
      for (int r = skip; r < n; r++) {
        Row before = decode(u.getIncludedColumnsBeforeUpdate(), rows.get(r).getKey());
        Row after = decode(u.getIncludedColumns(), rows.get(r).getValue());
        out.add(RowChange.update(id, before, after, seq(r), position(r, n), commitTimeMillis));
      }
    } else {
      DeleteRowsEventData d = (DeleteRowsEventData) data;
      List<Serializable[]> rows = d.getRows();
      for (int r = skip; r < n; r++) {
        out.add(RowChange.delete(id, decode(d.getIncludedColumns(), rows.get(r)), seq(r), position(r, n),
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

  private Row decode(BitSet included, Serializable[] cells) {
    List<MySqlColumn> cols = table.columns();
    Object[] values = new Object[cols.size()];
    int cell = 0;
    for (int i = 0; i < values.length; i++) {
      if (included.get(i)) {
        values[i] = Values.fromBinlog(cells[cell++], types[i] & 0xFF, cols.get(i));
      }
    }
    return Row.of(values);
  }
}
