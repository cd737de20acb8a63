package io.tributary.sync.event;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The column-level difference between two schemas of a table, with the first reason the change is incompatible
 * with an evolving primary-key target, if any. Reasons use the operators' wording: {@code pk column different},
 * {@code pk column type mismatch}, {@code invalid modify column}.
 *
 * <p>Columns are matched by name, except those a rename links ({@link #renamedFrom}): a renamed column is the same
 * column under a new name ({@link ColumnRenamed}, plus {@link ColumnTypeChanged} under the new name when one clause
 * also changed its type), not a drop and an add.
 *
 * @param before      the schema the pipeline knew
 * @param after       the new schema
 * @param changes     column changes, in the new schema's order for additions
 * @param renamedFrom the renames this diff honoured: new name to old name (see {@link #between(TableSchema,
 *                    TableSchema, Map)})
 */
public record SchemaDiff(TableSchema before, TableSchema after, List<ColumnChange> changes,
    Map<String, String> renamedFrom) {

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
    renamedFrom = Map.copyOf(renamedFrom);
  }

  public SchemaDiff(TableSchema before, TableSchema after, List<ColumnChange> changes) {
    this(before, after, changes, Map.of());
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
   * A column was renamed; its values stay. {@link #name()} is the new name. A type change made by the same clause
   * (MySQL {@code CHANGE a b BIGINT}) is reported as well, as a {@link ColumnTypeChanged} under the new name.
   */
  public record ColumnRenamed(String from, String to) implements ColumnChange {
    @Override
    public String name() {
      return to;
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
    return between(before, after, Map.of());
  }

  /**
   * Compares two schemas of one table, columns linked by {@code renamedFrom} (new name to old name, see
   * {@link SchemaChange#renamedFrom()}) and otherwise by name. A rename naming a column missing on either side, or
   * an old column twice, does not describe these schemas and is ignored (those columns then compare by name).
   */
  public static SchemaDiff between(TableSchema before, TableSchema after, Map<String, String> renamedFrom) {
    Map<String, String> renames = effectiveRenames(before, after, renamedFrom);
    Map<String, String> origin = origins(before, after, renames);
    List<ColumnChange> changes = new ArrayList<>();
    for (Column old : before.columns()) {
      if (!origin.containsValue(old.name())) {
        changes.add(new ColumnDropped(old));
      }
    }
    for (Column now : after.columns()) {
      String from = origin.get(now.name());
      if (from == null) {
        changes.add(new ColumnAdded(now));
        continue;
      }
      if (!from.equals(now.name())) {
        changes.add(new ColumnRenamed(from, now.name()));
      }
      DataType was = before.column(from).orElseThrow().type();
      if (!was.equals(now.type())) {
        changes.add(new ColumnTypeChanged(now.name(), was, now.type()));
      }
    }
    changes.addAll(moves(before, after, origin));
    return new SchemaDiff(before, after, changes, renames);
  }

  private static Map<String, String> effectiveRenames(TableSchema before, TableSchema after,
      Map<String, String> renamedFrom) {
    Map<String, String> out = new HashMap<>();
    Set<String> sources = new HashSet<>();
    renamedFrom.forEach((now, old) -> {
      if (!now.equals(old) && after.indexOf(now) >= 0 && before.indexOf(old) >= 0 && sources.add(old)) {
        out.put(now, old);
      }
    });
    return out;
  }

  /** Per column of {@code after}, the column of {@code before} it continues; absent for an added column. */
  private static Map<String, String> origins(TableSchema before, TableSchema after, Map<String, String> renames) {
    Map<String, String> origin = new HashMap<>();
    for (String now : after.columnNames()) {
      String old = renames.get(now);
      if (old == null && before.indexOf(now) >= 0 && !renames.containsValue(now)) {
        old = now; // kept under its name; a name another column was renamed away from is a new column here
      }
      if (old != null) {
        origin.put(now, old);
      }
    }
    return origin;
  }

  /** The kept columns outside a longest common subsequence of the two orders (the others kept their order). */
  private static List<ColumnMoved> moves(TableSchema before, TableSchema after, Map<String, String> origin) {
    List<String> a = new ArrayList<>(); // kept columns in the old order, by old name
    for (String n : before.columnNames()) {
      if (origin.containsValue(n)) {
        a.add(n);
      }
    }
    List<String> b = new ArrayList<>(); // the same columns in the new order, by old name
    for (String n : after.columnNames()) {
      if (origin.containsKey(n)) {
        b.add(origin.get(n));
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
    Set<String> stayed = new HashSet<>();
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
    for (String now : after.columnNames()) {
      String old = origin.get(now);
      if (old != null && !stayed.contains(old)) {
        moved.add(new ColumnMoved(now, before.indexOf(old), after.indexOf(now)));
      }
    }
    return moved;
  }

  /** The renames among the changes. */
  public List<ColumnRenamed> renames() {
    return changes.stream().filter(ColumnRenamed.class::isInstance).map(ColumnRenamed.class::cast).toList();
  }

  /** The old primary key under its new names: equal to the new key when the key only had columns renamed. */
  private List<String> keyAfterRenames() {
    Map<String, String> newName = new HashMap<>();
    renamedFrom.forEach((now, old) -> newName.put(old, now));
    return before.primaryKey().stream().map(k -> newName.getOrDefault(k, k)).toList();
  }

  /**
   * Whether the primary key's names (or columns, or order) changed. A rename of a key column counts: it keeps the
   * key's values ({@link #incompatibility()} allows it) but a target that is not evolved could no longer be keyed.
   */
  public boolean keyChanged() {
    return !before.primaryKey().equals(after.primaryKey());
  }

  /** Whether nothing a pipeline depends on changed: same columns, types, order and primary key. */
  public boolean isEmpty() {
    return changes.isEmpty() && !keyChanged();
  }

  /**
   * Why a primary-key target cannot follow this change, with details, or empty when it can (added nullable columns,
   * dropped non-key columns, renamed columns (key columns included), lossless widening, nullability relaxed,
   * columns moved).
   */
  public Optional<String> incompatibility() {
    if (!keyAfterRenames().equals(after.primaryKey())) {
      return Optional.of(PK_COLUMN_DIFFERENT + ": " + before.primaryKey() + " -> " + after.primaryKey());
    }
    for (ColumnChange change : changes) {
      if (change instanceof ColumnTypeChanged t) {
        boolean pk = after.primaryKey().contains(t.name()); // the new name: a renamed key column is still key
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
