package io.tributary.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.mysql.MySqlSource;
import io.tributary.mysql.MySqlTestServer;
import io.tributary.paimon.PaimonTableReader;
import io.tributary.paimon.PaimonWriter;
import io.tributary.postgres.PgFixture;
import io.tributary.sync.CheckpointStores;
import io.tributary.sync.PipelineStatus;
import io.tributary.sync.SyncPipeline;
import io.tributary.sync.TablePhase;
import io.tributary.sync.event.Row;
import io.tributary.sync.spi.ChangeSource;
import io.tributary.sync.testing.ChoppedLog;
import io.tributary.sync.testing.PipelineCrash;
import io.tributary.sync.testing.Seeds;
import io.tributary.sync.testing.TestServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No torn source transactions, end to end: concurrent writers move money between a row of {@code accounts_a} and a
 * row of {@code accounts_b} in single transactions (one to six transfers each) while a pipeline syncs both into
 * Paimon with a 20 ms commit interval, and is killed twice while it streams (at seeded points of its progress) and
 * restarted. The source's polls are cut at random points ({@link ChoppedLog}), inside transactions too, as reads off
 * a socket are under load; the engine's commit points must not depend on where a poll ends. Paimon commits per
 * table, so the cut is named by the commit identifier (the pipeline's checkpoint) each table's snapshot records: for
 * every checkpoint k from both tables' hand-over in the first run on, through both crashes, the tables as of k (each
 * one's latest snapshot with identifier at most k) must sum to the opening total. (A full sync into these new tables
 * writes its snapshot rows straight into them, so they fill visibly before their hand-over: the check starts at a
 * checkpoint known to follow both merges.) The seed is printed on failure ({@code -Dtributary.seed=N}).
 */
class BankTransferToPaimonIT {

  private static final int ACCOUNTS = 20;
  private static final long TOTAL = 2L * ACCOUNTS * 1000;

  @TempDir
  Path dir;

  private String pgDb;

  @AfterEach
  void dropSlots() {
    if (pgDb != null) {
      PgFixture.dropSlots(pgDb);
    }
  }

  @Test
  void mariaDb_transfersUnderCrashes_everyCheckpointOfPaimonKeepsTheTotal() throws Exception {
    MySqlTestServer.execute("DROP DATABASE IF EXISTS bank", "CREATE DATABASE bank",
        "CREATE TABLE bank.accounts_a (id BIGINT PRIMARY KEY, balance BIGINT NOT NULL)",
        "CREATE TABLE bank.accounts_b (id BIGINT PRIMARY KEY, balance BIGINT NOT NULL)",
        "INSERT INTO bank.accounts_a VALUES " + openingRows(), "INSERT INTO bank.accounts_b VALUES " + openingRows());
    TestServer s = MySqlTestServer.get();
    run(() -> MySqlSource.builder().name("mysql").host(s.host()).port(s.port()).user(s.user())
        .password(s.password()).includeDatabases("bank").heartbeatInterval(Duration.ofMillis(200)).build(),
        MySqlTestServer::connect, "bank.");
  }

  @Test
  void postgres_transfersUnderCrashes_everyCheckpointOfPaimonKeepsTheTotal() throws Exception {
    pgDb = PgFixture.newDatabase("bank");
    PgFixture.execute(pgDb, "CREATE SCHEMA bank",
        "CREATE TABLE bank.accounts_a (id bigint PRIMARY KEY, balance bigint NOT NULL)",
        "CREATE TABLE bank.accounts_b (id bigint PRIMARY KEY, balance bigint NOT NULL)",
        "INSERT INTO bank.accounts_a SELECT g, 1000 FROM generate_series(0, " + (ACCOUNTS - 1) + ") g",
        "INSERT INTO bank.accounts_b SELECT g, 1000 FROM generate_series(0, " + (ACCOUNTS - 1) + ") g");
    String db = pgDb;
    run(() -> PgFixture.source(db, "pg").includeSchemas("bank").slotName("bank_paimon").build(),
        () -> PgFixture.connect(db), "bank.");
  }

