package io.tributary.sync.spi;

import io.tributary.sync.event.Row;
import io.tributary.sync.event.RowFilter;
import io.tributary.sync.event.TableId;
import java.util.Objects;

/**
 * One unit of snapshot work: the rows of a table whose primary key lies in {@code [lowerInclusive, upperExclusive)}
 * (compared column by column in key order), optionally narrowed by a filter. Chunks are planned once per table,
 * stored in checkpoints (so a resumed snapshot reads the same ranges) and read independently, in any order and in
 * parallel.
 *
 * @param table          the source table
 * @param index          position of the chunk in the table's plan, from 0
 * @param lowerInclusive key values of the lower bound, in key order; null for unbounded
 * @param upperExclusive key values of the upper bound, in key order; null for unbounded
 * @param filter         rows to read within the range; {@link RowFilter#all()} for a full snapshot
 * @param estimatedRows  about how many rows the chunk holds (a planner's estimate, for progress: percent done and
 *                       ETA), or -1 when unknown; never used for correctness, and not kept in checkpoints
 */
public record SnapshotChunk(TableId table, int index, Row lowerInclusive, Row upperExclusive, RowFilter filter,
    long estimatedRows) {

  /** A chunk without a row estimate. */
  public SnapshotChunk(TableId table, int index, Row lowerInclusive, Row upperExclusive, RowFilter filter) {
    this(table, index, lowerInclusive, upperExclusive, filter, -1);
  }

  public SnapshotChunk {
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(filter, "filter");
    if (index < 0) {
      throw new IllegalArgumentException("chunk index must be >= 0, got " + index);
    }
    estimatedRows = Math.max(-1, estimatedRows);
  }

  /** This chunk with a row estimate ({@code -1}: unknown). */
  public SnapshotChunk withEstimatedRows(long rows) {
    return new SnapshotChunk(table, index, lowerInclusive, upperExclusive, filter, rows);
  }

  @Override
  public String toString() {
    return table + "#" + index + "[" + (lowerInclusive == null ? "-inf" : lowerInclusive) + ", "
        + (upperExclusive == null ? "+inf" : upperExclusive) + ")" + (filter == RowFilter.all() ? "" : " " + filter);
  }
}
