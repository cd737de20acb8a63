package io.tributary.benchmarks.e2e;

import io.tributary.paimon.PaimonWriter;
import io.tributary.postgres.PostgresSource;
import io.tributary.sync.SyncPipeline;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.locks.LockSupport;

/**
 * End-to-end latency at a steady rate: an embedded PostgreSQL takes {@code rate} row changes per second (upserts in
 * transactions of 50 rows, 20% key reuse) for {@code seconds}; the pipeline streams them into a local Paimon table
 * with the given commit interval. Every row's latency is source commit ({@code ts = clock_timestamp()}) to the
 * return of the Paimon commit that makes it visible. Prints p50/p99/max and heap after GC per window, so growth over
 * the run shows. Target: p99 at most commit interval + 1 s, flat.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.tributary.benchmarks.e2e.PostgresLatencyBenchmark
 *     [rate=5000] [seconds=300] [commitMillis=1000] [windowSeconds=30]</pre>
 */
public final class PostgresLatencyBenchmark {

  public static void main(String[] args) throws Exception {
    int rate = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 300;
    int commitMillis = args.length > 2 ? Integer.parseInt(args[2]) : 1000;
    int window = args.length > 3 ? Integer.parseInt(args[3]) : 30;
    Path warehouse = Files.createTempDirectory("tributary-latency");
    try (EmbeddedPostgres pg = EmbeddedPostgres.builder().setServerConfig("wal_level", "logical")
        .setServerConfig("synchronous_commit", "off").start()) {
      try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
        s.execute("CREATE TABLE events (id bigint PRIMARY KEY, v int, payload varchar(64), ts timestamptz)");
        s.execute("ALTER TABLE events REPLICA IDENTITY FULL");
      }
      PostgresSource source = PostgresSource.builder().name("pg").host("localhost").port(pg.getPort())
          .database("postgres").user("postgres").password("").includeTables("events").slotName("latency_bench")
          .heartbeatInterval(Duration.ofMillis(200)).build();
      LatencyRecordingWriter writer = new LatencyRecordingWriter(
          PaimonWriter.builder().warehouse(warehouse).database("lake").buckets(2).build(), 3);
      try (SyncPipeline pipeline = SyncPipeline.builder().name("latency").source(source).writer(writer)
          .commitInterval(Duration.ofMillis(commitMillis)).build()) {
        pipeline.start();
        while (pipeline.status().state() != io.tributary.sync.PipelineState.RUNNING) {
          Thread.sleep(10);
        }
        System.out.printf("rate %,d changes/s for %d s, commit interval %d ms%n", rate, seconds, commitMillis);
        System.out.printf("%8s %10s %8s %8s %8s %10s%n", "window", "changes", "p50 ms", "p99 ms", "max ms",
            "heap MiB");
        long[] all = new long[0];
        try (Connection c = pg.getPostgresDatabase().getConnection(); PreparedStatement ps = c.prepareStatement(
            "INSERT INTO events SELECT k, (random() * 1000)::int, md5(k::text), clock_timestamp()"
                + " FROM unnest(?::bigint[]) k ON CONFLICT (id) DO UPDATE SET v = EXCLUDED.v, ts = EXCLUDED.ts")) {
          Random random = new Random(1);
          long start = System.nanoTime();
          long sent = 0;
          long nextKey = 0;
          long nextReport = start + window * 1_000_000_000L;
          while (System.nanoTime() - start < seconds * 1_000_000_000L) {
            long due = (System.nanoTime() - start) * rate / 1_000_000_000L;
            if (sent >= due) {
              LockSupport.parkNanos(1_000_000);
            } else {
              java.util.Set<Long> batch = new java.util.LinkedHashSet<>(); // one upsert per key per statement
              while (batch.size() < 50) {
                batch.add(random.nextInt(5) == 0 && nextKey > 0 ? (long) random.nextInt((int) nextKey) : nextKey++);
              }
              Long[] keys = batch.toArray(Long[]::new);
              ps.setArray(1, c.createArrayOf("bigint", keys));
              ps.executeUpdate();
              sent += keys.length;
            }
            if (System.nanoTime() >= nextReport) {
              all = report((nextReport - start) / 1_000_000_000L, writer.drain(), all);
              nextReport += window * 1_000_000_000L;
            }
          }
        }
        Thread.sleep(commitMillis * 3L);
        all = report(seconds, writer.drain(), all);
        Arrays.sort(all);
        System.out.printf("overall: %,d changes, p50 %d ms, p99 %d ms, max %d ms%n", all.length,
            percentile(all, 0.50), percentile(all, 0.99), all.length == 0 ? 0 : all[all.length - 1]);
        pipeline.offline();
      }
    }
  }

  private static long[] report(long at, long[] latencies, long[] all) {
    Arrays.sort(latencies);
    System.gc();
    long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() >> 20;
    System.out.printf("%7ds %,10d %8d %8d %8d %10d%n", at, latencies.length, percentile(latencies, 0.50),
        percentile(latencies, 0.99), latencies.length == 0 ? 0 : latencies[latencies.length - 1], heap);
    long[] merged = Arrays.copyOf(all, all.length + latencies.length);
    System.arraycopy(latencies, 0, merged, all.length, latencies.length);
    return merged;
  }

  private static long percentile(long[] sorted, double p) {
    return sorted.length == 0 ? 0 : sorted[(int) Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
  }
}
