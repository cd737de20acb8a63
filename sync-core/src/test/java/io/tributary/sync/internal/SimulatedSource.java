package io.tributary.sync.internal;

import io.tributary.sync.event.DataType;
import io.tributary.sync.event.Row;
import io.tributary.sync.event.TableId;
import io.tributary.sync.event.TableSchema;
import io.tributary.sync.memory.MemoryDatabase;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The source side of a {@link DeciderSimulation}: an in-memory database of 1-3 tables changed by random
 * transactions, truncates and (opt-in) column changes, which remembers its rows after each change by log position,
 * so a checkpoint can be checked against the source as of its position.
 */
final class SimulatedSource {

  final MemoryDatabase db;
  private final Random rnd;
  private final Consumer<Object> trace;
  private final List<TableId> ids = new ArrayList<>();
  /** Source rows after each change, by the log position right after it. */
  private final TreeMap<Long, Map<TableId, Set<Row>>> history = new TreeMap<>();
  /** The tables' schemas after each change, keyed like {@link #history}. */
  private final TreeMap<Long, Map<TableId, TableSchema>> schemas = new TreeMap<>();
  private long nextKey = 1;
  private int nextColumn = 1;
  /** Primary-key values of new rows, per table (sim-merge: shards draw keys that tell their rows apart). */
  private final java.util.function.ToLongFunction<TableId> keys;

  SimulatedSource(Random rnd, Consumer<Object> trace) {
    this("src", rnd, trace, null, null, 25);
  }

  /**
   * A source named {@code name} (sim-merge): {@code tables} null for 1-3 mirror tables {@code app.t0..}, else these
   * tables (the {@link SimulatedShards} lay them out); {@code keys} null for one counter over all tables; each table
   * starts with fewer than {@code maxRows} rows.
   */
  SimulatedSource(String name, Random rnd, Consumer<Object> trace, List<TableSchema> tables,
      java.util.function.ToLongFunction<TableId> keys, int maxRows) {
    this.db = new MemoryDatabase(name, java.time.Clock.fixed(java.time.Instant.EPOCH, java.time.ZoneOffset.UTC)); // same seed, same run
    this.rnd = rnd;
    this.trace = trace;
    this.keys = keys != null ? keys : t -> nextKey++;
    List<TableSchema> layout = new ArrayList<>(tables == null ? List.of() : tables);
    if (tables == null) {
      int n = 1 + rnd.nextInt(3);
      for (int i = 0; i < n; i++) {
        layout.add(TableSchema.builder(db.tableId("app", "app", "t" + i)).primaryKey("id", DataType.bigint())
            .column("v", DataType.bigint()).build());
      }
    }
    for (TableSchema schema : layout) {
      TableId id = schema.id();
      db.createTable(schema);
      ids.add(id);
      int rows = rnd.nextInt(maxRows);
      for (int r = 0; r < rows; r++) {
        db.insert(id, values(id, null));
      }
    }
    record();
  }

  List<TableId> ids() {
    return ids;
  }

  List<TableId> tables() {
    return ids;
  }

  TableId randomTable() {
    return ids.get(rnd.nextInt(ids.size()));
  }

  /** The source's rows as of log position {@code index}, with the position of the change they follow. */
  Map.Entry<Long, Map<TableId, Set<Row>>> asOf(long index) {
    return history.floorEntry(index);
  }

  /** The source's rows right after the change that follows the one at {@code key}, or null. */
  Map.Entry<Long, Map<TableId, Set<Row>>> next(long key) {
    return history.higherEntry(key);
  }

  /** Table {@code t}'s schema after the change at {@code key}. */
  TableSchema schemaAt(long key, TableId t) {
    return schemas.get(key).get(t);
  }

  /** Whether table {@code t} had column {@code column} after some change up to the one at {@code key}. */
  boolean hadColumn(TableId t, String column, long key) {
    for (Map<TableId, TableSchema> m : schemas.headMap(key, true).values()) {
      if (m.get(t).indexOf(column) >= 0) {
        return true;
      }
    }
    return false;
  }

