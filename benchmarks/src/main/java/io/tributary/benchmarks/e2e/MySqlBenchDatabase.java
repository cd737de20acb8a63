package io.tributary.benchmarks.e2e;

import io.tributary.mysql.MySqlSource;
import io.tributary.mysql.MySqlTestServer;
import io.tributary.mysql.bench.RawBinlogRead;
import io.tributary.sync.testing.RawScan;
import io.tributary.sync.testing.TestServer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;

/** MySQL or MariaDB on the test fixture's server ({@code TRIBUTARY_MYSQL_*}, Testcontainers or embedded MariaDB). */
final class MySqlBenchDatabase implements BenchDatabase {

  private static final String DB = "bench";
  private final TestServer server = MySqlTestServer.get();
  private String backlogFile;
  private long backlogPosition;

  @Override
  public String label() {
    try (Connection c = MySqlTestServer.connect(); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT VERSION()")) {
      rs.next();
      return "MySQL " + rs.getString(1) + " (" + server.origin().toString().toLowerCase() + ")";
    } catch (Exception e) {
      return "MySQL";
    }
  }

  @Override
  public void load(int rows) {
    MySqlTestServer.execute("DROP DATABASE IF EXISTS " + DB, "CREATE DATABASE " + DB + " CHARACTER SET utf8mb4",
        "CREATE TABLE " + DB + ".bench (id BIGINT PRIMARY KEY, i INT, l BIGINT, d DECIMAL(12,2), f DOUBLE, "
            + "s VARCHAR(64), c CHAR(8), dt DATETIME(3), ts TIMESTAMP(3) NULL, flag SMALLINT)",
        "CREATE TABLE " + DB + ".digits (d INT PRIMARY KEY)",
        "INSERT INTO " + DB + ".digits VALUES (0), (1), (2), (3), (4), (5), (6), (7), (8), (9)");
    for (long lo = 1; lo <= rows; lo += 100_000) { // 100,000 ids per statement, from five digit tables
      MySqlTestServer.execute("SET time_zone = '+00:00'", "INSERT INTO " + DB + ".bench SELECT n, n % 1000, "
          + "n * 7919, n / 100, n / 3, CONCAT('name-', n), 'abc', '2024-01-01' + INTERVAL n SECOND, "
          + "'2024-01-01' + INTERVAL n SECOND, n % 2 FROM (SELECT " + lo + " + a.d + 10 * b.d + 100 * c.d "
          + "+ 1000 * e.d + 10000 * g.d AS n FROM " + DB + ".digits a, " + DB + ".digits b, " + DB + ".digits c, "
          + DB + ".digits e, " + DB + ".digits g) x WHERE n <= " + rows);
    }
  }

  @Override
  public long rawScan() throws Exception {
    try (Connection c = MySqlTestServer.connect()) {
      return RawScan.readAll(c, "SELECT * FROM " + DB + ".bench", 5000);
    }
  }

  @Override
  public SourceFactory sourceFactory(String id) {
    String host = server.host();
    int port = server.port();
    String user = server.user();
    String password = server.password();
    return () -> MySqlSource.builder().name("mysql").host(host).port(port).user(user).password(password)
        .includeDatabases(DB).includeTables(DB + "\\.bench")
        .heartbeatInterval(Duration.ofMillis(200)).build(); // as the PostgreSQL fixture: idle is seen within 200 ms
  }

  @Override
  public void dropSourceState(String id) {
    // a binlog client leaves nothing on the server
  }

  @Override
  public Checksum checksum() throws Exception {
    try (Connection c = MySqlTestServer.connect()) {
      return Checksum.query(c, DB + ".bench");
    }
  }

  @Override
  public void markBacklogStart(int readers) throws Exception {
    try (Connection c = MySqlTestServer.connect(); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SHOW MASTER STATUS")) {
      rs.next();
      backlogFile = rs.getString(1);
      backlogPosition = rs.getLong(2);
    }
  }

  @Override
  public void writeBacklog(int changes) {
    for (int from = 1; from <= changes; from += 10_000) {
      MySqlTestServer.execute("UPDATE " + DB + ".bench SET i = i + 1 WHERE id BETWEEN " + from + " AND "
          + Math.min(changes, from + 9_999));
    }
  }

  @Override
  public long rawLogRead(int changes, int reader) throws Exception {
    return RawBinlogRead.read(server, backlogFile, backlogPosition, changes, 6500); // outside the sources' range
  }

  @Override
  public Upserts upserts() throws Exception {
    Connection c = MySqlTestServer.connect();
    Statement s = c.createStatement();
    return new Upserts() {
      @Override
      public void upsert(long[] ids) throws Exception {
        StringBuilder sql = new StringBuilder("INSERT INTO " + DB + ".bench VALUES ");
        for (int i = 0; i < ids.length; i++) {
          long k = ids[i];
          sql.append(i == 0 ? "" : ", ").append('(').append(k).append(", FLOOR(RAND() * 1000), ").append(k * 7919)
              .append(", ").append(k).append(" / 100, ").append(k).append(" / 3, 'name-").append(k)
              .append("', 'abc', NOW(3), NOW(3), ").append(k % 2).append(')');
        }
        s.executeUpdate(sql.append(" ON DUPLICATE KEY UPDATE i = VALUES(i), ts = VALUES(ts)").toString());
      }

      @Override
      public void close() throws Exception {
        s.close();
        c.close();
      }
    };
  }

  @Override
  public void close() {
    MySqlTestServer.execute("DROP DATABASE IF EXISTS " + DB);
  }
}
