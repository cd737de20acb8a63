package io.tributary.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.mysql.MySqlSource;
import io.tributary.mysql.MySqlTestServer;
import io.tributary.paimon.PaimonTableReader;
import io.tributary.paimon.PaimonWriter;
import io.tributary.sync.event.Row;
import io.tributary.sync.testing.TestServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A MariaDB database full-synced into Paimon by a Flink job on a MiniCluster at parallelism 2 (two source readers
 * sharing the snapshot chunks, one decider, two writer subtasks keyed by target), with inserts, updates and deletes
 * running while the snapshot is read; the Paimon tables must then equal the source row for row.
 */
class FlinkFullSyncIT {

  private static final Duration WAIT = Duration.ofSeconds(120);
  /** New keys for inserts, from the test thread and the chunk readers alike (one JVM). */
  private static final java.util.concurrent.atomic.AtomicLong NEXT_ID = new java.util.concurrent.atomic.AtomicLong(100_000);

  @RegisterExtension
  static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
      .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

  @TempDir
  Path dir;

  /**
   * The pipeline, as a serializable definition (only strings and numbers are captured): its chunk reads write to
   * the source while they read ({@link Faults.WritingSource}), and its writer can fail once on demand.
   */
  static Definition definition(String database, String warehouse, long seed) {
    TestServer s = MySqlTestServer.get();
    String host = s.host();
    int port = s.port();
    String user = s.user();
    String password = s.password();
    return b -> b.name("flink-it").fullSync(true).snapshotChunkSize(200).commitInterval(Duration.ofMillis(300))
        .source(new Faults.WritingSource(MySqlSource.builder().name("mysql").host(host).port(port).user(user)
            .password(password).includeDatabases(database).heartbeatInterval(Duration.ofMillis(200)).build(),
            database, seed))
        .writer(new Faults.FailingWriter(PaimonWriter.builder().warehouse(Path.of(warehouse)).database("lake")
            .buckets(2).build()));
  }

