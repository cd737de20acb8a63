package io.tributary.benchmarks.e2e;

import io.tributary.benchmarks.e2e.BenchDatabase.Checksum;
import io.tributary.benchmarks.e2e.Meter.Measurement;
import io.tributary.flink.Definition;
import io.tributary.paimon.PaimonTableReader;
import io.tributary.paimon.PaimonWriter;
import io.tributary.sync.PipelineState;
import io.tributary.sync.SyncPipeline;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobID;
import org.apache.flink.runtime.jobmaster.JobResult;

/**
 * One full sync of the bench table into a fresh Paimon warehouse by one side of {@link FlinkComparison}: the
 * embedded engine ({@code local}) or the Flink job on the shared MiniCluster ({@code flink-p1}, {@code flink-p2}),
 * both from the same {@link Definition}. Measured from {@code start()} / job submission to the return of the commit
 * that published the table's staging merge (the table then streams: {@link ObservedWriter}); then the pipeline or
 * job is stopped, and the target is read back and compared with the source (count, column sums, every row's values).
 */
final class SideRun {

  /** What a measured run gives the report. */
  record Result(String side, int round, int position, Measurement m, double toFirstWriteS, double copyS,
      double mergeToCommitS, long rowsWritten, long commits, double machineCores) {
  }

  private final BenchDatabase db;
  private final FlinkCluster flink;
  private final FlinkComparison.Settings s;
  private final Checksum source;
  private final Path root;

  SideRun(BenchDatabase db, FlinkCluster flink, FlinkComparison.Settings settings, Checksum source, Path root) {
    this.db = db;
    this.flink = flink;
    this.s = settings;
    this.source = source;
    this.root = root;
  }

  Result run(String side, String id, int round, int position) throws Exception {
    String run = "fbench_" + id;
    Path warehouse = Files.createDirectory(root.resolve(run));
    Definition definition = definition(run, db.sourceFactory(id), warehouse.toString(), s.commitMillis(),
        s.chunkRows());
    // Flink writers are keyed by target and bucket: each writer subtask owning a bucket of the table (all of them, at
    // most the 4 buckets) merges its part, and the sync is over when every part's merge is committed.
    int merges = side.equals("local") ? 1 : Math.min(4, Integer.parseInt(side.substring("flink-p".length())));
    ObservedWriter.Watch watch = ObservedWriter.watch(run, merges);
    long[] started = new long[1];
    CpuClock.Reading before = CpuClock.now();
    Measurement m;
    try {
      if (side.equals("local")) {
        try (SyncPipeline p = definition.configure(SyncPipeline.builder()).build()) {
          m = Meter.measure(() -> {
            started[0] = System.nanoTime();
            p.start();
            await(watch, () -> p.status().state() == PipelineState.FAILED ? p.status().failure() : null);
            return s.rows();
          });
          p.stop();
          p.offline();
        }
      } else {
        var job = FlinkCluster.job(definition, Integer.parseInt(side.substring("flink-p".length())),
            s.commitMillis());
        JobID[] id1 = new JobID[1];
        try {
          m = Meter.measure(() -> {
            started[0] = System.nanoTime();
            id1[0] = flink.submit(job);
            CompletableFuture<JobResult> result = flink.result(id1[0]);
            await(watch, () -> result.isDone() ? "the job ended: " + result.get().getSerializedThrowable()
                .map(t -> t.getFullStringifiedStackTrace()).orElse("no error reported")
                : null);
            return s.rows();
          });
        } finally {
          if (id1[0] != null) {
            flink.cancel(id1[0]);
          }
          db.dropSourceState(id);
        }
      }
    } finally {
      ObservedWriter.forget(run);
    }
    double machine = CpuClock.now().machineCores(before);
    long synced = watch.synced.getNow(0L);
    Result r = new Result(side, round, position, m, (watch.firstWrite.get() - started[0]) / 1e9,
        (watch.mergeCalled.get() - watch.firstWrite.get()) / 1e9, (synced - watch.mergeCalled.get()) / 1e9,
        watch.rowsWritten.get(), watch.commits.get(), machine);
    System.out.printf(Locale.ROOT, "  %-9s %s %,10d rows in %6.2f s = %,9.0f rows/s, CPU %6.2f s (%5.2f µs/row),"
            + " peak heap %,5d MiB, live %,4d MiB; first write %.2f s, copy %.2f s, merge->commit %.2f s;"
            + " %,d rows written, %d commits; machine %.2f cores busy%n", side, round < 0 ? "warm-up " : "round " + round,
        m.items(), m.wallNanos() / 1e9, m.perSecond(), m.cpuNanos() / 1e9, m.cpuNanos() / 1e3 / m.items(),
        m.peakHeapBytes() >> 20, m.peakLiveBytes() >> 20, r.toFirstWriteS(), r.copyS(), r.mergeToCommitS(),
        r.rowsWritten(), r.commits(), machine);
    verify(warehouse);
    deleteTree(warehouse);
    return r;
  }

  /** The same definition for every side: only connection values, the warehouse path and numbers are captured. */
  static Definition definition(String run, BenchDatabase.SourceFactory source, String warehouse, long commitMillis,
      int chunkRows) {
    return b -> {
      b.name(run).source(source.build()).fullSync(true).commitInterval(Duration.ofMillis(commitMillis))
          .writer(new ObservedWriter(run, PaimonWriter.builder().warehouse(Path.of(warehouse)).database("lake")
              .build()));
      return chunkRows > 0 ? b.snapshotChunkSize(chunkRows) : b;
    };
  }

  /** A run's failure, if any, as a message; null while it runs. */
  private interface Failure {
    String get() throws Exception;
  }

  private static void await(ObservedWriter.Watch watch, Failure failure) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(30);
    while (true) {
      try {
        watch.synced.get(100, TimeUnit.MILLISECONDS);
        return;
      } catch (TimeoutException e) {
        String failed = failure.get();
        if (failed != null) {
          throw new IllegalStateException("the run failed: " + failed);
        }
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("the full sync did not end within 30 minutes");
        }
      }
    }
  }

  /** The target must hold the source's rows: the same count and column sums, and every row's values by its id. */
  private void verify(Path warehouse) throws Exception {
    class Sums {
      long rows;
      long id;
      long i;
      long l;
      long flag;
      long len;
    }
    Sums sums = new Sums();
    try (PaimonTableReader lake = PaimonTableReader.open(warehouse, "lake")) {
      lake.forEach(BenchTable.NAME, r -> { // streamed, as SourceRun's check: a large target does not fit as a list
        long id = ((Number) r.get(0)).longValue();
        int i = ((Number) r.get(1)).intValue();
        long l = ((Number) r.get(2)).longValue();
        String str = (String) r.get(5);
        if (i != id % 1000 || l != id * 7919 || !str.equals("name-" + id)) {
          SourceRun.check(false, "row " + id + " differs from the source's: " + r);
        }
        sums.rows++;
        sums.id += id;
        sums.i += i;
        sums.l += l;
        sums.flag += ((Number) r.get(9)).longValue();
        sums.len += str.length();
      });
    }
    Checksum lake = new Checksum(sums.rows, sums.id, sums.i, sums.l, sums.flag, sums.len);
    SourceRun.check(lake.equals(source), "Paimon " + lake + ", the source " + source);
  }

  /** Deletes {@code dir} and everything under it (a run's Paimon warehouse). */
  static void deleteTree(Path dir) throws Exception {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(p);
      }
    }
  }
}
