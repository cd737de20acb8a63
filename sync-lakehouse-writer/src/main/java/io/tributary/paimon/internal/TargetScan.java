package io.tributary.paimon.internal;

import io.tributary.sync.event.Column;
import io.tributary.sync.event.DataType;
import io.tributary.sync.event.Row;
import io.tributary.sync.event.RowFilter;
import io.tributary.sync.event.TableSchema;
import io.tributary.sync.spi.TargetTable;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.paimon.data.InternalRow;
import org.apache.paimon.predicate.Predicate;
import org.apache.paimon.predicate.PredicateBuilder;
import org.apache.paimon.reader.RecordReader;
import org.apache.paimon.table.FileStoreTable;
import org.apache.paimon.table.source.ReadBuilder;
import org.apache.paimon.types.RowType;

/**
 * Reads a target's committed rows that match a filter, for {@code ChangeWriter.scan} (verification): the filter is
 * pushed down to Paimon as far as it translates (a key range prunes files and, on the key's min/max statistics,
 * whole buckets' files), and evaluated on each row in Java, since Paimon's primary-key tables use a pushed filter
 * only to skip files. Read-only, on the caller's thread, with its own catalog: safe beside the writer's sink thread.
 */
public final class TargetScan {

  private TargetScan() {
  }

  public static void scan(FileStoreTable table, TargetTable target, RowFilter filter, Consumer<Row> rows)
      throws Exception {
    RowType type = table.rowType();
    List<Column> present = new ArrayList<>();
    int[] from = new int[target.columns().size()];
    for (int i = 0; i < from.length; i++) {
      Column c = target.columns().get(i);
      if (type.getFieldIndex(c.name()) < 0) {
        from[i] = -1; // not (yet) in the stored table: reads as null
      } else {
        from[i] = present.size();
        present.add(c);
      }
    }
    RowConverter converter = new RowConverter(target.name(), present, table.primaryKeys(), type,
        new Limits(Long.MAX_VALUE, Long.MAX_VALUE));
    Predicate pushed = predicate(filter, present, type);
    ReadBuilder rb = pushed == null ? table.newReadBuilder() : table.newReadBuilder().withFilter(pushed);
    TableSchema layout = target.asSchema();
    try (RecordReader<InternalRow> reader = rb.newRead().createReader(rb.newScan().plan())) {
      reader.forEachRemaining(internal -> {
        Row stored = converter.toCore(internal);
        Object[] out = new Object[from.length];
        for (int i = 0; i < from.length; i++) {
          out[i] = from[i] < 0 ? null : stored.get(from[i]);
        }
        Row row = Row.of(out);
        if (filter.test(layout, row)) {
          rows.accept(row);
        }
      });
    }
  }

  /**
   * The filter as a Paimon predicate that every matching row satisfies (it may match more), or null when nothing
   * translates. An AND keeps its translatable parts; an OR or NOT translates whole or not at all.
   */
  static Predicate predicate(RowFilter f, List<Column> columns, RowType type) {
    PredicateBuilder pb = new PredicateBuilder(type);
    if (f instanceof RowFilter.Compare c) {
      int p = type.getFieldIndex(c.column());
      Column column = columns.stream().filter(x -> x.name().equals(c.column())).findFirst().orElse(null);
      Object v = column == null || p < 0 ? null : literal(column, c.value());
      if (v == null) {
        return null;
      }
      return switch (c.op()) {
        case EQ -> pb.equal(p, v);
        case NE -> pb.notEqual(p, v);
        case LT -> pb.lessThan(p, v);
        case LE -> pb.lessOrEqual(p, v);
        case GT -> pb.greaterThan(p, v);
        case GE -> pb.greaterOrEqual(p, v);
      };
    }
    if (f instanceof RowFilter.IsNull n) {
      int p = type.getFieldIndex(n.column());
      return p < 0 ? null : pb.isNull(p);
    }
    if (f instanceof RowFilter.And a) {
      List<Predicate> parts = new ArrayList<>();
      for (RowFilter x : a.filters()) {
        Predicate p = predicate(x, columns, type);
        if (p != null) {
          parts.add(p);
        }
      }
      return parts.isEmpty() ? null : PredicateBuilder.and(parts);
    }
    if (f instanceof RowFilter.Or o) {
      List<Predicate> parts = new ArrayList<>();
      for (RowFilter x : o.filters()) {
        Predicate p = predicate(x, columns, type);
        if (p == null) {
          return null;
        }
        parts.add(p);
      }
      return PredicateBuilder.or(parts);
    }
    return null; // All (nothing to push), Not
  }

  /** A filter value as Paimon's internal value of the column, or null when its class is not the column's own. */
  private static Object literal(Column column, Object value) {
    DataType.Kind kind = column.type().kind();
    boolean exact = switch (kind) {
      case BOOLEAN -> value instanceof Boolean;
      case TINYINT -> value instanceof Byte;
      case SMALLINT -> value instanceof Short;
      case INT -> value instanceof Integer;
      case BIGINT -> value instanceof Long;
      case FLOAT -> value instanceof Float;
      case DOUBLE -> value instanceof Double;
      case CHAR, VARCHAR, JSON -> value instanceof String;
      case DECIMAL -> value instanceof java.math.BigDecimal d && d.scale() <= column.type().scale(); // no rounding
      case DATE -> value instanceof java.time.LocalDate;
      case TIMESTAMP -> value instanceof java.time.LocalDateTime;
      case TIMESTAMP_LTZ -> value instanceof java.time.Instant;
      default -> false; // TIME (stored in a unit per column), binaries: evaluated in Java only
    };
    if (!exact) {
      return null;
    }
    try {
      return PaimonValues.toInternal("filter", column, value, 0);
    } catch (RuntimeException e) {
      return null; // not representable in the column (it matches no row): leave it to the Java evaluation
    }
  }
}
