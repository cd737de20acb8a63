package io.tributary.mysql.internal;

import com.github.shyiko.mysql.binlog.event.DeleteRowsEventData;
import com.github.shyiko.mysql.binlog.event.UpdateRowsEventData;
import com.github.shyiko.mysql.binlog.event.WriteRowsEventData;
import io.tributary.mysql.MySqlPosition;
import io.tributary.sync.ErrorCode;
import io.tributary.sync.SyncException;
import io.tributary.sync.event.ChangeEvent;
import io.tributary.sync.event.Row;
import io.tributary.sync.event.RowChange;
import io.tributary.sync.event.TableId;
import io.tributary.sync.event.TableNeedsResync;
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
 * @param zeroDatesAsNull  zero dates read as null ({@code ZeroDates.NULL}) instead of being refused
 */
record RowsBatch(TableId id, MySqlTable table, byte[] types, BitSet compressed, Object data, long base, long end,
    MySqlPosition transactionStart, int index, int skip, long commitTimeMillis, boolean zeroDatesAsNull)
    implements Pending {

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

  /**
   * Converts the rows. A row holding a value its target cannot hold exactly (a TIME outside a day, a zero date) is
   * not delivered: in its place the table stops ({@link TableNeedsResync#valueRefused}, at the row's own seq and
   * position, so resuming skips it like any delivered row); the other tables' rows go on.
   */
  @Override
  public void expand(List<ChangeEvent> out) {
    int n = rowCount();
    boolean refused = false;
    for (int r = skip; r < n; r++) {
      try {
        out.add(row(r, n));
      } catch (SyncException e) {
        if (e.code() != ErrorCode.VALUE_NOT_REPRESENTABLE) {
          throw e;
        }
        if (!refused) { // the table stops at its first refused row; its later rows are ignored by the engine
          out.add(TableNeedsResync.valueRefused(id, "a row of " + id + " was refused: " + e.getMessage(), seq(r),
              position(r, n), commitTimeMillis));
          refused = true;
        }
      }
    }
  }

  private ChangeEvent row(int r, int n) {
    if (data instanceof WriteRowsEventData w) {
      return RowChange.insert(id, decode(w.getIncludedColumns(), w.getRows().get(r), null), seq(r), position(r, n),
          commitTimeMillis);
    } else if (data instanceof UpdateRowsEventData u) {
      Map.Entry<Serializable[], Serializable[]> row = u.getRows().get(r);
      int[] key = table.schema().primaryKeyIndexes();
      boolean[] keyOnly = keyMask(key);
      Row after = decode(u.getIncludedColumns(), row.getValue(), null);
      // The engine reads an update's before image only for its key (RowChange allows key-only images): the
      // other cells are converted only when the key changed, where the old row is deleted whole.
      Row before = decode(u.getIncludedColumnsBeforeUpdate(), row.getKey(), keyOnly);
      if (keyOnly != null && !sameKey(before, after, key)) {
        before = before(u.getIncludedColumnsBeforeUpdate(), row.getKey());
      }
      return RowChange.update(id, before, after, seq(r), position(r, n), commitTimeMillis);
    }
    DeleteRowsEventData d = (DeleteRowsEventData) data;
    return RowChange.delete(id, before(d.getIncludedColumns(), d.getRows().get(r)), seq(r), position(r, n),
        commitTimeMillis);
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
        if (only == null || only[i]) {
          values[i] = decode(i, raw);
        }
      }
    }
    return Row.of(values);
  }

  /**
   * An old image (a delete's row, a key-changing update's before), of which the engine uses only the key: a non-key
   * value no target holds reads as null rather than stopping the table, so the change that removes it applies.
   */
  private Row before(BitSet included, Serializable[] cells) {
    boolean[] key = keyMask(table.schema().primaryKeyIndexes());
    Object[] values = new Object[table.columns().size()];
    int cell = 0;
    for (int i = 0; i < values.length; i++) {
      if (included.get(i)) {
        Serializable raw = cells[cell++];
        try {
          values[i] = decode(i, raw);
        } catch (SyncException e) {
          if (e.code() != ErrorCode.VALUE_NOT_REPRESENTABLE || key == null || key[i]) {
            throw e; // a refused key value still stops the table
          }
        }
      }
    }
    return Row.of(values);
  }

  private Object decode(int i, Serializable raw) {
    if (raw instanceof byte[] b && compressed.get(i)) {
      raw = CompressedColumns.inflate(b);
    }
    return Values.fromBinlog(raw, types[i] & 0xFF, table.columns().get(i), zeroDatesAsNull);
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
