package io.tributary.benchmarks.e2e;

import io.tributary.paimon.PaimonWriter;
import io.tributary.sync.SyncPipeline;
import io.tributary.sync.spi.ChangeSource;
import io.tributary.sync.spi.ChangeWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The latency section of one source: for each commit interval of the list, a fresh pipeline streams a steady rate
 * of upserts into a fresh Paimon database (its tables' defaults: what a user gets), for the configured time; per
 * interval it reports latency percentiles, what they are made of, the table's snapshot and data-file counts at the
 * start, every window (a minute by default) and the end, and CPU.
 */
final class LatencySection {

  /** One line of the latency table per interval, with the counts over time beside it. */
  record Line(String source, long intervalMillis, LatencyRun.Result r) {

    String row() {
      List<LatencyRun.Window> w = r.windows();
      String snapshots = w.stream().map(x -> String.valueOf(x.files().snapshots()))
          .collect(Collectors.joining(" → "));
      String files = w.stream().map(x -> String.valueOf(x.files().dataFiles())).collect(Collectors.joining(" → "));
      boolean met = r.p99() <= intervalMillis + 300;
      return String.format(Locale.ROOT, "| %s | %d ms | %,d/s × %d s | %,d | %d | **%d**%s | %d | %d |"
              + " %.1f/s, %d / %d | %d / %d (%d) | %.1f / %.1f | %s | %s | %.2f / %.2f |", source, intervalMillis,
          r.rate(), r.seconds(), r.changes(), r.p50(), r.p99(), met ? "" : " ✗", r.max(), r.readLagP99(),
          r.commits() / (double) r.seconds(), r.periodP50(), r.periodP99(), r.commitP50(), r.commitP99(),
          r.prepareP99(), r.cpuP50Micros() / 1e3, r.cpuP99Micros() / 1e3, snapshots, files, r.processCores(),
          r.machineCores());
    }

    static String header() {
      return "| Source | Commit interval | Rate × time | Changes | p50 ms | p99 ms | max ms | Read lag p99 ms |"
          + " Commits, period p50 / p99 ms | Commit p50 / p99 ms (prepare p99) | Checkpoint CPU p50 / p99 ms |"
          + " Snapshots start → each window → end |"
          + " Data files start → each window → end | CPU cores JVM / machine |\n"
          + "|---|--:|---|--:|--:|--:|--:|--:|---|---|---|---|---|---|";
    }
  }

  /** Unmeasured load before each interval's run. */
  static final int WARM_UP_SECONDS = 20;

  private LatencySection() {
  }

  /**
   * @param pipeline builds each interval's pipeline
   */
  static void run(BenchDatabase db, EndToEndSuite.Settings s, Path warehouse, long firstNewId,
      PipelineFactory pipeline, List<Line> out) throws Exception {
    for (Duration interval : s.latencyCommitIntervals()) {
      String database = "lake_latency_" + interval.toMillis();
      LatencyRecordingWriter writer = new LatencyRecordingWriter(paimon(warehouse, database,
          s.latencyTableOptions()), BenchTable.TS_COLUMN);
      String id = "latency" + interval.toMillis();
      ReadLagSource source = new ReadLagSource(db.source(id), BenchTable.TS_COLUMN);
      System.out.printf("latency: %,d changes/s for %d s, commit interval %d ms%n", s.rate(), s.latencySeconds(),
          interval.toMillis());
      Path table = warehouse.resolve(database + ".db").resolve(BenchTable.NAME);
      try (SyncPipeline p = pipeline.apply(id, source, writer, interval)) {
        p.start();
        if (!p.awaitRunning(Duration.ofMinutes(5))) {
          throw new IllegalStateException("not running: " + p.status());
        }
        LatencyRun.Result r = LatencyRun.run(db, source, writer, firstNewId, s.rate(), WARM_UP_SECONDS,
            s.latencySeconds(), s.latencyWindowSeconds(), Math.max(2000, interval.toMillis() * 3),
            () -> TableFiles.of(table));
        out.add(new Line(db.label(), interval.toMillis(), r));
        System.out.println(Line.header());
        System.out.println(out.get(out.size() - 1).row());
        p.offline();
      }
      // The next run's new ids are new to the source too.
      firstNewId += (long) s.rate() * (WARM_UP_SECONDS + s.latencySeconds());
    }
  }

  private static ChangeWriter paimon(Path warehouse, String database, java.util.Map<String, String> options) {
    var b = PaimonWriter.builder().warehouse(warehouse).database(database);
    options.forEach(b::tableOption);
    return b.build();
  }

  /** Builds a pipeline (not started) from {@code source} into {@code writer} with the given commit interval. */
  interface PipelineFactory {
    SyncPipeline apply(String id, ChangeSource source, ChangeWriter writer, Duration interval);
  }
}
