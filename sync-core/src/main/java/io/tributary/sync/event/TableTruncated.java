package io.tributary.sync.event;

import java.util.Objects;

/**
 * Every row of a table was removed at this point of the log (PostgreSQL {@code TRUNCATE}). The pipeline deletes the
 * table's rows from its target (in merge mode, the rows its extended fields attribute to it), or restarts the
 * table's full sync if one is running.
 *
 * @param table            the truncated source table
 * @param seq              order in the source log
 * @param position         where to resume after this event
 * @param commitTimeMillis when it was committed, epoch milliseconds
 */
public record TableTruncated(TableId table, long seq, SourcePosition position, long commitTimeMillis)
    implements ChangeEvent {

  public TableTruncated {
    Objects.requireNonNull(table, "table");
  }
}
