package io.tributary.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.tributary.postgres.internal.Lsn;
import io.tributary.sync.SyncException;
import io.tributary.sync.event.ChangeEvent;
import io.tributary.sync.event.Heartbeat;
import io.tributary.sync.event.RowChange;
import io.tributary.sync.event.TableId;
import io.tributary.sync.event.TableSchema;
import io.tributary.sync.spi.LogStream;
import io.tributary.sync.spi.StartPosition;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Positions, resumes, acknowledgements and the slot's confirmed LSN. */
class ResumeIT {

  private String db;
  private PostgresSource source;
  private Map<TableId, TableSchema> schemas;

  @BeforeEach
  void setUp() {
    db = PgFixture.newDatabase("resume");
    PgFixture.execute(db, "CREATE TABLE t (id int PRIMARY KEY, tx int NOT NULL, n int NOT NULL)");
    source = PgFixture.source(db, "resume").build();
    TableSchema schema = source.discoverTables().get(0);
    schemas = Map.of(schema.id(), schema);
  }

  @AfterEach
  void tearDown() {
    PgFixture.dropSlots(db);
    source.close();
  }

  /** Five transactions of four rows: ids 10*tx + n. */
  private void writeTransactions(int from, int count) {
    for (int tx = from; tx < from + count; tx++) {
      StringBuilder sql = new StringBuilder("INSERT INTO t VALUES ");
      for (int n = 0; n < 4; n++) {
        sql.append(n == 0 ? "" : ", ").append('(').append(10 * tx + n).append(", ").append(tx).append(", ")
            .append(n).append(')');
      }
      PgFixture.execute(db, sql.toString());
    }
  }

  private static List<Object> ids(List<ChangeEvent> events) {
    List<Object> ids = new ArrayList<>();
    for (ChangeEvent e : events) {
      ids.add(((RowChange) e).after().get(0));
    }
    return ids;
  }

  private static List<Object> expectedIds(int fromTx, int txs) {
    List<Object> ids = new ArrayList<>();
    for (int tx = fromTx; tx < fromTx + txs; tx++) {
      for (int n = 0; n < 4; n++) {
        ids.add(10 * tx + n);
      }
    }
    return ids;
  }

  @Test
  void resume_fromMidTransactionPosition_repeatsAndSkipsNothing() throws Exception {
    List<ChangeEvent> first;
    try (LogStream log = source.openLog(StartPosition.latest(), schemas)) {
      writeTransactions(1, 5);
      first = Events.take(log, 7); // stops inside the second transaction
    }
    PostgresPosition position = (PostgresPosition) first.get(6).position();
    assertThat(position.skip()).isEqualTo(3);
    assertThat(first.get(6).seq()).isEqualTo(position.lsn());

    StartPosition resume = StartPosition.at(source.decodePosition(position.encode()));
    try (LogStream log = source.openLog(resume, schemas)) {
      assertThat(log.startPosition()).isEqualTo(position);
      List<ChangeEvent> rest = Events.take(log, 13);
      List<Object> all = new ArrayList<>(ids(first));
      all.addAll(ids(rest));
      assertThat(all).containsExactlyElementsOf(expectedIds(1, 5));
      // nothing more than that: the next event is a new write
      PgFixture.execute(db, "INSERT INTO t VALUES (999, 9, 9)");
      assertThat(ids(Events.take(log, 1))).containsExactly(999);
    }
  }

  @Test
  void seqs_areCommitLsns_nonDecreasing_andSharedWithinATransaction() throws Exception {
    try (LogStream log = source.openLog(StartPosition.latest(), schemas)) {
      writeTransactions(1, 3);
      List<ChangeEvent> events = Events.take(log, 12);
      for (int i = 1; i < events.size(); i++) {
        assertThat(events.get(i).seq()).isGreaterThanOrEqualTo(events.get(i - 1).seq());
        boolean sameTx = ((RowChange) events.get(i)).after().get(1).equals(((RowChange) events.get(i - 1)).after()
            .get(1));
        assertThat(events.get(i).seq() == events.get(i - 1).seq()).isEqualTo(sameTx);
      }
      assertThat(events.get(0).commitTimeMillis()).isCloseTo(System.currentTimeMillis(),
          org.assertj.core.data.Offset.offset(60_000L));
    }
  }

  @Test
  void resume_fromHeartbeatPosition_readsOnlyLaterTransactions() throws Exception {
    Heartbeat heartbeat;
    try (LogStream log = source.openLog(StartPosition.latest(), schemas)) {
      writeTransactions(1, 2);
      Events.take(log, 8);
      List<ChangeEvent> polled = Events.until(log, e -> e instanceof Heartbeat h
          && h.seq() > ((PostgresPosition) log.startPosition()).lsn());
      heartbeat = (Heartbeat) polled.get(polled.size() - 1);
    }
    writeTransactions(3, 1);
    try (LogStream log = source.openLog(StartPosition.at(heartbeat.position()), schemas)) {
      List<ChangeEvent> events = Events.take(log, 4);
      assertThat(ids(events)).containsExactlyElementsOf(expectedIds(3, 1));
      assertThat(events.get(0).seq()).isGreaterThanOrEqualTo(heartbeat.seq());
    }
  }

