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

  final MemoryDatabase db = new MemoryDatabase("src");
  private final Random rnd;
  private final Consumer<Object> trace;
  private final List<TableId> ids = new ArrayList<>();
  /** Source rows after each change, by the log position right after it. */
  private final TreeMap<Long, Map<TableId, Set<Row>>> history = new TreeMap<>();
  /** The tables' schemas after each change, keyed like {@link #history}. */
  private final TreeMap<Long, Map<TableId, TableSchema>> schemas = new TreeMap<>();
  private long nextKey = 1;
  private int nextColumn = 1;

  SimulatedSource(Random rnd, Consumer<Object> trace) {
    this.rnd = rnd;
    this.trace = trace;
    int tables = 1 + rnd.nextInt(3);
    for (int i = 0; i < tables; i++) {
      TableId id = db.tableId("app", "app", "t" + i);
      db.createTable(TableSchema.builder(id).primaryKey("id", DataType.bigint()).column("v", DataType.bigint())
          .build());
      ids.add(id);
      int rows = rnd.nextInt(25);
      for (int r = 0; r < rows; r++) {
        db.insert(id, nextKey++, (long) rnd.nextInt(100));
      }
    }
    record();
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
   * A full row of {@code t} with the key of {@code existing} (null: a new key): random values, some null (never in
   * a key column; columns may have been reordered, renamed or made key by a schema change).
   */
  Object[] values(TableId t, Row existing) {
    TableSchema schema = db.schema(t);
    Object[] values = new Object[schema.columnCount()];
    for (int i = 0; i < values.length; i++) {
      boolean key = schema.primaryKey().contains(schema.columns().get(i).name());
      if (key) {
        values[i] = existing != null ? existing.get(i) : (Object) nextKey++;
      } else {
        values[i] = rnd.nextInt(8) == 0 ? null : (Object) (long) rnd.nextInt(100);
      }
    }
    return values;
  }

  /** A compatible schema change: a column added, or one added earlier dropped (applied by the evolve policy). */
  void alter() {
    TableId t = randomTable();
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
