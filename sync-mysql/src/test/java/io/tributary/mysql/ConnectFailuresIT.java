package io.tributary.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.tributary.sync.ErrorCode;
import io.tributary.sync.PipelineFailedException;
import io.tributary.sync.PipelineState;
import io.tributary.sync.PipelineStatus;
import io.tributary.sync.SyncEvent;
import io.tributary.sync.SyncException;
import io.tributary.sync.SyncPipeline;
import io.tributary.sync.memory.MemoryWarehouse;
import io.tributary.sync.memory.MemoryWriter;
import io.tributary.sync.testing.TestServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A wrong host, port, user or password fails within the connect timeout with the driver's root cause and the fix,
 * never as a bare pool timeout ("Connection is not available, request timed out after 10000ms").
 */
class ConnectFailuresIT {

  private static final String DB = "connect_failures";

  @BeforeAll
  static void setUp() {
    Sources.builder(DB); // creates the sync user
    MySqlTestServer.execute("CREATE DATABASE IF NOT EXISTS " + DB,
        "CREATE TABLE IF NOT EXISTS " + DB + ".t (id INT PRIMARY KEY)");
  }

  private static MySqlSourceBuilder source(String name) {
    return source(name, DB);
  }

  private static MySqlSourceBuilder source(String name, String database) {
    TestServer s = MySqlTestServer.get();
    return MySqlSource.builder().name(name).host(s.host()).port(s.port()).user(Sources.USER)
        .password(Sources.PASSWORD).includeDatabases(database);
  }

  private static int closedPort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort(); // free, and nothing listens on it once closed
    }
  }

  private static SyncException failure(MySqlSourceBuilder b, Duration within) {
    long start = System.nanoTime();
    try (MySqlSource s = b.build()) {
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
    int port = closedPort();
    SyncException e = failure(source("c1").port(port), Duration.ofSeconds(10));
    assertThat(e.code()).isEqualTo(ErrorCode.SOURCE_UNREACHABLE);
    assertThat(e.isRetriable()).isTrue();
    assertThat(e.getMessage()).contains("Connection refused").contains(":" + port)
        .contains("Check host and port on MySqlSource.builder()");
  }

  @Test
  void wrongPort_pipelineFailsOver_withTheCauseAndCodeInStatusAndAlert() throws Exception {
    List<SyncEvent> events = new CopyOnWriteArrayList<>();
    try (SyncPipeline p = SyncPipeline.builder().name("port").source(source("c6").port(closedPort()).build())
        .writer(new MemoryWriter(new MemoryWarehouse())).failoverBackoff(Duration.ofMinutes(1)).listener(events::add)
        .build()) {
      p.start();
      await().atMost(Duration.ofSeconds(10)).until(() -> p.status().failovers() >= 1);
      assertThat(p.awaitRunning(Duration.ofMillis(100))).isFalse(); // still starting: retried with backoff
      PipelineStatus s = p.status();
      assertThat(s.state()).isEqualTo(PipelineState.STARTING);
      assertThat(s.failureCode()).isEqualTo(ErrorCode.SOURCE_UNREACHABLE);
      assertThat(s.failureCause()).hasMessageContaining("Connection refused");
      await().atMost(Duration.ofSeconds(10)).until(() -> events.stream().anyMatch(e -> e instanceof SyncEvent.Failover
          f && f.code() == ErrorCode.SOURCE_UNREACHABLE && f.summary().contains("Connection refused")));
      long closing = System.nanoTime();
      p.close(); // during the 1-minute backoff: it is interrupted, not waited out
      assertThat(Duration.ofNanos(System.nanoTime() - closing)).isLessThan(Duration.ofSeconds(10));
    }
  }

  @Test
  void wrongPassword_failsAtOnce_withAccessDenied_andTheFix() {
    SyncException e = failure(source("c2").password("wrong"), Duration.ofSeconds(10));
    assertThat(e.code()).isEqualTo(ErrorCode.AUTHENTICATION_FAILED);
    assertThat(e.isRetriable()).isFalse();
    assertThat(e.getMessage()).contains("Access denied for user '" + Sources.USER + "'")
        .contains("Check user and password on MySqlSource.builder()");
  }

  @Test
  void wrongPassword_failsTheStartingPipelineAtOnce_notAfterFailovers() throws Exception {
    try (SyncPipeline p = SyncPipeline.builder().name("pw").source(source("c3").password("wrong").build())
        .writer(new MemoryWriter(new MemoryWarehouse())).build()) {
      long start = System.nanoTime();
      p.start();
      assertThatThrownBy(() -> p.awaitRunning(Duration.ofSeconds(30))).isInstanceOf(PipelineFailedException.class)
          .hasMessageContaining("[AUTHENTICATION_FAILED]").hasMessageContaining("Access denied for user");
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
      assertThat(p.status().state()).isEqualTo(PipelineState.FAILED);
      assertThat(p.status().failureCode()).isEqualTo(ErrorCode.AUTHENTICATION_FAILED);
      assertThat(p.status().failovers()).isZero();
    }
  }

  @Test
  void unknownDatabase_failsTheStartNamingTheSelection() throws Exception {
    // The MySQL source connects to the server, not to a database: a database that does not exist selects nothing.
    try (SyncPipeline p = SyncPipeline.builder().name("db").source(source("c4", "no_such_db")
        .build()).writer(new MemoryWriter(new MemoryWarehouse())).build()) {
      p.start();
      assertThatThrownBy(() -> p.awaitRunning(Duration.ofSeconds(30))).isInstanceOf(PipelineFailedException.class)
          .hasMessageContaining("[NOTHING_SELECTED]").hasMessageContaining("selects no table");
    }
  }

  @Test
  void unroutableHost_failsWithinTheConfiguredConnectTimeout() {
    SyncException e = failure(source("c5").host("10.255.255.1").connectTimeout(Duration.ofSeconds(1)),
        Duration.ofSeconds(5));
    assertThat(e.code()).isEqualTo(ErrorCode.SOURCE_UNREACHABLE);
    assertThat(e.getMessage()).contains("10.255.255.1").contains("connectTimeout 1000 ms");
  }
}
