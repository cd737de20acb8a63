package io.tributary.mysql;

import io.tributary.sync.event.ChangeEvent;
import io.tributary.sync.event.Heartbeat;
import io.tributary.sync.spi.LogStream;
import io.tributary.sync.testing.TestServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** Test helpers: a source on the test server, and reading a log until a condition holds. */
final class Sources {

  static final String USER = "tributary";
  static final String PASSWORD = "s3cret-Pa55";

  private Sources() {
  }

  /** A builder for a least-privilege sync user capturing {@code database}. */
  static MySqlSourceBuilder builder(String database) {
    TestServer s = MySqlTestServer.get();
    MySqlTestServer.execute("CREATE USER IF NOT EXISTS '" + USER + "'@'%' IDENTIFIED BY '" + PASSWORD + "'",
        "CREATE USER IF NOT EXISTS '" + USER + "'@'localhost' IDENTIFIED BY '" + PASSWORD + "'",
        "GRANT SELECT, RELOAD, LOCK TABLES, REPLICATION SLAVE, REPLICATION CLIENT ON *.* TO '" + USER + "'@'%'",
        "GRANT SELECT, RELOAD, LOCK TABLES, REPLICATION SLAVE, REPLICATION CLIENT ON *.* TO '" + USER + "'@'localhost'");
    return MySqlSource.builder().name("src").host(s.host()).port(s.port()).user(USER).password(PASSWORD)
        .includeDatabases(database).heartbeatInterval(Duration.ofMillis(200)).parallelism(2);
  }

  /** Polls until {@code done} holds for the row and schema events read so far (heartbeats dropped). */
  static List<ChangeEvent> readUntil(LogStream log, Predicate<List<ChangeEvent>> done, Duration max)
      throws InterruptedException {
    List<ChangeEvent> events = new ArrayList<>();
    long deadline = System.nanoTime() + max.toNanos();
    while (!done.test(events)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("log did not deliver the expected events within " + max + "; got " + events);
      }
      for (ChangeEvent e : log.poll(Duration.ofMillis(100))) {
        if (!(e instanceof Heartbeat) && !(e instanceof io.tributary.sync.event.TransactionEnd)) {
          events.add(e);
        }
      }
    }
    return events;
  }

  /** Kills the sync user's one binlog dump connection on the server, as a network failure would end it. */
  static void killBinlogDump() throws java.sql.SQLException {
    try (java.sql.Connection c = MySqlTestServer.connect(); java.sql.Statement s = c.createStatement();
         java.sql.ResultSet rs = s.executeQuery("SELECT ID FROM information_schema.PROCESSLIST "
             + "WHERE COMMAND = 'Binlog Dump' AND USER = '" + USER + "'")) {
      List<Long> dumps = new ArrayList<>();
      while (rs.next()) {
        dumps.add(rs.getLong(1));
      }
      if (dumps.size() != 1) {
        throw new AssertionError("expected one binlog dump of " + USER + ", found " + dumps);
      }
      s.execute("KILL " + dumps.get(0));
    }
  }

  static Predicate<List<ChangeEvent>> atLeast(int n) {
    return l -> l.size() >= n;
  }
}
