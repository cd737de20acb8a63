package io.tributary.mysql.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.mysql.MySqlPosition;
import io.tributary.mysql.MySqlSource;
import io.tributary.mysql.MySqlTestServer;
import io.tributary.sync.event.ChangeEvent;
import io.tributary.sync.event.Heartbeat;
import io.tributary.sync.event.RowChange;
import io.tributary.sync.event.TableSchema;
import io.tributary.sync.event.TransactionEnd;
import io.tributary.sync.spi.LogStream;
import io.tributary.sync.spi.StartPosition;
import io.tributary.sync.testing.TestServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * Issue 12: the decoder hands a batch over before it moves its progress. A poll that empties the queue in between
 * must not report a timed heartbeat at the old progress: for a transaction over {@link EventDecoder#HANDOFF_ROWS}
 * rows that is the transaction's start, which reads as a boundary, and the engine would commit half of it.
 */
class HeartbeatHandOffIT {

  private static final String DB = "hb_handoff_it";
  private static final int ROWS = 3000;

  @Test
  void aHeartbeatNeverReportsAProgressBehindRowsAlreadyHandedOut() throws Exception {
    MySqlTestServer.execute("DROP DATABASE IF EXISTS " + DB, "CREATE DATABASE " + DB,
        "CREATE TABLE " + DB + ".t (id INT PRIMARY KEY, pad VARCHAR(100))");
    TestServer s = MySqlTestServer.get();
    MySqlSource source = MySqlSource.builder().name("src").host(s.host()).port(s.port()).user(s.user())
        .password(s.password()).includeDatabases(DB).heartbeatInterval(Duration.ofMillis(100)).build();
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    try {
      TableSchema schema = source.discoverTables().get(0);
      try (LogStream log = source.openLog(StartPosition.latest(), Map.of(schema.id(), schema))) {
        try {
          read(log, entered, release);
        } finally {
          release.countDown(); // before the close, which waits for the decoder's thread
        }
      }
    } finally {
      release.countDown();
      source.close();
    }
  }

  private static void read(LogStream log, CountDownLatch entered, CountDownLatch release) throws Exception {
    AtomicBoolean held = new AtomicBoolean();
    // Holds the decoder between the first big hand-off and its progress update: the race's window, made wide.
    ((BinlogStream) log).afterHandOff(batch -> {
      if (batch.stream().mapToInt(Pending::size).sum() >= EventDecoder.HANDOFF_ROWS
          && held.compareAndSet(false, true)) {
        entered.countDown();
        release.await();
      }
    });
    StringBuilder insert = new StringBuilder("INSERT INTO " + DB + ".t VALUES ");
    for (int i = 1; i <= ROWS; i++) {
      insert.append(i == 1 ? "" : ",").append('(').append(i).append(",'").append("x".repeat(90)).append("')");
    }
    MySqlTestServer.execute(insert.toString()); // one transaction, many rows events
    assertThat(entered.await(30, TimeUnit.SECONDS)).as("the decoder reached the first hand-off").isTrue();

    List<ChangeEvent> events = new ArrayList<>();
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (events.stream().noneMatch(RowChange.class::isInstance) && System.nanoTime() < until) {
      events.addAll(log.poll(Duration.ofMillis(200)));
    }
    long lastRowSeq = events.get(events.size() - 1).seq();
    assertThat(events).hasSizeGreaterThanOrEqualTo(EventDecoder.HANDOFF_ROWS);
    // The queue is empty now and the log idle from the reader's view: several heartbeat intervals pass.
    List<ChangeEvent> idle = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      idle.addAll(log.poll(Duration.ofMillis(200)));
    }
    assertThat(idle).allSatisfy(e -> {
      assertThat(e).isInstanceOf(Heartbeat.class);
      assertThat(e.seq()).as("a heartbeat claims only rows handed out: %s after seq %s", e, lastRowSeq)
          .isGreaterThan(lastRowSeq);
      assertThat(((MySqlPosition) e.position()).insideTransaction()).as("%s", e).isTrue();
    });

    release.countDown();
    List<ChangeEvent> rest = new ArrayList<>(events);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (rest.stream().noneMatch(TransactionEnd.class::isInstance) && System.nanoTime() < deadline) {
      rest.addAll(log.poll(Duration.ofMillis(200)));
    }
    assertThat(rest.stream().filter(RowChange.class::isInstance).count()).isEqualTo(ROWS);
    assertThat(rest).last().isInstanceOf(TransactionEnd.class);
  }
}
