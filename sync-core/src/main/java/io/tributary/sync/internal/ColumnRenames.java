package io.tributary.sync.internal;

import io.tributary.sync.spi.TargetTable;
import java.util.List;
import java.util.Map;

/**
 * Decides which of a source table's column renames rename its target's columns. A target column belongs to every
 * source table of its virtual table that has a column of that name, so a rename in one shard may rename it only when
 * no other shard uses the old or the new name; otherwise the new name becomes a column of its own and the old column
 * stays for the others (the engine then re-syncs the shard, so its rows hold their values under the new name only).
 * A statement's renames are applied all or none: a partial swap or chain could collide.
 */
final class ColumnRenames {

  private ColumnRenames() {
  }

  /**
   * The renames to make on {@code current} (new name to old name), or empty for a drop plus an add.
   *
   * @param current     the target as the run knows it, null before its first planning
   * @param changed     the source table that renamed columns
   * @param live        the target's live source tables, {@code changed} included, with their new schemas
   * @param renamedFrom the source table's renames
   * @param canRename   whether the writer declares the rename capability
   * @param out         where the decider's log lines go
   */
  static Map<String, String> forTarget(TargetTable current, TableRuntime changed, List<TableRuntime> live,
      Map<String, String> renamedFrom, boolean canRename, Effects out, String pipeline) {
    if (current == null || changed == null) {
      return Map.of();
    }
    for (TableRuntime other : live) {
      if (other == changed) {
        continue;
      }
      for (Map.Entry<String, String> r : renamedFrom.entrySet()) {
        if (other.schema.indexOf(r.getKey()) >= 0 || other.schema.indexOf(r.getValue()) >= 0) {
          out.info(ColumnRenames.class, "[{}] {} renamed {} in virtual table {}, whose source table {} uses {}: the"
              + " new names become columns of their own and the old ones stay for the other tables", pipeline,
              changed.id, renamedFrom, current.name(), other.id, other.schema.indexOf(r.getKey()) >= 0 ? r.getKey()
              : r.getValue());
          return Map.of();
        }
      }
    }
    if (!canRename) {
      out.warn(ColumnRenames.class, "[{}] {} renamed {}, but the writer cannot rename columns: {} gets the new"
          + " columns and drops the old ones, whose earlier values are lost (re-sync the table to fill them)", pipeline,
          changed.id, renamedFrom, current.name());
      return Map.of();
    }
    return renamedFrom;
  }
}
