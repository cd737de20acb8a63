package io.tributary.mysql.internal;

import io.tributary.sync.event.Column;
import io.tributary.sync.event.TableId;
import io.tributary.sync.event.TableSchema;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A captured table: its logical schema plus the decoding facts of each column, in schema order.
 *
 * @param schema  the logical schema reported to the engine
 * @param columns MySQL facts per column, parallel to {@code schema.columns()}
 * @param charset the table's default character set (MySQL name), which text columns added without one take; null
 *                when unknown (then utf8mb4)
 */
public record MySqlTable(TableSchema schema, List<MySqlColumn> columns, String charset) {

  public MySqlTable(TableSchema schema, List<MySqlColumn> columns) {
    this(schema, columns, null);
  }

  public MySqlTable {
    columns = List.copyOf(columns);
    if (columns.size() != schema.columnCount()) {
      throw new IllegalArgumentException("column facts do not match schema of " + schema.id());
    }
  }

  public static MySqlTable of(TableId id, List<MySqlColumn> columns, List<String> primaryKey) {
    return of(id, columns, primaryKey, null);
  }

  public static MySqlTable of(TableId id, List<MySqlColumn> columns, List<String> primaryKey, String charset) {
    List<Column> logical = new ArrayList<>(columns.size());
    List<MySqlColumn> facts = new ArrayList<>(columns.size());
    for (MySqlColumn c : columns) {
      MySqlColumn fixed = primaryKey.contains(c.name()) ? c.withNullable(false) : c;
      facts.add(fixed);
      logical.add(fixed.column());
    }
    return new MySqlTable(new TableSchema(id, logical, primaryKey), facts, charset);
  }

  public TableId id() {
    return schema.id();
  }

  /** The same layout under another name (a rename, or {@code CREATE TABLE ... LIKE}). */
  public MySqlTable withId(TableId id) {
    return new MySqlTable(new TableSchema(id, schema.columns(), schema.primaryKey()), columns, charset);
  }

  /**
   * Pairs a schema the engine handed over with the server's current column facts where a column of the same name
   * and logical type exists, and derives facts from the logical type otherwise.
   */
  public static MySqlTable reconcile(TableSchema given, MySqlTable current) {
    Map<String, MySqlColumn> byName = new HashMap<>();
    if (current != null) {
      for (MySqlColumn c : current.columns()) {
        byName.put(c.name(), c);
      }
    }
    List<MySqlColumn> facts = new ArrayList<>();
    for (Column c : given.columns()) {
      MySqlColumn known = byName.get(c.name());
      facts.add(known != null && known.type().withNullable(true).equals(c.type().withNullable(true))
          ? known.withNullable(c.type().nullable()) : ColumnTypes.fromLogical(c));
    }
    return new MySqlTable(given, facts, current == null ? null : current.charset());
  }
}
