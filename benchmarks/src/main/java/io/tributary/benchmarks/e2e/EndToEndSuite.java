package io.tributary.benchmarks.e2e;

import io.tributary.benchmarks.core.CountingWriter;
import io.tributary.benchmarks.e2e.Meter.Measurement;
import io.tributary.paimon.PaimonTableReader;
import io.tributary.paimon.PaimonWriter;
import io.tributary.sync.PipelineState;
import io.tributary.sync.SyncPipeline;
import io.tributary.sync.event.Row;
import io.tributary.sync.spi.ChangeWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The end-to-end benchmark suite, one command (see README): for each source database, the full sync of an N-row
 * table and the drain of an M-change log backlog, each into a no-op writer and into Paimon, beside in-run baselines
 * on the same data (raw JDBC scan, raw log-client read, raw Paimon write), with ratios, CPU seconds and heap; then
 * source-commit-to-visible latency at a steady rate into Paimon. Prints one table at the end.
 *
 * <p>Every Tributary figure is time from {@code start()} to {@link SyncPipeline#awaitCaughtUp} (everything read is
 * committed in the target), with the default settings but the commit interval. Every Paimon target is read back
 * and checked row by row against the values the source must hold, so a fast wrong answer cannot pass.
 *
 * <p>The no-op lines compare the engine with its baseline, so both sides run warm: each side does one unmeasured
 * pass over the same data first (a 1M-row sync lasts about as long as the JIT takes to compile the path), then
 * {@code --repeat} measured rounds alternate baseline and Tributary, each Tributary round a fresh pipeline, and the
 * median round of each side is reported. The Paimon lines run once, after the raw Paimon write has warmed Paimon.
 *
 * <p>Run it with a heap committed and touched up front ({@code -Xms} = {@code -Xmx}, {@code -XX:+AlwaysPreTouch}):
 * otherwise whichever side happens to grow the young generation pays the first-touch page faults, about 0.2 s,
 * which is half of a 500,000-change binlog drain and made the no-op ratios swing between 0.5 and 1.4 run to run.
 *
 * <pre>java -Xms2g -Xmx2g -XX:+AlwaysPreTouch -cp benchmarks/target/benchmarks.jar io.tributary.benchmarks.e2e.EndToEndSuite
 *     [--rows 1000000] [--changes 500000] [--rate 5000] [--latency-seconds 300] [--sources mysql,postgres]
 *     [--commit-millis 200] [--latency-commit-millis 1000] [--chunk-rows 0] [--repeat 3]</pre>
 */
public final class EndToEndSuite {

  private record Line(String source, String phase, String target, Measurement ours, String baseline,
      Measurement base) {
  }

  private final List<Line> lines = new ArrayList<>();
  private final List<String> latencyLines = new ArrayList<>();
  private final int rows;
  private final int changes;
  private final int rate;
  private final int latencySeconds;
  private final Duration commitInterval;
  private final Duration latencyCommitInterval;
  private final int chunkRows; // 0: the pipeline's default
  private final int repeat; // measured rounds of the no-op lines

