package io.tributary.flink;

import io.tributary.mysql.MySqlSource;
import io.tributary.mysql.MySqlSourceBuilder;
import io.tributary.mysql.MySqlTestServer;
import io.tributary.sync.event.Row;
import io.tributary.sync.testing.TestServer;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The embedded MariaDB of the Flink ITs: sources reading it and its rows, as the lake holds them. */
final class MariaDb {

  private MariaDb() {
  }

  /**
   * A source named {@code mysql} on the test server, heartbeats every 200 ms, reading {@code databases} (a regex).
   * Callable inside a definition: the MiniCluster's tasks run in the test's JVM, where the server runs.
   */
  static MySqlSourceBuilder source(String databases) {
    return source().includeDatabases(databases);
  }

  /** As {@link #source(String)}, the tables to read not chosen yet. */
  static MySqlSourceBuilder source() {
    TestServer s = MySqlTestServer.get();
    return MySqlSource.builder().name("mysql").host(s.host()).port(s.port()).user(s.user())
        .password(s.password()).heartbeatInterval(Duration.ofMillis(200));
  }

  /** {@code db.table}'s rows sorted by key, unsigned BIGINTs as longs (as the lake holds them). */
  static List<Row> rows(String db, String table) throws SQLException {
    List<Row> rows = new ArrayList<>();
    try (Connection c = MySqlTestServer.connect(); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT * FROM " + db + "." + table)) {
      ResultSetMetaData md = rs.getMetaData();
      while (rs.next()) {
        Object[] values = new Object[md.getColumnCount()];
        for (int i = 0; i < values.length; i++) {
          Object v = rs.getObject(i + 1);
          values[i] = v instanceof BigInteger big ? big.longValue() : v;
        }
        rows.add(Row.of(values));
      }
    }
    return FlinkIt.sorted(rows);
  }

  /** The rows of {@code db}'s tables. */
  static FlinkIt.SourceRows of(String db) {
    return table -> rows(db, table);
  }
}
