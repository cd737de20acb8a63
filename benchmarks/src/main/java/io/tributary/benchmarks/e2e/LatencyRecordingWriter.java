package io.tributary.benchmarks.e2e;

import io.tributary.sync.spi.ChangeWriter;
import io.tributary.sync.spi.ForwardingChangeWriter;
import io.tributary.sync.spi.RowBatch;
import java.time.Instant;
import java.util.Arrays;

/**
 * Wraps a writer and measures, for every upserted row, source commit to visible: the row's {@code ts} column (set
 * by the source transaction) against the moment the commit that publishes it returns (Paimon's snapshot file is in
 * place by then, so this is an upper bound of visibility). Beside it, per checkpoint, the writer's prepare (flushing
 * files, waiting for a compaction if Paimon must) and commit (manifests, snapshots, Paimon's snapshot expiry)
 * durations, the sink thread's CPU time for the two (what a checkpoint costs, however loaded the machine) and the
 * time between two commits' ends.
 * Sink thread only, except {@link #drain}, which is synchronized with {@link #commit}.
 */
final class LatencyRecordingWriter extends ForwardingChangeWriter {

  /** What one window of the run saw; every array in milliseconds. */
  record Drained(long[] latencies, long[] prepares, long[] commits, long[] periods, long[] checkpointCpuMicros) {
  }

  private final int tsColumn;
  private final Samples pending = new Samples();
  private final Samples visible = new Samples();
  private final Samples prepares = new Samples();
  private final Samples commits = new Samples();
  private final Samples periods = new Samples();
  private final Samples checkpointCpu = new Samples();
  private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory
      .getThreadMXBean();
  private long prepareStartCpu;
  private long prepareStartNanos;
  private long lastCommitEndNanos;

  LatencyRecordingWriter(ChangeWriter delegate, int tsColumn) {
    super(delegate);
    this.tsColumn = tsColumn;
  }

  /** Everything recorded since the last call. */
  synchronized Drained drain() {
    return new Drained(visible.take(), prepares.take(), commits.take(), periods.take(),
        checkpointCpu.take());
  }

  @Override
  public void write(String target, RowBatch batch) {
    long[] ts = new long[batch.size()];
    int n = 0;
    for (int i = 0; i < batch.size(); i++) {
      if (!batch.isDelete(i) && batch.row(i).get(tsColumn) instanceof Instant t) {
        ts[n++] = t.toEpochMilli();
      }
    }
    super.write(target, batch);
    synchronized (this) {
      for (int i = 0; i < n; i++) {
        pending.add(ts[i]);
      }
    }
  }

  @Override
  public byte[] prepareCommit(long checkpointId) {
    prepareStartNanos = System.nanoTime();
    prepareStartCpu = THREADS.getCurrentThreadCpuTime();
    byte[] committable = super.prepareCommit(checkpointId);
    synchronized (this) {
      prepares.add((System.nanoTime() - prepareStartNanos) / 1_000_000);
    }
    return committable;
  }

  @Override
  public void commit(long checkpointId, byte[] committable) {
    long started = System.nanoTime();
    super.commit(checkpointId, committable);
    long end = System.nanoTime();
    long now = System.currentTimeMillis();
    synchronized (this) {
      commits.add((end - started) / 1_000_000);
      // The sink thread's CPU from prepare to the commit's end: what a checkpoint costs whatever the machine's load.
      checkpointCpu.add((THREADS.getCurrentThreadCpuTime() - prepareStartCpu) / 1_000);
      if (lastCommitEndNanos != 0) {
        periods.add((end - lastCommitEndNanos) / 1_000_000);
      }
      lastCommitEndNanos = end;
      long[] ts = pending.take();
      for (long t : ts) {
        visible.add(now - t);
      }
    }
  }

  /** A growable array of longs. */
  private static final class Samples {
    private long[] values = new long[1 << 12];
    private int size;

    void add(long v) {
      if (size == values.length) {
        values = Arrays.copyOf(values, size * 2);
      }
      values[size++] = v;
    }

    long[] take() {
      long[] out = Arrays.copyOf(values, size);
      size = 0;
      return out;
    }
  }
}
