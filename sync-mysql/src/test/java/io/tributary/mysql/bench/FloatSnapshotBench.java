package io.tributary.mysql.bench;

import io.tributary.mysql.MySqlSource;
import io.tributary.mysql.MySqlTestServer;
import io.tributary.sync.event.Row;
import io.tributary.sync.event.RowFilter;
import io.tributary.sync.event.TableSchema;
import io.tributary.sync.spi.SnapshotChunk;
import io.tributary.sync.spi.SnapshotSink;
import io.tributary.sync.testing.RawScan;
import io.tributary.sync.testing.TestServer;
import java.sql.Connection;
import java.util.concurrent.Callable;

/**
 * What reading FLOAT columns as doubles ({@code col * 1e0}, for the exact stored value) costs a snapshot: on a table
 * of an id and four FLOAT columns, a raw streaming scan of the columns as stored (text, 6 significant digits)
 * beside the same scan of {@code col * 1e0} and beside the source's snapshot, which selects the latter.
 * Run as {@link MySqlBenchmark} (same classpath): {@code io.tributary.mysql.bench.FloatSnapshotBench [rows] [rounds]}.
 */
public final class FloatSnapshotBench {

  private static final String DB = "float_bench";

  private FloatSnapshotBench() {
  }

  public static void main(String[] args) throws Exception {
    try {
      int rows = args.length > 0 ? Integer.parseInt(args[0]) : 500_000;
      int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
      run(rows, rounds);
    } finally {
      System.exit(0); // the embedded server's threads would keep the JVM alive
    }
  }

  private static void run(int rows, int rounds) throws Exception {
    TestServer server = MySqlTestServer.get();
    MySqlTestServer.execute("DROP DATABASE IF EXISTS " + DB, "CREATE DATABASE " + DB,
        "CREATE TABLE " + DB + ".f (id BIGINT PRIMARY KEY, a FLOAT, b FLOAT, c FLOAT, d FLOAT)");
    for (int lo = 1; lo <= rows; lo += 100_000) {
      int hi = Math.min(rows, lo + 99_999);
      MySqlTestServer.execute("INSERT INTO " + DB + ".f SELECT seq, seq / 7, -seq * 1.37, seq / 3e5, seq * 1e3 "
          + "FROM " + DB + ".seq_" + lo + "_to_" + hi);
    }
    try (MySqlSource source = MySqlSource.builder().name("bench").host(server.host()).port(server.port())
        .user(server.user()).password(server.password()).includeDatabases(DB).fetchSize(5000).build()) {
      TableSchema schema = source.discoverTables().get(0);
      for (int round = 0; round <= rounds; round++) { // round 0 warms up
        double text = rate(rows, () -> raw("SELECT id, a, b, c, d FROM " + DB + ".f"));
        double dbl = rate(rows, () -> raw("SELECT id, a * 1e0, b * 1e0, c * 1e0, d * 1e0 FROM " + DB + ".f"));
        double bin = rate(rows, () -> binary(server, "SELECT id, a, b, c, d FROM " + DB + ".f"));
        double ours = rate(rows, () -> snapshot(source, schema));
        System.out.printf("%sraw text %.0f rows/s | raw col*1e0 %.0f rows/s (%.2f) | raw binary protocol %.0f rows/s "
            + "(%.2f) | tributary snapshot %.0f rows/s (%.2f of raw text)%n", round == 0 ? "(warm-up) " : "", text,
            dbl, dbl / text, bin, bin / text, ours, ours / text);
      }
    }
  }

  private static double rate(int rows, Callable<Long> work) throws Exception {
    long start = System.nanoTime();
    long n = work.call();
    if (n != rows) {
      throw new IllegalStateException("read " + n + " rows, expected " + rows);
    }
    return n / ((System.nanoTime() - start) / 1e9);
  }

  private static long raw(String sql) throws Exception {
    try (Connection c = MySqlTestServer.connect()) {
      return RawScan.readAll(c, sql, 5000);
    }
  }

  /** The binary protocol (server-side prepared statement): FLOATs travel as their 4 bytes. */
  private static long binary(TestServer server, String sql) throws Exception {
    try (Connection c = java.sql.DriverManager.getConnection(server.jdbcUrl(DB) + "?useServerPrepStmts=true",
        server.user(), server.password())) {
      c.setAutoCommit(false);
      long n = 0;
      try (java.sql.PreparedStatement ps = c.prepareStatement(sql, java.sql.ResultSet.TYPE_FORWARD_ONLY,
          java.sql.ResultSet.CONCUR_READ_ONLY)) {
        ps.setFetchSize(5000);
        try (java.sql.ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            for (int i = 1; i <= 5; i++) {
              rs.getObject(i);
            }
            n++;
          }
        }
      }
      return n;
    }
  }

  private static long snapshot(MySqlSource source, TableSchema schema) throws Exception {
    long[] n = {0};
    SnapshotSink sink = new SnapshotSink() {
      @Override
      public void lowWatermark(long seq) {
      }

      @Override
      public void accept(Row row) {
        n[0]++;
      }

      @Override
      public void highWatermark(long seq) {
      }
    };
    for (SnapshotChunk chunk : source.planChunks(schema, RowFilter.all(), 100_000)) {
      source.readChunk(chunk, schema, sink);
    }
    return n[0];
  }
}
