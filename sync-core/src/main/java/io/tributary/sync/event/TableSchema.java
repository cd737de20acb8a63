package io.tributary.sync.event;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The schema of a source table (or of a target table, with a target id): ordered columns and primary key.
 *
 * <p>Rows of the table are laid out in column order. Primary-key columns are never nullable.
 *
 * @param id         the table's identity
 * @param columns    columns in row order; unique names
 * @param primaryKey names of the primary-key columns in key order; empty for a table without a primary key
 *                   (which the pipeline refuses with a clear error)
 */
public record TableSchema(TableId id, List<Column> columns, List<String> primaryKey) {

  public TableSchema {
    Objects.requireNonNull(id, "id");
    columns = List.copyOf(columns);
    primaryKey = List.copyOf(primaryKey);
    Set<String> names = new HashSet<>();
    for (Column c : columns) {
      if (!names.add(c.name())) {
        throw new IllegalArgumentException("duplicate column " + c.name() + " in " + id);
      }
    }
    for (String pk : primaryKey) {
      if (!names.contains(pk)) {
        throw new IllegalArgumentException("primary-key column " + pk + " is not a column of " + id);
      }
    }
  }

  public static Builder builder(TableId id) {
    return new Builder(id);
  }

  public boolean hasPrimaryKey() {
    return !primaryKey.isEmpty();
  }

  public int columnCount() {
    return columns.size();
  }

  /** Index of the named column, or -1. */
  public int indexOf(String column) {
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).name().equals(column)) {
        return i;
      }
    }
    return -1;
  }

  public Optional<Column> column(String name) {
    int i = indexOf(name);
    return i < 0 ? Optional.empty() : Optional.of(columns.get(i));
  }

  /** Indexes of the primary-key columns, in key order. */
  public int[] primaryKeyIndexes() {
    int[] indexes = new int[primaryKey.size()];
    for (int i = 0; i < indexes.length; i++) {
      indexes[i] = indexOf(primaryKey.get(i));
    }
    return indexes;
  }

  public List<String> columnNames() {
    List<String> names = new ArrayList<>(columns.size());
    for (Column c : columns) {
      names.add(c.name());
    }
    return names;
  }

  public TableSchema withId(TableId newId) {
    return new TableSchema(newId, columns, primaryKey);
  }

  @Override
  public String toString() {
    return id + columns.toString() + " PK" + primaryKey;
  }

  /** Fluent construction, mostly for tests and in-memory tables. */
  public static final class Builder {
    private final TableId id;
    private final List<Column> columns = new ArrayList<>();
    private final List<String> primaryKey = new ArrayList<>();

    private Builder(TableId id) {
      this.id = Objects.requireNonNull(id, "id");
    }

    public Builder column(String name, DataType type) {
      columns.add(Column.of(name, type));
      return this;
    }

    /** Adds a NOT NULL column and appends it to the primary key. */
    public Builder primaryKey(String name, DataType type) {
      columns.add(Column.of(name, type.notNull()));
      primaryKey.add(name);
      return this;
    }

    public TableSchema build() {
      return new TableSchema(id, columns, primaryKey);
    }
  }
}
