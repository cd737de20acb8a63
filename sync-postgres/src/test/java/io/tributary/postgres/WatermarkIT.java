package io.tributary.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.postgres.internal.Lsn;
import io.tributary.sync.event.ChangeEvent;
import io.tributary.sync.event.Row;
import io.tributary.sync.event.RowChange;
import io.tributary.sync.event.RowFilter;
import io.tributary.sync.event.TableId;
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
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/**
 * Full and incremental together under a concurrent randomized workload: chunks are read while writers commit, the
 * log runs throughout, and "highest seq per key wins" (snapshot rows at lowWatermark - 1) must rebuild the source
 * table row for row. A low watermark too high by even one racing commit leaves a stale row and fails the test.
 */
class WatermarkIT {

  private static final int WRITERS = 4;
  private static String db;
  private static PostgresSource source;

  @BeforeAll
  static void setUp() {
    db = PgFixture.newDatabase("watermark");
    PgFixture.execute(db,
        "CREATE TABLE items (id int PRIMARY KEY, grp int NOT NULL, v bigint NOT NULL, note text)",
        "ALTER TABLE items REPLICA IDENTITY FULL",
        "INSERT INTO items SELECT g, g % 7, 0, 'n' || g FROM generate_series(1, 3000) g",
        "CREATE TABLE pairs (a int, b varchar(10), v int NOT NULL, PRIMARY KEY (a, b))",
        "INSERT INTO pairs SELECT g / 3, 'k' || (g % 3), 0 FROM generate_series(0, 1499) g",
        // same table name in a second schema: ids, publication and chunking must keep them apart
        "CREATE SCHEMA shard2",
        "CREATE TABLE shard2.items (id int PRIMARY KEY, grp int NOT NULL, v bigint NOT NULL, note text)",
        "ALTER TABLE shard2.items REPLICA IDENTITY FULL",
        "INSERT INTO shard2.items SELECT g, g % 5, 0, 's' || g FROM generate_series(1, 1000) g");
    source = PgFixture.source(db, "wm").parallelism(3).build();
  }

  @AfterAll
  static void tearDown() {
    source.dropSlot();
    source.close();
    PgFixture.dropSlots(db);
  }

  /** One chunk's read: its watermarks and rows. */
  record ChunkRead(SnapshotChunk chunk, long low, long high, List<Row> rows) {
  }

  @RepeatedTest(3)
  void chunksReadDuringWrites_mergeBySeq_equalSourceRowForRow() throws Exception {
    long seed = System.nanoTime();
    Map<TableId, TableSchema> schemas = source.discoverTables().stream()
        .collect(Collectors.toMap(TableSchema::id, Function.identity()));
    List<ChangeEvent> logEvents = Collections.synchronizedList(new ArrayList<>());
    AtomicBoolean stopWriters = new AtomicBoolean();
    AtomicBoolean stopReader = new AtomicBoolean();
    AtomicInteger commits = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(WRITERS + 4);
    try (LogStream log = source.openLog(StartPosition.latest(), schemas)) {
      Future<?> reader = pool.submit(() -> {
        while (!stopReader.get()) {
          logEvents.addAll(log.poll(Duration.ofMillis(50)));
        }
        return null;
      });
      List<Future<?>> writers = new ArrayList<>();
      for (int w = 0; w < WRITERS; w++) {
        Random random = new Random(seed + w);
        writers.add(pool.submit(() -> write(random, stopWriters, commits)));
      }
      awaitCommits(commits, 50); // the writers are well under way before the first chunk read
      List<Future<ChunkRead>> reads = new ArrayList<>();
      for (TableSchema schema : schemas.values()) {
        for (SnapshotChunk chunk : source.planChunks(schema, RowFilter.all(), 150)) {
          reads.add(pool.submit(() -> read(chunk, schema)));
        }
      }
      List<ChunkRead> chunks = new ArrayList<>();
      for (Future<ChunkRead> f : reads) {
        chunks.add(f.get());
      }
      awaitCommits(commits, commits.get() + 50); // and go on after the last one
      stopWriters.set(true);
      for (Future<?> f : writers) {
        f.get();
      }
      long end = currentLsn();
      waitForLog(logEvents, end);
      stopReader.set(true);
      reader.get();

      int overlapping = 0;
      for (TableSchema schema : schemas.values()) {
        Map<Row, Versioned> merged = merge(schema, chunks, logEvents);
        overlapping += overlaps(schema, chunks, logEvents);
        Map<Row, Row> expected = new HashMap<>();
        merged.forEach((k, v) -> {
          if (v.row != null) {
            expected.put(k, v.row);
          }
        });
        Map<Row, Row> actual = sourceRows(schema);
        List<String> diffs = new ArrayList<>();
        for (Row k : union(expected.keySet(), actual.keySet())) {
          if (!java.util.Objects.equals(expected.get(k), actual.get(k)) && diffs.size() < 10) {
            diffs.add(k + ": rebuilt " + expected.get(k) + " source " + actual.get(k) + " history "
                + history(schema, k, chunks, logEvents));
          }
        }
        assertThat(diffs).as("seed %s: %s rebuilt from snapshot + log vs source (%s rows)", seed, schema.id(),
            actual.size()).isEmpty();
      }
      // The test must have exercised the overlap it is about: changes inside chunk read windows.
      assertThat(overlapping).as("changes with seq in a chunk's [low, high) window").isGreaterThan(20);
      assertThat(commits.get()).isGreaterThan(100);
    } finally {
      stopWriters.set(true);
      stopReader.set(true);
      pool.shutdownNow();
    }
  }

