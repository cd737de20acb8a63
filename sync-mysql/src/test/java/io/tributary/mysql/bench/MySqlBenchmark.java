package io.tributary.mysql.bench;

import io.tributary.mysql.MySqlPosition;
import io.tributary.mysql.MySqlSource;
import io.tributary.mysql.MySqlTestServer;
import io.tributary.sync.event.ChangeEvent;
import io.tributary.sync.event.Row;
import io.tributary.sync.event.RowChange;
import io.tributary.sync.event.RowFilter;
import io.tributary.sync.event.TableSchema;
import io.tributary.sync.spi.LogStream;
import io.tributary.sync.spi.SnapshotChunk;
import io.tributary.sync.spi.SnapshotSink;
import io.tributary.sync.spi.StartPosition;
import io.tributary.sync.testing.RawScan;
import io.tributary.sync.testing.TestServer;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * End-to-end benchmark of the MySQL source against the test server (embedded MariaDB unless the environment names
 * one), each phase beside an in-run baseline on the same data:
 * <ul>
 *   <li>snapshot of an N-row, 10-column table into a no-op sink vs a raw JDBC streaming {@code SELECT *} that reads
 *   every column with {@code getObject};</li>
 *   <li>draining a backlog of M binlog row changes into a no-op consumer vs a raw binlog-client read that
 *   deserializes rows and does nothing else.</li>
 * </ul>
 * Run: {@code mvn -q -pl sync-mysql test-compile dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt
 * -Dmdep.includeScope=test} then
 * {@code java -Xmx512m -cp sync-mysql/target/test-classes:sync-mysql/target/classes:$(cat /tmp/cp.txt)
 * io.tributary.mysql.bench.MySqlBenchmark [rows=1000000] [changes=500000] [rounds=3]}.
 */
public final class MySqlBenchmark {

  private static final String DB = "bench";

  private MySqlBenchmark() {
  }

  public static void main(String[] args) throws Exception {
    try {
      run(args);
    } finally {
      System.exit(0); // the embedded server's threads would keep the JVM alive
    }
  }

  private static void run(String[] args) throws Exception {
    int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    int changes = args.length > 1 ? Integer.parseInt(args[1]) : 500_000;
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3; // measured rounds after one warm-up round
    TestServer server = MySqlTestServer.get();
    load(rows);
    try (MySqlSource source = MySqlSource.builder().name("bench").host(server.host()).port(server.port())
        .user(server.user()).password(server.password()).includeDatabases(DB).fetchSize(5000).build()) {
      TableSchema schema = source.discoverTables().get(0);
      for (int round = 0; round <= rounds; round++) { // round 0 warms up JIT and the buffer pool
        Phase raw = measure(() -> rawScan(rows));
        Phase ours = measure(() -> snapshot(source, schema));
        report(round, "snapshot", rows, raw, ours);
      }
      MySqlPosition from = logEnd();
      MySqlTestServer.execute("UPDATE " + DB + ".b SET i = i + 1 WHERE id <= " + changes);
      for (int round = 0; round <= rounds; round++) {
        Phase raw = measure(() -> rawBinlog(server, from, changes));
        Phase ours = measure(() -> drain(source, schema, from, changes));
        report(round, "backlog", changes, raw, ours);
      }
    }
  }

  private interface Work {
    long run() throws Exception;
  }

  private record Phase(long rows, long nanos, long peakHeapBytes) {
    double rowsPerSecond() {
      return rows * 1e9 / nanos;
    }
  }

  private static Phase measure(Work work) throws Exception {
    System.gc();
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      pool.resetPeakUsage();
    }
    long start = System.nanoTime();
    long n = work.run();
    long nanos = System.nanoTime() - start;
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    return new Phase(n, nanos, peak);
  }

  private static void report(int round, String what, int expected, Phase raw, Phase ours) {
    System.out.printf("%s%s: expected %d rows | baseline %d rows %.0f rows/s peak heap %d MiB | tributary %d rows "
            + "%.0f rows/s peak heap %d MiB | ratio %.2f%n", round == 0 ? "(warm-up) " : "", what, expected,
        raw.rows(), raw.rowsPerSecond(), raw.peakHeapBytes() >> 20, ours.rows(), ours.rowsPerSecond(),
        ours.peakHeapBytes() >> 20, ours.rowsPerSecond() / raw.rowsPerSecond());
  }

  private static void load(int rows) throws Exception {
    MySqlTestServer.execute("DROP DATABASE IF EXISTS " + DB, "CREATE DATABASE " + DB + " CHARACTER SET utf8mb4",
        "CREATE TABLE " + DB + ".b (id BIGINT PRIMARY KEY, i INT, l BIGINT, d DECIMAL(12,2), f DOUBLE, "
            + "s VARCHAR(64), c CHAR(8), dt DATETIME(3), ts TIMESTAMP(3) NULL, flag TINYINT)");
    long start = System.nanoTime();
    for (int lo = 1; lo <= rows; lo += 100_000) {
      int hi = Math.min(rows, lo + 99_999);
      MySqlTestServer.execute("INSERT INTO " + DB + ".b SELECT seq, seq % 1000, seq * 7919, seq / 100, seq / 3, "
          + "CONCAT('name-', seq), 'abc', '2024-01-01 00:00:00' + INTERVAL seq SECOND, "
          + "'2024-01-01 00:00:00' + INTERVAL seq SECOND, seq % 2 FROM " + DB + ".seq_" + lo + "_to_" + hi);
    }
    System.out.printf("loaded %d rows in %.1f s%n", rows, (System.nanoTime() - start) / 1e9);
  }

  private static long rawScan(int rows) throws Exception {
    try (Connection c = MySqlTestServer.connect()) {
      return RawScan.readAll(c, "SELECT * FROM " + DB + ".b", 5000);
    }
  }

  private static long snapshot(MySqlSource source, TableSchema schema) throws Exception {
    AtomicLong n = new AtomicLong();
    SnapshotSink sink = new SnapshotSink() {
      @Override
      public void lowWatermark(long seq) {
      }

      @Override
      public void accept(Row row) {
        n.incrementAndGet();
      }

      @Override
      public void highWatermark(long seq) {
      }
    };
    for (SnapshotChunk chunk : source.planChunks(schema, RowFilter.all(), 100_000)) {
      source.readChunk(chunk, schema, sink);
    }
    return n.get();
  }

  private static long rawBinlog(TestServer server, MySqlPosition from, int expected) throws Exception {
    return RawBinlogRead.read(server, from.file(), from.position(), expected, 6399);
  }

  private static long drain(MySqlSource source, TableSchema schema, MySqlPosition from, int expected)
      throws Exception {
    long n = 0;
    try (LogStream log = source.openLog(StartPosition.at(from), Map.of(schema.id(), schema))) {
      while (true) {
        for (ChangeEvent e : log.poll(Duration.ofMillis(500))) {
          if (e instanceof RowChange && ++n >= expected) {
            return n;
          }
        }
      }
    }
  }

  private static MySqlPosition logEnd() throws Exception {
    try (Connection c = MySqlTestServer.connect(); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SHOW MASTER STATUS")) {
      rs.next();
      return MySqlPosition.of(rs.getString(1), rs.getLong(2));
    }
  }
}
