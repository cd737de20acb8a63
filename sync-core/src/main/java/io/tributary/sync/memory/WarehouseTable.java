package io.tributary.sync.memory;

import io.tributary.sync.SchemaIncompatibleException;
import io.tributary.sync.event.ColumnMask;
import io.tributary.sync.event.DataType;
import io.tributary.sync.event.Row;
import io.tributary.sync.event.RowFilter;
import io.tributary.sync.event.SchemaDiff;
import io.tributary.sync.event.TableSchema;
import io.tributary.sync.spi.TargetTable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One target table of a {@link MemoryWarehouse}: its committed rows by key and its staging areas, with the
 * operations of a commit applied to them and its schema evolved. Guarded by the warehouse's lock.
 */
final class WarehouseTable {

  /**
   * One staged image (or tombstone) of a key with its sequence number; {@code unchanged} columns carry no value
   * and resolve against the newest earlier version of the key at the merge.
   */
  record Staged(Row row, long seq, boolean delete, ColumnMask unchanged) {
  }

  TargetTable schema;
  int[] keyIndexes;
  final Map<Row, Row> rows = new LinkedHashMap<>();
  /**
   * Per staging area and key, the versions from the newest full image on, in sequence order and, within a
   * sequence number (one source transaction), in arrival order.
   */
  final Map<String, Map<Row, List<Staged>>> staging = new HashMap<>();

  WarehouseTable(TargetTable schema) {
    this.schema = schema;
    this.keyIndexes = schema.primaryKeyIndexes();
  }

  /**
   * Evolves the table to {@code wanted}; its columns named in {@code renamedFrom} take the values of the existing
   * columns it names (in committed rows and staging areas). A rename already made is skipped.
   */
  void evolve(TargetTable wanted, Map<String, String> renamedFrom) {
    Map<String, String> renames = new HashMap<>();
    renamedFrom.forEach((now, old) -> {
      if (schema.indexOf(old) >= 0 && !(schema.indexOf(now) >= 0 && !renamedFrom.containsValue(now))) {
        renames.put(now, old); // else already renamed (a replay): the column keeps its name
      }
    });
    SchemaDiff diff = SchemaDiff.between(schema.asSchema(), wanted.asSchema(), renames);
    Optional<String> why = diff.incompatibility();
    if (why.isPresent()) {
      throw new SchemaIncompatibleException("target table " + wanted.name() + ": " + why.get());
    }
    if (diff.isEmpty()) {
      return;
    }
    int[] from = new int[wanted.columns().size()];
    for (int i = 0; i < from.length; i++) {
      String name = wanted.columns().get(i).name();
      String old = diff.renamedFrom().get(name);
      from[i] = old != null ? schema.indexOf(old) : diff.renamedFrom().containsValue(name) ? -1
          : schema.indexOf(name);
    }
    // A widened column holds its values in the wider type, as a lakehouse table read after the change does.
    DataType[] widen = new DataType[from.length];
    for (int i = 0; i < from.length; i++) {
      DataType to = wanted.columns().get(i).type();
      widen[i] = from[i] >= 0 && schema.columns().get(from[i]).type().kind() != to.kind() ? to : null;
    }
    Map<Row, Row> relaid = new LinkedHashMap<>();
    rows.forEach((k, r) -> relaid.put(k, relayout(r, from, widen)));
    rows.clear();
    rows.putAll(relaid);
    for (Map<Row, List<Staged>> area : staging.values()) {
      area.values().forEach(versions -> versions.replaceAll(s -> new Staged(relayout(s.row(), from, widen), s.seq(),
          s.delete(), s.unchanged() == null ? null : s.unchanged().relayout(from))));
    }
    schema = wanted;
    keyIndexes = wanted.primaryKeyIndexes();
  }

  private static Row relayout(Row r, int[] from, DataType[] widen) {
    Object[] v = new Object[from.length];
    for (int i = 0; i < from.length; i++) {
      v[i] = from[i] < 0 ? null : NumericRetype.to(r.get(from[i]), widen[i]);
    }
    return Row.of(v);
  }

  void write(MemoryWarehouse.Op.Write w) {
    for (int i = 0; i < w.rows().length; i++) {
      Row key = w.rows()[i].project(keyIndexes);
      if (w.deletes()[i]) {
        rows.remove(key);
      } else {
        rows.put(key, w.rows()[i]);
      }
    }
  }

  void stage(MemoryWarehouse.Op.Stage s) {
    Map<Row, List<Staged>> area = staging.computeIfAbsent(s.staging(), k -> new HashMap<>());
    for (int i = 0; i < s.rows().length; i++) {
      Row key = s.rows()[i].project(keyIndexes);
      ColumnMask unchanged = s.unchanged() == null ? null : s.unchanged()[i];
      List<Staged> versions = area.computeIfAbsent(key, k -> new ArrayList<>(1));
      int at = versions.size();
      while (at > 0 && versions.get(at - 1).seq() > s.seqs()[i]) {
        at--; // after every version of a lower or equal sequence number: later writes win ties
      }
      versions.add(at, new Staged(s.rows()[i], s.seqs()[i], s.deletes()[i], unchanged));
      for (int v = versions.size() - 1; v > 0; v--) {
        if (versions.get(v).unchanged() == null) {
          versions.subList(0, v).clear(); // versions before the newest full image no longer matter
          break;
        }
      }
    }
  }

  void merge(MemoryWarehouse.Op.Merge m) {
    Map<Row, List<Staged>> area = staging.remove(m.staging());
    Map<Row, Row> before = new HashMap<>(); // the target rows unchanged columns may resolve against
    if (area != null) {
      area.forEach((key, versions) -> {
        if (versions.get(0).unchanged() != null && rows.containsKey(key)) {
          before.put(key, rows.get(key));
        }
      });
    }
    if (m.replaceScope() != null) {
      deleteWhere(m.replaceScope());
    }
    if (area != null) {
      area.forEach((key, versions) -> {
        Row row = fold(m.target(), key, before.get(key), versions);
        if (row == null) {
          rows.remove(key);
        } else {
          rows.put(key, row);
        }
      });
    }
  }

  /**
   * The key's final row after its staged versions in sequence order, each unchanged column taken from the newest
   * earlier version (the target's row before the merge for the oldest); null for a deleted key.
   */
  private static Row fold(String target, Row key, Row current, Iterable<Staged> versions) {
    for (Staged s : versions) {
      if (s.delete()) {
        current = null;
      } else if (s.unchanged() == null) {
        current = s.row();
      } else if (current == null) {
        throw new IllegalStateException("staged update of key " + key + " in " + target + " left columns "
            + s.unchanged() + " unchanged, and neither the staging area nor the target holds an earlier version");
      } else {
        current = s.unchanged().fill(s.row(), current);
      }
    }
    return current;
  }

  void deleteWhere(RowFilter filter) {
    TableSchema asSchema = schema.asSchema();
    rows.values().removeIf(r -> filter.test(asSchema, r));
  }
}
