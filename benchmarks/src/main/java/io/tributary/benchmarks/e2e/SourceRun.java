package io.tributary.benchmarks.e2e;

import io.tributary.benchmarks.core.CountingWriter;
import io.tributary.benchmarks.e2e.Meter.Measurement;
import io.tributary.paimon.PaimonTableReader;
import io.tributary.paimon.PaimonWriter;
import io.tributary.sync.SyncPipeline;
import io.tributary.sync.spi.ChangeSource;
import io.tributary.sync.spi.ChangeWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The suite's phases on one source database. Fair by construction: every measured pair (baseline, Tributary) is
 * preceded by one unmeasured pass of each side over the same kind of data, the measured rounds alternate which side
 * goes first (so neither always runs on a cache or JIT state the other left behind), and each side reports its
 * median round. At most three replication slots exist at once (the kept Paimon pipeline's, one drain pipeline's and
 * one raw reader's), so a stock PostgreSQL ({@code max_replication_slots = 10}) suffices.
 */
final class SourceRun {

  private final BenchDatabase db;
  private final EndToEndSuite.Settings s;
  private final List<EndToEndSuite.Line> lines;
  private final List<LatencySection.Line> latencyLines;
  private final String label;

  SourceRun(BenchDatabase db, EndToEndSuite.Settings settings, List<EndToEndSuite.Line> lines,
      List<LatencySection.Line> latencyLines) {
    this.db = db;
    this.s = settings;
    this.lines = lines;
    this.latencyLines = latencyLines;
    this.label = db.label();
  }

  void run() throws Exception {
    System.out.printf("%n== %s: loading %,d rows%n", label, s.rows());
    db.load(s.rows());
    Path warehouse = Files.createTempDirectory("tributary-e2e");
    try {
      run(warehouse);
    } finally {
      SideRun.deleteTree(warehouse); // 1–2 GB of Paimon tables per run
    }
  }

  private void run(Path warehouse) throws Exception {
    if (s.paimonSyncOnly()) {
      db.rawScan(); // warms the server's cache and the JIT for the baseline
      try (RawPaimonWrite raw = new RawPaimonWrite(warehouse.resolve("raw"), paimonBuilder().tableOptions());
           SyncPipeline toPaimon = fullSyncIntoPaimon(warehouse, raw)) {
        toPaimon.offline();
      }
      return;
    }
    if (s.sections().contains("throughput")) {
      throughput(warehouse);
    }
    if (s.sections().contains("latency")) {
      LatencySection.run(db, s, warehouse, s.rows() + 1L, (id, source, writer, interval) ->
          pipeline(id, source, writer, false, interval), latencyLines);
    }
  }

  private void throughput(Path warehouse) throws Exception {
    db.rawScan(); // warms the server's cache and the JIT for the baseline
    fullSyncIntoNoop();
    try (RawPaimonWrite raw = new RawPaimonWrite(warehouse.resolve("raw"), paimonBuilder().tableOptions());
         SyncPipeline toPaimon = fullSyncIntoPaimon(warehouse, raw)) {
      int backlogs = drainIntoNoop();
      // The kept Paimon pipeline was stopped before the first backlog: it drains all of them, and the raw baseline
      // upserts as many rows, each backlog's ids once more.
      long total = (long) backlogs * s.changes();
      Measurement rawUpserts = step("raw Paimon upserts", () -> {
        for (int b = 1; b <= backlogs; b++) {
          raw.write("paimon_raw_" + (s.repeat() - 1), s.changes(), b, 100_000, false); // holds the rows: upserts
        }
        return total;
      });
      lines.add(new EndToEndSuite.Line(label, "backlog " + total + " changes", "Paimon",
          step("Tributary -> Paimon", () -> untilCaughtUp(toPaimon, total)), "raw Paimon upserts", rawUpserts));
      verify(warehouse, "lake", backlogs);
      toPaimon.stop();
      toPaimon.offline();
    }
  }

  /**
   * The full sync into a no-op writer: one unmeasured pass of each side, then {@code repeat} rounds of a raw scan
   * and a sync (a fresh pipeline each), alternating which goes first.
   */
  private void fullSyncIntoNoop() throws Exception {
    try (SyncPipeline warm = pipeline("warmup", new CountingWriter(), true, s.commitInterval())) {
      untilCaughtUp(warm, s.rows());
      warm.offline();
    }
    List<Measurement> scans = new ArrayList<>();
    List<Measurement> ours = new ArrayList<>();
    for (int r = 0; r < s.repeat(); r++) {
      int round = r;
      Step scan = () -> scans.add(step("raw JDBC scan", db::rawScan));
      Step sync = () -> {
        CountingWriter noop = new CountingWriter();
        try (SyncPipeline p = pipeline("noop" + round, noop, true, s.commitInterval())) {
          ours.add(step("Tributary -> no-op", () -> untilCaughtUp(p, s.rows())));
          check(noop.rows >= s.rows(), "the no-op writer got " + noop.rows + " of " + s.rows());
          p.offline();
        }
      };
      inOrder(round, scan, sync);
    }
    lines.add(new EndToEndSuite.Line(label, "full sync " + s.rows() + " rows", "no-op", median(ours),
        "raw JDBC scan", median(scans)));
  }

  /**
   * The full sync into Paimon: one unmeasured pass of each side (the first Paimon write in a JVM runs cold), then
   * {@code repeat} rounds alternating which side goes first, each into a database of its own; every Tributary
   * target is read back and compared with the source. Returns the last round's pipeline, stopped, for the backlog.
   */
  private SyncPipeline fullSyncIntoPaimon(Path warehouse, RawPaimonWrite raw) throws Exception {
    raw.write("paimon_raw_warmup", s.rows(), 0, 100_000, true);
    try (SyncPipeline warm = pipeline("paimon_warmup", paimon(warehouse, "lake_warmup"), true, s.commitInterval())) {
      untilSettled(warm, s.rows());
      warm.offline();
    }
    List<Measurement> raws = new ArrayList<>();
    List<Measurement> ours = new ArrayList<>();
    SyncPipeline kept = null;
    for (int r = 0; r < s.repeat(); r++) {
      int round = r;
      boolean last = r == s.repeat() - 1;
      String database = last ? "lake" : "lake_" + r;
      SyncPipeline p = pipeline(last ? "paimon" : "paimon" + r, paimon(warehouse, database), true,
          s.commitInterval());
      Step write = () -> raws.add(step("raw Paimon write", () -> raw.write("paimon_raw_" + round, s.rows(), 0,
          100_000, true)));
      Step sync = () -> {
        ours.add(step("Tributary -> Paimon", () -> untilSettled(p, s.rows())));
        p.stop();
      };
      inOrder(round, write, sync);
      verify(warehouse, database, 0);
      if (last) {
        kept = p;
      } else {
        p.offline();
        p.close();
      }
    }
    lines.add(new EndToEndSuite.Line(label, "full sync " + s.rows() + " rows", "Paimon", median(ours),
        "raw Paimon write", median(raws)));
    return kept;
  }

  /**
   * The drain of a backlog into a no-op writer, {@code repeat + 1} rounds (the first unmeasured): each round primes
   * a fresh pipeline (its log opened and a checkpoint taken), marks the raw reader's start, writes a backlog, and
   * reads it with both sides in alternating order; the pipeline is then dropped with its slot. Returns the number
   * of backlogs written.
   */
  private int drainIntoNoop() throws Exception {
    List<Measurement> logReads = new ArrayList<>();
    List<Measurement> ours = new ArrayList<>();
    for (int r = 0; r <= s.repeat(); r++) {
      boolean warmUp = r == 0;
      CountingWriter w = new CountingWriter();
      try (SyncPipeline p = pipeline("drain" + r, w, false, s.commitInterval())) {
        untilCaughtUp(p, 0);
        p.stop();
        db.markBacklogStart(1);
        System.out.printf("writing a backlog of %,d changes%s%n", s.changes(), warmUp ? " (warm-up round)" : "");
        db.writeBacklog(s.changes());
        Step read = () -> {
          Measurement m = step("raw log read", () -> db.rawLogRead(s.changes(), 0));
          if (!warmUp) {
            logReads.add(m);
          }
        };
        Step drain = () -> {
          Measurement m = step("Tributary -> no-op", () -> untilCaughtUp(p, s.changes()));
          check(w.rows >= s.changes(), "the no-op writer got " + w.rows + " of " + s.changes());
          if (!warmUp) {
            ours.add(m);
          }
        };
        inOrder(r, read, drain);
        p.offline(); // drops server state (a PostgreSQL slot)
      }
    }
    lines.add(new EndToEndSuite.Line(label, "backlog " + s.changes() + " changes", "no-op", median(ours),
        "raw log read", median(logReads)));
    return s.repeat() + 1;
  }

  private SyncPipeline pipeline(String id, ChangeWriter writer, boolean fullSync, Duration interval) {
    return pipeline(id, db.source(id), writer, fullSync, interval);
  }

  private SyncPipeline pipeline(String id, ChangeSource source, ChangeWriter writer, boolean fullSync,
      Duration interval) {
    SyncPipeline.Builder b = SyncPipeline.builder().name("bench-" + id).source(source).writer(writer)
        .fullSync(fullSync).commitInterval(interval);
    return (s.chunkRows() > 0 ? b.snapshotChunkSize(s.chunkRows()) : b).build();
  }

  private ChangeWriter paimon(Path warehouse, String database) {
    return paimonBuilder().warehouse(warehouse).database(database).build();
  }

  /** The writer's builder with the suite's {@code --paimon-table-options}, for both sides. */
  private io.tributary.paimon.PaimonWriterBuilder paimonBuilder() {
    var b = PaimonWriter.builder();
    s.paimonTableOptions().forEach(b::tableOption);
    return b;
  }

  /** Starts (or resumes) the pipeline and waits until it has committed everything the source had logged. */
  private static long untilCaughtUp(SyncPipeline pipeline, long items) throws Exception {
    pipeline.start();
    if (!pipeline.awaitCaughtUp(Duration.ofMinutes(30))) {
      throw new IllegalStateException("not caught up: " + pipeline.status());
    }
    return items;
  }

  /**
   * As {@link #untilCaughtUp}, then marks the rows visible and waits for the compaction the sync caused (the
   * hand-over's, in the background) as the raw write waits for its own: the CPU of both sides counts it.
   */
  private static long untilSettled(SyncPipeline pipeline, long items) throws Exception {
    untilCaughtUp(pipeline, items);
    Meter.visible();
    Compactions.awaitIdle(600);
    return items;
  }

  /** A measured side of a round. */
  private interface Step {
    void run() throws Exception;
  }

  /** Even rounds run the baseline first, odd rounds Tributary first. */
  private static void inOrder(int round, Step baseline, Step tributary) throws Exception {
    if (round % 2 == 0) {
      baseline.run();
      tributary.run();
    } else {
      tributary.run();
      baseline.run();
    }
  }

  /** The measurement with the median wall time (the upper one of an even count). */
  private static Measurement median(List<Measurement> ms) {
    List<Measurement> sorted = new ArrayList<>(ms);
    sorted.sort(Comparator.comparingLong(Measurement::wallNanos));
    return sorted.get(sorted.size() / 2);
  }

  private static Measurement step(String what, Meter.Phase phase) throws Exception {
    Measurement m = Meter.measure(phase);
    System.out.printf(Locale.ROOT, "  %-22s %,10d in %6.2f s = %,10.0f /s, %6.2f CPU s%s, peak heap %,5d MiB,"
            + " live %,4d MiB%s%n", what, m.items(), m.wallNanos() / 1e9, m.perSecond(), m.cpuNanos() / 1e9,
        m.settleNanos() < 1_000_000 ? "" : String.format(Locale.ROOT, " (compaction done %.2f s after)",
            m.settleNanos() / 1e9),
        m.peakHeapBytes() >> 20, m.peakLiveBytes() >> 20,
        m.peakFullGcLiveBytes() < 0 ? "" : String.format(Locale.ROOT, ", after full GCs %,4d MiB, reachable %,4d MiB",
            m.peakFullGcLiveBytes() >> 20, m.peakReachableBytes() >> 20));
    return m;
  }

  /** The Paimon target must hold exactly the source's rows: ids 1..rows, column i bumped for ids <= changes. */
  private void verify(Path warehouse, String database, int bumps) throws Exception {
    try (PaimonTableReader lake = PaimonTableReader.open(warehouse, database)) {
      boolean[] seen = new boolean[s.rows() + 1];
      long[] count = {0};
      lake.forEach(BenchTable.NAME, r -> { // streamed: an 8M-row target does not fit the heap as a list
        long id = ((Number) r.get(0)).longValue();
        int expected = (int) (id % 1000) + (id <= s.changes() ? bumps : 0);
        check(id >= 1 && id <= s.rows() && !seen[(int) id], "unexpected or duplicate id " + id);
        seen[(int) id] = true;
        check(((Number) r.get(1)).intValue() == expected, "row " + id + " has i=" + r.get(1) + ", not " + expected);
        count[0]++;
      });
      check(count[0] == s.rows(), "Paimon holds " + count[0] + " rows, the source " + s.rows());
    }
    System.out.printf("  verified: Paimon %s equals the source (%,d rows)%n", database, s.rows());
  }

  static void check(boolean condition, String message) {
    if (!condition) {
      throw new IllegalStateException("benchmark result is wrong: " + message);
    }
  }
}
