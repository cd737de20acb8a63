package io.tributary.sync.event;

import java.util.Objects;

/**
 * A table's schema changed at this point of the log: rows of the table after this event are laid out by
 * {@code newSchema}. The engine compares it with the schema it knew to find added, dropped and changed columns and
 * decides with the pipeline's {@link io.tributary.sync.spi.SchemaEvolutionPolicy}.
 *
 * @param table            the source table
 * @param newSchema        the table's schema from here on
 * @param ddl              the statement that caused it, when the source knows it (MySQL); may be null
 * @param seq              order in the source log
 * @param position         where to resume after this event
 * @param commitTimeMillis when the change was committed, epoch milliseconds
 */
public record SchemaChange(TableId table, TableSchema newSchema, String ddl, long seq, SourcePosition position,
    long commitTimeMillis) implements ChangeEvent {

  public SchemaChange {
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(newSchema, "newSchema");
  }
}
