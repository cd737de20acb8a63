package io.tributary.sync.internal.verify;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A rows-per-second limit for one verification's reads: each row takes {@code 1/rate} seconds of a schedule, and the
 * reader parks when it runs more than a few milliseconds ahead of it. Not a synchronization: it only paces.
 */
final class Throttle {

  private static final long SLACK_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

  private final long nanosPerRow;
  private long next = System.nanoTime();

  /** @param rowsPerSecond 0 for no limit */
  Throttle(long rowsPerSecond) {
    this.nanosPerRow = rowsPerSecond == 0 ? 0 : Math.max(1, TimeUnit.SECONDS.toNanos(1) / rowsPerSecond);
  }

  void acquire() throws InterruptedException {
    if (nanosPerRow == 0) {
      return;
    }
    long now = System.nanoTime();
    next = Math.max(next, now - SLACK_NANOS) + nanosPerRow;
    long ahead = next - now;
    while (ahead > SLACK_NANOS) {
      LockSupport.parkNanos(ahead);
      if (Thread.interrupted()) {
        throw new InterruptedException("verification interrupted while throttled");
      }
      ahead = next - System.nanoTime();
    }
  }
}
