package io.tributary.sync.internal;

import io.tributary.sync.ExtendedField;
import io.tributary.sync.SchemaIncompatibleException;
import io.tributary.sync.event.Column;
import io.tributary.sync.event.DataType;
import io.tributary.sync.event.RowFilter;
import io.tributary.sync.event.TableSchema;
import io.tributary.sync.spi.TargetTable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Derives a target table from the schemas of its member source tables: one member in mirror mode, the shards of a
 * virtual table in merge mode (union of columns, lossless widening, nullable where a shard lacks a column), plus
 * extended fields, optionally in the primary key.
 */
final class TargetPlanner {

  private final List<ExtendedField> extendedFields;
  private final boolean extendedFieldsInKey;
  private final boolean heterogeneousMerge;

  public TargetPlanner(List<ExtendedField> extendedFields, boolean extendedFieldsInKey, boolean heterogeneousMerge) {
    this.extendedFields = List.copyOf(extendedFields);
    this.extendedFieldsInKey = extendedFieldsInKey;
    this.heterogeneousMerge = heterogeneousMerge;
  }

  public List<ExtendedField> extendedFields() {
    return extendedFields;
  }

  /**
   * The target for {@code members}.
   *
   * @throws SchemaIncompatibleException naming the tables and columns when the members cannot be merged
   */
  public TargetTable plan(String name, List<TableSchema> members) {
    TableSchema first = members.get(0);
    Map<String, DataType> columns = new LinkedHashMap<>();
    Map<String, Integer> presence = new LinkedHashMap<>();
    for (TableSchema m : members) {
      if (!m.primaryKey().equals(first.primaryKey())) {
        throw new SchemaIncompatibleException("pk column different: virtual table " + name + " merges "
            + first.id() + " with primary key " + first.primaryKey() + " and " + m.id() + " with primary key "
            + m.primaryKey() + "; shards of one virtual table need the same primary-key columns");
      }
      if (!heterogeneousMerge && !m.columns().equals(first.columns())) {
        throw new SchemaIncompatibleException("virtual table " + name + ": " + m.id() + " has columns "
            + m.columns() + " but " + first.id() + " has " + first.columns()
            + "; enable heterogeneousMerge() to merge shards whose columns differ");
      }
      for (Column c : m.columns()) {
        presence.merge(c.name(), 1, Integer::sum);
        DataType prev = columns.get(c.name());
        if (prev == null) {
          columns.put(c.name(), c.type());
        } else {
          Optional<DataType> common = DataType.commonWidening(prev, c.type());
          if (common.isEmpty()) {
            throw new SchemaIncompatibleException("virtual table " + name + ": column " + c.name() + " is "
                + prev + " in one shard and " + c.type() + " in " + m.id()
                + "; no lossless common type exists: align the source column types or exclude the table");
          }
          columns.put(c.name(), common.get());
        }
      }
    }
    List<Column> out = new ArrayList<>();
    columns.forEach((n, t) -> {
      boolean inAll = presence.get(n) == members.size();
      out.add(Column.of(n, inAll || first.primaryKey().contains(n) ? t : t.withNullable(true)));
    });
    List<String> key = new ArrayList<>(first.primaryKey());
    for (ExtendedField f : extendedFields) {
      if (columns.containsKey(f.column())) {
        throw new SchemaIncompatibleException("source column " + f.column() + " of " + first.id()
            + " collides with the extended field of the same name; rename the column or disable the field");
      }
      DataType t = extendedFieldsInKey ? DataType.string().notNull() : DataType.string();
      out.add(Column.of(f.column(), t));
      if (extendedFieldsInKey) {
        key.add(f.column());
      }
    }
    return new TargetTable(name, out, key);
  }

  /**
   * {@code planned} with each column at least as wide as in the {@code stopped} members that have it: a merge target
   * is planned from its live members, and without a stopped shard's wider type a column would narrow (BIGINT to INT),
   * which the writer refuses, stopping every healthy member at the next start (a column only stopped shards have is
   * dropped, as documented).
   */
  TargetTable keepWidths(TargetTable planned, List<TableSchema> stopped) {
    if (stopped.isEmpty()) {
      return planned;
    }
    List<Column> out = new ArrayList<>();
    for (Column c : planned.columns()) {
      DataType type = c.type();
      for (TableSchema s : stopped) {
        int i = s.indexOf(c.name());
        if (i >= 0) {
          type = DataType.commonWidening(type, s.columns().get(i).type()).orElse(type);
        }
      }
      out.add(type.equals(c.type()) ? c : Column.of(c.name(), type));
    }
    return new TargetTable(planned.name(), out, planned.primaryKey());
  }

  /**
   * The target rows a full sync of {@code source} replaces: the whole table in mirror mode; in merge mode the rows
   * the extended fields attribute to the source table when they tell it apart from every other member, else none
   * (an upsert merge: rows deleted at the source while no log was read may then remain, see the docs).
   */
  public RowFilter replaceScope(io.tributary.sync.event.TableId source, List<io.tributary.sync.event.TableId> members,
      boolean mirror) {
    if (mirror) {
      return RowFilter.all();
    }
    if (extendedFields.isEmpty()) {
      return null;
    }
    for (io.tributary.sync.event.TableId other : members) {
      if (!other.equals(source)
          && extendedFields.stream().allMatch(f -> f.valueOf(other).equals(f.valueOf(source)))) {
        return null;
      }
    }
    RowFilter[] parts = new RowFilter[extendedFields.size()];
    for (int i = 0; i < parts.length; i++) {
      ExtendedField f = extendedFields.get(i);
      parts[i] = RowFilter.eq(f.column(), f.valueOf(source));
    }
    return parts.length == 1 ? parts[0] : RowFilter.and(parts);
  }
}