  @Test
  void startBehindABacklog_claimsNoIdleHeartbeatBeforeTheBacklogIsSent() throws Exception {
    PostgresPosition from;
    try (LogStream log = source.openLog(StartPosition.latest(), schemas)) {
      from = (PostgresPosition) log.startPosition();
    }
    writeTransactions(1, 200); // 800 rows written after the slot's position
    // A heartbeat interval far below the walsender's time to decode the backlog: an idle claim would come first.
    try (PostgresSource eager = PgFixture.source(db, "resume").heartbeatInterval(Duration.ofMillis(1)).build();
         LogStream log = eager.openLog(StartPosition.at(from), schemas)) {
      int rows = 0;
      long deadline = System.nanoTime() + 30_000_000_000L;
      while (rows < 800 && System.nanoTime() < deadline) {
        for (ChangeEvent e : log.poll(Duration.ofMillis(100))) {
          if (e instanceof io.tributary.sync.event.TransactionEnd) {
            continue; // a transaction's end marker, not an idle claim
          }
          assertThat(e).as("an idle heartbeat after %d of the backlog's 800 rows", rows).isInstanceOf(RowChange.class);
          rows++;
        }
      }
      assertThat(rows).isEqualTo(800);
      assertThat(Events.until(log, e -> e instanceof Heartbeat)).isNotEmpty(); // and idle once it is sent
    }
  }

  @Test
  void slotConfirmedLsn_advancesOnlyOnAcknowledge() throws Exception {
    try (LogStream log = source.openLog(StartPosition.latest(), schemas)) {
      long initial = confirmedFlush();
      writeTransactions(1, 3);
      List<ChangeEvent> events = Events.take(log, 12);
      // several status updates (one per 200 ms here) reach the server while we keep reading, with no acknowledgement
      Events.until(log, e -> e instanceof Heartbeat h && h.seq() > events.get(11).seq());
      awaitStatusUpdates(log, 3);
      assertThat(confirmedFlush()).as("confirmed flush LSN without acknowledge").isEqualTo(initial);

      PostgresPosition mid = (PostgresPosition) events.get(5).position();
      log.acknowledge(mid);
      await().atMost(10, TimeUnit.SECONDS).untilAsserted(() -> {
        log.poll(Duration.ofMillis(50));
        assertThat(confirmedFlush()).isEqualTo(mid.lsn());
      });
      Heartbeat heartbeat = (Heartbeat) Events.until(log, e -> e instanceof Heartbeat).stream()
          .filter(e -> e instanceof Heartbeat).reduce((a, b) -> b).orElseThrow();
      log.acknowledge(heartbeat.position());
      long acked = ((PostgresPosition) heartbeat.position()).lsn();
      await().atMost(10, TimeUnit.SECONDS).untilAsserted(() -> {
        log.poll(Duration.ofMillis(50));
        assertThat(confirmedFlush()).isEqualTo(acked);
      });
      // Another table is written while t is quiet: the stream receives keepalives past those writes and reports
      // them as received (PgJDBC's own stream would also confirm them, moving the slot past our acknowledgement).
      PgFixture.execute(db, "CREATE TABLE other (id int PRIMARY KEY)");
      long lastOther = 0;
      for (int i = 0; i < 20; i++) {
        lastOther = insertReturningLsn("INSERT INTO other VALUES (" + i + ")");
      }
      long writes = lastOther;
      await().atMost(10, TimeUnit.SECONDS).untilAsserted(() -> {
        assertThat(log.poll(Duration.ofMillis(50))).allMatch(e -> e instanceof Heartbeat);
        assertThat(reportedWriteLsn()).isGreaterThan(writes);
      });
      assertThat(confirmedFlush()).as("confirmed flush LSN after keepalives past unacknowledged WAL")
          .isEqualTo(acked);
    }
  }

  @Test
  void killedConnection_isRetriable_andResumeFromAcknowledgedPositionLosesNothing() throws Exception {
    PostgresPosition acked;
    LogStream log = source.openLog(StartPosition.latest(), schemas);
    try {
      writeTransactions(1, 2);
      List<ChangeEvent> events = Events.take(log, 6);
      acked = (PostgresPosition) events.get(5).position();
      log.acknowledge(acked);
      PgFixture.execute("postgres", "SELECT pg_terminate_backend(active_pid) FROM pg_replication_slots "
          + "WHERE slot_name = '" + source.slotName() + "'");
      assertThatThrownBy(() -> {
        for (int i = 0; i < 100; i++) {
          log.poll(Duration.ofMillis(100));
        }
      }).isInstanceOfSatisfying(SyncException.class, e -> assertThat(e.isRetriable()).isTrue());
    } finally {
      log.close();
    }
    writeTransactions(3, 1);
    try (LogStream again = source.openLog(StartPosition.at(acked), schemas)) {
      assertThat(ids(Events.take(again, 6))).containsExactly(22, 23, 30, 31, 32, 33);
    }
  }

