package io.tributary.sync;

import io.tributary.sync.event.TableId;

/**
 * Columns a pipeline can add to every target row to record where it came from. Their column names are
 * {@code _source_name}, {@code _database_name}, {@code _schema_name} and {@code _table_name}; they can be made part
 * of the target's primary key so that equal keys from different shards do not overwrite each other.
 */
public enum ExtendedField {
  SOURCE_NAME("_source_name"),
  DATABASE_NAME("_database_name"),
  SCHEMA_NAME("_schema_name"),
  TABLE_NAME("_table_name");

  private final String column;

  ExtendedField(String column) {
    this.column = column;
  }

  /** The target column name. */
  public String column() {
    return column;
  }

  /** This field's value for rows of {@code table}. */
  public String valueOf(TableId table) {
    return switch (this) {
      case SOURCE_NAME -> table.source();
      case DATABASE_NAME -> table.database();
      case SCHEMA_NAME -> table.schema();
      case TABLE_NAME -> table.table();
    };
  }
}
