package io.tributary.postgres;

import io.tributary.sync.testing.TestServer;
import io.tributary.sync.testing.TestServers;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.PostgreSQLContainer;

/**
 * One PostgreSQL server for all integration tests of the JVM, chosen by {@link TestServers#choose}: the server named
 * by {@code TRIBUTARY_POSTGRES_*}, else Testcontainers, else embedded PostgreSQL 17. Each test class works in its own
 * fresh database and drops the slots it made.
 */
public final class PgFixture {

  private static final AtomicInteger DATABASES = new AtomicInteger();
  private static TestServer server;

  private PgFixture() {
  }

  public static synchronized TestServer server() {
    if (server == null) {
      server = TestServers.choose("TRIBUTARY_POSTGRES", PgFixture::external, PgFixture::dockerAvailable,
          PgFixture::container, PgFixture::embedded);
      TestServer started = server;
      Runtime.getRuntime().addShutdownHook(new Thread(started::close, "pg-fixture-stop"));
    }
    return server;
  }

  /** Creates a database with a unique name and returns the name. */
  public static String newDatabase(String prefix) {
    String name = prefix + "_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
    execute("postgres", "CREATE DATABASE " + name);
    return name;
  }

  public static Connection connect(String database) throws SQLException {
    Properties p = new Properties();
    p.setProperty("user", server().user());
    p.setProperty("password", server().password());
    return DriverManager.getConnection(server().jdbcUrl(database), p);
  }

  public static void execute(String database, String... statements) {
    try (Connection c = connect(database); Statement s = c.createStatement()) {
      for (String sql : statements) {
        s.execute(sql);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  /** A builder for the database with test-friendly intervals. */
  public static PostgresSourceBuilder source(String database, String name) {
    return source(database, name, server().user(), server().password());
  }

  /** As {@link #source(String, String)}, connecting as {@code user}. */
  public static PostgresSourceBuilder source(String database, String name, String user, String password) {
    TestServer s = server();
    return PostgresSource.builder().name(name).host(s.host()).port(s.port()).database(database).user(user)
        .password(password).heartbeatInterval(Duration.ofMillis(200)).slotActiveTimeout(Duration.ofSeconds(3))
        .parallelism(2);
  }

  /** Ends readers of, and drops, every slot of the database (the tests' own slots). */
  public static void dropSlots(String database) {
    execute("postgres",
        "SELECT pg_terminate_backend(active_pid) FROM pg_replication_slots WHERE database = '" + database
            + "' AND active_pid IS NOT NULL",
        "SELECT pg_sleep(0.2)",
        "SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE database = '" + database
            + "' AND NOT active");
  }

  private static TestServer external() {
    TestServers.External e = TestServers.external("TRIBUTARY_POSTGRES", 5432, "postgres");
    return new Server(TestServer.Origin.EXTERNAL, e.host(), e.port(), e.user(), e.password(), () -> { });
  }

  /** Slots and WAL senders of a server the fixture starts; the benchmarks prove a stock server's 10 suffice. */
  private static final String SLOTS = System.getProperty("tributary.postgres.max-replication-slots", "30");

  private static boolean dockerAvailable() {
    return DockerClientFactory.instance().isDockerAvailable();
  }

  private static TestServer container() {
    PostgreSQLContainer<?> c = new PostgreSQLContainer<>("postgres:17")
        .withCommand("postgres", "-c", "wal_level=logical", "-c", "max_replication_slots=" + SLOTS,
            "-c", "max_wal_senders=" + SLOTS);
    c.start();
    return new Server(TestServer.Origin.TESTCONTAINERS, c.getHost(), c.getMappedPort(5432), c.getUsername(),
        c.getPassword(), c::stop);
  }

  private static TestServer embedded() {
    try {
      EmbeddedPostgres pg = EmbeddedPostgres.builder()
          .setServerConfig("wal_level", "logical")
          .setServerConfig("max_replication_slots", SLOTS)
          .setServerConfig("max_wal_senders", SLOTS)
          .setServerConfig("max_connections", "100")
          .start();
      return new Server(TestServer.Origin.EMBEDDED, "localhost", pg.getPort(), "postgres", "", () -> {
        try {
          pg.close();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start embedded PostgreSQL", e);
    }
  }

  private record Server(Origin origin, String host, int port, String user, String password, Runnable stop)
      implements TestServer {

    @Override
    public String jdbcUrl(String database) {
      return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    @Override
    public void close() {
      stop.run();
    }
  }
}
