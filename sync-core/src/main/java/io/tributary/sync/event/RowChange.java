package io.tributary.sync.event;

import java.util.Objects;

/**
 * An insert, update or delete of one row.
 *
 * <p>Row images are laid out by the table's current schema: the last {@link TableSchema} the source reported for the
 * table, at discovery or through a {@link SchemaChange} earlier in the log.
 *
 * @param table            the source table
 * @param op               the operation
 * @param before           the old image (update, delete); it may hold only the key columns, others null, where the
 *                         source does not send more (PostgreSQL with {@code REPLICA IDENTITY DEFAULT}) or does not
 *                         convert more (MySQL, for updates that keep their key: the engine reads only the key of
 *                         those); null for inserts and when unknown
 * @param after            the new image (insert, update); null for deletes
 * @param seq              order in the source log; see {@link ChangeEvent}
 * @param position         where to resume after this event
 * @param commitTimeMillis source commit time, epoch milliseconds
 * @param unchanged        updates only: the columns of {@code after} the source did not send because they kept
 *                         their value (PostgreSQL's unchanged TOASTed values under {@code REPLICA IDENTITY DEFAULT});
 *                         those positions of {@code after} hold null, which is not their value: writers keep the
 *                         row's current value there. Null (never empty) when every column is present, the common case
 */
public record RowChange(TableId table, Op op, Row before, Row after, long seq, SourcePosition position,
    long commitTimeMillis, ColumnMask unchanged) implements ChangeEvent {

  /** Row operations. */
  public enum Op { INSERT, UPDATE, DELETE }

  public RowChange {
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(op, "op");
    if (op == Op.DELETE ? before == null : after == null) {
      throw new IllegalArgumentException(op + " of " + table + " needs a " + (op == Op.DELETE ? "before" : "after")
          + " image");
    }
    if (unchanged != null && op != Op.UPDATE) {
      throw new IllegalArgumentException(op + " of " + table + " cannot leave columns unchanged: " + unchanged);
    }
  }

  /** A change with every column of its images present. */
  public RowChange(TableId table, Op op, Row before, Row after, long seq, SourcePosition position,
      long commitTimeMillis) {
    this(table, op, before, after, seq, position, commitTimeMillis, null);
  }

  public static RowChange insert(TableId table, Row after, long seq, SourcePosition position, long commitTimeMillis) {
    return new RowChange(table, Op.INSERT, null, after, seq, position, commitTimeMillis);
  }

  public static RowChange update(TableId table, Row before, Row after, long seq, SourcePosition position,
      long commitTimeMillis) {
    return new RowChange(table, Op.UPDATE, before, after, seq, position, commitTimeMillis);
  }

  /** An update whose {@code after} image lacks the {@code unchanged} columns (null: it lacks none). */
  public static RowChange update(TableId table, Row before, Row after, ColumnMask unchanged, long seq,
      SourcePosition position, long commitTimeMillis) {
    return new RowChange(table, Op.UPDATE, before, after, seq, position, commitTimeMillis, unchanged);
  }

  public static RowChange delete(TableId table, Row before, long seq, SourcePosition position, long commitTimeMillis) {
    return new RowChange(table, Op.DELETE, before, null, seq, position, commitTimeMillis);
  }

  /** The image that identifies the row's key: {@code after} for inserts and updates, {@code before} for deletes. */
  public Row keyImage() {
    return op == Op.DELETE ? before : after;
  }

  @Override
  public String toString() {
    return switch (op) {
      case INSERT -> "+I" + after + " " + table + "@" + seq;
      case UPDATE -> "+U" + before + "->" + after + (unchanged == null ? "" : " unchanged" + unchanged) + " "
          + table + "@" + seq;
      case DELETE -> "-D" + before + " " + table + "@" + seq;
    };
  }
}
