package io.tributary.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.tributary.sync.event.ChangeEvent;
import io.tributary.sync.event.Heartbeat;
import io.tributary.sync.event.Row;
import io.tributary.sync.event.RowChange;
import io.tributary.sync.event.RowFilter;
import io.tributary.sync.event.TableSchema;
import io.tributary.sync.spi.LogStream;
import io.tributary.sync.spi.SnapshotChunk;
import io.tributary.sync.spi.SnapshotSink;
import io.tributary.sync.spi.StartPosition;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Full + incremental under concurrent random writes: chunks are read while writers commit, the log is read
 * throughout, and "highest seq per key wins" must reproduce the table exactly. A low watermark that is too high
 * (a change the chunk missed stamped below the chunk's rows) makes this fail.
 */
class SnapshotWatermarkIT {

  private static final String DB = "watermark_it";
  private static final int KEYS = 3000;

  @ParameterizedTest(name = "{0} round {1}")
  @CsvSource({"SNAPSHOT_STATUS, 1", "SNAPSHOT_STATUS, 2", "SNAPSHOT_STATUS, 3", "TABLE_LOCK, 1", "TABLE_LOCK, 2",
      "AUTO, 1"})
  void concurrentWrites_mergedByHighestSeq_equalSourceTable(MySqlSource.WatermarkMethod method, int round)
      throws Exception {
    MySqlTestServer.execute("DROP DATABASE IF EXISTS " + DB, "CREATE DATABASE " + DB,
        "CREATE TABLE " + DB + ".w (id INT PRIMARY KEY, v INT NOT NULL, s VARCHAR(40))");
    if (method == MySqlSource.WatermarkMethod.SNAPSHOT_STATUS && !MySqlTestServer.isMariaDb()) {
      snapshotStatus_onMySql_isRefusedWithTheFix();
      return;
    }
    StringBuilder fill = new StringBuilder("INSERT INTO " + DB + ".w VALUES ");
    for (int i = 0; i < 2000; i++) {
      fill.append(i == 0 ? "" : ",").append("(").append(i * 3 / 2).append(",0,'init')");
    }
    MySqlTestServer.execute(fill.toString());

    try (MySqlSource source = Sources.builder(DB).watermarkMethod(method).fetchSize(50).build()) {
      TableSchema schema = source.discoverTables().get(0);
      Reference reference = new Reference(0);
      List<ChangeEvent> logged = new ArrayList<>();
      AtomicBoolean stopLog = new AtomicBoolean();
      ExecutorService pool = Executors.newFixedThreadPool(4);
      try (LogStream log = source.openLog(StartPosition.latest(), Map.of(schema.id(), schema))) {
        AtomicBoolean stopWriters = new AtomicBoolean();
        Commits commits = new Commits();
        List<Future<?>> writers = List.of(pool.submit(() -> write(stopWriters, commits)),
            pool.submit(() -> write(stopWriters, commits)));
        Future<?> reader = pool.submit(() -> {
          while (!stopLog.get()) {
            List<ChangeEvent> batch = log.poll(Duration.ofMillis(100));
            synchronized (logged) {
              logged.addAll(batch);
            }
          }
          return null;
        });

        // Two snapshot workers read chunks concurrently, as the engine's pool does.
        ExecutorService workers = Executors.newFixedThreadPool(2);
        List<Future<Chunks.Read>> pending = new ArrayList<>();
        for (SnapshotChunk chunk : source.planChunks(schema, RowFilter.all(), 97)) {
          pending.add(workers.submit(() -> readSlowly(source, chunk, schema, commits)));
        }
        List<Chunks.Read> reads = new ArrayList<>();
        for (Future<Chunks.Read> f : pending) {
          reads.add(f.get());
        }
        workers.shutdown();
        assertThat(reads).hasSizeGreaterThan(10);
        stopWriters.set(true);
        for (Future<?> w : writers) {
          w.get();
        }
        long end = MySqlPosition.seq(logEnd().file(), logEnd().position());
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20)).alias("log reached " + end)
            .until(() -> passed(logged, end));
        stopLog.set(true);
        reader.get();

        // Snapshot rows and log events interleaved as a target would see them: chunk by chunk, then the log.
        for (Chunks.Read r : reads) {
          r.rows().forEach(row -> reference.snapshotRow(row, r.low()));
        }
        for (ChangeEvent e : logged) {
          if (e instanceof RowChange c) {
            reference.change(c);
          }
        }
        assertThat(commits.get()).as("writers committed during the snapshot").isGreaterThan(30);
        assertThat(reads).allSatisfy(r -> assertThat(r.high()).isGreaterThanOrEqualTo(r.low()));
        assertThat(reference.live()).isEqualTo(table());
      } finally {
        stopLog.set(true);
        pool.shutdownNow();
      }
    }
  }

  /** MySQL has no binlog_snapshot_* status: asking for that method is a clear error, not a parse failure. */
  private static void snapshotStatus_onMySql_isRefusedWithTheFix() {
    MySqlTestServer.execute("INSERT INTO " + DB + ".w VALUES (1, 0, 'x')");
    try (MySqlSource source = Sources.builder(DB).watermarkMethod(MySqlSource.WatermarkMethod.SNAPSHOT_STATUS)
        .build()) {
      TableSchema schema = source.discoverTables().get(0);
      SnapshotChunk chunk = source.planChunks(schema, RowFilter.all(), 100).get(0);
      assertThatThrownBy(() -> Chunks.read(source, chunk, schema))
          .isInstanceOf(io.tributary.sync.SyncException.class)
          .hasMessageContaining("SNAPSHOT_STATUS").hasMessageContaining("binlog_snapshot_file")
          .hasMessageContaining("use WatermarkMethod.AUTO or TABLE_LOCK")
          .satisfies(e -> assertThat(((io.tributary.sync.SyncException) e).isRetriable()).isFalse());
    }
  }

  /** The writers' commit count, which a chunk read can wait on to see the next commit land inside it. */
  private static final class Commits {
    private int count;

    synchronized void increment() {
      count++;
      notifyAll();
    }

    synchronized int get() {
      return count;
    }

    /** Waits until another commit is counted, at most {@code max} (the writers may have stopped). */
    synchronized void awaitNext(Duration max) throws InterruptedException {
      int target = count + 1;
      long until = System.nanoTime() + max.toNanos();
      for (long left = max.toNanos(); count < target && left > 0; left = until - System.nanoTime()) {
        java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(this, left);
      }
    }
  }

  private static boolean passed(List<ChangeEvent> logged, long end) {
    synchronized (logged) {
      return logged.stream().anyMatch(e -> e instanceof Heartbeat h && h.seq() >= end);
    }
  }

  /** Reads a chunk, waiting every 25 rows for another concurrent commit, so commits land inside every read. */
  private static Chunks.Read readSlowly(MySqlSource source, SnapshotChunk chunk, TableSchema schema,
      Commits commits) throws InterruptedException {
    List<Row> rows = new ArrayList<>();
    long[] marks = new long[2];
    source.readChunk(chunk, schema, new SnapshotSink() {
      @Override
      public void lowWatermark(long seq) {
        marks[0] = seq;
      }

      @Override
      public void accept(Row row) throws InterruptedException {
        if (rows.size() % 25 == 0) {
          commits.awaitNext(Duration.ofMillis(200)); // a hand-off from the writers, not a nap
        }
        rows.add(row);
      }

      @Override
      public void highWatermark(long seq) {
        marks[1] = seq;
      }
    });
    return new Chunks.Read(chunk, marks[0], marks[1], rows);
  }

  private static Void write(AtomicBoolean stop, Commits commits) throws SQLException {
    ThreadLocalRandom rnd = ThreadLocalRandom.current();
    try (Connection c = MySqlTestServer.connect(); Statement s = c.createStatement()) {
      c.setAutoCommit(false);
      while (!stop.get()) {
        int statements = 1 + rnd.nextInt(4);
        try {
          for (int i = 0; i < statements; i++) {
            int id = rnd.nextInt(KEYS);
            switch (rnd.nextInt(5)) {
              case 0 -> s.execute("INSERT INTO " + DB + ".w VALUES (" + id + ", 1, 'ins') "
                  + "ON DUPLICATE KEY UPDATE v = v + 1, s = 'upsert'");
              case 1 -> s.execute("DELETE FROM " + DB + ".w WHERE id = " + id);
              case 2 -> s.execute("UPDATE " + DB + ".w SET v = v + 1, s = 'range' WHERE id BETWEEN " + id
                  + " AND " + (id + rnd.nextInt(30)));
              default -> s.execute("UPDATE " + DB + ".w SET v = v + 1, s = 'one' WHERE id = " + id);
            }
          }
          c.commit();
          commits.increment();
        } catch (SQLException e) {
          // Concurrent writers deadlock (1213) or time out on locks (1205), at a statement or at commit; rolled
          // back, the transaction never reaches the binlog, so the test just tries another one.
          if (e.getErrorCode() != 1213 && e.getErrorCode() != 1205) {
            throw e;
          }
          c.rollback();
        }
      }
    }
    return null;
  }

  private static MySqlPosition logEnd() throws SQLException {
    try (Connection c = MySqlTestServer.connect(); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery(MySqlTestServer.binlogStatusStatement())) {
      rs.next();
      return MySqlPosition.of(rs.getString(1), rs.getLong(2));
    }
  }

  private static Map<Object, Row> table() throws SQLException {
    Map<Object, Row> out = new TreeMap<>();
    try (Connection c = MySqlTestServer.connect(); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT id, v, s FROM " + DB + ".w")) {
      while (rs.next()) {
        out.put(rs.getInt(1), Row.of(rs.getInt(1), rs.getInt(2), rs.getString(3)));
      }
    }
    return out;
  }
}