  private EndToEndSuite(int rows, int changes, int rate, int latencySeconds, Duration commitInterval,
      Duration latencyCommitInterval, int chunkRows, int repeat) {
    this.rows = rows;
    this.changes = changes;
    this.rate = rate;
    this.latencySeconds = latencySeconds;
    this.commitInterval = commitInterval;
    this.latencyCommitInterval = latencyCommitInterval;
    this.chunkRows = chunkRows;
    this.repeat = repeat;
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> options = Args.parse(args, Map.of("rows", "1000000", "changes", "500000", "rate", "5000",
        "latency-seconds", "300", "sources", "mysql,postgres", "commit-millis", "200", "latency-commit-millis", "1000",
        "chunk-rows", "0", "repeat", "3"));
    EndToEndSuite suite = new EndToEndSuite(Integer.parseInt(options.get("rows")),
        Integer.parseInt(options.get("changes")), Integer.parseInt(options.get("rate")),
        Integer.parseInt(options.get("latency-seconds")),
        Duration.ofMillis(Long.parseLong(options.get("commit-millis"))),
        Duration.ofMillis(Long.parseLong(options.get("latency-commit-millis"))),
        Integer.parseInt(options.get("chunk-rows")), Integer.parseInt(options.get("repeat")));
    if (suite.repeat < 1) {
      throw new IllegalArgumentException("--repeat must be at least 1");
    }
    if (suite.changes > suite.rows) {
      throw new IllegalArgumentException("--changes must not exceed --rows (the backlog updates existing rows)");
    }
    try {
      for (String name : options.get("sources").split(",")) {
        try (BenchDatabase db = switch (name.trim()) {
          case "mysql" -> new MySqlBenchDatabase();
          case "postgres" -> new PostgresBenchDatabase();
          default -> throw new IllegalArgumentException("unknown source " + name + "; use mysql and/or postgres");
        }) {
          suite.run(db);
        }
      }
      suite.print();
    } catch (Throwable e) {
      e.printStackTrace();
      System.exit(1);
    }
    System.exit(0); // embedded servers' threads would keep the JVM alive
  }

  private void run(BenchDatabase db) throws Exception {
    String label = db.label();
    System.out.printf("%n== %s: loading %,d rows%n", label, rows);
    db.load(rows);
    db.rawScan(); // warms the server's cache and the JIT for the baseline
    Path warehouse = Files.createTempDirectory("tributary-e2e");
    fullSyncIntoNoop(db, label);
    // Pipelines that will drain the backlog into no-op writers: primed (log opened, checkpoint taken) before it.
    List<CountingWriter> drainWriters = new ArrayList<>();
    List<SyncPipeline> drains = new ArrayList<>();
    for (int r = 0; r <= repeat; r++) { // the last one is the warm-up
      CountingWriter w = new CountingWriter();
      SyncPipeline p = pipeline(db, "drain" + r, w, false, commitInterval);
      untilCaughtUp(p, 0);
      p.stop();
      drainWriters.add(w);
      drains.add(p);
    }
    try (SyncPipeline toPaimon = pipeline(db, "paimon", paimon(warehouse), true, commitInterval);
         RawPaimonWrite raw = new RawPaimonWrite(warehouse.resolve("raw"),
             PaimonWriter.builder().tableOptions())) {
      Measurement rawWrite = step("raw Paimon write", () -> raw.write(rows, 0, 100_000));
      lines.add(new Line(label, "full sync " + rows + " rows", "Paimon", step("Tributary -> Paimon",
          () -> untilCaughtUp(toPaimon, rows)), "raw Paimon write", rawWrite));
      toPaimon.stop();
      verify(warehouse, 0);

      db.markBacklogStart(repeat + 1);
      System.out.printf("writing a backlog of %,d changes%n", changes);
      db.writeBacklog(changes);
      // Warm-up: each side reads the backlog once, unmeasured, so both run JIT-compiled code.
      db.rawLogRead(changes, repeat);
      untilCaughtUp(drains.get(repeat), changes);
      List<Measurement> logReads = new ArrayList<>();
      List<Measurement> ours = new ArrayList<>();
      for (int r = 0; r < repeat; r++) {
        int reader = r;
        logReads.add(step("raw log read", () -> db.rawLogRead(changes, reader)));
        SyncPipeline p = drains.get(r);
        ours.add(step("Tributary -> no-op", () -> untilCaughtUp(p, changes)));
        long got = drainWriters.get(r).rows;
        check(got >= changes, "the no-op writer got " + got + " of " + changes);
      }
      lines.add(new Line(label, "backlog " + changes + " changes", "no-op", median(ours), "raw log read",
          median(logReads)));
      for (SyncPipeline p : drains) {
        p.offline(); // drops server state (a PostgreSQL slot)
        p.close();
      }
      Measurement rawUpserts = step("raw Paimon upserts", () -> raw.write(changes, 1, 100_000));
      lines.add(new Line(label, "backlog " + changes + " changes", "Paimon", step("Tributary -> Paimon",
          () -> untilCaughtUp(toPaimon, changes)), "raw Paimon write", rawUpserts));
      verify(warehouse, changes);
      toPaimon.stop();
      if (latencySeconds > 0) {
        latency(db, label, toPaimon, warehouse);
      }
      toPaimon.offline();
    }
  }

