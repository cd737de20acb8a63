package io.tributary.sync.event;

import java.util.Objects;

/**
 * Identity of a source table: the data source's name (as given to the pipeline builder), the database,
 * the schema and the table.
 *
 * <p>MySQL has no schema level distinct from the database, so MySQL sources use the database name for both
 * {@code database} and {@code schema} (MySQL's own {@code information_schema.TABLES.TABLE_SCHEMA} does the same).
 * PostgreSQL sources use the connected database and the namespace.
 *
 * @param source   name of the data source this table comes from; never null
 * @param database database name; never null
 * @param schema   schema (namespace) name; never null
 * @param table    table name; never null
 */
public record TableId(String source, String database, String schema, String table) {

  public TableId {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(database, "database");
    Objects.requireNonNull(schema, "schema");
    Objects.requireNonNull(table, "table");
  }

  public static TableId of(String source, String database, String schema, String table) {
    return new TableId(source, database, schema, table);
  }

  /** A MySQL-style identifier, where the schema is the database. */
  public static TableId of(String source, String database, String table) {
    return new TableId(source, database, database, table);
  }

  /** {@code source:database.schema.table}, or {@code source:database.table} when schema equals database. */
  @Override
  public String toString() {
    return database.equals(schema)
        ? source + ':' + database + '.' + table
        : source + ':' + database + '.' + schema + '.' + table;
  }
}
