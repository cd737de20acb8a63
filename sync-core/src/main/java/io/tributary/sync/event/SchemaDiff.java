package io.tributary.sync.event;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The column-level difference between two schemas of a table, with the first reason the change is incompatible
 * with an evolving primary-key target, if any. Reasons use the operators' wording: {@code pk column different},
 * {@code pk column type mismatch}, {@code invalid modify column}.
 *
 * @param before  the schema the pipeline knew
 * @param after   the new schema
 * @param changes column changes, in the new schema's order for additions
 */
public record SchemaDiff(TableSchema before, TableSchema after, List<ColumnChange> changes) {

  /** Reason: the primary-key column list changed. */
  public static final String PK_COLUMN_DIFFERENT = "pk column different";
  /** Reason: a primary-key column's type changed. */
  public static final String PK_COLUMN_TYPE_MISMATCH = "pk column type mismatch";
  /** Reason: a column's type changed in a way that is not a lossless widening. */
  public static final String INVALID_MODIFY_COLUMN = "invalid modify column";

  public SchemaDiff {
    Objects.requireNonNull(before, "before");
    Objects.requireNonNull(after, "after");
    changes = List.copyOf(changes);
  }

  /** One column's change. */
  public sealed interface ColumnChange {
    /** The column's name. */
    String name();
  }

  /** A column was added. */
  public record ColumnAdded(Column column) implements ColumnChange {
    @Override
    public String name() {
      return column.name();
    }
  }

  /** A column was dropped. */
  public record ColumnDropped(Column column) implements ColumnChange {
    @Override
    public String name() {
      return column.name();
    }
  }

  /** A column's type (or nullability) changed. */
  public record ColumnTypeChanged(String name, DataType from, DataType to) implements ColumnChange {
    /** Whether every old value fits the new type exactly. */
    public boolean lossless() {
      return from.widensLosslesslyTo(to);
    }
  }

  /**
   * A column kept its name and type but moved relative to the other kept columns (e.g. MySQL {@code MODIFY ... AFTER}
   * or {@code FIRST}). Rows are laid out in column order, so whatever maps rows by position must be rebuilt.
   *
   * @param from index in the old schema
   * @param to   index in the new schema
   */
  public record ColumnMoved(String name, int from, int to) implements ColumnChange {
  }

  /** Compares two schemas of one table by column name; moves are reported for the fewest columns that explain them. */
  public static SchemaDiff between(TableSchema before, TableSchema after) {
    List<ColumnChange> changes = new ArrayList<>();
    for (Column old : before.columns()) {
      if (after.indexOf(old.name()) < 0) {
        changes.add(new ColumnDropped(old));
      }
    }
    for (Column now : after.columns()) {
      Optional<Column> old = before.column(now.name());
      if (old.isEmpty()) {
        changes.add(new ColumnAdded(now));
      } else if (!old.get().type().equals(now.type())) {
        changes.add(new ColumnTypeChanged(now.name(), old.get().type(), now.type()));
      }
    }
    changes.addAll(moves(before, after));
    return new SchemaDiff(before, after, changes);
  }

  /** The kept columns outside a longest common subsequence of the two orders (the others kept their order). */
  private static List<ColumnMoved> moves(TableSchema before, TableSchema after) {
    List<String> a = new ArrayList<>();
    for (String n : before.columnNames()) {
      if (after.indexOf(n) >= 0) {
        a.add(n);
      }
    }
    List<String> b = new ArrayList<>();
    for (String n : after.columnNames()) {
      if (before.indexOf(n) >= 0) {
        b.add(n);
      }
    }
    if (a.equals(b)) {
      return List.of();
    }
    int[][] lcs = new int[a.size() + 1][b.size() + 1];
    for (int i = a.size() - 1; i >= 0; i--) {
      for (int j = b.size() - 1; j >= 0; j--) {
        lcs[i][j] = a.get(i).equals(b.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
      }
    }
    java.util.Set<String> stayed = new java.util.HashSet<>();
    for (int i = 0, j = 0; i < a.size() && j < b.size(); ) {
      if (a.get(i).equals(b.get(j))) {
        stayed.add(a.get(i));
        i++;
        j++;
      } else if (lcs[i + 1][j] >= lcs[i][j + 1]) {
        i++;
      } else {
        j++;
      }
    }
    List<ColumnMoved> moved = new ArrayList<>();
    for (String n : b) {
      if (!stayed.contains(n)) {
        moved.add(new ColumnMoved(n, before.indexOf(n), after.indexOf(n)));
      }
    }
    return moved;
  }

  /** Whether the primary key (its columns or their order) changed. */
  public boolean keyChanged() {
    return !before.primaryKey().equals(after.primaryKey());
  }

  /** Whether nothing a pipeline depends on changed: same columns, types, order and primary key. */
  public boolean isEmpty() {
    return changes.isEmpty() && !keyChanged();
  }

  /**
   * Why a primary-key target cannot follow this change, with details, or empty when it can (added nullable columns,
   * dropped non-key columns, lossless widening, nullability relaxed, columns moved).
   */
  public Optional<String> incompatibility() {
    if (!before.primaryKey().equals(after.primaryKey())) {
      return Optional.of(PK_COLUMN_DIFFERENT + ": " + before.primaryKey() + " -> " + after.primaryKey());
    }
    for (ColumnChange change : changes) {
      if (change instanceof ColumnTypeChanged t) {
        boolean pk = before.primaryKey().contains(t.name());
        boolean sameKindAndSize = t.from().withNullable(true).equals(t.to().withNullable(true));
        if (pk && !sameKindAndSize) {
          return Optional.of(PK_COLUMN_TYPE_MISMATCH + ": " + t.name() + " " + t.from() + " -> " + t.to());
        }
        if (!pk && !t.lossless()) {
          return Optional.of(INVALID_MODIFY_COLUMN + ": " + t.name() + " " + t.from() + " -> " + t.to());
        }
      }
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return before.id() + " " + changes + (keyChanged() ? " primary key " + before.primaryKey() + " -> "
        + after.primaryKey() : "");
  }
}