  /**
   * The full sync into a no-op writer: one unmeasured warm-up sync (the baseline was warmed by the first scan),
   * then {@code repeat} rounds of scan and sync, each sync a fresh pipeline; the median of each side is reported.
   */
  private void fullSyncIntoNoop(BenchDatabase db, String label) throws Exception {
    try (SyncPipeline warm = pipeline(db, "warmup", new CountingWriter(), true, commitInterval)) {
      untilCaughtUp(warm, rows);
      warm.offline();
    }
    List<Measurement> scans = new ArrayList<>();
    List<Measurement> ours = new ArrayList<>();
    for (int r = 0; r < repeat; r++) {
      scans.add(step("raw JDBC scan", db::rawScan));
      CountingWriter noop = new CountingWriter();
      try (SyncPipeline p = pipeline(db, "noop" + r, noop, true, commitInterval)) {
        ours.add(step("Tributary -> no-op", () -> untilCaughtUp(p, rows)));
        check(noop.rows >= rows, "the no-op writer got " + noop.rows + " of " + rows);
        p.offline();
      }
    }
    lines.add(new Line(label, "full sync " + rows + " rows", "no-op", median(ours), "raw JDBC scan",
        median(scans)));
  }

  /** The measurement with the median wall time (the upper one of an even count). */
  private static Measurement median(List<Measurement> ms) {
    List<Measurement> sorted = new ArrayList<>(ms);
    sorted.sort(java.util.Comparator.comparingLong(Measurement::wallNanos));
    return sorted.get(sorted.size() / 2);
  }

  private SyncPipeline pipeline(BenchDatabase db, String id, ChangeWriter writer, boolean fullSync,
      Duration interval) {
    SyncPipeline.Builder b = SyncPipeline.builder().name("bench-" + id).source(db.source(id)).writer(writer)
        .fullSync(fullSync).commitInterval(interval);
    return (chunkRows > 0 ? b.snapshotChunkSize(chunkRows) : b).build();
  }

  private static ChangeWriter paimon(Path warehouse) {
    return paimon(warehouse, "lake");
  }

  private static ChangeWriter paimon(Path warehouse, String database) {
    return PaimonWriter.builder().warehouse(warehouse).database(database).build();
  }

  /** Starts (or resumes) the pipeline and waits until it has committed everything the source had logged. */
  private static long untilCaughtUp(SyncPipeline pipeline, long items) throws Exception {
    pipeline.start();
    if (!pipeline.awaitCaughtUp(Duration.ofMinutes(30))) {
      throw new IllegalStateException("not caught up: " + pipeline.status());
    }
    return items;
  }

  private static Measurement step(String what, Meter.Phase phase) throws Exception {
    Measurement m = Meter.measure(phase);
    System.out.printf(Locale.ROOT, "  %-22s %,10d in %6.2f s = %,10.0f /s, %6.2f CPU s, peak heap %,5d MiB,"
            + " live %,4d MiB%n", what, m.items(), m.wallNanos() / 1e9, m.perSecond(), m.cpuNanos() / 1e9,
        m.peakHeapBytes() >> 20, m.peakLiveBytes() >> 20);
    return m;
  }

  /** The Paimon target must hold exactly the source's rows: ids 1..rows, column i bumped for ids <= bumped. */
  private void verify(Path warehouse, int bumped) throws Exception {
    try (PaimonTableReader lake = PaimonTableReader.open(warehouse, "lake")) {
      List<Row> target = lake.read(BenchTable.NAME);
      check(target.size() == rows, "Paimon holds " + target.size() + " rows, the source " + rows);
      boolean[] seen = new boolean[rows + 1];
      for (Row r : target) {
        long id = ((Number) r.get(0)).longValue();
        int expected = (int) (id % 1000) + (id <= bumped ? 1 : 0);
        check(id >= 1 && id <= rows && !seen[(int) id], "unexpected or duplicate id " + id);
        seen[(int) id] = true;
        check(((Number) r.get(1)).intValue() == expected, "row " + id + " has i=" + r.get(1) + ", not " + expected);
      }
    }
    System.out.printf("  verified: Paimon equals the source (%,d rows)%n", rows);
  }

