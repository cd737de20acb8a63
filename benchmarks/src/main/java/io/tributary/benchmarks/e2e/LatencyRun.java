package io.tributary.benchmarks.e2e;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * Drives a steady write rate into the bench table while a pipeline streams it into Paimon, and collects, per time
 * window, the source-commit-to-visible latency of every row and what it is made of (the source's read lag,
 * {@link ReadLagSource}; the writer's commits, {@link LatencyRecordingWriter}),
 * the target table's files on disk ({@link TableFiles}), CPU ({@link CpuClock}) and the heap after the latest
 * collection, so growth over the run shows. Transactions upsert 50 rows: 80% new ids, 20% ids already written.
 */
final class LatencyRun {

  /** One window's figures (milliseconds unless named otherwise); the first one, at 0 s, is the start. */
  record Window(long endSecond, int changes, long p50, long p99, long max, long readLagP99, int commits,
      long periodP50, long periodP99, long prepareP99, long commitP50, long commitP99, long cpuP50Micros,
      long cpuP99Micros, TableFiles files,
      double processCores, double machineCores, long heapAfterGcMiB) {
  }

  /** The whole run; {@code windows} starts with the state before the first change. */
  record Result(int rate, int seconds, List<Window> windows, long changes, long p50, long p99, long max,
      long readLagP99, int commits, long periodP50, long periodP99, long prepareP99, long commitP50, long commitP99,
      long cpuP50Micros, long cpuP99Micros, double processCores, double machineCores) {
  }

  private LatencyRun() {
  }

  /**
   * @param files reads the target table's files; sampled at the start, at every window and at the end
   */
  static Result run(BenchDatabase db, ReadLagSource source, LatencyRecordingWriter writer, long firstNewId, int rate,
      int warmUpSeconds, int seconds, int windowSeconds, long settleMillis, Supplier<TableFiles> files)
      throws Exception {
    List<Window> windows = new ArrayList<>();
    Totals totals = new Totals();
    windows.add(new Window(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, files.get(), 0, 0, heapAfterGc()));
    Random random = new Random(1);
    try (BenchDatabase.Upserts upserts = db.upserts()) {
      long[] nextId = {firstNewId};
      // Unmeasured: the same load first, so the JIT has compiled the path (the first seconds of a fresh JVM's
      // first run stalled for up to 8 s) and the measured windows see a steady state.
      drive(upserts, random, nextId, rate, warmUpSeconds, () -> { });
      writer.drain();
      source.drain();
      CpuClock.Reading start = CpuClock.now();
      CpuClock.Reading[] windowStart = {start};
      long t0 = System.nanoTime();
      long[] nextReport = {t0 + windowSeconds * 1_000_000_000L};
      drive(upserts, random, nextId, rate, seconds, () -> {
        if (System.nanoTime() >= nextReport[0]) {
          CpuClock.Reading now = CpuClock.now();
          windows.add(window((nextReport[0] - t0) / 1_000_000_000L, writer.drain(), source.drain(), totals,
              files.get(), now, windowStart[0]));
          windowStart[0] = now;
          nextReport[0] += windowSeconds * 1_000_000_000L;
        }
      });
      Thread.sleep(settleMillis); // the last commits
      CpuClock.Reading end = CpuClock.now();
      windows.add(window(seconds, writer.drain(), source.drain(), totals, files.get(), end, windowStart[0]));
      return result(rate, seconds, windows, totals, start, end);
    }
  }

  /** Upserts {@code rate} rows a second for {@code seconds}, 50 per transaction, calling {@code tick} between. */
  private static void drive(BenchDatabase.Upserts upserts, Random random, long[] nextId, int rate, int seconds,
      Runnable tick) throws Exception {
    long t0 = System.nanoTime();
    long sent = 0;
    while (System.nanoTime() - t0 < seconds * 1_000_000_000L) {
      long due = (System.nanoTime() - t0) * rate / 1_000_000_000L;
      if (sent >= due) {
        LockSupport.parkNanos(500_000);
      } else {
        Set<Long> batch = new LinkedHashSet<>(); // one upsert per id per statement
        while (batch.size() < 50) {
          batch.add(random.nextInt(5) == 0 ? 1 + (long) (random.nextDouble() * (nextId[0] - 1)) : nextId[0]++);
        }
        upserts.upsert(batch.stream().mapToLong(Long::longValue).toArray());
        sent += batch.size();
      }
      tick.run();
    }
  }

  private static Result result(int rate, int seconds, List<Window> windows, Totals totals, CpuClock.Reading start,
      CpuClock.Reading end) {
    long[] all = totals.latencies.sorted();
    long[] periods = totals.periods.sorted();
    long[] commits = totals.commits.sorted();
    return new Result(rate, seconds, windows, all.length, percentile(all, 0.50), percentile(all, 0.99),
        max(all), percentile(totals.readLags.sorted(), 0.99), commits.length, percentile(periods, 0.5),
        percentile(periods, 0.99), percentile(totals.prepares.sorted(), 0.99), percentile(commits, 0.5),
        percentile(commits, 0.99), percentile(totals.cpu.sorted(), 0.5), percentile(totals.cpu.sorted(), 0.99),
        end.processCores(start), end.machineCores(start));
  }

  private static Window window(long at, LatencyRecordingWriter.Drained d, long[] readLags, Totals totals,
      TableFiles files, CpuClock.Reading now, CpuClock.Reading since) {
    long[] lat = sortedCopy(d.latencies());
    long[] periods = sortedCopy(d.periods());
    long[] commits = sortedCopy(d.commits());
    long[] cpu = sortedCopy(d.checkpointCpuMicros());
    totals.add(d, readLags);
    long heap = heapAfterGc();
    Window w = new Window(at, lat.length, percentile(lat, 0.50), percentile(lat, 0.99), max(lat),
        percentile(sortedCopy(readLags), 0.99), commits.length, percentile(periods, 0.5),
        percentile(periods, 0.99), percentile(sortedCopy(d.prepares()), 0.99), percentile(commits, 0.5),
        percentile(commits, 0.99), percentile(cpu, 0.5), percentile(cpu, 0.99), files, now.processCores(since),
        now.machineCores(since), heap);
    System.out.printf(Locale.ROOT, "  %5ds %,8d changes  p50 %4d p99 %5d max %5d ms | read lag p99 %4d | %3d commits,"
            + " period p50/p99 %4d/%4d, prepare p99 %3d, commit p50/p99 %3d/%3d ms, checkpoint CPU p50/p99 %.1f/%.1f"
            + " ms | snapshots %d, data files %d (%,d KiB), manifests %d | CPU %.2f cores (machine %.2f)"
            + " | heap %d MiB%n",
        at, w.changes(), w.p50(), w.p99(), w.max(), w.readLagP99(), w.commits(), w.periodP50(), w.periodP99(),
        w.prepareP99(), w.commitP50(), w.commitP99(), w.cpuP50Micros() / 1e3, w.cpuP99Micros() / 1e3,
        files.snapshots(), files.dataFiles(), files.dataBytes() >> 10, files.manifests(), w.processCores(),
        w.machineCores(), heap);
    return w;
  }

  /**
   * Heap in use after the latest collection, without forcing one: a forced full GC at each window stopped every
   * thread, and the rows in flight during the pause landed in the p99.
   */
  private static long heapAfterGc() {
    return Meter.lastLiveBytes() >> 20;
  }

  private static long[] sortedCopy(long[] values) {
    long[] out = values.clone();
    Arrays.sort(out);
    return out;
  }

  private static long max(long[] sorted) {
    return sorted.length == 0 ? 0 : sorted[sorted.length - 1];
  }

  private static long percentile(long[] sorted, double p) {
    return sorted.length == 0 ? 0 : sorted[(int) Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
  }

  /** Every window's samples together, for the run's percentiles. */
  private static final class Totals {
    final Joined latencies = new Joined();
    final Joined readLags = new Joined();
    final Joined prepares = new Joined();
    final Joined commits = new Joined();
    final Joined periods = new Joined();
    final Joined cpu = new Joined();

    void add(LatencyRecordingWriter.Drained d, long[] lags) {
      latencies.add(d.latencies());
      readLags.add(lags);
      prepares.add(d.prepares());
      commits.add(d.commits());
      periods.add(d.periods());
      cpu.add(d.checkpointCpuMicros());
    }
  }

  private static final class Joined {
    private final List<long[]> parts = new ArrayList<>();

    void add(long[] part) {
      parts.add(part);
    }

    long[] sorted() {
      return parts.stream().flatMapToLong(Arrays::stream).sorted().toArray();
    }
  }
}
