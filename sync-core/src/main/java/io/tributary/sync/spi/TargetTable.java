package io.tributary.sync.spi;

import io.tributary.sync.event.Column;
import java.util.List;
import java.util.Objects;

/**
 * A target table as the pipeline wants it: name, columns (extended fields included) and primary key. In mirror
 * mode one per source table; in merge mode one per virtual table.
 *
 * @param name       target table name (a virtual table's name, or the source table's name in mirror mode)
 * @param columns    columns in row order
 * @param primaryKey primary-key column names in key order; never empty
 */
public record TargetTable(String name, List<Column> columns, List<String> primaryKey) {

  public TargetTable {
    Objects.requireNonNull(name, "name");
    columns = List.copyOf(columns);
    primaryKey = List.copyOf(primaryKey);
    if (primaryKey.isEmpty()) {
      throw new IllegalArgumentException("target table " + name + " needs a primary key");
    }
  }

  public int indexOf(String column) {
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).name().equals(column)) {
        return i;
      }
    }
    return -1;
  }

  public int[] primaryKeyIndexes() {
    int[] out = new int[primaryKey.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = indexOf(primaryKey.get(i));
    }
    return out;
  }

  /** The same table as a {@link io.tributary.sync.event.TableSchema} keyed by a synthetic id, for filters. */
  public io.tributary.sync.event.TableSchema asSchema() {
    return new io.tributary.sync.event.TableSchema(
        io.tributary.sync.event.TableId.of("target", "target", name), columns, primaryKey);
  }
}