  private static java.util.Set<Row> union(java.util.Set<Row> a, java.util.Set<Row> b) {
    java.util.Set<Row> all = new java.util.HashSet<>(a);
    all.addAll(b);
    return all;
  }

  private static List<String> history(TableSchema schema, Row key, List<ChunkRead> chunks, List<ChangeEvent> log) {
    int[] k = schema.primaryKeyIndexes();
    List<String> out = new ArrayList<>();
    for (ChunkRead c : chunks) {
      for (Row r : c.rows()) {
        if (c.chunk().table().equals(schema.id()) && r.project(k).equals(key)) {
          out.add("snapshot(low " + Lsn.format(c.low()) + ") " + r);
        }
      }
    }
    for (ChangeEvent e : log) {
      if (e instanceof RowChange rc && rc.table().equals(schema.id()) && (rc.keyImage().project(k).equals(key)
          || (rc.before() != null && rc.before().project(k).equals(key)))) {
        out.add(Lsn.format(rc.seq()) + " " + rc);
      }
    }
    return out;
  }

  @Test
  void chunkRead_waitsForAnInFlightTransaction_andItsWatermarkFollowsThatCommit() throws Exception {
    PgFixture.execute(db, "CREATE TABLE flight (id int PRIMARY KEY, note varchar(20))",
        "INSERT INTO flight VALUES (1, 'before')");
    TableSchema flight = source.discoverTables().stream().filter(t -> t.id().table().equals("flight"))
        .findFirst().orElseThrow();
    SnapshotChunk chunk = source.planChunks(flight, RowFilter.all(), 1000).get(0);
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try (Connection c = PgFixture.connect(db); Statement s = c.createStatement()) {
      c.setAutoCommit(false);
      s.execute("UPDATE flight SET note = 'in-flight' WHERE id = 1");
      long beforeCommit = currentLsn();
      Future<ChunkRead> read = pool.submit(() -> read(chunk, flight));
      awaitSnapshotWaitingForATransaction();
      // The exported snapshot is only consistent once every transaction running at its start has ended.
      assertThat(read.isDone()).as("chunk read while a transaction is in flight").isFalse();
      c.commit();
      ChunkRead done = read.get(30, java.util.concurrent.TimeUnit.SECONDS);
      assertThat(done.rows()).containsExactly(Row.of(1, "in-flight"));
      assertThat(done.low()).as("low watermark after the in-flight commit").isGreaterThan(beforeCommit);
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * Chunks of one plan share an exported snapshot (one temporary slot, not one per chunk): a row committed after the
   * first read is neither in a later chunk of that plan nor below its watermark. A new plan (the engine plans after
   * it starts staging) must not reuse the older snapshot.
   */
  @Test
  void chunksOfOnePlan_shareTheSnapshot_aNewPlanTakesAFreshOne() throws Exception {
    PgFixture.execute(db, "CREATE TABLE shared (id int PRIMARY KEY, v int NOT NULL)",
        "INSERT INTO shared SELECT g, g FROM generate_series(1, 9) g");
    TableSchema shared = table("shared");
    List<SnapshotChunk> chunks = source.planChunks(shared, RowFilter.all(), 3);
    assertThat(chunks).hasSize(3);
    ChunkRead first = read(chunks.get(0), shared);
    PgFixture.execute(db, "INSERT INTO shared VALUES (100, 100)");
    long inserted = currentLsn();
    ChunkRead last = read(chunks.get(2), shared);
    assertThat(last.low()).as("same snapshot as the first chunk").isEqualTo(first.low()).isLessThan(inserted);
    assertThat(last.rows()).extracting(r -> r.get(0)).containsExactly(7, 8, 9);

    ChunkRead replanned = read(source.planChunks(shared, RowFilter.all(), 3).get(3), shared);
    assertThat(replanned.low()).isGreaterThanOrEqualTo(inserted);
    assertThat(replanned.rows()).extracting(r -> r.get(0)).containsExactly(100);
  }

  /** Rewriting DDL is not MVCC-safe: under a snapshot from before it the table looks empty, so a fresh one is taken. */
  @Test
  void tableRewrittenAfterTheSharedSnapshot_nextChunkStillReadsItsRows() throws Exception {
    PgFixture.execute(db, "CREATE TABLE rewritten (id int PRIMARY KEY, v int NOT NULL)",
        "INSERT INTO rewritten SELECT g, g FROM generate_series(1, 6) g");
    TableSchema rewritten = table("rewritten");
    List<SnapshotChunk> chunks = source.planChunks(rewritten, RowFilter.all(), 3);
    ChunkRead first = read(chunks.get(0), rewritten);
    PgFixture.execute(db, "ALTER TABLE rewritten ADD COLUMN z float8 DEFAULT random()"); // volatile: rewrites
    ChunkRead second = read(chunks.get(1), rewritten);
    assertThat(second.rows()).extracting(r -> r.get(0)).containsExactly(4, 5, 6);
    assertThat(second.low()).isGreaterThan(first.low());
  }

  private static TableSchema table(String name) {
    return source.discoverTables().stream().filter(t -> t.id().table().equals(name)).findFirst().orElseThrow();
  }

  /**
   * Opens the race window on purpose: with a synchronous standby that never answers, a commit writes its WAL
   * record (so the log delivers it) and then waits, invisible to other sessions. A watermark read from
   * {@code pg_current_wal_insert_lsn()} at that moment is above the commit's seq while the read misses it: the
   * stale row would win. The exported-snapshot read instead waits for the commit and sees it.
   */
  @Test
  void committedButInvisibleTransaction_naiveWatermarkWouldLoseIt_exportedSnapshotDoesNot() throws Exception {
    PgFixture.execute(db, "CREATE TABLE window_t (id int PRIMARY KEY, v int NOT NULL)",
        "INSERT INTO window_t VALUES (1, 1)");
    TableSchema table = source.discoverTables().stream().filter(t -> t.id().table().equals("window_t"))
        .findFirst().orElseThrow();
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try (LogStream log = source.openLog(StartPosition.latest(), Map.of(table.id(), table));
        Connection writer = PgFixture.connect(db); Statement ws = writer.createStatement()) {
      int pid;
      try (ResultSet rs = ws.executeQuery("SELECT pg_backend_pid()")) {
        rs.next();
        pid = rs.getInt(1);
      }
      PgFixture.execute("postgres", "ALTER SYSTEM SET synchronous_standby_names = 'ghost'", "SELECT pg_reload_conf()");
      await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(10)).until(() -> {
        try (ResultSet rs = ws.executeQuery("SHOW synchronous_standby_names")) { // the reload reached this session
          rs.next();
          return "ghost".equals(rs.getString(1));
        }
      });
      ws.execute("SET synchronous_commit = on"); // the embedded server defaults to off
      writer.setAutoCommit(false);
      ws.execute("UPDATE window_t SET v = 2 WHERE id = 1");
      Future<?> commit = pool.submit(() -> {
        writer.commit(); // hangs waiting for the ghost standby, after its commit record is in the WAL
        return null;
      });
      RowChange change = (RowChange) Events.take(log, 1).get(0);
      assertThat(change.after()).isEqualTo(Row.of(1, 2));
      assertThat(commit.isDone()).isFalse();

      // The naive watermark: the WAL position, then a snapshot. It is above the change's seq, yet the read misses it.
      try (Connection naive = PgFixture.connect(db); Statement ns = naive.createStatement()) {
        naive.setAutoCommit(false);
        naive.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        long naiveLow;
        try (ResultSet rs = ns.executeQuery("SELECT pg_current_wal_insert_lsn()::text")) {
          rs.next();
          naiveLow = Lsn.parse(rs.getString(1));
        }
        try (ResultSet rs = ns.executeQuery("SELECT v FROM window_t WHERE id = 1")) {
          rs.next();
          assertThat(rs.getInt(1)).as("the committed update is invisible").isEqualTo(1);
        }
        assertThat(naiveLow - 1).as("naive stamp beats the change's seq").isGreaterThanOrEqualTo(change.seq());
        naive.rollback();
      }

      // The exact read waits for the transaction to become visible, then reflects it below its low watermark.
      SnapshotChunk chunk = source.planChunks(table, RowFilter.all(), 100).get(0);
      Future<ChunkRead> read = pool.submit(() -> read(chunk, table));
      awaitSnapshotWaitingForATransaction();
      assertThat(read.isDone()).as("exported snapshot waits for the invisible commit").isFalse();
      PgFixture.execute("postgres", "SELECT pg_cancel_backend(" + pid + ")"); // release the commit locally
      commit.get(30, java.util.concurrent.TimeUnit.SECONDS);
      ChunkRead done = read.get(30, java.util.concurrent.TimeUnit.SECONDS);
      assertThat(done.rows()).containsExactly(Row.of(1, 2));
      assertThat(done.low()).isGreaterThan(change.seq());
    } finally {
      PgFixture.execute("postgres", "ALTER SYSTEM RESET synchronous_standby_names", "SELECT pg_reload_conf()");
      pool.shutdownNow();
    }
  }

  private static ChunkRead read(SnapshotChunk chunk, TableSchema schema) throws InterruptedException {
    long[] marks = {-1, -1};
    List<Row> rows = new ArrayList<>();
    source.readChunk(chunk, schema, new SnapshotSink() {
      @Override
      public void lowWatermark(long seq) {
        marks[0] = seq;
      }

      @Override
      public void accept(Row row) throws InterruptedException {
        rows.add(row);
        if (rows.size() % 50 == 0) {
          Thread.sleep(2); // stretch the read so that commits land inside its window
        }
      }

      @Override
      public void highWatermark(long seq) {
        marks[1] = seq;
      }
    });
    return new ChunkRead(chunk, marks[0], marks[1], rows);
  }

  /** Random small transactions: inserts, updates, deletes, key changes; both tables. */
  private static Void write(Random random, AtomicBoolean stop, AtomicInteger commits) throws SQLException {
    try (Connection c = PgFixture.connect(db); Statement s = c.createStatement()) {
      c.setAutoCommit(false);
      while (!stop.get()) {
        int statements = 1 + random.nextInt(3);
        try {
          for (int i = 0; i < statements; i++) {
            int id = 1 + random.nextInt(4000);
            switch (random.nextInt(9)) {
              case 0 -> s.execute("INSERT INTO items VALUES (" + id + ", " + random.nextInt(7) + ", 0, 'i') "
                  + "ON CONFLICT (id) DO UPDATE SET v = items.v + 1000");
              case 1 -> s.execute("DELETE FROM items WHERE id = " + id);
              case 2 -> s.execute("UPDATE items SET id = " + (4001 + random.nextInt(2000)) + " WHERE id = " + id);
              case 3 -> s.execute("UPDATE pairs SET v = v + 1 WHERE a = " + random.nextInt(600));
              case 4 -> s.execute("DELETE FROM pairs WHERE a = " + random.nextInt(600) + " AND b = 'k1'");
              case 5 -> s.execute("INSERT INTO pairs VALUES (" + random.nextInt(600) + ", 'k" + random.nextInt(4)
                  + "', 7) ON CONFLICT DO NOTHING");
              case 6 -> s.execute(random.nextBoolean()
                  ? "UPDATE shard2.items SET v = v + 1 WHERE id = " + (1 + random.nextInt(1200))
                  : "INSERT INTO shard2.items VALUES (" + (1 + random.nextInt(1200)) + ", 1, 5, 'n') "
                      + "ON CONFLICT (id) DO UPDATE SET note = 'dup'");
              case 7 -> s.execute("DELETE FROM shard2.items WHERE id = " + (1 + random.nextInt(1200)));
              default -> s.execute("UPDATE items SET v = v + 1, note = md5(random()::text) WHERE id = " + id);
            }
          }
          c.commit();
          commits.incrementAndGet();
        } catch (SQLException e) {
          c.rollback(); // key conflicts and deadlocks between writers are part of the game
        }
      }
    }
    return null;
  }

  /** A key's winning version. */
  static final class Versioned {
    final long seq;
    final Row row;

    Versioned(long seq, Row row) {
      this.seq = seq;
      this.row = row;
    }
  }

  /** Highest seq per key wins; ties go to the later arrival; deletes are tombstones. */
  private static Map<Row, Versioned> merge(TableSchema schema, List<ChunkRead> chunks, List<ChangeEvent> log) {
    int[] key = schema.primaryKeyIndexes();
    Map<Row, Versioned> state = new HashMap<>();
    for (ChunkRead chunk : chunks) {
      if (chunk.chunk().table().equals(schema.id())) {
        for (Row row : chunk.rows()) {
          apply(state, row.project(key), new Versioned(chunk.low() - 1, row));
        }
      }
    }
    for (ChangeEvent e : log) {
      if (e instanceof RowChange rc && rc.table().equals(schema.id())) {
        if (rc.op() == RowChange.Op.UPDATE && rc.before() != null
            && !rc.before().project(key).equals(rc.after().project(key))) {
          apply(state, rc.before().project(key), new Versioned(rc.seq(), null));
        }
        Row image = rc.op() == RowChange.Op.DELETE ? null : rc.after();
        apply(state, rc.keyImage().project(key), new Versioned(rc.seq(), image));
      }
    }
    return state;
  }

  private static void apply(Map<Row, Versioned> state, Row key, Versioned version) {
    Versioned current = state.get(key);
    if (current == null || version.seq >= current.seq) {
      state.put(key, version);
    }
  }

  /** Log changes of a chunk's table committed while the chunk was read (seq in [low, high)). */
  private static int overlaps(TableSchema schema, List<ChunkRead> chunks, List<ChangeEvent> log) {
    int n = 0;
    for (ChunkRead chunk : chunks) {
      if (!chunk.chunk().table().equals(schema.id())) {
        continue;
      }
      for (ChangeEvent e : log) {
        if (e instanceof RowChange rc && rc.table().equals(schema.id()) && rc.seq() >= chunk.low()
            && rc.seq() < chunk.high()) {
          n++;
        }
      }
    }
    return n;
  }

  private static Map<Row, Row> sourceRows(TableSchema schema) throws SQLException {
    Map<Row, Row> rows = new HashMap<>();
    int[] key = schema.primaryKeyIndexes();
    try (Connection c = PgFixture.connect(db); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT * FROM " + schema.id().schema() + "." + schema.id().table())) {
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        Object[] values = new Object[n];
        for (int i = 0; i < n; i++) {
          values[i] = rs.getObject(i + 1);
        }
        Row row = Row.of(values);
        rows.put(row.project(key), row);
      }
    }
    return rows;
  }

