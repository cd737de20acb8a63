package io.tributary.benchmarks.e2e;

import io.tributary.benchmarks.e2e.Meter.Measurement;
import io.tributary.sync.SyncPipeline;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

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
 * <p>Fair by construction ({@link SourceRun}): each side of a comparison makes one unmeasured pass first (a 1M-row
 * sync lasts about as long as the JIT takes to compile the path; the first Paimon write in a JVM runs cold), then
 * {@code --repeat} measured rounds alternate which side goes first, each Tributary round a fresh pipeline, and the
 * median round of each side is reported; so the result does not depend on the order of sources or sides. At most
 * three replication slots exist at once; every database and slot the suite creates is dropped at the end. The
 * table is printed for whatever finished, even when a later section fails.
 *
 * <p>Run it with a heap committed and touched up front ({@code -Xms} = {@code -Xmx}, {@code -XX:+AlwaysPreTouch}):
 * otherwise whichever side happens to grow the young generation pays the first-touch page faults, about 0.2 s,
 * which is half of a 500,000-change binlog drain and made the no-op ratios swing between 0.5 and 1.4 run to run.
 *
 * <pre>java -Xms2g -Xmx2g -XX:+AlwaysPreTouch -cp benchmarks/target/benchmarks.jar io.tributary.benchmarks.e2e.EndToEndSuite
 *     [--rows 1000000] [--changes 500000] [--rate 5000] [--sources mysql,postgres] [--commit-millis 200]
 *     [--chunk-rows 0] [--repeat 3] [--sections throughput,latency] [--latency-commit-millis 1000,500,250]
 *     [--latency-seconds 180] [--latency-window-seconds 60] [--latency-table-options key=value,...]
 *     [--paimon-sync-only false] [--live-sample-millis 0] [--paimon-table-options key=value,...]</pre>
 * {@code --paimon-sync-only true} runs only the full sync into Paimon against the raw Paimon write (and its
 * warm-up), e.g. for the 4M-row heap check. {@code --live-sample-millis N} forces a full collection every N ms of
 * each measured phase and reports the peak heap after them, and the peak after the pending finalizers ran and a
 * second collection, the phase's true live peak (the default live figure, after any collection, includes the old
 * generation's garbage and grows with a phase's length; one full collection cannot free objects with a finalizer,
 * such as the zstd streams of every Parquet file written, see {@link Meter}); it costs wall time, so use it for
 * heap checks, not for rates.
 */
public final class EndToEndSuite {

  /** One line of the throughput table. */
  record Line(String source, String phase, String target, Measurement ours, String baseline, Measurement base) {
  }

  /** The suite's options. */
  record Settings(int rows, int changes, int rate, int latencySeconds, Duration commitInterval,
      List<Duration> latencyCommitIntervals, int latencyWindowSeconds, Map<String, String> latencyTableOptions,
      int chunkRows, int repeat, Set<String> sections, boolean paimonSyncOnly, Map<String, String> paimonTableOptions) {
  }

  private final List<Line> lines = new ArrayList<>();
  private final List<LatencySection.Line> latencyLines = new ArrayList<>();
  private final Settings settings;

  private EndToEndSuite(Settings settings) {
    this.settings = settings;
  }

  public static void main(String[] args) throws Exception {
    // Paimon and Tributary's writer log every commit at INFO: at four commits a second that buries the report.
    for (String logger : List.of("org.apache.paimon", "org.apache.hadoop", "io.tributary.paimon")) {
      System.setProperty("org.slf4j.simpleLogger.log." + logger,
          System.getProperty("org.slf4j.simpleLogger.log." + logger, "warn"));
    }
    Map<String, String> options = Args.parse(args, Map.ofEntries(Map.entry("rows", "1000000"),
        Map.entry("changes", "500000"), Map.entry("rate", "5000"), Map.entry("latency-seconds", "180"),
        Map.entry("sources", "mysql,postgres"), Map.entry("commit-millis", "200"),
        Map.entry("latency-commit-millis", "1000,500,250"), Map.entry("latency-window-seconds", "60"),
        Map.entry("latency-table-options", ""),
        Map.entry("chunk-rows", "0"), Map.entry("repeat", "3"), Map.entry("sections", "throughput,latency"),
        Map.entry("paimon-sync-only", "false"), Map.entry("live-sample-millis", "0"),
        Map.entry("paimon-table-options", "")));
    Meter.sampleLive(Long.parseLong(options.get("live-sample-millis")));
    Set<String> sections = new LinkedHashSet<>(List.of(options.get("sections").split(",")));
    if (!Set.of("throughput", "latency").containsAll(sections)) {
      throw new IllegalArgumentException("--sections takes throughput and/or latency, got " + sections);
    }
    Settings settings = new Settings(Integer.parseInt(options.get("rows")),
        Integer.parseInt(options.get("changes")), Integer.parseInt(options.get("rate")),
        Integer.parseInt(options.get("latency-seconds")),
        Duration.ofMillis(Long.parseLong(options.get("commit-millis"))),
        Arrays.stream(options.get("latency-commit-millis").split(",")).map(m -> Duration.ofMillis(Long.parseLong(
            m.trim()))).toList(), Integer.parseInt(options.get("latency-window-seconds")),
        tableOptions("latency-table-options", options.get("latency-table-options")),
        Integer.parseInt(options.get("chunk-rows")), Integer.parseInt(options.get("repeat")), sections,
        Boolean.parseBoolean(options.get("paimon-sync-only")),
        tableOptions("paimon-table-options", options.get("paimon-table-options")));
    if (settings.repeat() < 1) {
      throw new IllegalArgumentException("--repeat must be at least 1");
    }
    if (sections.contains("throughput") && settings.changes() > settings.rows()) {
      throw new IllegalArgumentException("--changes must not exceed --rows (the backlog updates existing rows)");
    }
    EndToEndSuite suite = new EndToEndSuite(settings);
    boolean failed = false;
    try {
      for (String name : options.get("sources").split(",")) {
        try (BenchDatabase db = switch (name.trim()) {
          case "mysql" -> new MySqlBenchDatabase();
          case "postgres" -> new PostgresBenchDatabase();
          default -> throw new IllegalArgumentException("unknown source " + name + "; use mysql and/or postgres");
        }) {
          new SourceRun(db, settings, suite.lines, suite.latencyLines).run();
        }
      }
    } catch (Throwable e) {
      e.printStackTrace();
      failed = true;
    } finally {
      suite.print(); // whatever finished, even when a later section failed
    }
    System.exit(failed ? 1 : 0); // embedded servers' threads would keep the JVM alive
  }

