package io.tributary.benchmarks.e2e;

import io.tributary.sync.event.RowFilter;
import io.tributary.sync.spi.ChangeWriter;
import io.tributary.sync.spi.ForwardingChangeWriter;
import io.tributary.sync.spi.RowBatch;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A writer that tells the benchmark when a full sync is over, the same way for the embedded engine and the Flink
 * job: the sync of a table ends with {@link #mergeStaging} (the table then streams), and it is visible in the
 * target at the first {@link #commit} after it. Runs share a static registry by run name, since a Flink job builds
 * its writers in its own tasks (in this JVM: a MiniCluster) from a serializable definition.
 */
final class ObservedWriter extends ForwardingChangeWriter {

  /** What one run's writers did, in {@link System#nanoTime()} terms. */
  static final class Watch {
    final AtomicLong firstWrite = new AtomicLong();
    final AtomicLong mergeCalled = new AtomicLong();
    final AtomicLong rowsWritten = new AtomicLong();
    final AtomicLong commits = new AtomicLong();
    /** Completed with the time the commit after the last expected merge returned. */
    final CompletableFuture<Long> synced = new CompletableFuture<>();
    private final AtomicLong mergesLeft;

    private Watch(int tables) {
      mergesLeft = new AtomicLong(tables);
    }
  }

  private static final Map<String, Watch> RUNS = new ConcurrentHashMap<>();

  private final String run;
  private int mergesPending;

  ObservedWriter(String run, ChangeWriter delegate) {
    super(delegate);
    this.run = run;
  }

  /** Registers run {@code run}, whose full sync ends after {@code tables} merges are committed. */
  static Watch watch(String run, int tables) {
    Watch w = new Watch(tables);
    RUNS.put(run, w);
    return w;
  }

  static void forget(String run) {
    RUNS.remove(run);
  }

  private Watch w() {
    Watch w = RUNS.get(run);
    if (w == null) {
      throw new IllegalStateException("run " + run + " is not watched");
    }
    return w;
  }

  private void wrote(RowBatch batch) {
    Watch w = w();
    w.firstWrite.compareAndSet(0, System.nanoTime());
    w.rowsWritten.addAndGet(batch.size());
  }

  @Override
  public void write(String target, RowBatch batch) {
    wrote(batch);
    delegate().write(target, batch);
  }

  @Override
  public void writeStaging(String target, String staging, RowBatch batch) {
    wrote(batch);
    delegate().writeStaging(target, staging, batch);
  }

  @Override
  public void mergeStaging(String target, String staging, RowFilter replaceScope) {
    w().mergeCalled.set(System.nanoTime());
    delegate().mergeStaging(target, staging, replaceScope);
    mergesPending++;
  }

  @Override
  public void commit(long checkpointId, byte[] committable) {
    delegate().commit(checkpointId, committable);
    Watch w = w();
    w.commits.incrementAndGet();
    if (mergesPending > 0 && w.mergesLeft.addAndGet(-mergesPending) <= 0) {
      w.synced.complete(System.nanoTime());
    }
    mergesPending = 0;
  }
}