  /** Parallelism 2, a checkpoint every 500 ms, a fixed-delay restart; resumed from {@code savepoint} if not null. */
  static StreamExecutionEnvironment environment(String savepoint) {
    Configuration conf = new Configuration();
    if (savepoint != null) {
      conf.set(org.apache.flink.configuration.StateRecoveryOptions.SAVEPOINT_PATH, savepoint);
    }
    conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
    conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 3);
    conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(500));
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
    env.setParallelism(2);
    env.enableCheckpointing(500);
    return env;
  }

  @BeforeEach
  void resetFaults() {
    Faults.reset();
  }

  @Test
  void fullSyncUnderConcurrentWrites_paimonEqualsSourceRowByRow() throws Exception {
    long seed = Long.getLong("tributary.seed", System.nanoTime());
    System.out.println("FlinkFullSyncIT.fullSync seed=" + seed + " (re-run with -Dtributary.seed=" + seed + ")");
    syncAndCompare("flink_full", seed);
  }

  /**
   * A reader fails once in the middle of a chunk (some of its rows already went downstream) and a writer subtask
   * fails once at a staging write, then, once the tables stream, a writer fails once more at a streaming write: Flink
   * restarts the job from its last checkpoint each time (enumerator, readers, decider and writers restore together),
   * and the target ends equal to the source each time: nothing lost, nothing doubled.
   */
  @Test
  void readerAndWriterFailMidSnapshot_restoredFromCheckpoint_paimonEqualsSource() throws Exception {
    long seed = Long.getLong("tributary.seed", System.nanoTime());
    System.out.println("FlinkFullSyncIT.restore seed=" + seed + " (re-run with -Dtributary.seed=" + seed + ")");
    Faults.FAIL_CHUNK.set(9);
    // Low enough to come in every run: the decider batches by time, so a fast run stages the whole snapshot in as
    // few as 5 writes (12 was missed in such runs, seed 38029002494265).
    Faults.FAIL_STAGING_WRITE.set(3);
    syncAndCompare("flink_restore", seed, true);
    assertThat(Faults.CHUNK_FAILED).as("the reader fault fired").isTrue();
    assertThat(Faults.WRITE_FAILED).as("the staging writer fault fired (%d staging writes)", Faults.STAGING_WRITES.get()).isTrue();
    assertThat(Faults.DIRECT_WRITE_FAILED).as("the streaming writer fault fired").isTrue();
  }

  /**
   * The job stops with a savepoint in the middle of the snapshot (chunk reads from index 6 on are held, so some
   * chunks are done, some in readers' state, some unassigned), the source keeps changing while it is stopped, and a
   * new job resumes from the savepoint: the snapshot completes where it stopped and the target equals the source.
   */
  @Test
  void stopWithSavepointMidSnapshot_resume_paimonEqualsSource() throws Exception {
    long seed = Long.getLong("tributary.seed", System.nanoTime());
    System.out.println("FlinkFullSyncIT.savepoint seed=" + seed + " (re-run with -Dtributary.seed=" + seed + ")");
    String db = "flink_savepoint";
    createTables(db);
    String warehouse = dir.resolve("warehouse").toString();
    Faults.HOLD_CHUNKS_FROM.set(6);
    StreamExecutionEnvironment env = environment(null);
    TributaryFlink.job(definition(db, warehouse, seed)).build(env);
    JobClient first = env.executeAsync("flink-savepoint-1");
    String savepoint;
    try {
      await().atMost(WAIT).until(() -> Faults.HELD.get() >= 2); // both readers wait inside a chunk
      Random random = new Random(seed);
      concurrentWrites(db, random, 100);
      savepoint = first.stopWithSavepoint(false, dir.resolve("savepoints").toUri().toString(),
          org.apache.flink.core.execution.SavepointFormatType.CANONICAL).get();
    } catch (Exception e) {
      first.cancel();
      throw e;
    }
    Faults.HOLD_CHUNKS_FROM.set(-1);
    Faults.gate.countDown();
    concurrentWrites(db, new Random(seed + 1), 100); // while no job runs: read from the saved log position
    StreamExecutionEnvironment resumed = environment(savepoint);
    TributaryFlink.job(definition(db, warehouse, seed)).build(resumed);
    JobClient second = resumed.executeAsync("flink-savepoint-2");
    try {
      concurrentWrites(db, new Random(seed + 2), 100);
      awaitEqual(second, db, warehouse);
    } finally {
      second.cancel().get();
    }
  }

  static void createTables(String db) {
    MySqlTestServer.execute("DROP DATABASE IF EXISTS " + db, "CREATE DATABASE " + db,
        "CREATE TABLE " + db + ".items (id BIGINT PRIMARY KEY, qty INT NOT NULL, note VARCHAR(40))",
        "CREATE TABLE " + db + ".orders (id BIGINT PRIMARY KEY, item BIGINT NOT NULL, amount DECIMAL(10,2))");
    insertRows(db, 4000, 1500);
  }

  private void syncAndCompare(String db, long seed) throws Exception {
    syncAndCompare(db, seed, false);
  }

  private void syncAndCompare(String db, long seed, boolean failWhileStreaming) throws Exception {
    createTables(db);
    String warehouse = dir.resolve("warehouse").toString();
    StreamExecutionEnvironment env = environment(null);
    TributaryFlink.job(definition(db, warehouse, seed)).build(env);
    JobClient job = env.executeAsync("flink-" + db);
    try {
      await().atMost(WAIT).until(() -> lakeTables(warehouse).containsAll(List.of("items", "orders")));
      Random random = new Random(seed);
      concurrentWrites(db, random, 200); // and more while streaming
      awaitEqual(job, db, warehouse);
      if (failWhileStreaming) {
        Faults.DIRECT_WRITES.set(0);
        Faults.FAIL_DIRECT_WRITE.set(2);
        concurrentWrites(db, random, 150);
        awaitEqual(job, db, warehouse);
      }
    } finally {
      job.cancel().get();
    }
  }

  static void awaitEqual(JobClient job, String db, String warehouse) {
    await().atMost(WAIT).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
      assertThat(job.getJobStatus().get()).isEqualTo(org.apache.flink.api.common.JobStatus.RUNNING);
      assertThat(lake(warehouse, "items")).isEqualTo(source(db, "items"));
      assertThat(lake(warehouse, "orders")).isEqualTo(source(db, "orders"));
    });
  }

  static void insertRows(String db, int items, int orders) {
    StringBuilder sql = new StringBuilder("INSERT INTO " + db + ".items VALUES ");
    for (int i = 1; i <= items; i++) {
      sql.append(i == 1 ? "" : ",").append('(').append(i).append(',').append(i % 97).append(",'n").append(i)
          .append("')");
    }
    StringBuilder o = new StringBuilder("INSERT INTO " + db + ".orders VALUES ");
    for (int i = 1; i <= orders; i++) {
      o.append(i == 1 ? "" : ",").append('(').append(i).append(',').append(i % 500 + 1).append(',')
          .append(i % 1000).append(".25)");
    }
    MySqlTestServer.execute(sql.toString(), o.toString());
  }

  /** Inserts, updates and deletes over both tables, some in multi-statement transactions. */
  static void concurrentWrites(String db, Random random, int statements) throws SQLException {
    try (Connection c = MySqlTestServer.connect(); Statement s = c.createStatement()) {
      for (int i = 0; i < statements; i++) {
        int id = 1 + random.nextInt(4000);
        switch (random.nextInt(5)) {
          case 0 -> s.execute("INSERT INTO " + db + ".items VALUES (" + NEXT_ID.incrementAndGet() + ", 1, 'new')");
          case 1 -> s.execute("UPDATE " + db + ".items SET qty = qty + 1, note = 'u" + i + "' WHERE id = " + id);
          case 2 -> s.execute("DELETE FROM " + db + ".items WHERE id = " + id);
          case 3 -> s.execute("UPDATE " + db + ".orders SET amount = amount + 1 WHERE id = " + (id % 1500 + 1));
          default -> {
            c.setAutoCommit(false);
            s.execute("DELETE FROM " + db + ".orders WHERE id = " + (id % 1500 + 1));
            s.execute("INSERT INTO " + db + ".orders VALUES (" + NEXT_ID.incrementAndGet() + ", " + id + ", 3.50)");
            s.execute("UPDATE " + db + ".items SET note = NULL WHERE id = " + id);
            c.commit();
            c.setAutoCommit(true);
          }
        }
      }
    }
  }

  @SuppressWarnings("try")
  static List<String> lakeTables(String warehouse) throws Exception {
    try (PaimonTableReader lake = PaimonTableReader.open(Path.of(warehouse), "lake")) {
      return lake.tables();
    } catch (Exception e) {
      return List.of(); // the database does not exist yet
    }
  }

  @SuppressWarnings("try")
  static List<Row> lake(String warehouse, String table) throws Exception {
    try (PaimonTableReader lake = PaimonTableReader.open(Path.of(warehouse), "lake")) {
      return sorted(lake.read(table));
    }
  }

  static List<Row> source(String db, String table) throws SQLException {
    List<Row> rows = new ArrayList<>();
    try (Connection c = MySqlTestServer.connect(); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT * FROM " + db + "." + table)) {
      ResultSetMetaData md = rs.getMetaData();
      while (rs.next()) {
        Object[] values = new Object[md.getColumnCount()];
        for (int i = 0; i < values.length; i++) {
          Object v = rs.getObject(i + 1);
          values[i] = v instanceof java.math.BigInteger big ? big.longValue() : v;
        }
        rows.add(Row.of(values));
      }
    }
    return sorted(rows);
  }

  private static List<Row> sorted(List<Row> rows) {
    List<Row> out = new ArrayList<>(rows);
    out.sort(Comparator.comparingLong(r -> ((Number) r.get(0)).longValue()));
    return out;
  }
}