  @Test
  void close_unblocksPoll() throws Exception {
    LogStream log = source.openLog(StartPosition.latest(), schemas);
    java.util.concurrent.atomic.AtomicReference<Thread> poller = new java.util.concurrent.atomic.AtomicReference<>();
    CompletableFuture<List<ChangeEvent>> polling = CompletableFuture.supplyAsync(() -> {
      poller.set(Thread.currentThread());
      try {
        List<ChangeEvent> all = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
          all.addAll(log.poll(Duration.ofSeconds(30)));
          if (all.isEmpty()) {
            return all;
          }
          all.clear();
        }
        return all;
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    });
    // close while the poll certainly waits inside (its thread parked), not before it began
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(5)).until(() -> poller.get() != null
        && poller.get().getState() == Thread.State.TIMED_WAITING);
    long start = System.nanoTime();
    log.close();
    polling.get(5, TimeUnit.SECONDS);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    log.close(); // idempotent
  }

  @Test
  void start_atTextLsn_andEarliest() throws Exception {
    try (LogStream log = source.openLog(StartPosition.latest(), schemas)) {
      writeTransactions(1, 1);
      Events.take(log, 4);
    }
    long confirmed = confirmedFlush();
    String lsn = currentInsertLsn();
    writeTransactions(2, 1);
    try (LogStream log = source.openLog(StartPosition.parse(lsn), schemas)) {
      List<ChangeEvent> tx2 = Events.take(log, 4);
      assertThat(ids(tx2)).containsExactlyElementsOf(expectedIds(2, 1));
      Events.until(log, e -> e instanceof Heartbeat);
      awaitStatusUpdates(log, 3);
      // Nothing was acknowledged: the slot stays where it was, even over the WAL skipped by the later start.
      assertThat(confirmedFlush()).isEqualTo(confirmed);
    }
    // So from the slot's confirmed LSN, tx 1 and tx 2 come again.
    try (LogStream log = source.openLog(StartPosition.earliest(), schemas)) {
      assertThat(ids(Events.take(log, 8))).containsExactlyElementsOf(expectedIds(1, 2));
    }
    assertThatThrownBy(() -> source.openLog(StartPosition.parse("not-an-lsn"), schemas))
        .hasMessageContaining("0/16B3748");
    assertThatThrownBy(() -> source.openLog(StartPosition.timestamp(java.time.Instant.now()), schemas))
        .isInstanceOf(SyncException.class).hasMessageContaining("cannot seek by time")
        .hasMessageContaining("pg_current_wal_lsn()").hasMessageContaining("StartPosition.parse")
        .satisfies(e -> assertThat(((SyncException) e).isRetriable()).isFalse());
  }

  /**
   * Reads on until the server has received {@code updates} more standby status updates from this stream (its
   * {@code reply_time} moved that often): "time passed" as the server saw it, not as a sleep guessed it.
   */
  private void awaitStatusUpdates(LogStream log, int updates) throws Exception {
    long[] last = {replyTime(), 0};
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(10)).until(() -> {
      log.poll(Duration.ofMillis(50));
      long t = replyTime();
      if (t > last[0]) {
        last[0] = t;
        last[1]++;
      }
      return last[1] >= updates;
    });
  }

  /** When the slot's walsender last heard from this client (microseconds since the epoch; 0: never). */
  private long replyTime() throws Exception {
    try (Connection c = PgFixture.connect(db); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT coalesce((extract(epoch FROM r.reply_time) * 1000000)::bigint, 0)"
            + " FROM pg_stat_replication r JOIN pg_replication_slots s ON s.active_pid = r.pid"
            + " WHERE s.slot_name = '" + source.slotName() + "'")) {
      return rs.next() ? rs.getLong(1) : 0;
    }
  }

  private long confirmedFlush() throws Exception {
    try (Connection c = PgFixture.connect(db); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT confirmed_flush_lsn::text FROM pg_replication_slots "
            + "WHERE slot_name = '" + source.slotName() + "'")) {
      assertThat(rs.next()).isTrue();
      return Lsn.parse(rs.getString(1));
    }
  }

  /** Runs {@code sql} with the WAL insert position taken inside its transaction, before its commit record. */
  private long insertReturningLsn(String sql) throws Exception {
    try (Connection c = PgFixture.connect(db); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql + " RETURNING pg_current_wal_insert_lsn()::text")) {
      rs.next();
      return Lsn.parse(rs.getString(1));
    }
  }

  /** The written LSN the slot's reader last reported to the server (0 while none is attached). */
  private long reportedWriteLsn() throws Exception {
    try (Connection c = PgFixture.connect(db); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT r.write_lsn::text FROM pg_stat_replication r JOIN pg_replication_slots "
            + "s ON s.active_pid = r.pid WHERE s.slot_name = '" + source.slotName() + "'")) {
      return rs.next() && rs.getString(1) != null ? Lsn.parse(rs.getString(1)) : 0;
    }
  }

  private String currentInsertLsn() throws Exception {
    try (Connection c = PgFixture.connect(db); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT pg_current_wal_insert_lsn()::text")) {
      rs.next();
      return rs.getString(1);
    }
  }
}
