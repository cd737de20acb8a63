package io.tributary.mysql.internal;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The clauses of one {@code ALTER TABLE}, collected, then applied to the table as it was before the statement the
 * way the server does it ({@code mysql_prepare_alter_table}): every DROP, CHANGE, MODIFY and RENAME COLUMN names a
 * column of the original table (so {@code RENAME COLUMN b TO d, RENAME COLUMN d TO b} swaps), kept and changed
 * columns stay in place, added ones go to the end, then FIRST/AFTER moves are made in statement order against the
 * new names. Column names compare case-insensitively, as in MySQL.
 */
final class Layout {

  /** One ADD ({@code old} null), CHANGE/MODIFY ({@code def} given) or RENAME COLUMN ({@code newName} given). */
  private record Change(String old, ColumnDefinition def, String newName) {
    String name() {
      return def != null ? def.name() : newName;
    }

    boolean positioned() {
      return def != null && (def.first() || def.after() != null);
    }
  }

  private record Slot(String name, MySqlColumn column) {
  }

  private final MySqlTable original;
  private final boolean mariaDb;
  private final Set<String> drops = new java.util.HashSet<>();
  private final List<Change> changes = new ArrayList<>();
  /** Filled by {@link #build}: columns of the original table that now have another name, new name to old. */
  private final Map<String, String> renamedFrom = new java.util.HashMap<>();
  private boolean dropKey;
  private List<String> addedKey;
  private String charset;
  private String convertTo;
  /** Whether this statement names the table's default charset: it stays the default even beside a CONVERT TO. */
  private boolean defaultNamed;

  Layout(MySqlTable table, boolean mariaDb) {
    this.original = table;
    this.mariaDb = mariaDb;
    this.charset = table.charset();
  }

  void add(ColumnDefinition def) {
    changes.add(new Change(null, def, null));
  }

  void drop(String name) {
    drops.add(lower(name));
  }

  /** CHANGE {@code old} or, with {@code old} the definition's own name, MODIFY. */
  void change(String old, ColumnDefinition def) {
    changes.add(new Change(old, def, null));
  }

  void rename(String old, String newName) {
    changes.add(new Change(old, null, newName));
  }

  void dropPrimaryKey() {
    dropKey = true;
  }

  void addPrimaryKey(List<String> names) {
    addedKey = List.copyOf(names);
  }

  /** {@code [DEFAULT] CHARACTER SET x}: the default of text columns defined without one. */
  void defaultCharset(String name) {
    charset = name;
    defaultNamed = true;
  }

  /**
   * {@code CONVERT TO CHARACTER SET x}: every text column converts, those this statement defines too (whatever
   * charset they name), and x becomes the default unless the statement also names one (MariaDB keeps {@code DEFAULT
   * CHARSET = latin1, CONVERT TO CHARACTER SET utf8mb4}'s latin1 as the default: DdlRandomizedIT seed 61963236936449).
   */
  void convert(String name) {
    convertTo = name;
    if (!defaultNamed) {
      charset = name;
    }
  }

  MySqlTable build() {
    List<Slot> out = new ArrayList<>();
    Map<Change, Boolean> placed = new IdentityHashMap<>();
    Map<Slot, Boolean> addedSlots = new IdentityHashMap<>(); // columns this statement adds
    for (MySqlColumn c : original.columns()) {
      if (drops.contains(lower(c.name()))) {
        continue;
      }
      Change ch = changeOf(c.name());
      if (ch == null) {
        out.add(new Slot(c.name(), convertTo != null ? recharset(c) : c));
      } else {
        out.add(new Slot(ch.name(), column(ch, c)));
        placed.put(ch, !ch.positioned());
        if (!ch.name().equals(c.name())) {
          renamedFrom.put(ch.name(), c.name()); // RENAME COLUMN or CHANGE: the same column, values kept
        }
      }
    }
    for (Change ch : changes) {
      if (placed.getOrDefault(ch, false)) {
        continue;
      }
      if (ch.old() != null && !placed.containsKey(ch)) {
        int added = indexOf(out, ch.old());
        if (added >= 0 && addedSlots.containsKey(out.get(added))) { // ADD c, MODIFY c: MariaDB redefines it
          Slot slot = new Slot(ch.name(), column(ch, out.get(added).column()));
          addedSlots.put(slot, true);
          if (ch.positioned()) {
            out.remove(added);
            place(out, slot, ch.def());
          } else {
            out.set(added, slot);
          }
        }
        continue; // else it names no column of the table: DDL replayed over a layout that has it, or IF EXISTS
      }
      if (ch.old() != null) {
        out.remove(indexOf(out, ch.name()));
      } else if (indexOf(out, ch.name()) >= 0) {
        continue; // ADD of a column the layout already has: replayed, or IF NOT EXISTS
      }
      Slot slot = new Slot(ch.name(), column(ch, null));
      if (ch.old() == null) {
        addedSlots.put(slot, true);
      }
      place(out, slot, ch.def());
    }
    List<MySqlColumn> columns = out.stream().map(Slot::column).toList();
    return MySqlTable.of(original.id(), columns, key(out), charset);
  }