  private static long currentLsn() throws SQLException {
    try (Connection c = PgFixture.connect(db); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT pg_current_wal_insert_lsn()::text")) {
      rs.next();
      return Lsn.parse(rs.getString(1));
    }
  }

  private static void waitForLog(List<ChangeEvent> events, long lsn) {
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
        .alias("the log reached " + Lsn.format(lsn)).until(() -> {
          synchronized (events) {
            return !events.isEmpty() && ((PostgresPosition) events.get(events.size() - 1).position()).lsn() >= lsn;
          }
        });
  }

  private static void awaitCommits(AtomicInteger commits, int atLeast) {
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(5)).until(() -> commits.get() >= atLeast);
  }

  /**
   * Waits until the chunk read's exported snapshot waits on an open transaction: the walsender creating its slot
   * is blocked on a transaction lock (the snapshot is consistent only once the transactions running at its start
   * have ended). Then "the read is not done" is a fact to assert, not a race against a sleep.
   */
  private static void awaitSnapshotWaitingForATransaction() {
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(10)).until(() -> {
      try (Connection c = PgFixture.connect(db); Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'walsender'"
              + " AND wait_event_type = 'Lock' AND wait_event = 'transactionid'")) {
        rs.next();
        return rs.getInt(1) > 0;
      }
    });
  }
}
