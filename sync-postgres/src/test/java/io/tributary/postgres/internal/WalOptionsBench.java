package io.tributary.postgres.internal;

import io.tributary.postgres.PgFixture;
import io.tributary.postgres.PostgresSource;
import io.tributary.sync.event.Row;
import io.tributary.sync.event.TableSchema;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * pgoutput's text vs {@code binary 'true'} values side by side on the same WAL, draining a backlog of many small
 * transactions and one of a single large transaction (no-op: every change decoded and converted to a row, as the
 * source does, then dropped); or ({@code source} mode) the source's own drain, {@code openLog} and {@code poll}.
 * (Session 6 also measured {@code streaming 'on'} here, protocol 2; not kept, see docs/design.md.)
 * Each configuration re-reads the same slot (nothing is confirmed); rounds alternate the order; round 0 is a
 * warm-up. Reports wall time, this JVM's CPU and the walsender's CPU (from /proc). Run:
 * <pre>
 * mvn -q -pl sync-postgres test-compile exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=io.tributary.postgres.internal.WalOptionsBench -Dexec.args="50000 4 500000 3"
 * </pre>
 * Arguments: small transactions (0: none), rows per small transaction, rows of the large transaction, measured
 * rounds; or {@code source}, changes, changes per transaction, measured rounds.
 */
public final class WalOptionsBench {

  private record Config(String name, boolean binary) {
  }

  private record Result(double seconds, double clientCpu, double serverCpu) {
  }

  private static final List<Config> CONFIGS = List.of(new Config("text", false), new Config("binary", true));

  private WalOptionsBench() {
  }

