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
import org.apache.paimon.types.DataTypeRoot;
import org.apache.paimon.types.RowType;

/**
 * Decides how an existing Paimon table follows a new target schema: add columns (always nullable, since old rows
 * have no value), drop columns, relax nullability and widen types losslessly. Everything else is refused with the
 * operators' wording, so the pipeline stops that table alone.
 */
final class SchemaEvolver {

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
        changes.add(SchemaChange.addColumn(c.name(), TypeMapping.toPaimon(c.type()).copy(true),
            TypeMapping.description(c.type())));
        continue;
      }
      DataField field = existing.getFields().get(i);
      DataType current = TypeMapping.toCore(field);
      requireSameTimeStorage(table, field, c.type());
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
      String description = TypeMapping.description(c.type());
      if (description != null && !description.equals(field.description())) {
        changes.add(SchemaChange.updateColumnComment(c.name(), description)); // TIME(4) -> TIME(6): same micros
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

  /**
   * A TIME column keeps its storage unit: Paimon TIME holds milliseconds, a BIGINT microseconds or nanoseconds, and
   * no in-place type change converts one into another (Paimon would cast the number, not rescale it). A table made
   * before TIME(p > 3) became BIGINT (its TIME(6) column holds milliseconds) is refused here too.
   */
  private static void requireSameTimeStorage(String table, DataField field, DataType wanted) {
    if (wanted.kind() != DataType.Kind.TIME) {
      return;
    }
    DataType current = TypeMapping.toCore(field);
    boolean paimonTime = field.type().getTypeRoot() == DataTypeRoot.TIME_WITHOUT_TIME_ZONE;
    long currentUnit = paimonTime ? 1_000_000L
        : current.kind() == DataType.Kind.TIME ? TypeMapping.timeUnitNanos(current.precision()) : -1;
    long wantedUnit = TypeMapping.timeUnitNanos(wanted.precision());
    if (currentUnit > 0 && currentUnit != wantedUnit) {
      throw new SchemaIncompatibleException("invalid modify column: " + table + "." + field.name() + " is stored as "
          + field.type().asSQLString() + " (" + unitName(currentUnit) + " of the day), which cannot hold " + wanted
          + " values (" + unitName(wantedUnit) + ") exactly and cannot be converted in place; drop the target table"
          + " and re-sync it, so it is created with " + wanted + " stored as " + TypeMapping.toPaimon(wanted)
          .asSQLString() + (TypeMapping.description(wanted) == null ? "" : " " + TypeMapping.description(wanted)));
    }
  }

  private static String unitName(long nanos) {
    return nanos == 1_000_000L ? "milliseconds" : nanos == 1_000L ? "microseconds" : "nanoseconds";
  }
}
