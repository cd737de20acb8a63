package io.tributary.sync.event;

import java.util.Map;
import java.util.Objects;

/**
 * A table's schema changed at this point of the log: rows of the table after this event are laid out by
 * {@code newSchema}. The engine compares it with the schema it knew to find added, dropped and changed columns and
 * decides with the pipeline's {@link io.tributary.sync.spi.SchemaEvolutionPolicy}.
 *
 * <p>A rename cannot be told from a drop plus an add by comparing schemas, so a source that knows of one (MySQL,
 * from the DDL) says so in {@code renamedFrom}; the engine then renames the target column, keeping its values.
 *
 * @param table            the source table
 * @param newSchema        the table's schema from here on
 * @param ddl              the statement that caused it, when the source knows it (MySQL); may be null
 * @param seq              order in the source log
 * @param position         where to resume after this event
 * @param commitTimeMillis when the change was committed, epoch milliseconds
 * @param renamedFrom      columns this change renamed: new name (a column of {@code newSchema}) to its name just
 *                         before this change; the net effect of the statement (a swap of a and b is
 *                         {@code {a=b, b=a}}); empty when none or unknown, never null
 */
public record SchemaChange(TableId table, TableSchema newSchema, String ddl, long seq, SourcePosition position,
    long commitTimeMillis, Map<String, String> renamedFrom) implements ChangeEvent {

  public SchemaChange {
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(newSchema, "newSchema");
    renamedFrom = Map.copyOf(renamedFrom);
    for (String now : renamedFrom.keySet()) {
      if (newSchema.indexOf(now) < 0) {
        throw new IllegalArgumentException("renamed column " + now + " is not a column of " + newSchema);
      }
    }
  }

  /** A change without renames (or from a source that cannot know them, such as PostgreSQL). */
  public SchemaChange(TableId table, TableSchema newSchema, String ddl, long seq, SourcePosition position,
      long commitTimeMillis) {
    this(table, newSchema, ddl, seq, position, commitTimeMillis, Map.of());
  }
}