  public static void main(String[] args) throws Exception {
    if (args[0].equals("source")) {
      source(Integer.parseInt(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]));
      return;
    }
    int smallTx = Integer.parseInt(args[0]);
    int perTx = Integer.parseInt(args[1]);
    int large = Integer.parseInt(args[2]);
    int rounds = Integer.parseInt(args[3]);
    int rows = Math.max(large, smallTx * perTx);
    String db = PgFixture.newDatabase("walopts");
    PgFixture.execute(db, "CREATE TABLE bench (id bigint PRIMARY KEY, i int, l bigint, d numeric(12,2), "
            + "f double precision, s varchar(64), c char(8), dt timestamp(3), ts timestamptz(3), flag smallint)",
        "INSERT INTO bench SELECT g, (g % 1000)::int, g * 7919, g / 100.0, g / 3.0, 'name-' || g, 'abc', "
            + "timestamp '2024-01-01' + g * interval '1 second', timestamp '2024-01-01' + g * interval '1 second', "
            + "(g % 2)::smallint FROM generate_series(1::bigint, " + rows + ") g",
        "CREATE PUBLICATION walopts FOR TABLE bench",
        "CREATE PROCEDURE small(n int, per int) LANGUAGE plpgsql AS $$ BEGIN FOR t IN 0..n - 1 LOOP "
            + "UPDATE bench SET i = i + 1 WHERE id BETWEEN t * per + 1 AND t * per + per; COMMIT; END LOOP; END $$",
        "SELECT pg_create_logical_replication_slot('walopts_small', 'pgoutput')");
    System.out.printf("writing %,d transactions of %d rows%n", smallTx, perTx);
    PgFixture.execute(db, smallTx > 0 ? "CALL small(" + smallTx + ", " + perTx + ")" : "SELECT 1",
        "SELECT pg_create_logical_replication_slot('walopts_large', 'pgoutput')");
    System.out.printf("writing one transaction of %,d rows%n", large);
    PgFixture.execute(db, "UPDATE bench SET i = i + 1 WHERE id <= " + large);
    try (Connection c = PgFixture.connect(db); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT version(), current_setting('logical_decoding_work_mem')")) {
      rs.next();
      System.out.println(rs.getString(1) + ", logical_decoding_work_mem " + rs.getString(2));
    }
    TableSchema schema;
    try (PostgresSource source = PgFixture.source(db, "walopts").build()) {
      schema = source.discoverTables().get(0);
    }
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setUrl(PgFixture.server().jdbcUrl(db));
    ds.setUser(PgFixture.server().user());
    ds.setPassword(PgFixture.server().password());
    TypeRegistry types = new TypeRegistry(ds);
    Map<String, List<Result>> results = new HashMap<>();
    for (int r = 0; r <= rounds; r++) {
      List<Config> order = new ArrayList<>(CONFIGS);
      if (r % 2 == 1) {
        java.util.Collections.reverse(order);
      }
      for (String workload : smallTx > 0 ? List.of("small", "large") : List.of("large")) {
        long expected = workload.equals("small") ? (long) smallTx * perTx : large;
        for (Config config : order) {
          Result res = drain(db, "walopts_" + workload, config, expected, types, schema);
          System.out.printf("round %d %-5s %-14s %6.2f s, client CPU %6.2f s, walsender CPU %6.2f s%n", r, workload,
              config.name(), res.seconds(), res.clientCpu(), res.serverCpu());
          if (r > 0) {
            results.computeIfAbsent(workload + " " + config.name(), k -> new ArrayList<>()).add(res);
          }
        }
      }
    }
    System.out.println("| workload | config | median s | median client CPU s | median walsender CPU s |");
    for (String workload : smallTx > 0 ? List.of("small", "large") : List.of("large")) {
      for (Config config : CONFIGS) {
        List<Result> list = results.get(workload + " " + config.name());
        System.out.printf("| %s | %s | %.2f | %.2f | %.2f |%n", workload, config.name(),
            median(list, Result::seconds), median(list, Result::clientCpu), median(list, Result::serverCpu));
      }
    }
    PgFixture.dropSlots(db);
    System.exit(0);
  }

  /**
   * The source's own drain ({@code openLog} and {@code poll} until every change came as a RowChange), text vs
   * binary values, of a backlog like the end-to-end suite's (transactions of 10,000 updates).
   */
  private static void source(int changes, int perTx, int rounds) throws Exception {
    String db = PgFixture.newDatabase("walsrc");
    PgFixture.execute(db, "CREATE TABLE bench (id bigint PRIMARY KEY, i int, l bigint, d numeric(12,2), "
            + "f double precision, s varchar(64), c char(8), dt timestamp(3), ts timestamptz(3), flag smallint)",
        "INSERT INTO bench SELECT g, (g % 1000)::int, g * 7919, g / 100.0, g / 3.0, 'name-' || g, 'abc', "
            + "timestamp '2024-01-01' + g * interval '1 second', timestamp '2024-01-01' + g * interval '1 second', "
            + "(g % 2)::smallint FROM generate_series(1::bigint, " + changes + ") g");
    Map<String, PostgresSource> sources = new java.util.LinkedHashMap<>();
    for (boolean binary : new boolean[] {false, true}) {
      sources.put(binary ? "binary" : "text", PgFixture.source(db, "walsrc").slotName("walsrc")
          .publicationName("walsrc").binaryValues(binary).build());
    }
    TableSchema schema = sources.get("text").discoverTables().get(0);
    try (io.tributary.sync.spi.LogStream log = sources.get("text").openLog(
        io.tributary.sync.spi.StartPosition.latest(), Map.of(schema.id(), schema))) {
      log.poll(Duration.ofMillis(10));
    }
    for (int from = 1; from <= changes; from += perTx) {
      PgFixture.execute(db, "UPDATE bench SET i = i + 1 WHERE id BETWEEN " + from + " AND "
          + Math.min(changes, from + perTx - 1));
    }
    Map<String, List<Result>> results = new HashMap<>();
    List<String> names = new ArrayList<>(sources.keySet());
    for (int r = 0; r <= rounds; r++) {
      java.util.Collections.reverse(names);
      for (String name : names) {
        untilInactive(db, "walsrc");
        Result res = drainSource(db, sources.get(name), schema, changes);
        System.out.printf("round %d source %-7s %6.2f s, client CPU %6.2f s, walsender CPU %6.2f s%n", r, name,
            res.seconds(), res.clientCpu(), res.serverCpu());
        if (r > 0) {
          results.computeIfAbsent(name, k -> new ArrayList<>()).add(res);
        }
      }
    }
    System.out.println("| config | median s | median client CPU s | median walsender CPU s |");
    for (String name : sources.keySet()) {
      List<Result> list = results.get(name);
      System.out.printf("| %s | %.2f | %.2f | %.2f |%n", name, median(list, Result::seconds),
          median(list, Result::clientCpu), median(list, Result::serverCpu));
    }
    sources.values().forEach(PostgresSource::close);
    PgFixture.dropSlots(db);
    System.exit(0);
  }

  private static Result drainSource(String db, PostgresSource source, TableSchema schema, long expected)
      throws Exception {
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    long cpu0 = os.getProcessCpuTime();
    long t0 = System.nanoTime();
    long n = 0;
    double serverCpu;
    try (io.tributary.sync.spi.LogStream log = source.openLog(io.tributary.sync.spi.StartPosition.earliest(),
        Map.of(schema.id(), schema))) {
      long pid = walsenderPid(db, "walsrc");
      while (n < expected) {
        for (io.tributary.sync.event.ChangeEvent e : log.poll(Duration.ofSeconds(1))) {
          if (e instanceof io.tributary.sync.event.RowChange) {
            n++;
          }
        }
      }
      serverCpu = processCpuSeconds(pid);
    }
    return new Result((System.nanoTime() - t0) / 1e9, (os.getProcessCpuTime() - cpu0) / 1e9, serverCpu);
  }

  private static double median(List<Result> list, java.util.function.ToDoubleFunction<Result> f) {
    double[] v = list.stream().mapToDouble(f).sorted().toArray();
    return v[v.length / 2];
  }

  private static Result drain(String db, String slot, Config config, long expected, TypeRegistry types,
      TableSchema schema) throws Exception {
    Properties p = new Properties();
    p.setProperty("user", PgFixture.server().user());
    p.setProperty("password", PgFixture.server().password());
    p.setProperty("replication", "database");
    p.setProperty("preferQueryMode", "simple");
    p.setProperty("assumeMinServerVersion", "10");
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    Relations relations = new Relations("walopts", db, types, Map.of(schema.id(), schema));
    untilInactive(db, slot);
    long cpu0 = os.getProcessCpuTime();
    long t0 = System.nanoTime();
    long n = 0;
    long sink = 0;
    double serverCpu;
    try (Connection c = DriverManager.getConnection(PgFixture.server().jdbcUrl(db), p)) {
      ReplicationChannel channel = ReplicationChannel.start(c, slot, 0, "walopts", 0, Duration.ofSeconds(10),
          config.binary());
      long pid = walsenderPid(db, slot);
      while (n < expected) {
        ByteBuffer buffer = channel.readPending();
        if (buffer == null) {
          Thread.sleep(1);
          continue;
        }
        PgOutput.Message m = PgOutput.decode(buffer);
        if (m instanceof PgOutput.Relation rel) {
          relations.onRelation(rel);
        } else if (m instanceof PgOutput.Change ch) {
          Row row = Relations.row(relations.get(ch.relationOid()), ch.newTuple(), null, 0);
          sink += row.size();
          n++;
        }
      }
      serverCpu = processCpuSeconds(pid);
    }
    if (sink == 0) {
      throw new IllegalStateException("no values");
    }
    return new Result((System.nanoTime() - t0) / 1e9, (os.getProcessCpuTime() - cpu0) / 1e9, serverCpu);
  }

  private static long walsenderPid(String db, String slot) throws Exception {
    try (Connection c = PgFixture.connect(db); Statement s = c.createStatement()) {
      for (int i = 0; i < 1000; i++) {
        try (ResultSet rs = s.executeQuery("SELECT active_pid FROM pg_replication_slots WHERE slot_name = '" + slot
            + "' AND active_pid IS NOT NULL")) {
          if (rs.next()) {
            return rs.getLong(1);
          }
        }
        Thread.sleep(5);
      }
    }
    throw new IllegalStateException("no walsender for " + slot);
  }

  private static void untilInactive(String db, String slot) throws Exception {
    try (Connection c = PgFixture.connect(db); Statement s = c.createStatement()) {
      for (int i = 0; i < 2000; i++) {
        try (ResultSet rs = s.executeQuery("SELECT 1 FROM pg_replication_slots WHERE slot_name = '" + slot
            + "' AND active")) {
          if (!rs.next()) {
            return;
          }
        }
        Thread.sleep(5);
      }
    }
    throw new IllegalStateException("slot " + slot + " stays active");
  }

  /** utime + stime of a process, from /proc/PID/stat (clock ticks of 1/100 s). */
  private static double processCpuSeconds(long pid) throws Exception {
    String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
  }
}
