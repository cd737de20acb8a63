package io.tributary.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.sync.spi.LogRetention;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The retention check on a real server: the checkpoint's binlog file against {@code SHOW BINARY LOGS} and
 * {@code binlog_expire_logs_seconds}, with a lower bound of the time left.
 */
class RetentionIT {

  private MySqlSource source;
  private long expiryBefore;

  @BeforeEach
  void setUp() throws Exception {
    MySqlTestServer.execute("DROP DATABASE IF EXISTS retention_it", "CREATE DATABASE retention_it");
    source = Sources.builder("retention_it").build();
    try (Connection c = MySqlTestServer.connect(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT @@global.binlog_expire_logs_seconds")) {
      rs.next();
      expiryBefore = rs.getLong(1);
    }
  }

  @AfterEach
  void tearDown() {
    MySqlTestServer.execute("SET GLOBAL binlog_expire_logs_seconds = " + expiryBefore);
    source.close();
  }

  @Test
  void pipeline_alertsAtStartWhenTheExpiryIsUnderTheThreshold_andOnRecovery() throws Exception {
    MySqlTestServer.execute("CREATE TABLE retention_it.t (id INT PRIMARY KEY)",
        "SET GLOBAL binlog_expire_logs_seconds = 7200");
    io.tributary.sync.memory.MemoryWarehouse warehouse = new io.tributary.sync.memory.MemoryWarehouse();
    java.util.List<io.tributary.sync.SyncEvent> events = new java.util.concurrent.CopyOnWriteArrayList<>();
    io.tributary.sync.spi.CheckpointStore store = io.tributary.sync.CheckpointStores.inMemory();
    java.util.function.Supplier<io.tributary.sync.SyncPipeline> pipeline = () -> io.tributary.sync.SyncPipeline
        .builder().name("retention").source(Sources.builder("retention_it").build())
        .writer(new io.tributary.sync.memory.MemoryWriter(warehouse))
        .checkpointStore(store).commitInterval(Duration.ofMillis(100)).logRetentionAlert(Duration.ofHours(1), 0)
        .logRetentionCheckInterval(Duration.ofMillis(100)).listener(events::add).build();
    try (io.tributary.sync.SyncPipeline first = pipeline.get()) {
      first.start();
      MySqlTestServer.execute("INSERT INTO retention_it.t VALUES (1)");
      assertThat(first.awaitCaughtUp(Duration.ofSeconds(30))).isTrue();
    }
    assertThat(alerts(events)).isEmpty(); // 2 h of expiry: no risk
    MySqlTestServer.execute("SET GLOBAL binlog_expire_logs_seconds = 600");
    // Restarted with a stored checkpoint: the first check, at start, finds 600 s of expiry under the 1 h threshold.
    try (io.tributary.sync.SyncPipeline p = pipeline.get()) {
      p.start();
      await().atMost(20, TimeUnit.SECONDS).until(() -> alerts(events).size() == 1);
      assertThat(alerts(events).get(0).atRisk()).isTrue();
      assertThat(alerts(events).get(0).summary()).contains("binlog_expire_logs_seconds=600");
      MySqlTestServer.execute("SET GLOBAL binlog_expire_logs_seconds = 7200");
      await().atMost(20, TimeUnit.SECONDS).until(() -> alerts(events).size() == 2);
      assertThat(alerts(events).get(1).atRisk()).isFalse();
    }
  }

  private static java.util.List<io.tributary.sync.SyncEvent.LogRetentionAlert> alerts(
      java.util.List<io.tributary.sync.SyncEvent> events) {
    return events.stream().filter(io.tributary.sync.SyncEvent.LogRetentionAlert.class::isInstance)
        .map(io.tributary.sync.SyncEvent.LogRetentionAlert.class::cast).toList();
  }

  @Test
  void activeFile_closedFile_andPurgedFile() throws Exception {
    MySqlTestServer.execute("SET GLOBAL binlog_expire_logs_seconds = 7200");
    MySqlPosition p = BinlogIT.logEnd();
    long now = System.currentTimeMillis();
    LogRetention active = source.logRetention(p, now).orElseThrow();
    assertThat(active.lost()).isFalse();
    assertThat(active.timeLeft()).isEqualTo(Duration.ofSeconds(7200));
    assertThat(active.detail()).contains(p.file()).contains("active file");

    MySqlTestServer.execute("FLUSH BINARY LOGS");
    // The log was at p 7,000 s ago (as far as the check knows): at least ~200 s are left of the 2 h expiry.
    LogRetention closed = source.logRetention(p, System.currentTimeMillis() - 7_000_000).orElseThrow();
    assertThat(closed.timeLeft()).isBetween(Duration.ofSeconds(150), Duration.ofSeconds(200));
    assertThat(closed.detail()).contains("binlog_expire_logs_seconds=7200");
    assertThat(source.logRetention(p, -1).orElseThrow().timeLeft()).as("no event time: unknown").isNull();

    // The server skips files a (just closed) dump thread still reads: retry until p's file is gone.
    await().atMost(20, TimeUnit.SECONDS).until(() -> {
      MySqlTestServer.execute("PURGE BINARY LOGS TO '" + BinlogIT.logEnd().file() + "'");
      return source.logRetention(p, -1).orElseThrow().lost();
    });
    assertThat(source.logRetention(p, -1).orElseThrow().detail()).contains(p.file()).contains("no longer");
  }
}
