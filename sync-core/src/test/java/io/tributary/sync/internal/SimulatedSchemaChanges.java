package io.tributary.sync.internal;

import io.tributary.sync.ErrorCode;
import io.tributary.sync.event.Column;
import io.tributary.sync.event.DataType;
import io.tributary.sync.event.Row;
import io.tributary.sync.event.TableId;
import io.tributary.sync.event.TableSchema;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * The schema changes of the corruption issue in a {@link DeciderSimulation}, made at the source: column renames (key
 * columns too; the writer may lack {@code RENAME_COLUMN}), pure column reorders, lossless widening (INT to BIGINT),
 * and the incompatible ones, narrowing (BIGINT to INT) and primary-key changes, which must stop exactly that table
 * with a typed reason ({@link StoppedTables} checks it). Compatible ones must keep the target equal to the source.
 */
final class SimulatedSchemaChanges {

  private final Random rnd;
  private final SimulatedShards shards;
  /** The source of the table being changed. */
  private SimulatedSource source;
  private final SimDimensions dims;
  private final StoppedTables stopped;
  private int nextName = 1;

  SimulatedSchemaChanges(Random rnd, SimulatedShards shards, SimDimensions dims, StoppedTables stopped) {
    this.rnd = rnd;
    this.shards = shards;
    this.dims = dims;
    this.stopped = stopped;
  }

  void step() {
    if (!dims.schemaKinds()) {
      return;
    }
    TableId t = shards.randomTable(rnd);
    source = shards.sourceOf(t);
    TableSchema schema = source.db.schema(t);
    int kind = rnd.nextInt(10);
    if (kind < 4 && shards.merge() && !shards.identifying(shards.targetOf(t))) {
      return; // a rename such a target cannot follow loses the old column's values (documented): none drawn
    } else if (kind < 4) {
      rename(t, schema);
    } else if (kind < 6) {
      reorder(t, schema);
    } else if (kind < 8) {
      widen(t, schema);
    } else if (kind < 9) {
      narrow(t, schema);
    } else {
      changeKey(t, schema);
    }
    source.record();
  }

  private void rename(TableId t, TableSchema schema) {
    String from = schema.columns().get(rnd.nextInt(schema.columnCount())).name();
    if (schema.primaryKey().contains(from)) {
      if (!dims.canRename() || shards.merge()) {
        // Without RENAME_COLUMN the target would drop its key column and add another: it refuses, the table stops;
        // a merge target's key is its shards' (and renames no column of theirs): it may stop too.
        stopped.mayStop(t, ErrorCode.SCHEMA_INCOMPATIBLE);
      }
      stopped.keyRenamed(t);
    }
    source.db.renameColumn(t, from, "n" + nextName++);
  }

  private void reorder(TableId t, TableSchema schema) {
    List<Column> columns = new ArrayList<>(schema.columns());
    Collections.shuffle(columns, rnd);
    if (columns.equals(schema.columns())) {
      Collections.reverse(columns);
    }
    source.db.alterTable(new TableSchema(t, columns, schema.primaryKey()));
  }

  /** INT to BIGINT (lossless); a table without an INT column gets one (values stay longs: nothing checks them). */
  private void widen(TableId t, TableSchema schema) {
    for (Column c : schema.columns()) {
      if (c.type().kind() == DataType.Kind.INT && !schema.primaryKey().contains(c.name())) {
        source.db.alterTable(retyped(schema, c.name(), DataType.bigint().withNullable(c.type().nullable())));
        return;
      }
    }
    source.db.addColumn(t, Column.of("i" + nextName++, DataType.intType()));
  }

  /** BIGINT to INT: incompatible (values may not fit), the table stops. */
  private void narrow(TableId t, TableSchema schema) {
    List<Column> plain = schema.columns().stream()
        .filter(c -> c.type().kind() == DataType.Kind.BIGINT && !schema.primaryKey().contains(c.name())).toList();
    if (plain.isEmpty()) {
      return;
    }
    Column c = plain.get(rnd.nextInt(plain.size()));
    stopped.mayStop(t, ErrorCode.SCHEMA_INCOMPATIBLE);
    source.db.alterTable(retyped(schema, c.name(), DataType.intType().withNullable(c.type().nullable())));
  }

  /** A column joins the key (its nulls are filled first, in a transaction), or the last of two leaves it. */
  private void changeKey(TableId t, TableSchema schema) {
    List<String> key = new ArrayList<>(schema.primaryKey());
    if (key.size() > 1) {
      key.remove(key.size() - 1);
    } else {
      List<String> plain = schema.columnNames().stream().filter(c -> !key.contains(c)).toList();
      if (plain.isEmpty()) {
        return;
      }
      String joins = plain.get(rnd.nextInt(plain.size()));
      int at = schema.indexOf(joins);
      List<Row> nulls = source.db.rows(t).stream().filter(r -> r.get(at) == null).toList();
      if (!nulls.isEmpty()) {
        source.db.transaction(() -> nulls.forEach(r -> {
          Object[] values = r.values().clone();
          values[at] = (long) rnd.nextInt(100);
          source.db.update(t, values);
        }));
        source.record();
      }
      key.add(joins);
    }
    stopped.mayStop(t, ErrorCode.SCHEMA_INCOMPATIBLE);
    source.db.alterTable(new TableSchema(t, schema.columns(), key));
  }

  private static TableSchema retyped(TableSchema schema, String column, DataType type) {
    List<Column> columns = new ArrayList<>();
    for (Column c : schema.columns()) {
      columns.add(c.name().equals(column) ? Column.of(column, type) : c);
    }
    return new TableSchema(schema.id(), columns, schema.primaryKey());
  }
}
