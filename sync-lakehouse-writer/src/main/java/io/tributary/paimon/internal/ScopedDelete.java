package io.tributary.paimon.internal;

import io.tributary.sync.ErrorCode;
import io.tributary.sync.SyncException;
import io.tributary.sync.event.RowFilter;
import io.tributary.sync.event.Row;
import io.tributary.sync.event.TableSchema;
import io.tributary.sync.spi.TargetTable;
import java.util.HashMap;
import java.util.Map;

/**
 * Deletes the rows of a target that match a filter, as the pipeline sees the table: committed rows plus the rows
 * written since the last prepare (the sink's interval log), which Paimon readers cannot see yet. Each matching key
 * gets a Paimon delete record in the target's writer, so the deletion is published by the next commit together
 * with everything else (atomic for readers).
 *
 * <p>The filter is evaluated in Java on each row ({@link RowFilter#test}); it is not pushed down to Paimon, whose
 * primary-key tables can only use it to skip files anyway.
 */
final class ScopedDelete {

  private static final Row DELETED = Row.of();

  private ScopedDelete() {}

  /** Returns the number of delete records written. */
  static long apply(TableSink sink, TargetTable target, RowFilter filter) throws Exception {
    if (sink.intervalOverflowed()) {
      throw SyncException.of(ErrorCode.WRITER_STATE_LIMIT,
          "cannot delete rows of " + target.name() + " matching " + filter + ": more than "
          + sink.intervalLogLimit() + " rows were written to it since the last checkpoint, more than this writer"
          + " remembers (maxTrackedRows); take a checkpoint right before a scoped delete or merge, or raise the"
          + " limit", null);
    }
    TableSchema schema = target.asSchema();
    int[] key = target.primaryKeyIndexes();
    boolean all = filter instanceof RowFilter.All;
    // Latest image per key written in this interval (DELETED for a delete): it overrides the committed row.
    Map<Row, Row> pending = new HashMap<>();
    sink.forEachIntervalRow((row, delete) -> pending.put(row.project(key), delete ? DELETED : row));
    long[] count = {0};
    RowConverter converter = sink.converter();
    Exception[] failure = {null};
    sink.readOwned(internal -> { // a writer of a group deletes in its own buckets only
      if (failure[0] != null) {
        return;
      }
      Row row = converter.toCore(internal);
      if (!pending.containsKey(row.project(key)) && (all || filter.test(schema, row))) {
        try {
          sink.write(row, true);
          count[0]++;
        } catch (Exception e) {
          failure[0] = e;
        }
      }
    });
    if (failure[0] != null) {
      throw failure[0];
    }
    for (Row image : pending.values()) {
      if (image != DELETED && (all || filter.test(schema, image))) {
        sink.write(image, true);
        count[0]++;
      }
    }
    return count[0];
  }
}
