package io.tributary.paimon.internal;

import io.tributary.sync.ErrorCode;
import io.tributary.sync.LimitExceededException;
import io.tributary.sync.SyncException;
import io.tributary.sync.event.Column;
import io.tributary.sync.event.Row;
import java.util.List;
import org.apache.paimon.data.GenericRow;
import org.apache.paimon.data.InternalRow;
import org.apache.paimon.types.RowKind;
import org.apache.paimon.types.RowType;

/**
 * Converts rows between the core layout (a target's columns, in the pipeline's order) and a Paimon table's layout
 * (its fields, in table order, which differs once columns were added and dropped), checking the size limits on the
 * way in: the UTF-8 bytes of a string are computed by the conversion anyway, so the field check costs nothing extra.
 * Each value is converted by {@link PaimonValues}; this class owns the layout, the size limits and delete
 * placeholders.
 */
public final class RowConverter {

  private final String table;
  private final List<Column> columns;
  private final int[] paimonPos;
  private final boolean[] isKey;
  private final int arity;
  private final Limits limits;
  /** Per Paimon position, a value for a NOT NULL non-key field of a delete (whose non-key values are absent). */
  private final Object[] deletePlaceholders;
  /** Per core column, nanoseconds per stored unit of a TIME column (see {@link PaimonValues#timeUnit}); 0 otherwise. */
  private final long[] timeUnit;

  /**
   * @param table   table name for error messages
   * @param columns the core columns, in core row order
   * @param keys    primary-key column names
   * @param rowType the Paimon table's row type; must hold every core column by name
   */
  public RowConverter(String table, List<Column> columns, List<String> keys, RowType rowType, Limits limits) {
    this.table = table;
    this.columns = List.copyOf(columns);
    this.limits = limits;
    this.arity = rowType.getFieldCount();
    this.paimonPos = new int[columns.size()];
    this.isKey = new boolean[columns.size()];
    for (int i = 0; i < columns.size(); i++) {
      String name = columns.get(i).name();
      paimonPos[i] = rowType.getFieldIndex(name);
      if (paimonPos[i] < 0) {
        throw new IllegalStateException("Paimon table " + table + " has no column " + name + ": " + rowType);
      }
      isKey[i] = keys.contains(name);
    }
    this.timeUnit = new long[columns.size()];
    for (int i = 0; i < columns.size(); i++) {
      timeUnit[i] = PaimonValues.timeUnit(columns.get(i).type(), rowType.getTypeAt(paimonPos[i]));
    }
    this.deletePlaceholders = new Object[arity];
    for (int i = 0; i < columns.size(); i++) {
      org.apache.paimon.types.DataType t = rowType.getTypeAt(paimonPos[i]);
      if (!isKey[i] && !t.isNullable()) {
        deletePlaceholders[paimonPos[i]] = PaimonValues.placeholder(t);
      }
    }
  }

  public int arity() {
    return arity;
  }

  /** The Paimon position of core column {@code coreIndex}. */
  public int paimonPosition(int coreIndex) {
    return paimonPos[coreIndex];
  }

  /**
   * Converts a core row into a new Paimon row of {@link #arity()} fields (extra fields left null for the caller).
   *
   * @throws LimitExceededException when a field or the encoded primary key is over its limit
   */
  public GenericRow toPaimon(Row row, RowKind kind) {
    if (row.size() != columns.size()) {
      throw SyncException.of(ErrorCode.INTERNAL,
          "row for table " + table + " has " + row.size() + " values but the table has "
          + columns.size() + " columns " + columns + ": the row was laid out by another schema version", null);
    }
    GenericRow out = new GenericRow(kind, arity);
    // A key encodes like Paimon's BinaryRow: null bits, 8 fixed bytes per field, long variable parts padded to 8.
    long keyBytes = 0;
    int keyFields = 0;
    for (int i = 0; i < paimonPos.length; i++) {
      Object v = row.get(i);
      if (v == null) {
        if (kind == RowKind.DELETE) {
          out.setField(paimonPos[i], deletePlaceholders[paimonPos[i]]);
        }
        if (isKey[i]) {
          keyFields++;
          keyBytes += 8;
        }
        continue;
      }
      Column c = columns.get(i);
      Object internal = PaimonValues.toInternal(table, c, v, timeUnit[i]);
      long size = PaimonValues.sizeOf(internal);
      if (size > limits.maxFieldBytes()) {
        throw new LimitExceededException("field " + table + "." + c.name() + " is " + size
            + " bytes, over the limit of " + limits.maxFieldBytes() + " bytes (maxFieldBytes): raise the limit and"
            + " re-sync the table; the row was not written");
      }
      if (isKey[i]) {
        keyFields++;
        keyBytes += 8 + (size > 7 ? (size + 7) / 8 * 8 : 0);
      }
      out.setField(paimonPos[i], internal);
    }
    if (keyFields > 0) {
      keyBytes += (keyFields + 63) / 64 * 8;
      if (keyBytes > limits.maxPrimaryKeyBytes()) {
        throw new LimitExceededException("primary key of table " + table + " encodes to " + keyBytes
            + " bytes, over the limit of " + limits.maxPrimaryKeyBytes() + " bytes (maxPrimaryKeyBytes), key "
            + abbreviate(row) + ": raise the limit and re-sync the table; the row was not written");
      }
    }
    return out;
  }

  private String abbreviate(Row row) {
    StringBuilder sb = new StringBuilder("{");
    for (int i = 0; i < isKey.length; i++) {
      if (isKey[i]) {
        String s = String.valueOf(row.get(i));
        sb.append(sb.length() > 1 ? ", " : "").append(columns.get(i).name()).append('=')
            .append(s.length() > 40 ? s.substring(0, 40) + "..." : s);
      }
    }
    return sb.append('}').toString();
  }

  /** Converts a Paimon row of this table back to a core row in core column order. */
  public Row toCore(InternalRow row) {
    Object[] out = new Object[columns.size()];
    for (int i = 0; i < out.length; i++) {
      int p = paimonPos[i];
      if (row.isNullAt(p)) {
        continue;
      }
      out[i] = PaimonValues.toCore(row, p, columns.get(i).type(), timeUnit[i]);
    }
    return Row.of(out);
  }
}
