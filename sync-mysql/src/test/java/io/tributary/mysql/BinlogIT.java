package io.tributary.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.tributary.sync.PositionUnavailableException;
import io.tributary.sync.event.ChangeEvent;
import io.tributary.sync.event.Heartbeat;
import io.tributary.sync.event.RowChange;
import io.tributary.sync.event.SchemaChange;
import io.tributary.sync.event.TableSchema;
import io.tributary.sync.event.TableTruncated;
import io.tributary.sync.spi.LogStream;
import io.tributary.sync.spi.StartPosition;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BinlogIT {

  private static final String DB = "binlog_it";
  private static final Duration WAIT = Duration.ofSeconds(20);

  private MySqlSource source;
  private TableSchema schema;

  @BeforeEach
  void createTable() {
    MySqlTestServer.execute("DROP DATABASE IF EXISTS " + DB, "CREATE DATABASE " + DB,
        "CREATE TABLE " + DB + ".t (id INT PRIMARY KEY, a INT, pad VARCHAR(300))");
    source = Sources.builder(DB).queueCapacity(8).build();
    schema = source.discoverTables().get(0);
  }

  @org.junit.jupiter.api.AfterEach
  void closeSource() {
    source.close();
  }

  private LogStream open(StartPosition start) {
    return source.openLog(start, Map.of(schema.id(), schema));
  }

  @Test
  void resumeFromAnyRowOfALargeTransaction_repeatsAndSkipsNothing() throws Exception {
    List<ChangeEvent> all;
    try (LogStream log = open(StartPosition.latest())) {
      try (Connection c = MySqlTestServer.connect(); Statement s = c.createStatement()) {
        c.setAutoCommit(false);
        StringBuilder insert = new StringBuilder("INSERT INTO " + DB + ".t VALUES ");
        for (int i = 1; i <= 300; i++) {
          insert.append(i == 1 ? "" : ",").append('(').append(i).append(',').append(i).append(",'")
              .append("x".repeat(250)).append("')");
        }
        s.execute(insert.toString());
        s.execute("UPDATE " + DB + ".t SET a = a + 1 WHERE id <= 100");
        c.commit();
      }
      all = Sources.readUntil(log, Sources.atLeast(400), WAIT);
    }
    assertThat(all).hasSize(400);
    assertThat(all.stream().map(e -> ((MySqlPosition) e.position()).skipEvents()).distinct().count())
        .as("the statement spans several rows events").isGreaterThan(4);
    for (int i = 1; i < all.size(); i++) {
      assertThat(all.get(i).seq()).isGreaterThan(all.get(i - 1).seq());
    }
    for (int cut : new int[] {1, 37, 211, 300, 399}) {
      try (LogStream log = open(StartPosition.at(source.decodePosition(all.get(cut - 1).position().encode())))) {
        List<ChangeEvent> rest = Sources.readUntil(log, Sources.atLeast(400 - cut), WAIT);
        assertThat(rest).as("resume after event %d", cut).isEqualTo(all.subList(cut, 400));
      }
    }
    try (LogStream log = open(StartPosition.at(all.get(399).position()))) {
      MySqlTestServer.execute("INSERT INTO " + DB + ".t VALUES (1000, 1, 'after')");
      List<ChangeEvent> next = Sources.readUntil(log, Sources.atLeast(1), WAIT);
      assertThat(((RowChange) next.get(0)).after().get(0)).isEqualTo(1000);
    }
  }

  @Test
  void addDropChangeColumnTruncate_midStream_emitSchemaChangesBeforeRowsOfTheNewLayout() throws Exception {
    List<ChangeEvent> events;
    try (LogStream log = open(StartPosition.latest())) {
      MySqlTestServer.execute("INSERT INTO " + DB + ".t VALUES (1, 10, 'p')",
          "ALTER TABLE " + DB + ".t ADD COLUMN b VARCHAR(10) NOT NULL DEFAULT '5' AFTER a",
          "INSERT INTO " + DB + ".t VALUES (2, 20, '6', 'p')",
          "ALTER TABLE " + DB + ".t DROP COLUMN a, DROP COLUMN pad",
          "INSERT INTO " + DB + ".t VALUES (3, '8')",
          "ALTER TABLE " + DB + ".t CHANGE COLUMN b bee BIGINT UNSIGNED",
          "UPDATE " + DB + ".t SET bee = 7 WHERE id = 3",
          "UPDATE " + DB + ".t SET id = 4, bee = 9 WHERE id = 3",
          "TRUNCATE TABLE " + DB + ".t");
      events = Sources.readUntil(log, Sources.atLeast(9), WAIT);
    }
    assertThat(events.get(8)).isInstanceOfSatisfying(TableTruncated.class,
        t -> assertThat(t.table()).isEqualTo(schema.id()));
    events = events.subList(0, 8);
    assertThat(events).extracting(e -> e instanceof SchemaChange s ? s.newSchema().columnNames().toString()
        : e.toString().replaceAll(" src:.*", "")).containsExactly(
        "+I[1, 10, p]",
        "[id, a, b, pad]",
        "+I[2, 20, 6, p]",
        "[id, b]",
        "+I[3, 8]",
        "[id, bee]",
        "+U[3, null]->[3, 7]", // the key is all the engine reads of a before image that kept its key
        "+U[3, 7]->[4, 9]"); // a key change keeps the whole old row
    SchemaChange last = (SchemaChange) events.get(5);
    assertThat(last.newSchema().column("bee").orElseThrow().type().toString()).isEqualTo("DECIMAL(20,0)");
    assertThat(last.ddl()).contains("CHANGE COLUMN");

    // Resuming right after a DDL with the schema it announced decodes the following rows.
    try (LogStream log = source.openLog(StartPosition.at(last.position()), Map.of(schema.id(), last.newSchema()))) {
      List<ChangeEvent> rest = Sources.readUntil(log, Sources.atLeast(1), WAIT);
      assertThat(rest.get(0)).isEqualTo(events.get(6));
    }
  }

  @Test
  void customStartPositions_fileOffsetGtidTimestampEarliest() throws Exception {
    MySqlPosition end = logEnd();
    String gtid = MySqlTestServer.executedGtids();
    Instant beforeSecond = Instant.now();
    // Binlog timestamps have second precision. At least a second away, so that the first insert lands before it
    // even on a loaded machine (with `now + 1 s` truncated it could be 10 ms away, and a slow insert then carried
    // the same second as the second one).
    Instant after = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).plusSeconds(2);
    MySqlTestServer.execute("INSERT INTO " + DB + ".t VALUES (1, 1, 'first')");
    // The second insert once the clock that stamps the binlog (the server's) has passed `after`.
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
        .until(() -> serverMillis() > after.toEpochMilli());
    MySqlTestServer.execute("INSERT INTO " + DB + ".t VALUES (2, 2, 'second')");

    for (StartPosition start : List.of(StartPosition.parse(end.file() + ":" + end.position()),
        StartPosition.parse("gtid:" + gtid))) {
      try (LogStream log = open(start)) {
        List<ChangeEvent> events = Sources.readUntil(log, Sources.atLeast(2), WAIT);
        assertThat(events).as("from %s", start).extracting(e -> ((RowChange) e).after().get(0))
            .containsExactly(1, 2);
      }
    }
    try (LogStream log = open(StartPosition.timestamp(after))) {
      List<ChangeEvent> events = Sources.readUntil(log, Sources.atLeast(1), WAIT);
      assertThat(((RowChange) events.get(0)).after().get(0)).isEqualTo(2);
      assertThat(events.get(0).commitTimeMillis()).isGreaterThanOrEqualTo(after.toEpochMilli());
    }
    try (LogStream log = open(StartPosition.earliest())) {
      assertThat(((MySqlPosition) log.startPosition()).position()).isEqualTo(4);
      List<ChangeEvent> events = Sources.readUntil(log,
          l -> l.stream().anyMatch(e -> e instanceof RowChange r && r.after().get(0).equals(2)), WAIT);
      assertThat(events).isNotEmpty();
    }
    assertThat(beforeSecond).isBefore(after);
    assertThatThrownBy(() -> open(StartPosition.parse("nonsense")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("gtid:<set>");
  }

  /** A read started from a GTID set (MariaDB {@code 0-1-42}, MySQL {@code uuid:1-42}) restarts at any event's position. */
  @Test
  void gtidStart_restartAtAnEventsPosition_resumesWithTheNextRow() throws Exception {
    String gtid = MySqlTestServer.executedGtids();
    for (int i = 1; i <= 3; i++) {
      MySqlTestServer.execute("INSERT INTO " + DB + ".t VALUES (" + i + ", " + i + ", 'g')");
    }
    io.tributary.sync.event.SourcePosition second;
    try (LogStream log = open(StartPosition.parse("gtid:" + gtid))) {
      List<ChangeEvent> events = Sources.readUntil(log, Sources.atLeast(3), WAIT);
      assertThat(events).extracting(e -> ((RowChange) e).after().get(0)).containsExactly(1, 2, 3);
      second = events.get(1).position();
    }
    MySqlTestServer.execute("INSERT INTO " + DB + ".t VALUES (4, 4, 'g')");
    try (LogStream log = open(StartPosition.at(second))) {
      List<ChangeEvent> events = Sources.readUntil(log, Sources.atLeast(2), WAIT);
      assertThat(events).extracting(e -> ((RowChange) e).after().get(0)).containsExactly(3, 4);
    }
  }

  @Test
  void drainedLog_reportsAHeartbeatAtTheLogEndAtOnce_notAHeartbeatIntervalLater() throws Exception {
    try (MySqlSource slow = Sources.builder(DB).heartbeatInterval(Duration.ofMinutes(10)).build();
         LogStream log = slow.openLog(StartPosition.latest(), Map.of(schema.id(), schema))) {
      MySqlTestServer.execute("INSERT INTO " + DB + ".t VALUES (1, 1, 'x'), (2, 2, 'y')");
      List<ChangeEvent> rows = Sources.readUntil(log, Sources.atLeast(2), WAIT);
      long started = System.nanoTime();
      List<ChangeEvent> next = log.poll(Duration.ofSeconds(5));
      long tookMillis = (System.nanoTime() - started) / 1_000_000;
      assertThat(next).singleElement().isInstanceOf(Heartbeat.class);
      assertThat(next.get(0).seq()).isGreaterThan(rows.get(1).seq()).isEqualTo(logEnd().seq());
      assertThat(tookMillis).as("heartbeat after %d ms", tookMillis).isLessThan(2000);
      assertThat(log.poll(Duration.ofMillis(300))).as("once per position reached").isEmpty();
    }
  }

  @Test
  @SuppressWarnings("try") // closes the stream inside its try block on purpose: close must unblock poll
  void idleLog_emitsHeartbeatsWhosePositionResumes_andCloseUnblocksPoll() throws Exception {
    try (LogStream log = open(StartPosition.latest())) {
      MySqlTestServer.execute("INSERT INTO " + DB + ".t VALUES (1, 1, 'x')");
      List<ChangeEvent> events = Sources.readUntil(log, Sources.atLeast(1), WAIT);
      Heartbeat heartbeat = null;
      long deadline = System.nanoTime() + WAIT.toNanos();
      while (heartbeat == null && System.nanoTime() < deadline) {
        for (ChangeEvent e : log.poll(Duration.ofMillis(300))) {
          heartbeat = e instanceof Heartbeat h ? h : heartbeat;
        }
      }
      assertThat(heartbeat).isNotNull();
      assertThat(heartbeat.seq()).isGreaterThan(events.get(0).seq());
      try (LogStream resumed = open(StartPosition.at(heartbeat.position()))) {
        MySqlTestServer.execute("INSERT INTO " + DB + ".t VALUES (2, 2, 'y')");
        assertThat(Sources.readUntil(resumed, Sources.atLeast(1), WAIT).get(0).seq()).isGreaterThan(heartbeat.seq());
      }
      java.util.concurrent.atomic.AtomicReference<Thread> poller = new java.util.concurrent.atomic.AtomicReference<>();
      CompletableFuture<List<ChangeEvent>> blocked = CompletableFuture.supplyAsync(() -> {
        poller.set(Thread.currentThread());
        try {
          List<ChangeEvent> out;
          do {
            out = log.poll(Duration.ofSeconds(60));
          } while (!out.isEmpty());
          return out;
        } catch (InterruptedException e) {
          throw new IllegalStateException(e);
        }
      });
      // close while the poll certainly waits inside (its thread parked), not before it began
      await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(5)).until(() -> poller.get() != null
          && poller.get().getState() == Thread.State.TIMED_WAITING);
      log.close();
      assertThat(blocked.get(5, TimeUnit.SECONDS)).isEmpty();
    }
  }

  @Test
  void purgedBinlog_failsWithPositionUnavailable_namingPositionAndFix() throws Exception {
    MySqlPosition old = logEnd();
    MySqlTestServer.execute("FLUSH BINARY LOGS");
    // The server skips files a (just closed) dump thread still reads: retry until the old file is gone.
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).alias("purged " + old.file())
        .until(() -> {
          MySqlTestServer.execute("PURGE BINARY LOGS TO '" + logEnd().file() + "'");
          return !binlogFiles().contains(old.file());
        });
    assertThatThrownBy(() -> open(StartPosition.at(old)))
        .isInstanceOf(PositionUnavailableException.class)
        .hasMessageContaining(old.file() + ":" + old.position())
        .hasMessageContaining("no longer available")
        .hasMessageContaining("SHOW MASTER STATUS position " + logEnd().file())
        .hasMessageContaining("re-sync");
  }

  /** The server's clock, which stamps the binlog's events. */
  private static long serverMillis() throws SQLException {
    try (Connection c = MySqlTestServer.connect(); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT UNIX_TIMESTAMP(NOW(3)) * 1000")) {
      rs.next();
      return rs.getBigDecimal(1).longValue();
    }
  }

  static MySqlPosition logEnd() throws SQLException {
    try (Connection c = MySqlTestServer.connect(); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery(MySqlTestServer.binlogStatusStatement())) {
      rs.next();
      return MySqlPosition.of(rs.getString(1), rs.getLong(2));
    }
  }

  private static List<String> binlogFiles() throws SQLException {
    List<String> files = new java.util.ArrayList<>();
    try (Connection c = MySqlTestServer.connect(); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SHOW BINARY LOGS")) {
      while (rs.next()) {
        files.add(rs.getString(1));
      }
    }
    return files;
  }

  private static String query(String sql) throws SQLException {
    try (Connection c = MySqlTestServer.connect(); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }
}
