package io.tributary.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import io.tributary.sync.ErrorCode;
import io.tributary.sync.PipelineFailedException;
import io.tributary.sync.PipelineState;
import io.tributary.sync.SyncException;
import io.tributary.sync.SyncPipeline;
import io.tributary.sync.memory.MemoryWarehouse;
import io.tributary.sync.memory.MemoryWriter;
import io.tributary.sync.testing.TestServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A wrong host, port, database, user or password fails within the connect timeout with the driver's root cause and
 * the fix, never as a bare pool timeout (before: a wrong host sat in STARTING for 60 s and then reported only
 * "Connection is not available, request timed out after 30000ms").
 */
class ConnectFailuresIT {

  private static final String PW_USER = "tributary_pw";
  private static String db;

  @BeforeAll
  static void setUp() {
    db = PgFixture.newDatabase("connect");
    PgFixture.execute(db, "CREATE TABLE t (id int PRIMARY KEY)");
  }

  private static int closedPort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort(); // free, and nothing listens on it once closed
    }
  }

  private static SyncException failure(PostgresSourceBuilder b, Duration within) {
    long start = System.nanoTime();
    try (PostgresSource s = b.build()) {
      s.discoverTables();
      throw new AssertionError("connected");
    } catch (SyncException e) {
      assertThat(Duration.ofNanos(System.nanoTime() - start)).as("failed within").isLessThan(within);
      assertThat(e.getMessage()).doesNotContain("Connection is not available, request timed out");
      return e;
    }
  }

  @Test
  void wrongPort_failsAtOnce_withConnectionRefused_andTheFix() throws Exception {
    SyncException e = failure(PgFixture.source(db, "c1").port(closedPort()), Duration.ofSeconds(10));
    assertThat(e.code()).isEqualTo(ErrorCode.SOURCE_UNREACHABLE);
    assertThat(e.isRetriable()).isTrue();
    assertThat(e.getMessage()).contains("cannot connect to jdbc:postgresql://").contains("refused")
        .contains("Check host and port on PostgresSource.builder()");
  }

  @Test
  void unknownDatabase_failsAtOnce_namingItAndTheFix() {
    SyncException e = failure(PgFixture.source("no_such_db", "c2"), Duration.ofSeconds(10));
    assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_DATABASE);
    assertThat(e.isRetriable()).isFalse();
    assertThat(e.getMessage()).contains("database \"no_such_db\" does not exist").contains("Check database(...)");
  }

  @Test
  void unknownUser_failsAtOnce_asAuthentication() {
    SyncException e = failure(PgFixture.source(db, "c3", "no_such_user", "x"), Duration.ofSeconds(10));
    assertThat(e.code()).isEqualTo(ErrorCode.AUTHENTICATION_FAILED);
    assertThat(e.getMessage()).contains("no_such_user").contains("Check user and password");
  }

  @Test
  void wrongPassword_failsTheStartingPipelineAtOnce_withTheDriversCause() throws Exception {
    TestServer server = PgFixture.server();
    assumeThat(server.origin()).as("pg_hba.conf is ours to edit").isEqualTo(TestServer.Origin.EMBEDDED);
    requirePassword(PW_USER);
    try (SyncPipeline p = SyncPipeline.builder().name("pw").source(PgFixture.source(db, "c4", PW_USER, "wrong")
        .build()).writer(new MemoryWriter(new MemoryWarehouse())).build()) {
      long start = System.nanoTime();
      p.start();
      assertThatThrownBy(() -> p.awaitRunning(Duration.ofSeconds(30))).isInstanceOf(PipelineFailedException.class)
          .hasMessageContaining("[AUTHENTICATION_FAILED]").hasMessageContaining("password authentication failed")
          .hasMessageContaining(PW_USER);
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
      assertThat(p.status().state()).isEqualTo(PipelineState.FAILED);
      assertThat(p.status().failureCode()).isEqualTo(ErrorCode.AUTHENTICATION_FAILED);
      assertThat(p.status().failovers()).isZero();
    }
  }

  @Test
  void unroutableHost_failsWithinTheConfiguredConnectTimeout() {
    SyncException e = failure(PgFixture.source(db, "c5").host("10.255.255.1").connectTimeout(Duration.ofSeconds(1)),
        Duration.ofSeconds(5));
    assertThat(e.code()).isEqualTo(ErrorCode.SOURCE_UNREACHABLE);
    assertThat(e.getMessage()).contains("10.255.255.1").contains("connectTimeout 1000 ms")
        .contains("Check host and port");
  }

  /** A user whose TCP logins need a password (the embedded server trusts every other login). */
  private static void requirePassword(String user) throws Exception {
    PgFixture.execute("postgres", "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '" + user
        + "') THEN CREATE ROLE " + user + " LOGIN PASSWORD 'right-Pa55'; END IF; END $$");
    try (Connection c = PgFixture.connect("postgres"); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SHOW hba_file")) {
      rs.next();
      Path hba = Path.of(rs.getString(1));
      String rules = "host all " + user + " 0.0.0.0/0 scram-sha-256\nhost all " + user + " ::/0 scram-sha-256\n";
      String current = Files.readString(hba);
      if (!current.startsWith(rules)) {
        Files.writeString(hba, rules + current); // first match wins: only this user is affected
      }
      s.execute("SELECT pg_reload_conf()");
    }
    // The postmaster reloads asynchronously: wait until a wrong password is refused.
    await().atMost(Duration.ofSeconds(10)).until(() -> {
      java.util.Properties p = new java.util.Properties();
      p.setProperty("user", user);
      p.setProperty("password", "wrong");
      try (Connection c = java.sql.DriverManager.getConnection(PgFixture.server().jdbcUrl(db), p)) {
        return false;
      } catch (java.sql.SQLException refused) {
        return true;
      }
    });
  }
}
