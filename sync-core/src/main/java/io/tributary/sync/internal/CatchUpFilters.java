package io.tributary.sync.internal;

import io.tributary.sync.event.Column;
import io.tributary.sync.event.RowFilter;
import io.tributary.sync.event.TableId;
import io.tributary.sync.event.TableSchema;
import java.util.ArrayList;
import java.util.List;

/** Checks a catch-up filter against its table before any row is read or deleted. */
final class CatchUpFilters {

  private CatchUpFilters() {
  }

  /**
   * A catch-up filter must name the table's source columns: an unknown one reads as null in every row, so the
   * catch-up would silently match (and delete) the wrong rows, or none.
   */
  static void requireColumns(TableId table, TableSchema schema, RowFilter filter) {
    for (String column : columnsOf(filter, new ArrayList<>())) {
      if (schema.indexOf(column) < 0) {
        throw new IllegalArgumentException("catch-up filter " + filter + " names column " + column + ", which "
            + table + " does not have; its columns are " + schema.columns().stream().map(Column::name).toList()
            + " (names as the source spells them)");
      }
    }
  }

  /** Whether every column {@code filter} names is one of {@code schema}'s. */
  static boolean fits(TableSchema schema, RowFilter filter) {
    return columnsOf(filter, new ArrayList<>()).stream().allMatch(c -> schema.indexOf(c) >= 0);
  }

  private static List<String> columnsOf(RowFilter f, List<String> out) {
    if (f instanceof RowFilter.Compare c) {
      out.add(c.column());
    } else if (f instanceof RowFilter.IsNull n) {
      out.add(n.column());
    } else if (f instanceof RowFilter.And a) {
      a.filters().forEach(x -> columnsOf(x, out));
    } else if (f instanceof RowFilter.Or o) {
      o.filters().forEach(x -> columnsOf(x, out));
    } else if (f instanceof RowFilter.Not n) {
      columnsOf(n.filter(), out);
    }
    return out;
  }
}