  private static String openingRows() {
    StringBuilder values = new StringBuilder();
    for (int i = 0; i < ACCOUNTS; i++) {
      values.append(i == 0 ? "" : ",").append('(').append(i).append(",1000)");
    }
    return values.toString();
  }

  interface Connect {
    Connection open() throws SQLException;
  }

  private void run(Supplier<ChangeSource> source, Connect connect, String schema) throws Exception {
    long seed = Seeds.one();
    long handOver = Long.MAX_VALUE;
    Random random = new Random(seed);
    AtomicBoolean running = new AtomicBoolean(true);
    List<Thread> writers = new ArrayList<>();
    for (int w = 0; w < 3; w++) {
      long writerSeed = seed * 31 + w;
      Thread t = new Thread(() -> transfer(connect, schema, writerSeed, running), "writer-" + w);
      t.start();
      writers.add(t);
    }
    try {
      long checkpointed = 0;
      for (int crash = 0; crash < 2; crash++) {
        SyncPipeline p = pipeline(new ChoppedLog(source.get(), random.nextLong()));
        p.start();
        if (crash == 0) {
          // The first run fills both new tables (visibly: a direct fill) and hands them over; each merge is
          // committed by the time status shows the table streaming, so every checkpoint from the one after the
          // current one is checked, those of the runs that crash too.
          await().atMost(Duration.ofSeconds(120)).until(() -> p.status().tables().size() == 2
              && p.status().tables().stream().allMatch(t -> t.phase() == TablePhase.STREAMING));
          handOver = p.status().lastCheckpointId() + 1;
        }
        // A crash at a seeded point of the streaming: some checkpoints and records into this run.
        PipelineStatus at = PipelineCrash.killAt(p, Math.max(handOver, checkpointed) + 1 + random.nextInt(10),
            1 + random.nextInt(300));
        System.out.printf("seed %d: run %d killed at checkpoint %d, %d records read, phase %s%n", seed, crash,
            at.lastCheckpointId(), at.recordsRead(), at.phase());
        assertThat(at.phase()).as("seed %d: the crash lands while the tables stream", seed)
            .isEqualTo(PipelineStatus.Phase.INCREMENTAL);
        assertThat(at.lastCheckpointId()).as("seed %d: after the hand-over", seed).isGreaterThanOrEqualTo(handOver);
        checkpointed = at.lastCheckpointId();
      }
      try (SyncPipeline last = pipeline(new ChoppedLog(source.get(), random.nextLong()))) {
        last.start();
        // Transfers go on while the restarted run streams: until it has committed 100 checkpoints more.
        assertThat(last.awaitRunning(Duration.ofSeconds(60))).isTrue();
        long from = checkpointed;
        await().atMost(Duration.ofSeconds(120)).until(() -> last.status().lastCheckpointId() >= from + 100);
        running.set(false);
        for (Thread t : writers) {
          t.join();
        }
        assertThat(last.awaitCaughtUp(Duration.ofSeconds(90))).as("seed %d: %s", seed, last.status()).isTrue();
        assertThat(last.status().sources().values()).allSatisfy(st -> assertThat(st.splitTransactions()).isZero());
        last.stop();
      }
    } finally {
      running.set(false);
      for (Thread t : writers) {
        t.join();
      }
    }
    checkEveryCheckpoint(seed, handOver);
    try (PaimonTableReader lake = PaimonTableReader.open(dir.resolve("warehouse"), "lake");
        Connection c = connect.open(); Statement st = c.createStatement()) {
      for (String table : List.of("accounts_a", "accounts_b")) {
        List<String> expected = new ArrayList<>();
        try (var rs = st.executeQuery("SELECT id, balance FROM " + schema + table)) {
          while (rs.next()) {
            expected.add(rs.getLong(1) + "=" + rs.getLong(2));
          }
        }
        assertThat(lake.read(table)).as("seed %d: %s", seed, table).map(r -> r.get(0) + "=" + r.get(1))
            .containsExactlyInAnyOrderElementsOf(expected);
      }
    }
  }