  private void latency(BenchDatabase db, String label, SyncPipeline previous, Path warehouse) throws Exception {
    // Its own Paimon database: a target belongs to the pipeline that created it (bench-paimon's, above).
    LatencyRecordingWriter writer = new LatencyRecordingWriter(paimon(warehouse, "lake_latency"),
        BenchTable.TS_COLUMN);
    System.out.printf("latency: %,d changes/s for %d s, commit interval %d ms%n", rate, latencySeconds,
        latencyCommitInterval.toMillis());
    try (SyncPipeline pipeline = pipeline(db, "latency", writer, false, latencyCommitInterval)) {
      pipeline.start();
      while (pipeline.status().state() != PipelineState.RUNNING) {
        Thread.sleep(10);
      }
      LatencyRun.Result r = LatencyRun.run(db, writer, rows + 1L, rate, latencySeconds, 30,
          latencyCommitInterval.toMillis() * 3);
      List<LatencyRun.Window> w = r.windows();
      LatencyRun.Window first = w.get(0);
      LatencyRun.Window last = w.get(Math.max(0, w.size() - 2)); // the final window is only the settling tail
      latencyLines.add(String.format(Locale.ROOT, "| %s | %,d/s for %d s | %d ms | %,d | %d | %d | %d | %d -> %d |"
              + " %d -> %d |", label, rate, latencySeconds, latencyCommitInterval.toMillis(), r.changes(), r.p50(),
          r.p99(), r.max(), first.p99(), last.p99(), first.heapAfterGcMiB(), last.heapAfterGcMiB()));
      pipeline.offline();
    }
  }

  private void print() {
    System.out.printf("%nTributary figures: start() to awaitCaughtUp() (all read rows committed), commit interval %d ms,"
        + " source heartbeat 200 ms, snapshot chunk %s rows, other settings default. Rows/s or changes/s. No-op"
        + " lines: median of %d rounds per side after one warm-up pass each.%n",
        commitInterval.toMillis(), chunkRows > 0 ? String.valueOf(chunkRows) : "default", repeat);
    System.out.printf("%n| Source | Phase | Into | Tributary /s | Baseline | Baseline /s | Ratio | CPU s (T / base) |"
        + " Peak heap MiB (T / base) | Live heap MiB (T) |%n|---|---|---|--:|---|--:|--:|--:|--:|--:|%n");
    for (Line l : lines) {
      System.out.printf(Locale.ROOT, "| %s | %s | %s | %,.0f | %s | %,.0f | %.2f | %.1f / %.1f | %d / %d | %d |%n",
          l.source(), l.phase(), l.target(), l.ours().perSecond(), l.baseline(), l.base().perSecond(),
          l.ours().perSecond() / l.base().perSecond(), l.ours().cpuNanos() / 1e9, l.base().cpuNanos() / 1e9,
          l.ours().peakHeapBytes() >> 20, l.base().peakHeapBytes() >> 20, l.ours().peakLiveBytes() >> 20);
    }
    if (!latencyLines.isEmpty()) {
      System.out.printf("%n| Source | Rate | Commit interval | Changes | p50 ms | p99 ms | max ms |"
          + " p99 first -> last window | Heap after GC MiB first -> last |%n|---|---|--:|--:|--:|--:|--:|---|---|%n");
      latencyLines.forEach(System.out::println);
    }
    System.out.printf("%nJVM: %s %s, -Xmx %d MiB, %d CPUs%n", System.getProperty("java.vm.name"),
        System.getProperty("java.version"), Runtime.getRuntime().maxMemory() >> 20,
        Runtime.getRuntime().availableProcessors());
  }

  private static void check(boolean condition, String message) {
    if (!condition) {
      throw new IllegalStateException("benchmark result is wrong: " + message);
    }
  }
}
