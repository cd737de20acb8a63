package io.tributary.paimon.internal;

import io.tributary.sync.SchemaIncompatibleException;
import io.tributary.sync.event.Column;
import io.tributary.sync.event.DataType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.paimon.schema.SchemaChange;
import org.apache.paimon.types.DataField;
import org.apache.paimon.types.RowType;

/**
 * Decides how an existing Paimon table follows a new target schema: add columns (always nullable, since old rows
 * have no value), drop columns, relax nullability and widen types losslessly. Everything else is refused with the
 * operators' wording, so the pipeline stops that table alone.
 */
public final class SchemaEvolver {

  private SchemaEvolver() {}

  /**
   * The changes turning {@code existing} into {@code columns} with key {@code primaryKey}; empty if none.
   *
   * @param ignored column names never touched (the staging table's own bookkeeping fields)
   * @throws SchemaIncompatibleException for a different key, a key type change or a narrowing change
   */
  public static List<SchemaChange> changes(String table, RowType existing, List<String> existingKey,
      List<Column> columns, List<String> primaryKey, Set<String> ignored) {
    if (!existingKey.equals(primaryKey)) {
      throw new SchemaIncompatibleException("pk column different: table " + table + " has primary key "
          + existingKey + " but the new schema has " + primaryKey + "; re-create the target table and re-sync");
    }
    List<SchemaChange> changes = new ArrayList<>();
    Set<String> wanted = new HashSet<>();
    for (Column c : columns) {
      wanted.add(c.name());
      int i = existing.getFieldIndex(c.name());
      if (i < 0) {
        changes.add(SchemaChange.addColumn(c.name(), TypeMapping.toPaimon(c.type()).copy(true)));
        continue;
      }
      DataField field = existing.getFields().get(i);
      DataType current = TypeMapping.toCore(field.type());
      if (primaryKey.contains(c.name())) {
        if (!TypeMapping.samePaimonType(current, c.type())) {
          throw new SchemaIncompatibleException("pk column type mismatch: " + table + "." + c.name() + " is "
              + current + " in the target but " + c.type() + " in the new schema; a key type cannot change in"
              + " place because it decides the bucket, re-create the target table and re-sync");
        }
        continue;
      }
      if (!TypeMapping.samePaimonType(current, c.type())) {
        if (!current.widensLosslesslyTo(c.type())) {
          throw new SchemaIncompatibleException("invalid modify column: " + table + "." + c.name() + " from "
              + current + " to " + c.type() + " is not a lossless widening; revert the source change or re-sync"
              + " the table into a new target");
        }
        changes.add(SchemaChange.updateColumnType(c.name(), TypeMapping.toPaimon(c.type()), true));
      }
      if (!field.type().isNullable() && c.type().nullable()) {
        changes.add(SchemaChange.updateColumnNullability(c.name(), true));
      }
      // A nullable column that becomes NOT NULL stays nullable: old rows may hold nulls, and it loses nothing.
    }
    for (DataField f : existing.getFields()) {
      if (!wanted.contains(f.name()) && !ignored.contains(f.name())) {
        changes.add(SchemaChange.dropColumn(f.name()));
      }
    }
    return changes;
  }
}
