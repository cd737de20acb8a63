package io.tributary.sync.internal;

import io.tributary.sync.event.ChangeEvent;
import io.tributary.sync.event.Row;
import io.tributary.sync.event.TableId;
import io.tributary.sync.event.TableSchema;
import io.tributary.sync.spi.SnapshotChunk;
import java.util.List;

/** What reader threads hand to the sink thread, with the buffer budget each item holds until processed. */
sealed interface WorkItem extends Input {

  /** Budget units (KiB) this item holds. */
  int permits();

  /**
   * Events of one source, in log order; {@code polledAtNanos} is when the poll that returned them began
   * ({@link System#nanoTime()}), which dates a heartbeat's claim for a source that cannot tell its log end.
   */
  record LogBatch(int sourceIndex, List<ChangeEvent> events, int permits, long polledAtNanos) implements WorkItem {
  }

  /** Snapshot rows of chunk {@code index}, laid out by {@code schema}. */
  record ChunkRows(TableId table, long generation, int index, long lowWatermark, TableSchema schema, List<Row> rows,
      int permits) implements WorkItem {
  }

  /** A chunk's rows are all delivered; the read used {@code schema} and had these watermarks. */
  record ChunkDone(TableId table, long generation, int index, TableSchema schema, long lowWatermark,
      long highWatermark) implements WorkItem {
    @Override
    public int permits() {
      return 0;
    }
  }

  /** A table's snapshot plan. */
  record ChunksPlanned(TableId table, long generation, List<SnapshotChunk> chunks) implements WorkItem {
    @Override
    public int permits() {
      return 0;
    }
  }

  /** A reader thread failed; {@code table} is the table it read, if one (a table-level failure stops it alone). */
  record Failed(String where, Throwable error, TableId table) implements WorkItem {

    Failed(String where, Throwable error) {
      this(where, error, null);
    }

    @Override
    public int permits() {
      return 0;
    }
  }

  /** An operator command, as data ({@code id} names its caller's future in the runtime). */
  record Command(long id, Op op, List<TableId> tables, io.tributary.sync.event.RowFilter filter) implements WorkItem {

    enum Op { RESYNC, PAUSE, RESUME, PRIORITIZE }

    @Override
    public int permits() {
      return 0;
    }
  }

  /** The pipeline is asked to stop: a final checkpoint at the next transaction boundary. */
  record Stop() implements WorkItem {
    @Override
    public int permits() {
      return 0;
    }
  }
}
