package io.tributary.benchmarks.e2e;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;

/**
 * Drives a steady write rate into the bench table while a pipeline streams it into Paimon, and collects, per time
 * window, the source-commit-to-visible latency of every row ({@link LatencyRecordingWriter}) and the heap after a
 * full GC, so growth over the run shows. Transactions upsert 50 rows: 80% new ids, 20% ids already written.
 */
final class LatencyRun {

  /** One window's figures. */
  record Window(long endSecond, int changes, long p50, long p99, long max, long heapAfterGcMiB) {
  }

  /** The whole run. */
  record Result(int rate, int seconds, List<Window> windows, long changes, long p50, long p99, long max) {
  }

  private LatencyRun() {
  }

  static Result run(BenchDatabase db, LatencyRecordingWriter writer, long firstNewId, int rate, int seconds,
      int windowSeconds, long settleMillis) throws Exception {
    List<Window> windows = new ArrayList<>();
    List<long[]> all = new ArrayList<>();
    Random random = new Random(1);
    try (BenchDatabase.Upserts upserts = db.upserts()) {
      long start = System.nanoTime();
      long sent = 0;
      long nextId = firstNewId;
      long nextReport = start + windowSeconds * 1_000_000_000L;
      while (System.nanoTime() - start < seconds * 1_000_000_000L) {
        long due = (System.nanoTime() - start) * rate / 1_000_000_000L;
        if (sent >= due) {
          LockSupport.parkNanos(500_000);
        } else {
          Set<Long> batch = new LinkedHashSet<>(); // one upsert per id per statement
          while (batch.size() < 50) {
            batch.add(random.nextInt(5) == 0 ? 1 + (long) (random.nextDouble() * (nextId - 1)) : nextId++);
          }
          upserts.upsert(batch.stream().mapToLong(Long::longValue).toArray());
          sent += batch.size();
        }
        if (System.nanoTime() >= nextReport) {
          windows.add(window((nextReport - start) / 1_000_000_000L, writer.drain(), all));
          nextReport += windowSeconds * 1_000_000_000L;
        }
      }
    }
    Thread.sleep(settleMillis); // the last commits
    windows.add(window(seconds, writer.drain(), all));
    long[] merged = all.stream().flatMapToLong(Arrays::stream).sorted().toArray();
    return new Result(rate, seconds, windows, merged.length, percentile(merged, 0.50), percentile(merged, 0.99),
        merged.length == 0 ? 0 : merged[merged.length - 1]);
  }

  private static Window window(long at, long[] latencies, List<long[]> all) {
    Arrays.sort(latencies);
    all.add(latencies);
    System.gc();
    long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() >> 20;
    Window w = new Window(at, latencies.length, percentile(latencies, 0.50), percentile(latencies, 0.99),
        latencies.length == 0 ? 0 : latencies[latencies.length - 1], heap);
    System.out.printf("  %5ds  %,9d changes  p50 %5d ms  p99 %5d ms  max %5d ms  heap after GC %4d MiB%n", at,
        w.changes(), w.p50(), w.p99(), w.max(), heap);
    return w;
  }

  private static long percentile(long[] sorted, double p) {
    return sorted.length == 0 ? 0 : sorted[(int) Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
  }
}
