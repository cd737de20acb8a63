package io.tributary.mysql;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.sync.SyncException;
import io.tributary.sync.event.ChangeEvent;
import io.tributary.sync.event.Heartbeat;
import io.tributary.sync.event.RowChange;
import io.tributary.sync.event.SourcePosition;
import io.tributary.sync.event.TableSchema;
import io.tributary.sync.spi.LogStream;
import io.tributary.sync.spi.StartPosition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A killed binlog connection surfaces as a retriable failure; reopening from the last position loses nothing. */
class FailoverIT {

  private static final String DB = "failover_it";

  @Test
  void killedBinlogConnection_isRetriable_andResumeDeliversEveryRowOnce() throws Exception {
    MySqlTestServer.execute("DROP DATABASE IF EXISTS " + DB, "CREATE DATABASE " + DB,
        "CREATE TABLE " + DB + ".t (id INT PRIMARY KEY)");
    try (MySqlSource source = Sources.builder(DB).queueCapacity(16).build()) {
      TableSchema schema = source.discoverTables().get(0);
      List<Integer> ids = new ArrayList<>();
      SourcePosition last;
      SyncException failure = null;
      try (LogStream log = source.openLog(StartPosition.latest(), Map.of(schema.id(), schema))) {
        last = log.startPosition();
        for (int i = 1; i <= 50; i++) {
          MySqlTestServer.execute("INSERT INTO " + DB + ".t VALUES (" + i + ")");
        }
        last = collect(log, ids, 20, last);
        Sources.killBinlogDump();
        for (int i = 51; i <= 100; i++) {
          MySqlTestServer.execute("INSERT INTO " + DB + ".t VALUES (" + i + ")");
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (failure == null && System.nanoTime() < deadline) {
          try {
            last = collect(log, ids, ids.size() + 1, last);
          } catch (SyncException e) {
            failure = e;
          }
        }
      }
      assertThat(failure).as("the killed connection is reported").isNotNull();
      assertThat(failure.isRetriable()).isTrue();
      assertThat(source.isRetriable(failure)).isTrue();
      try (LogStream log = source.openLog(StartPosition.at(last), Map.of(schema.id(), schema))) {
        collect(log, ids, 100, last);
      }
      assertThat(ids).hasSize(100).doesNotHaveDuplicates().isSorted();
    }
  }

  private static SourcePosition collect(LogStream log, List<Integer> ids, int until, SourcePosition last)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (ids.size() < until) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("only " + ids.size() + " rows arrived");
      }
      for (ChangeEvent e : log.poll(Duration.ofMillis(100))) {
        if (e instanceof RowChange c) {
          ids.add((Integer) c.after().get(0));
        }
        if (!(e instanceof Heartbeat)) {
          last = e.position();
        }
      }
    }
    return last;
  }
}
