package io.tributary.sync.internal;

import io.tributary.sync.event.Row;
import io.tributary.sync.spi.SnapshotChunk;
import io.tributary.sync.spi.SnapshotSink;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link SnapshotSink} that hands one chunk's rows on in batches of {@link #ROWS_PER_BATCH} (so a chunk is never
 * buffered whole), then the chunk's end: what the local snapshot workers and the Flink runner's reader share. It
 * holds the source to its contract (no row before the low watermark), and ends a read whose high watermark is below
 * its low one at the low one. Public only so the Flink runner (sync-flink) can reach it, as {@link FlinkHost}. Used
 * for one read, on the thread that reads the chunk.
 */
public abstract class BatchingSnapshotSink implements SnapshotSink {

  public static final int ROWS_PER_BATCH = 512;

  private final SnapshotChunk chunk;
  private long lowWatermark = Long.MIN_VALUE;
  private List<Row> rows = new ArrayList<>(ROWS_PER_BATCH);

  protected BatchingSnapshotSink(SnapshotChunk chunk) {
    this.chunk = chunk;
  }

  /** Rows of the chunk, read at {@code lowWatermark}; the list is handed over (the sink starts a new one). */
  protected abstract void rows(long lowWatermark, List<Row> rows) throws InterruptedException;

  /** The chunk's end, after its last rows: it was read between these watermarks. */
  protected abstract void done(long lowWatermark, long highWatermark) throws InterruptedException;

  @Override
  public final void lowWatermark(long seq) {
    lowWatermark = seq;
  }

  @Override
  public final void accept(Row row) throws InterruptedException {
    if (lowWatermark == Long.MIN_VALUE) {
      throw new IllegalStateException("source " + chunk.table().source()
          + " sent a snapshot row before the chunk's low watermark");
    }
    rows.add(row);
    if (rows.size() == ROWS_PER_BATCH) {
      flush();
    }
  }

  @Override
  public final void highWatermark(long seq) {
    try {
      flush();
      done(lowWatermark, Math.max(seq, lowWatermark));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private void flush() throws InterruptedException {
    if (!rows.isEmpty()) {
      rows(lowWatermark, rows);
      rows = new ArrayList<>(ROWS_PER_BATCH);
    }
  }
}
