package io.tributary.sync.internal;

import io.tributary.sync.ExtendedField;
import io.tributary.sync.event.ColumnMask;
import io.tributary.sync.event.DataType;
import io.tributary.sync.event.Row;
import io.tributary.sync.event.RowChange;
import io.tributary.sync.event.TableSchema;
import io.tributary.sync.spi.TargetTable;
import java.math.BigDecimal;
import java.util.List;

/**
 * Maps rows of one source table (laid out by one source schema) to its target table: columns by name, extended
 * fields stamped, values widened to the target type, nulls where the source lacks a target column. Immutable; one
 * array copy per row, no other allocation on the hot path.
 */
public final class TableRoute {

  private static final int ABSENT = -1;

  private final TableSchema source;
  private final TargetTable target;
  /** Per target column: source column index, ABSENT, or -(2 + k) for the k-th extended field value. */
  private final int[] from;
  private final Object[] extendedValues;
  private final DataType[] widenTo;
  private final int[] sourceKey;
  private final int[] targetKey;
  /** Target layout equals source layout: rows pass through without a copy (rows are immutable). */
  private final boolean identity;

  public TableRoute(TableSchema source, TargetTable target, List<ExtendedField> extendedFields) {
    this.source = source;
    this.target = target;
    int n = target.columns().size();
    this.from = new int[n];
    this.widenTo = new DataType[n];
    this.extendedValues = new Object[extendedFields.size()];
    for (int k = 0; k < extendedFields.size(); k++) {
      extendedValues[k] = extendedFields.get(k).valueOf(source.id());
    }
    for (int i = 0; i < n; i++) {
      String name = target.columns().get(i).name();
      int ext = indexOfField(extendedFields, name);
      if (ext >= 0) {
        from[i] = -(2 + ext);
        continue;
      }
      int s = source.indexOf(name);
      from[i] = s < 0 ? ABSENT : s;
      if (s >= 0) {
        DataType st = source.columns().get(s).type();
        DataType tt = target.columns().get(i).type();
        if (st.kind() != tt.kind()) {
          widenTo[i] = tt;
        }
      }
    }
    this.sourceKey = source.primaryKeyIndexes();
    this.targetKey = target.primaryKeyIndexes();
    boolean same = n == source.columnCount();
    for (int i = 0; same && i < n; i++) {
      same = from[i] == i && widenTo[i] == null;
    }
    this.identity = same;
  }

  private static int indexOfField(List<ExtendedField> fields, String column) {
    for (int k = 0; k < fields.size(); k++) {
      if (fields.get(k).column().equals(column)) {
        return k;
      }
    }
    return -1;
  }

  public TableSchema sourceSchema() {
    return source;
  }

  public TargetTable target() {
    return target;
  }

  public int[] targetKeyIndexes() {
    return targetKey;
  }

  /** Whether two images of the source table have different primary keys (a key update). */
  public boolean keyChanged(Row before, Row after) {
    for (int i : sourceKey) {
      if (!java.util.Objects.equals(before.get(i), after.get(i))) {
        return true;
      }
    }
    return false;
  }

  public Row toTarget(Row row) {
    if (identity && row.size() == from.length) {
      return row;
    }
    Object[] out = new Object[from.length];
    for (int i = 0; i < from.length; i++) {
      int f = from[i];
      if (f >= 0) {
        Object v = row.get(f);
        out[i] = widenTo[i] == null || v == null ? v : widen(v, widenTo[i]);
      } else if (f != ABSENT) {
        out[i] = extendedValues[-f - 2];
      }
    }
    return Row.of(out);
  }

  /** The unchanged columns of a source image ({@link RowChange#unchanged}) in the target layout; null for none. */
  public ColumnMask toTarget(ColumnMask unchanged) {
    return unchanged == null ? null : identity ? unchanged : unchanged.relayout(from);
  }

  /** Converts a value to a wider target type; the planner only allows lossless widenings. */
  static Object widen(Object v, DataType to) {
    return switch (to.kind()) {
      case SMALLINT -> ((Number) v).shortValue();
      case INT -> ((Number) v).intValue();
      case BIGINT -> ((Number) v).longValue();
      case DOUBLE -> ((Number) v).doubleValue();
      case DECIMAL -> v instanceof BigDecimal d ? d.setScale(to.scale())
          : BigDecimal.valueOf(((Number) v).longValue()).setScale(to.scale());
      default -> v; // string and binary widenings keep the Java class
    };
  }
}
