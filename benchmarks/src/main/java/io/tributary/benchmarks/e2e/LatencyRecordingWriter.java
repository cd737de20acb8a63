package io.tributary.benchmarks.e2e;

import io.tributary.sync.event.RowFilter;
import io.tributary.sync.spi.ChangeWriter;
import io.tributary.sync.spi.RowBatch;
import io.tributary.sync.spi.TargetTable;
import io.tributary.sync.spi.WriterContext;
import java.time.Instant;
import java.util.Arrays;

/**
 * Wraps a writer and measures, for every upserted row, source commit to visible: the row's {@code ts} column (set
 * by the source transaction) against the moment the commit that publishes it returns. Sink thread only, except
 * {@link #drain}, which is synchronized with {@link #commit}.
 */
final class LatencyRecordingWriter implements ChangeWriter {

  private final ChangeWriter delegate;
  private final int tsColumn;
  private long[] pending = new long[1 << 16];
  private int pendingSize;
  private long[] visible = new long[1 << 16];
  private int visibleSize;

  LatencyRecordingWriter(ChangeWriter delegate, int tsColumn) {
    this.delegate = delegate;
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
    delegate.write(target, batch);
  }

  @Override
  public void commit(long checkpointId, byte[] committable) {
    delegate.commit(checkpointId, committable);
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

  @Override
  public void open(WriterContext context) {
    delegate.open(context);
  }

  @Override
  public long lastCommittedCheckpointId() {
    return delegate.lastCommittedCheckpointId();
  }

  @Override
  public void ensureTable(TargetTable table) {
    delegate.ensureTable(table);
  }

  @Override
  public void writeStaging(String target, String staging, RowBatch batch) {
    delegate.writeStaging(target, staging, batch);
  }

  @Override
  public void mergeStaging(String target, String staging, RowFilter replaceScope) {
    delegate.mergeStaging(target, staging, replaceScope);
  }

  @Override
  public void dropStaging(String target, String staging) {
    delegate.dropStaging(target, staging);
  }

  @Override
  public void deleteWhere(String target, RowFilter filter) {
    delegate.deleteWhere(target, filter);
  }

  @Override
  public byte[] prepareCommit(long checkpointId) {
    return delegate.prepareCommit(checkpointId);
  }

  @Override
  public void close() {
    delegate.close();
  }
}
