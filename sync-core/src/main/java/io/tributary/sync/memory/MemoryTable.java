package io.tributary.sync.memory;

import io.tributary.sync.event.Row;
import io.tributary.sync.event.TableSchema;
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
}
