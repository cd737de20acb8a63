package io.tributary.sync.internal;

import io.tributary.sync.ExtendedField;
import io.tributary.sync.event.Column;
import io.tributary.sync.event.DataType;
import io.tributary.sync.event.Row;
import io.tributary.sync.event.TableId;
import io.tributary.sync.event.TableSchema;
import io.tributary.sync.memory.MemoryWarehouse;
import io.tributary.sync.spi.TargetTable;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * A target's rows as {@link MergeInvariant} compares them, written apart from the engine (no engine routing code):
 * split by the shard they belong to (by its extended fields when they tell shards apart, else by the key, which
 * names its shard), a shard's source rows mapped onto the target's columns, and rows by column name.
 */
final class ShardRows {

  private final SimulatedShards shards;
  private final MemoryWarehouse warehouse;
  private final Supplier<String> replay;

  ShardRows(SimulatedShards shards, MemoryWarehouse warehouse, Supplier<String> replay) {
    this.shards = shards;
    this.warehouse = warehouse;
    this.replay = replay;
  }

  /** {@code rows} with the marked columns null. */
  static Set<Row> blank(Set<Row> rows, boolean[] columns) {
    boolean any = false;
    for (boolean b : columns) {
      any |= b;
    }
    if (!any) {
      return rows;
    }
    Set<Row> out = new HashSet<>();
    for (Row r : rows) {
      Object[] v = r.values().clone();
      for (int i = 0; i < v.length; i++) {
        v[i] = columns[i] ? null : v[i];
      }
      out.add(Row.of(v));
    }
    return out;
  }

  /** {@code rows} of shard {@code t} (laid out by {@code schema}) as the target should hold them. */
  Set<Row> map(TableId t, TableSchema schema, Set<Row> rows, TargetTable layout) {
    List<Column> columns = layout.columns();
    int[] from = new int[columns.size()];
    for (int i = 0; i < from.length; i++) {
      from[i] = schema.indexOf(columns.get(i).name());
    }
    Set<Row> out = new HashSet<>();
    for (Row r : rows) {
      Object[] v = new Object[from.length];
      for (int i = 0; i < from.length; i++) {
        ExtendedField f = field(columns.get(i).name());
        if (f != null) {
          v[i] = f.valueOf(t);
        } else if (from[i] >= 0 && r.get(from[i]) != null) {
          Object x = r.get(from[i]);
          v[i] = columns.get(i).type().kind() == DataType.Kind.BIGINT ? (Object) ((Number) x).longValue() : x;
        }
      }
      out.add(Row.of(v));
    }
    return out;
  }

  ExtendedField field(String column) {
    for (ExtendedField f : shards.fields) {
      if (f.column().equals(column)) {
        return f;
      }
    }
    return null;
  }

  /** Rows by column name, nulls left out and integers as longs (a widened column holds the same values). */
  static Set<Map<String, Object>> named(Set<Row> rows, TargetTable layout) {
    Set<Map<String, Object>> named = new HashSet<>();
    for (Row r : rows) {
      Map<String, Object> m = new TreeMap<>();
      for (int i = 0; i < r.size(); i++) {
        Object v = r.get(i);
        if (v != null) {
          m.put(layout.columns().get(i).name(), v instanceof Integer n ? (Object) n.longValue() : v);
        }
      }
      named.add(m);
    }
    return named;
  }

  /** {@code target}'s rows by the shard they belong to (a row of none fails). */
  Map<TableId, Set<Row>> byShard(String target, TargetTable layout) {
    Map<TableId, Set<Row>> out = new HashMap<>();
    List<TableId> members = shards.members(target);
    int key = layout.indexOf("id");
    int[] fields = shards.fields.stream().mapToInt(f -> layout.indexOf(f.column())).toArray();
    for (Row r : warehouse.rows(target)) {
      TableId owner = null;
      if (!shards.merge()) {
        owner = members.get(0);
      } else if (shards.identifying(target)) {
        for (TableId t : members) {
          boolean all = true;
          for (int k = 0; k < fields.length && all; k++) {
            all = fields[k] >= 0 && shards.fields.get(k).valueOf(t).equals(r.get(fields[k]));
          }
          owner = all ? t : owner;
        }
      } else {
        owner = shards.ownerOfKey(target, ((Number) r.get(key)).longValue());
      }
      if (owner == null) {
        fail("target " + target + " (columns " + names(layout) + ") holds row " + r + ", which belongs to no shard");
      }
      out.computeIfAbsent(owner, x -> new HashSet<>()).add(r);
    }
    return out;
  }

  /**
   * Frozen rows without the columns the target no longer has: merge mode plans a target from its live members, so a
   * column only a stopped or removed shard had is dropped with its values (a schema change of the target, not a
   * write to the shard's rows; see the report of issue 12's simulator).
   */
  static Set<Map<String, Object>> present(Set<Map<String, Object>> rows, List<String> columns) {
    Set<Map<String, Object>> out = new HashSet<>();
    for (Map<String, Object> r : rows) {
      Map<String, Object> m = new TreeMap<>(r);
      m.keySet().retainAll(columns);
      out.add(m);
    }
    return out;
  }

  /** Rows by column name with the columns of {@code renamedFrom} (new name to old) under their new names. */
  static Set<Map<String, Object>> renamed(Set<Map<String, Object>> rows, Map<String, String> renamedFrom) {
    if (renamedFrom.isEmpty()) {
      return rows;
    }
    Set<Map<String, Object>> out = new HashSet<>();
    for (Map<String, Object> r : rows) {
      Map<String, Object> m = new TreeMap<>(r);
      renamedFrom.forEach((to, from) -> m.remove(from));
      renamedFrom.forEach((to, from) -> {
        if (r.containsKey(from)) {
          m.put(to, r.get(from));
        }
      });
      out.add(m);
    }
    return out;
  }

  static List<String> names(TargetTable layout) {
    return layout == null ? List.of() : layout.columns().stream().map(Column::name).toList();
  }

  static String diff(Set<Map<String, Object>> before, Set<Map<String, Object>> now) {
    Set<Map<String, Object>> gone = new HashSet<>(before);
    gone.removeAll(now);
    Set<Map<String, Object>> added = new HashSet<>(now);
    added.removeAll(before);
    return "gone " + gone + ", new " + added;
  }

  private void fail(String what) {
    throw new AssertionError(replay.get() + ": " + what);
  }
}
