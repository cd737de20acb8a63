package io.tributary.sync.memory;

import io.tributary.sync.event.DataType;
import io.tributary.sync.event.Row;
import io.tributary.sync.event.TableSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** One table of a {@link MemoryDatabase}: its current schema and rows by primary key, in key order. */
final class MemoryTable {

  TableSchema schema;
  int[] keyIndexes;
  final TreeMap<Row, Row> rows = new TreeMap<>(Keys.ORDER);

  MemoryTable(TableSchema schema) {
    setSchema(schema);
  }

  void setSchema(TableSchema newSchema) {
    schema = newSchema;
    keyIndexes = newSchema.primaryKeyIndexes();
  }

  Row keyOf(Row row) {
    return row.project(keyIndexes);
  }

  /** A row of {@code values} (copied), checked against the schema: the column count, and no null key column. */
  Row checkedRow(Object[] values) {
    if (values.length != schema.columnCount()) {
      throw new IllegalArgumentException(schema.id() + " has " + schema.columnCount() + " columns, got "
          + values.length + " values");
    }
    for (int i : keyIndexes) {
      if (values[i] == null) {
        throw new IllegalArgumentException("primary-key column " + schema.columns().get(i).name() + " of "
            + schema.id() + " must not be null");
      }
    }
    return Row.of(values.clone());
  }

  /**
   * Takes {@code newSchema}, its columns matched to the current ones by name, except that a column named as a key of
   * {@code renamedFrom} takes the values of the old column its value names; every row is laid out again.
   */
  void relayout(TableSchema newSchema, Map<String, String> renamedFrom) {
    TableSchema old = schema;
    int[] from = new int[newSchema.columnCount()];
    for (int i = 0; i < from.length; i++) {
      String name = newSchema.columns().get(i).name();
      from[i] = renamedFrom.containsKey(name) ? old.indexOf(renamedFrom.get(name))
          : renamedFrom.containsValue(name) ? -1 : old.indexOf(name); // a name renamed away is a new column
    }
    // A column whose type changed kind holds its values in the new type, as a database read after the change does.
    DataType[] retype = new DataType[from.length];
    for (int i = 0; i < from.length; i++) {
      DataType to = newSchema.columns().get(i).type();
      retype[i] = from[i] >= 0 && old.columns().get(from[i]).type().kind() != to.kind() ? to : null;
    }
    List<Row> relaid = new ArrayList<>(rows.values());
    rows.clear();
    setSchema(newSchema);
    for (Row r : relaid) {
      Object[] values = new Object[from.length];
      for (int i = 0; i < from.length; i++) {
        values[i] = from[i] < 0 ? null : NumericRetype.to(r.get(from[i]), retype[i]);
      }
      Row row = Row.of(values);
      rows.put(keyOf(row), row);
    }
  }
}
