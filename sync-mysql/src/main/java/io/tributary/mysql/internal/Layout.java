package io.tributary.mysql.internal;

import java.util.ArrayList;
import java.util.List;

/** A mutable column layout that ALTER specifications are applied to, then frozen into a {@link MySqlTable}. */
final class Layout {

  private final MySqlTable original;
  private final List<MySqlColumn> columns;
  private List<String> primaryKey;

  Layout(MySqlTable table) {
    this.original = table;
    this.columns = new ArrayList<>(table.columns());
    this.primaryKey = new ArrayList<>(table.schema().primaryKey());
  }

  /** Adds a column; an existing column of that name is left alone (replaying DDL already reflected is harmless). */
  void add(ColumnDefinition def, String after, boolean first) {
    if (indexOf(def.name()) >= 0) {
      return;
    }
    insert(def.toColumn(), after, first);
    if (def.primaryKey()) {
      primaryKey = List.of(def.name());
    }
  }

  void drop(String name) {
    int i = indexOf(name);
    if (i >= 0) {
      columns.remove(i);
      primaryKey = new ArrayList<>(primaryKey);
      primaryKey.remove(name);
    }
  }

  void replace(String oldName, ColumnDefinition def) {
    int i = indexOf(oldName);
    if (i < 0) {
      return;
    }
    columns.remove(i);
    MySqlColumn col = def.toColumn();
    if (def.first() || def.after() != null) {
      insert(col, def.after(), def.first());
    } else {
      columns.add(i, col);
    }
    renameKey(oldName, def.name());
    if (def.primaryKey()) {
      primaryKey = List.of(def.name());
    }
  }

  void rename(String oldName, String newName) {
    int i = indexOf(oldName);
    if (i >= 0) {
      columns.set(i, columns.get(i).renamed(newName));
      renameKey(oldName, newName);
    }
  }

  void primaryKey(List<String> names) {
    primaryKey = new ArrayList<>(names);
  }

  MySqlTable build() {
    List<String> key = primaryKey.stream().filter(k -> indexOf(k) >= 0).toList();
    return MySqlTable.of(original.id(), columns, key);
  }

  private void insert(MySqlColumn col, String after, boolean first) {
    if (first) {
      columns.add(0, col);
    } else if (after != null && indexOf(after) >= 0) {
      columns.add(indexOf(after) + 1, col);
    } else {
      columns.add(col);
    }
  }

  private void renameKey(String oldName, String newName) {
    List<String> key = new ArrayList<>(primaryKey);
    int k = key.indexOf(oldName);
    if (k >= 0) {
      key.set(k, newName);
    }
    primaryKey = key;
  }

  private int indexOf(String name) {
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).name().equalsIgnoreCase(name)) {
        return i;
      }
    }
    return -1;
  }
}
