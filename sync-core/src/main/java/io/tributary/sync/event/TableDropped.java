package io.tributary.sync.event;

import java.util.Objects;

/**
 * The table stopped existing under its name at this point of the log: {@code DROP TABLE}, or a rename to another
 * name ({@code RENAME TABLE t TO u}, {@code ALTER TABLE t RENAME TO u}). Neither deleting the target's rows nor
 * keeping them would be a target in sync with anything the source still has under this name, so the pipeline stops
 * the table with an alert ({@link io.tributary.sync.SyncEvent.TableStopped}) and leaves its target as it was. The
 * operator re-syncs the table once it exists again (a later {@code CREATE TABLE} or rename into the name) or
 * removes it from the pipeline.
 *
 * @param table            the source table that is gone
 * @param ddl              the statement that removed it, when the source knows it; may be null
 * @param seq              order in the source log
 * @param position         where to resume after this event
 * @param commitTimeMillis when it was committed, epoch milliseconds
 */
public record TableDropped(TableId table, String ddl, long seq, SourcePosition position, long commitTimeMillis)
    implements ChangeEvent {

  public TableDropped {
    Objects.requireNonNull(table, "table");
  }
}