  private SyncPipeline pipeline(ChangeSource source) {
    return SyncPipeline.builder().name("bank-paimon").source(source).fullSync(true).batchSize(4)
        .commitInterval(Duration.ofMillis(20))
        .writer(PaimonWriter.builder().warehouse(dir.resolve("warehouse")).database("lake").buckets(2)
            // every snapshot is checked: keep them all (the default keeps 10 once an hour has passed)
            .tableOption("snapshot.num-retained.min", "100000").tableOption("snapshot.num-retained.max", "100000")
            .build())
        .checkpointStore(CheckpointStores.file(dir.resolve("checkpoints"))).build();
  }

  /** For each checkpoint from {@code handOver} (after both tables' full-sync merges), the tables sum to TOTAL. */
  private void checkEveryCheckpoint(long seed, long handOver) throws Exception {
    try (PaimonTableReader lake = PaimonTableReader.open(dir.resolve("warehouse"), "lake")) {
      TreeMap<Long, Long> a = lastSnapshotPerIdentifier(lake, "accounts_a");
      TreeMap<Long, Long> b = lastSnapshotPerIdentifier(lake, "accounts_b");
      long from = Math.max(handOver, Math.max(a.firstKey(), b.firstKey()));
      TreeSet<Long> checkpoints = new TreeSet<>(a.keySet());
      checkpoints.addAll(b.keySet());
      List<String> torn = new ArrayList<>();
      int checked = 0;
      for (long k : checkpoints.tailSet(from, true)) {
        long sum = sum(lake.readAt("accounts_a", a.floorEntry(k).getValue()))
            + sum(lake.readAt("accounts_b", b.floorEntry(k).getValue()));
        checked++;
        if (sum != TOTAL) {
          torn.add("checkpoint " + k + " sums to " + sum);
        }
      }
      System.out.printf("seed %d: %d checkpoints checked (accounts_a %d, accounts_b %d commit identifiers)%n", seed,
          checked, a.size(), b.size());
      assertThat(torn).as("seed %d (re-run with -Dtributary.seed=%d): torn checkpoints", seed, seed).isEmpty();
      assertThat(checked).as("seed %d: checkpoints checked", seed).isGreaterThan(5);
    }
  }

  private static TreeMap<Long, Long> lastSnapshotPerIdentifier(PaimonTableReader lake, String table)
      throws Exception {
    TreeMap<Long, Long> out = new TreeMap<>();
    for (PaimonTableReader.Snapshot s : lake.snapshots(table)) {
      out.merge(s.commitIdentifier(), s.id(), Math::max);
    }
    return out;
  }

  private static long sum(List<Row> rows) {
    long sum = 0;
    for (Row r : rows) {
      sum += ((Number) r.get(1)).longValue();
    }
    return sum;
  }

  /** Transactions of one to six transfers between a row of either table and a row of the other. */
  private static void transfer(Connect connect, String schema, long seed, AtomicBoolean running) {
    Random random = new Random(seed);
    try (Connection c = connect.open(); Statement st = c.createStatement()) {
      c.setAutoCommit(false);
      while (running.get()) {
        // Rows are updated in one order (table, id) in every transaction, so writers wait for each other but never
        // deadlock (PostgreSQL detects a deadlock only after deadlock_timeout, 1 s, which would stall the workload).
        TreeMap<String, Long> deltas = new TreeMap<>();
        for (int n = 1 + random.nextInt(6); n > 0; n--) {
          boolean ab = random.nextBoolean();
          long amount = 1 + random.nextInt(50);
          deltas.merge((ab ? "accounts_a" : "accounts_b") + " WHERE id = " + (100 + random.nextInt(ACCOUNTS)),
              -amount, Long::sum);
          deltas.merge((ab ? "accounts_b" : "accounts_a") + " WHERE id = " + (100 + random.nextInt(ACCOUNTS)),
              amount, Long::sum);
        }
        try {
          for (var d : deltas.entrySet()) {
            String[] where = d.getKey().split(" WHERE id = ");
            st.executeUpdate("UPDATE " + schema + where[0] + " SET balance = balance + " + d.getValue()
                + " WHERE id = " + (Long.parseLong(where[1]) - 100));
          }
          c.commit();
        } catch (SQLException e) {
          c.rollback(); // a deadlock between writers: the transaction is undone whole
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
