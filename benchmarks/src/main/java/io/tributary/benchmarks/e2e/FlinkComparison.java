package io.tributary.benchmarks.e2e;

import io.tributary.benchmarks.e2e.SideRun.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The full sync of the end-to-end suite's N-row table into Paimon, by the embedded engine ({@code local}) and by the
 * Flink job ({@code sync-flink}) on a MiniCluster in this JVM at parallelism 1 and 2 (readers and writers; the
 * decider is always 1), on the same source data, each run into a fresh warehouse (see benchmarks/README.md).
 *
 * <p>Every side gets one unmeasured pass first, then {@code --repeat} rounds run every side once, each round's order
 * rotated ({@link #order}), so no side always runs in the same position or after the same neighbour. A run is measured
 * from {@code start()} / job submission to the return of the commit that published the staging merge (the table
 * streams from then on), then stopped; its target is read back and compared with the source (count, column sums,
 * every row's values). CPU is this JVM's: the engine or the whole Flink cluster (JobManager, TaskManager, tasks),
 * Paimon, JIT and GC; the database server is another process (its share shows in the machine's busy cores).
 *
 * <pre>java -Xms3g -Xmx3g -XX:+AlwaysPreTouch -cp benchmarks/target/benchmarks.jar io.tributary.benchmarks.e2e.FlinkComparison
 *     [--rows 1000000] [--repeat 3] [--sources mysql] [--sides local,flink-p1,flink-p2] [--commit-millis 1000]
 *     [--chunk-rows 0]</pre>
 */
public final class FlinkComparison {

  /** The options. */
  record Settings(int rows, int repeat, long commitMillis, int chunkRows, List<String> sides) {
  }

  private FlinkComparison() {
  }

  public static void main(String[] args) throws Exception {
    for (String logger : List.of("org.apache.paimon", "org.apache.hadoop", "io.tributary.paimon", "org.apache.flink",
        "io.tributary.flink", "org.apache.pekko", "io.tributary.sync", "io.tributary.mysql", "io.tributary.postgres",
        "ch.vorburger")) {
      System.setProperty("org.slf4j.simpleLogger.log." + logger,
          System.getProperty("org.slf4j.simpleLogger.log." + logger, "warn"));
    }
    Map<String, String> o = Args.parse(args, Map.of("rows", "1000000", "repeat", "3", "sources", "mysql",
        "sides", "local,flink-p1,flink-p2", "commit-millis", "1000", "chunk-rows", "0"));
    Settings s = new Settings(Integer.parseInt(o.get("rows")), Integer.parseInt(o.get("repeat")),
        Long.parseLong(o.get("commit-millis")), Integer.parseInt(o.get("chunk-rows")),
        List.of(o.get("sides").split(",")));
    for (String side : s.sides()) {
      if (!side.equals("local") && !side.matches("flink-p[12]")) {
        throw new IllegalArgumentException("--sides takes local, flink-p1, flink-p2; got " + side);
      }
    }
    boolean failed = false;
    Path root = Files.createTempDirectory("tributary-fbench");
    System.out.printf("load: %s", Files.readString(Path.of("/proc/loadavg")));
    try (FlinkCluster flink = new FlinkCluster(2)) {
      for (String name : o.get("sources").split(",")) {
        try (BenchDatabase db = switch (name.trim()) {
          case "mysql" -> new MySqlBenchDatabase();
          case "postgres" -> new PostgresBenchDatabase();
          default -> throw new IllegalArgumentException("unknown source " + name + "; use mysql and/or postgres");
        }) {
          List<Result> results = new ArrayList<>();
          try {
            runSource(db, flink, s, root, results);
          } catch (Throwable e) {
            e.printStackTrace();
            failed = true;
          } finally {
            print(db.label(), s, results);
          }
        }
      }
    }
    System.out.printf("%nload: %sJVM: %s %s, -Xmx %d MiB, %d CPUs%n", Files.readString(Path.of("/proc/loadavg")),
        System.getProperty("java.vm.name"), System.getProperty("java.version"),
        Runtime.getRuntime().maxMemory() >> 20, Runtime.getRuntime().availableProcessors());
    System.exit(failed ? 1 : 0); // embedded servers' threads would keep the JVM alive
  }

  private static void runSource(BenchDatabase db, FlinkCluster flink, Settings s, Path root, List<Result> results)
      throws Exception {
    System.out.printf("%n== %s: loading %,d rows%n", db.label(), s.rows());
    db.load(s.rows());
    SideRun runs = new SideRun(db, flink, s, db.checksum(), root);
    db.rawScan(); // warms the server's cache
    for (String side : s.sides()) {
      runs.run(side, side.replace('-', '_') + "_warm", -1, -1);
    }
    for (int r = 0; r < s.repeat(); r++) {
      List<String> order = order(s.sides(), r);
      for (int i = 0; i < order.size(); i++) {
        results.add(runs.run(order.get(i), order.get(i).replace('-', '_') + "_r" + r, r, i));
      }
    }
  }

  /**
   * Round {@code r}'s order: the sides rotated by {@code r}, so that over as many rounds as sides each side runs once
   * in each position; the next as many rounds rotate the reversed list, so each side also follows each other one.
   */
  static List<String> order(List<String> sides, int r) {
    List<String> order = new ArrayList<>(sides);
    if ((r / sides.size()) % 2 == 1) {
      java.util.Collections.reverse(order);
    }
    java.util.Collections.rotate(order, -(r % sides.size()));
    return order;
  }

  private static void print(String label, Settings s, List<Result> results) {
    if (results.isEmpty()) {
      return;
    }
    System.out.printf(Locale.ROOT, "%n%s, %,d rows into Paimon (4 buckets), commit interval = Flink checkpoint"
        + " interval %d ms, chunk %s rows; median round of %d (by wall time), after one warm-up pass per side."
        + " Ratios against local.%n%n", label, s.rows(), s.commitMillis(),
        s.chunkRows() > 0 ? String.valueOf(s.chunkRows()) : "default", s.repeat());
    System.out.println("| Side | Wall s | Rows/s | Rows/s min–max | Ratio | CPU s | CPU µs/row | CPU/row ratio |"
        + " Peak heap MiB | Live heap MiB | To first write s | Copy s | Merge → commit s | Commits |"
        + " Machine cores busy |");
    System.out.println("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|");
    Result local = median(results, "local");
    for (String side : s.sides()) {
      Result m = median(results, side);
      if (m == null) {
        continue;
      }
      List<Result> all = results.stream().filter(r -> r.side().equals(side)).toList();
      double min = all.stream().mapToDouble(r -> r.m().perSecond()).min().orElse(0);
      double max = all.stream().mapToDouble(r -> r.m().perSecond()).max().orElse(0);
      System.out.printf(Locale.ROOT, "| %s | %.2f | %,.0f | %,.0f–%,.0f | %s | %.2f | %.2f | %s | %d | %d | %.2f |"
              + " %.2f | %.2f | %d | %.2f |%n", side, m.m().wallNanos() / 1e9, m.m().perSecond(), min, max,
          ratio(m, local, r -> r.m().perSecond()), m.m().cpuNanos() / 1e9, cpuPerRow(m),
          ratio(m, local, FlinkComparison::cpuPerRow), m.m().peakHeapBytes() >> 20, m.m().peakLiveBytes() >> 20,
          m.toFirstWriteS(), m.copyS(), m.mergeToCommitS(), m.commits(), m.machineCores());
    }
    System.out.printf("%nEvery round (wall s, position in the round's order):%n");
    for (Result r : results) {
      System.out.printf(Locale.ROOT, "  round %d  %-9s #%d  %6.2f s  %,9.0f rows/s  %5.2f µs/row CPU%n", r.round(),
          r.side(), r.position() + 1, r.m().wallNanos() / 1e9, r.m().perSecond(), cpuPerRow(r));
    }
  }

  private static double cpuPerRow(Result r) {
    return r.m().cpuNanos() / 1e3 / r.m().items();
  }

  private static String ratio(Result r, Result local, ToDoubleFunction<Result> f) {
    return local == null ? "–" : String.format(Locale.ROOT, "%.2f", f.applyAsDouble(r) / f.applyAsDouble(local));
  }

  /** The side's round with the median wall time (the upper one of an even count); null if it has none. */
  private static Result median(List<Result> results, String side) {
    List<Result> sorted = new ArrayList<>(results.stream().filter(r -> r.side().equals(side)).toList());
    sorted.sort(Comparator.comparingLong(r -> r.m().wallNanos()));
    return sorted.isEmpty() ? null : sorted.get(sorted.size() / 2);
  }
}