  /**
   * After {@link #build}: the columns the statement renamed, new name to original name. Only columns of the
   * original table count, as only they can be renamed ({@code CHANGE} naming a column the statement adds redefines
   * it); a case-only change ({@code CHANGE a A}) is a rename too, since names downstream are case-sensitive.
   */
  Map<String, String> renamedFrom() {
    return Map.copyOf(renamedFrom);
  }

  private List<String> key(List<Slot> out) {
    List<String> key = new ArrayList<>();
    for (String k : original.schema().primaryKey()) {
      Change ch = changeOf(k);
      // A key part whose column is dropped goes, unless the statement adds a column of that name again: the
      // server matches key parts to the new columns by name (DROP a, ADD a ... keeps a in the key).
      if (!drops.contains(lower(k)) || addsColumn(k)) {
        key.add(ch != null ? ch.name() : k);
      }
    }
    if (dropKey) {
      key = List.of();
    }
    if (addedKey != null) {
      key = addedKey;
    }
    for (Change ch : changes) {
      if (ch.def() != null && ch.def().primaryKey()) {
        key = List.of(ch.def().name());
      }
    }
    List<String> resolved = new ArrayList<>(); // the columns' own spelling: names compare case-insensitively
    for (String k : key) {
      int i = indexOf(out, k);
      if (i >= 0) {
        resolved.add(out.get(i).name());
      }
    }
    return resolved;
  }

  private boolean addsColumn(String name) {
    return changes.stream().anyMatch(ch -> ch.old() == null && ch.name().equalsIgnoreCase(name));
  }

  private MySqlColumn column(Change ch, MySqlColumn old) {
    if (ch.def() == null) {
      MySqlColumn renamed = old.renamed(ch.newName());
      return convertTo != null ? recharset(renamed) : renamed;
    }
    MySqlColumn defined = ch.def().toColumn(charset, mariaDb);
    return convertTo != null ? recharset(defined) : defined; // CONVERT TO overrides even an explicit charset
  }

  private MySqlColumn recharset(MySqlColumn c) {
    return switch (c.family()) {
      case CHAR, TEXT, ENUM, SET -> new MySqlColumn(c.name(), c.type(), c.family(), c.unsigned(), c.length(),
          ColumnTypes.charset(convertTo), c.members());
      default -> c;
    };
  }

  private Change changeOf(String originalName) {
    for (Change ch : changes) {
      if (ch.old() != null && ch.old().equalsIgnoreCase(originalName)) {
        return ch;
      }
    }
    return null;
  }

  private static void place(List<Slot> out, Slot slot, ColumnDefinition def) {
    int after = def.after() == null ? -1 : indexOf(out, def.after());
    if (def.first()) {
      out.add(0, slot);
    } else if (after >= 0) {
      out.add(after + 1, slot);
    } else {
      out.add(slot);
    }
  }

  private static int indexOf(List<Slot> out, String name) {
    for (int i = 0; i < out.size(); i++) {
      if (out.get(i).name().equalsIgnoreCase(name)) {
        return i;
      }
    }
    return -1;
  }

  private static String lower(String name) {
    return name.toLowerCase(Locale.ROOT);
  }
}
