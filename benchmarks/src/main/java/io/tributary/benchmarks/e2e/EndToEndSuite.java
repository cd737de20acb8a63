package io.tributary.benchmarks.e2e;

import io.tributary.benchmarks.e2e.Meter.Measurement;
import io.tributary.sync.SyncPipeline;
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
 *     [--rows 1000000] [--changes 500000] [--rate 5000] [--latency-seconds 300] [--sources mysql,postgres]
 *     [--commit-millis 200] [--latency-commit-millis 1000] [--chunk-rows 0] [--repeat 3]
 *     [--paimon-sync-only false]</pre>
 * {@code --paimon-sync-only true} runs only the full sync into Paimon against the raw Paimon write (and its
 * warm-up), e.g. for the 4M-row heap check.
 */
public final class EndToEndSuite {

  /** One line of the throughput table. */
  record Line(String source, String phase, String target, Measurement ours, String baseline, Measurement base) {
  }

  /** The suite's options. */
  record Settings(int rows, int changes, int rate, int latencySeconds, Duration commitInterval,
      Duration latencyCommitInterval, int chunkRows, int repeat, boolean paimonSyncOnly) {
  }

  private final List<Line> lines = new ArrayList<>();
  private final List<String> latencyLines = new ArrayList<>();
  private final Settings settings;

  private EndToEndSuite(Settings settings) {
    this.settings = settings;
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> options = Args.parse(args, Map.of("rows", "1000000", "changes", "500000", "rate", "5000",
        "latency-seconds", "300", "sources", "mysql,postgres", "commit-millis", "200", "latency-commit-millis", "1000",
        "chunk-rows", "0", "repeat", "3", "paimon-sync-only", "false"));
    Settings settings = new Settings(Integer.parseInt(options.get("rows")),
        Integer.parseInt(options.get("changes")), Integer.parseInt(options.get("rate")),
        Integer.parseInt(options.get("latency-seconds")),
        Duration.ofMillis(Long.parseLong(options.get("commit-millis"))),
        Duration.ofMillis(Long.parseLong(options.get("latency-commit-millis"))),
        Integer.parseInt(options.get("chunk-rows")), Integer.parseInt(options.get("repeat")),
        Boolean.parseBoolean(options.get("paimon-sync-only")));
    if (settings.repeat() < 1) {
      throw new IllegalArgumentException("--repeat must be at least 1");
    }
    if (settings.changes() > settings.rows()) {
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

  private void print() {
    System.out.printf("%nTributary figures: start() to awaitCaughtUp() (all read rows committed), commit interval %d ms,"
        + " source heartbeat 200 ms, snapshot chunk %s rows, other settings default. Rows/s or changes/s. No-op"
        + " lines: median of %d rounds per side after one warm-up pass each.%n",
        settings.commitInterval().toMillis(), settings.chunkRows() > 0 ? String.valueOf(settings.chunkRows()) : "default",
        settings.repeat());
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
}
