package io.tributary.sync.event;

import io.tributary.sync.ErrorCode;
import java.util.Objects;

/**
 * At this point of the log the source changed a table in a way its log cannot carry into the target: a statement
 * the source could not understand, rows changed without row events ({@code ALTER TABLE ... TRUNCATE/EXCHANGE/DROP
 * PARTITION}), a layout that no longer matches the rows. Neither guessing nor going on would keep the target equal
 * to the source, so the pipeline stops this table alone (the others go on) with the reason and an alert
 * ({@link io.tributary.sync.SyncEvent.TableStopped}); the operator re-syncs it.
 *
 * @param table            the source table
 * @param newSchema        the table's layout from here on when the source knows it (rows after this event are laid
 *                         out by it, and a re-sync reads it); null when unknown
 * @param reason           what happened and what to do, for the operator
 * @param ddl              the statement that caused it, when the source knows it; may be null
 * @param seq              order in the source log
 * @param position         where to resume after this event
 * @param commitTimeMillis when it was committed, epoch milliseconds
 * @param code             the table's stop code (its action is {@code TABLE_STOPPED}):
 *                         {@link ErrorCode#TABLE_NEEDS_RESYNC}, or {@link ErrorCode#VALUE_NOT_REPRESENTABLE} for a
 *                         row holding a value the target cannot hold exactly (the row is not delivered)
 */
public record TableNeedsResync(TableId table, TableSchema newSchema, String reason, String ddl, long seq,
    SourcePosition position, long commitTimeMillis, ErrorCode code) implements ChangeEvent {

  public TableNeedsResync {
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(code, "code");
  }

  /** A change the log cannot carry ({@link ErrorCode#TABLE_NEEDS_RESYNC}). */
  public TableNeedsResync(TableId table, TableSchema newSchema, String reason, String ddl, long seq,
      SourcePosition position, long commitTimeMillis) {
    this(table, newSchema, reason, ddl, seq, position, commitTimeMillis, ErrorCode.TABLE_NEEDS_RESYNC);
  }

  /** A row of {@code table} holding a value its target cannot hold exactly: the table stops, the row is skipped. */
  public static TableNeedsResync valueRefused(TableId table, String reason, long seq, SourcePosition position,
      long commitTimeMillis) {
    return new TableNeedsResync(table, null, reason, null, seq, position, commitTimeMillis,
        ErrorCode.VALUE_NOT_REPRESENTABLE);
  }
}
