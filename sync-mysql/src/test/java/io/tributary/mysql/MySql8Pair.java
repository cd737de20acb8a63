package io.tributary.mysql;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/**
 * A MySQL 8 primary and replica (the {@link MySql8Server} binaries, each with its own data directory and so its own
 * {@code server_uuid}) in GTID auto-position replication, for failover tests.
 */
final class MySql8Pair implements AutoCloseable {

  /** One server, reached as the admin user. */
  static final class Node {
    final int port;
    final Path dir;
    final Process process;

    Node(int port, Path dir, Process process) {
      this.port = port;
      this.dir = dir;
      this.process = process;
    }

    Connection connect() throws SQLException {
      return DriverManager.getConnection("jdbc:mariadb://127.0.0.1:" + port + "/", "admin", "admin");
    }

    void execute(String... sql) {
      try (Connection c = connect(); Statement s = c.createStatement()) {
        for (String q : sql) {
          s.execute(q);
        }
      } catch (SQLException e) {
        throw new IllegalStateException("test SQL failed on port " + port + ": " + e.getMessage(), e);
      }
    }

    String queryString(String sql) {
      try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
        return rs.next() ? rs.getString(1) : null;
      } catch (SQLException e) {
        throw new IllegalStateException("test SQL failed on port " + port + ": " + e.getMessage(), e);
      }
    }

    void stop() {
      process.destroy();
      try {
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        try (var files = Files.walk(dir)) {
          files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (IOException e) {
        // a left-over temp directory is harmless
      }
    }
  }

  final Node primary;
  final Node replica;

  private MySql8Pair(Node primary, Node replica) {
    this.primary = primary;
    this.replica = replica;
  }

  static MySql8Pair start() throws Exception {
    Node primary = node(1);
    Node replica;
    try {
      replica = node(2);
    } catch (Exception e) {
      primary.stop();
      throw e;
    }
    // The replica already has the primary's boot-time transactions (its own admin user): mark them applied.
    String executed = primary.queryString("SELECT @@global.gtid_executed").replace("\n", "");
    replica.execute("RESET MASTER", "SET GLOBAL gtid_purged = '" + executed + "'",
        "CHANGE REPLICATION SOURCE TO SOURCE_HOST='127.0.0.1', SOURCE_PORT=" + primary.port
            + ", SOURCE_USER='admin', SOURCE_PASSWORD='admin', SOURCE_AUTO_POSITION=1", "START REPLICA");
    MySql8Pair pair = new MySql8Pair(primary, replica);
    pair.awaitReplicaCaughtUp();
    return pair;
  }

  void awaitReplicaCaughtUp() {
    Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> {
      String p = primary.queryString("SELECT @@global.gtid_executed");
      return replica.queryString("SELECT GTID_SUBSET('" + p.replace("\n", "") + "', @@global.gtid_executed)")
          .equals("1");
    });
  }

  void promoteReplica() {
    replica.execute("STOP REPLICA", "RESET REPLICA ALL");
  }

  private static Node node(int serverId) throws Exception {
    Path base = MySql8Server.unpacked();
    Path dir = Files.createTempDirectory("tributary-mysql8-pair-" + serverId + "-");
    Path data = dir.resolve("data");
    Path log = dir.resolve("error.log");
    List<String> common = new ArrayList<>(List.of(base.resolve("bin/mysqld").toString(), "--no-defaults",
        "--basedir=" + base, "--datadir=" + data, "--log-error=" + log));
    if ("root".equals(System.getProperty("user.name"))) {
      common.add("--user=root");
    }
    common.addAll(List.of("--innodb-doublewrite=OFF", "--innodb-flush-log-at-trx-commit=2",
        "--innodb-redo-log-capacity=16M", "--innodb-buffer-pool-size=64M"));
    List<String> init = new ArrayList<>(common);
    init.add("--initialize-insecure");
    Process i = new ProcessBuilder(init).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .start();
    if (!i.waitFor(120, TimeUnit.SECONDS) || i.exitValue() != 0) {
      throw new IOException("mysqld could not initialise " + data + "; see " + log);
    }
    Path initSql = dir.resolve("init.sql");
    Files.writeString(initSql, "CREATE USER 'admin'@'%' IDENTIFIED WITH mysql_native_password BY 'admin';\n"
        + "GRANT ALL ON *.* TO 'admin'@'%' WITH GRANT OPTION;\n");
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    List<String> serve = new ArrayList<>(common);
    serve.addAll(List.of("--port=" + port, "--bind-address=127.0.0.1", "--socket=" + dir.resolve("mysqld.sock"),
        "--pid-file=" + dir.resolve("mysqld.pid"), "--mysqlx=OFF", "--server-id=" + serverId,
        "--init-file=" + initSql, "--log-bin=mysql-bin", "--binlog-format=ROW", "--binlog-row-image=FULL",
        "--binlog-row-metadata=FULL", "--gtid-mode=ON", "--enforce-gtid-consistency=ON", "--sync-binlog=0",
        "--relay-log=relay-bin"));
    Process p = new ProcessBuilder(serve).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("stdout.log").toFile())).start();
    Node n = new Node(port, dir, p);
    Awaitility.await("MySQL server " + serverId + " accepting connections (log: " + log + ")")
        .atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100))
        .failFast("mysqld exited, see " + log, () -> !p.isAlive())
        .ignoreExceptions().until(() -> {
          n.connect().close();
          return true;
        });
    return n;
  }

  @Override
  public void close() {
    try {
      replica.stop();
    } finally {
      primary.stop();
    }
  }
}