  /** Whether table {@code t}'s schema ever changed. */
  boolean schemaChanged(TableId t) {
    TableSchema first = schemas.firstEntry().getValue().get(t);
    return schemas.values().stream().anyMatch(m -> !m.get(t).equals(first));
  }

  void transaction() {
    trace.accept("TX at " + db.lastSeq());
    db.transaction(() -> {
      int ops = 1 + rnd.nextInt(3);
      for (int i = 0; i < ops; i++) {
        TableId t = randomTable();
        List<Row> rows = db.rows(t);
        int kind = rows.isEmpty() ? 0 : rnd.nextInt(3);
        if (kind == 0) {
          db.insert(t, values(t, null));
        } else if (kind == 1) {
          db.update(t, values(t, rows.get(rnd.nextInt(rows.size()))));
        } else {
          Row row = rows.get(rnd.nextInt(rows.size()));
          db.delete(t, row.project(db.schema(t).primaryKeyIndexes()).values());
        }
      }
    });
    record();
  }

  /**
   * A full row of {@code t} with the key of {@code existing} (null: a new key, drawn by the table's key function):
   * random values of each column's type, some null (never in a key column; columns may have been reordered, renamed
   * or made key by a schema change).
   */
  Object[] values(TableId t, Row existing) {
    TableSchema schema = db.schema(t);
    Object[] values = new Object[schema.columnCount()];
    for (int i = 0; i < values.length; i++) {
      boolean key = schema.primaryKey().contains(schema.columns().get(i).name());
      if (key) {
        values[i] = existing != null ? existing.get(i) : (Object) keys.applyAsLong(t);
      } else {
        int v = rnd.nextInt(100);
        values[i] = rnd.nextInt(8) == 0 ? null
            : schema.columns().get(i).type().kind() == DataType.Kind.INT ? (Object) v : (Object) (long) v;
      }
    }
    return values;
  }

  /**
   * A compatible schema change: a column added, or one added earlier dropped (applied by the evolve policy); none
   * when the drawn table is one to {@code skip}.
   */
  void alter(java.util.function.Predicate<TableId> skip) {
    TableId t = randomTable();
    if (skip.test(t)) {
      return; // a gap not drawn (SimulatedShards.UPSERT_RESYNC_ALTER)
    }
    alterTable(t);
  }

  /** A column added to or dropped from {@code t} (drawn as {@link #alter} does). */
  void alterTable(TableId t) {
    TableSchema schema = db.schema(t);
    List<String> droppable = schema.columnNames().stream().filter(c -> !schema.primaryKey().contains(c)).toList();
    if (droppable.size() > 1 && rnd.nextBoolean()) { // a non-key column, keeping one (columns may be reordered)
      String drop = droppable.get(1 + rnd.nextInt(droppable.size() - 1));
      trace.accept("DROP COLUMN " + t + "." + drop + " at " + db.lastSeq());
      db.dropColumn(t, drop);
    } else {
      String add = "c" + (nextColumn++);
      trace.accept("ADD COLUMN " + t + "." + add + " at " + db.lastSeq());
      db.addColumn(t, io.tributary.sync.event.Column.of(add, DataType.bigint()));
    }
    record();
  }

  /** A TRUNCATE: the table's target rows go (or its running sync starts over). */
  void truncate() {
    TableId t = randomTable();
    trace.accept("TRUNCATE " + t + " at " + db.lastSeq());
    db.truncate(t);
    record();
  }

  void record() {
    Map<TableId, Set<Row>> state = new LinkedHashMap<>();
    Map<TableId, TableSchema> schema = new LinkedHashMap<>();
    for (TableId t : ids) {
      state.put(t, new HashSet<>(db.rows(t)));
      schema.put(t, db.schema(t));
    }
    history.put(db.lastSeq(), state);
    schemas.put(db.lastSeq(), schema);
    trace.accept("source at " + db.lastSeq() + ": " + state);
  }

}