  /**
   * {@code key=value,key=value}: Paimon table options for experiments, of the latency section's writers or of both
   * sides of the throughput section's Paimon phases.
   */
  private static Map<String, String> tableOptions(String flag, String spec) {
    Map<String, String> out = new java.util.LinkedHashMap<>();
    for (String kv : spec.split(",")) {
      if (!kv.isBlank()) {
        int eq = kv.indexOf('=');
        if (eq < 1) {
          throw new IllegalArgumentException("--" + flag + " takes key=value,key=value, got " + kv);
        }
        out.put(kv.substring(0, eq).trim(), kv.substring(eq + 1).trim());
      }
    }
    return out;
  }

  /**
   * The live-heap cell: after any collection, and when sampled after forced full collections (objects waiting for
   * their finalizer included) and after the finalizers ran and a second one (only what is reachable).
   */
  private static String live(Measurement m) {
    long full = m.peakFullGcLiveBytes();
    return (m.peakLiveBytes() >> 20) + (full < 0 ? "" : " (full GC " + (full >> 20) + ", reachable "
        + (m.peakReachableBytes() >> 20) + ")");
  }

  private void print() {
    System.out.printf("%nTributary figures: start() to awaitCaughtUp() (all read rows committed), commit interval %d ms,"
        + " source heartbeat 200 ms, snapshot chunk %s rows, other settings default. Rows/s or changes/s. No-op"
        + " lines: median of %d rounds per side after one warm-up pass each.%n",
        settings.commitInterval().toMillis(), settings.chunkRows() > 0 ? String.valueOf(settings.chunkRows()) : "default",
        settings.repeat());
    System.out.printf("%n| Source | Phase | Into | Tributary /s | Baseline | Baseline /s | Ratio | CPU s (T / base) |"
        + " Peak heap MiB (T / base) | Live heap MiB (T) |%n|---|---|---|--:|---|--:|--:|--:|--:|--:|%n");
    for (Line l : lines) {
      System.out.printf(Locale.ROOT, "| %s | %s | %s | %,.0f | %s | %,.0f | %.2f | %.1f / %.1f | %d / %d | %s |%n",
          l.source(), l.phase(), l.target(), l.ours().perSecond(), l.baseline(), l.base().perSecond(),
          l.ours().perSecond() / l.base().perSecond(), l.ours().cpuNanos() / 1e9, l.base().cpuNanos() / 1e9,
          l.ours().peakHeapBytes() >> 20, l.base().peakHeapBytes() >> 20, live(l.ours()));
    }
    if (!latencyLines.isEmpty()) {
      System.out.printf("%nLatency: source commit (the row's ts, the server's clock) → the Paimon commit that shows it"
          + " returned; p99 target = commit interval + 300 ms (✗ = missed). Read lag = source commit → the source"
          + " returns the row to the engine. Period = between two commits' ends. Checkpoint CPU = the sink thread's"
          + " for prepare + commit. Counts are files on disk in the table directory, at the start (before 20 s of"
          + " unmeasured load) and every %d s. CPU: this JVM (engine, Paimon, load driver) / the whole machine, in"
          + " cores.%n%n",
          settings.latencyWindowSeconds());
      System.out.println(LatencySection.Line.header());
      latencyLines.forEach(l -> System.out.println(l.row()));
    }
    System.out.printf("%nJVM: %s %s, -Xmx %d MiB, %d CPUs%n", System.getProperty("java.vm.name"),
        System.getProperty("java.version"), Runtime.getRuntime().maxMemory() >> 20,
        Runtime.getRuntime().availableProcessors());
  }
}
