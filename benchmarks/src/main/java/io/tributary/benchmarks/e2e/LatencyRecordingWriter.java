package io.tributary.benchmarks.e2e;

import io.tributary.sync.spi.ChangeWriter;
import io.tributary.sync.spi.ForwardingChangeWriter;
import io.tributary.sync.spi.RowBatch;
import java.time.Instant;
import java.util.Arrays;

/**
 * Wraps a writer and measures, for every upserted row, source commit to visible: the row's {@code ts} column (set
 * by the source transaction) against the moment the commit that publishes it returns. Sink thread only, except
 * {@link #drain}, which is synchronized with {@link #commit}.
 */
final class LatencyRecordingWriter extends ForwardingChangeWriter {

  private final int tsColumn;
  private long[] pending = new long[1 << 16];
  private int pendingSize;
  private long[] visible = new long[1 << 16];
  private int visibleSize;

  LatencyRecordingWriter(ChangeWriter delegate, int tsColumn) {
    super(delegate);
    this.tsColumn = tsColumn;
  }

  /** Latencies (ms) of the rows made visible since the last call. */
  synchronized long[] drain() {
    long[] out = Arrays.copyOf(visible, visibleSize);
    visibleSize = 0;
    return out;
  }

  @Override
  public void write(String target, RowBatch batch) {
    for (int i = 0; i < batch.size(); i++) {
      if (!batch.isDelete(i) && batch.row(i).get(tsColumn) instanceof Instant ts) {
        if (pendingSize == pending.length) {
          pending = Arrays.copyOf(pending, pending.length * 2);
        }
        pending[pendingSize++] = ts.toEpochMilli();
      }
    }
    super.write(target, batch);
  }

  @Override
  public void commit(long checkpointId, byte[] committable) {
    super.commit(checkpointId, committable);
    long now = System.currentTimeMillis();
    synchronized (this) {
      if (visibleSize + pendingSize > visible.length) {
        visible = Arrays.copyOf(visible, Math.max(visible.length * 2, visibleSize + pendingSize));
      }
      for (int i = 0; i < pendingSize; i++) {
        visible[visibleSize++] = now - pending[i];
      }
    }
    pendingSize = 0;
  }
}
