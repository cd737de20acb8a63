package io.tributary.sync.spi;

import io.tributary.sync.event.Row;

/**
 * Receives one chunk's read from {@link ChangeSource#readChunk}, in this order: {@link #lowWatermark}, rows, then
 * {@link #highWatermark}. Called on the snapshot worker thread that reads the chunk.
 */
public interface SnapshotSink {

  /**
   * The read view's low watermark, before the first row: every change that the rows might not reflect has a
   * sequence number {@code >= seq}. It must be exact for the read view (see the project's docs for how each source
   * guarantees it); a watermark that is too high loses changes.
   */
  void lowWatermark(long seq);

  /** One row of the chunk, laid out by the table schema passed to the read. May block to apply backpressure. */
  void accept(Row row) throws InterruptedException;

  /** After the last row: the log position when the read finished, as a sequence number. */
  void highWatermark(long seq);
}
