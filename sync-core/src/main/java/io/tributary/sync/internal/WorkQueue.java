package io.tributary.sync.internal;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The hand-off from reader threads to the sink thread, bounded by the buffer memory budget: half for log events,
 * half for snapshot rows, so a busy snapshot never starves the log reader. A producer blocks while its half is
 * spent (backpressure on the source); the sink releases an item's budget after processing it.
 */
final class WorkQueue {

  private final LinkedBlockingQueue<WorkItem> queue = new LinkedBlockingQueue<>();
  private final Semaphore logBudget;
  private final Semaphore snapshotBudget;
  private final int halfPermits;

  WorkQueue(long bufferBytes) {
    halfPermits = (int) Math.max(64, Math.min(Integer.MAX_VALUE, bufferBytes / 1024 / 2));
    logBudget = new Semaphore(halfPermits);
    snapshotBudget = new Semaphore(halfPermits);
  }

  /** Budget units for an estimate in bytes; an item larger than the whole half is capped so it can still pass. */
  int permitsFor(long bytes) {
    return (int) Math.min(halfPermits, Math.max(1, bytes / 1024));
  }

  void putLog(WorkItem.LogBatch item) throws InterruptedException {
    logBudget.acquire(item.permits());
    queue.add(item);
  }

  void putSnapshot(WorkItem item) throws InterruptedException {
    if (item.permits() > 0) {
      snapshotBudget.acquire(item.permits());
    }
    queue.add(item);
  }

  void put(WorkItem item) {
    queue.add(item);
  }

  WorkItem poll(long timeout, TimeUnit unit) throws InterruptedException {
    return queue.poll(timeout, unit);
  }

  void release(WorkItem item) {
    if (item instanceof WorkItem.LogBatch) {
      logBudget.release(item.permits());
    } else if (item.permits() > 0) {
      snapshotBudget.release(item.permits());
    }
  }

  /** Bytes (approximately) currently buffered. */
  long bufferedBytes() {
    return (2L * halfPermits - logBudget.availablePermits() - snapshotBudget.availablePermits()) * 1024;
  }
}
