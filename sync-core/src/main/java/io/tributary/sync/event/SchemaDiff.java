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

  /** Compares two schemas of one table by column name. */
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
    return new SchemaDiff(before, after, changes);
  }

  public boolean isEmpty() {
    return changes.isEmpty();
  }

  /**
   * Why a primary-key target cannot follow this change, with details, or empty when it can (added nullable columns,
   * dropped non-key columns, lossless widening, nullability relaxed).
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
    return before.id() + " " + changes;
  }
}
