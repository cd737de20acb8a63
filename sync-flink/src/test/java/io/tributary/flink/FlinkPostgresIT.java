package io.tributary.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.paimon.PaimonWriter;
import io.tributary.postgres.PgFixture;
import io.tributary.sync.event.Row;
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
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * An embedded PostgreSQL database full-synced into Paimon by a Flink job at parallelism 2, with inserts, updates,
 * deletes and multi-statement transactions inside every chunk read and while streaming; a reader fails once
 * mid-chunk and a writer once while streaming, each restored from the last checkpoint (the log split reopens the
 * replication slot at its checkpointed position). The Paimon tables must equal the source row by row. The slots
 * the job made are dropped afterwards.
 */
class FlinkPostgresIT {

  private static final Duration WAIT = Duration.ofSeconds(120);
  private static final AtomicLong NEXT_ID = new AtomicLong(100_000);

  @RegisterExtension
  static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
      .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

  @TempDir
  Path dir;

  private String database;

  @BeforeEach
  void resetFaults() {
    Faults.reset();
  }

  /** The job's slot is left behind by design (a cancelled job may be resumed): the test drops it. */
  @AfterEach
  void dropSlots() throws SQLException {
    if (database != null) {
      PgFixture.dropSlots(database);
      assertThat(slots(database)).as("slots of %s left after the drop", database).isZero();
    }
  }

  static int slots(String db) throws SQLException {
    try (Connection c = PgFixture.connect(db); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_replication_slots WHERE database = '" + db + "'")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  static Definition definition(String database, String warehouse, long seed) {
    return definition(database, warehouse, seed, "flink_it");
  }

  /** Slot names are server-wide: each test class reads through its own. */
  static Definition definition(String database, String warehouse, long seed, String slot) {
    PgFixture.server(); // started in this JVM: the tasks build their sources from the same fixture
    return b -> b.name("flink-pg").fullSync(true).snapshotChunkSize(200).commitInterval(Duration.ofMillis(300))
        .source(new Faults.WritingSource(PgFixture.source(database, "pg").includeSchemas("shop")
            .slotName(slot).build(), database, seed, FlinkPostgresIT::concurrentWrites))
        .writer(new Faults.FailingWriter(PaimonWriter.builder().warehouse(Path.of(warehouse)).database("lake")
            .buckets(2).build()));
  }

  @Test
  void fullSyncUnderWrites_readerAndWriterFail_restored_paimonEqualsSource() throws Exception {
    long seed = Long.getLong("tributary.seed", System.nanoTime());
    System.out.println("FlinkPostgresIT seed=" + seed + " (re-run with -Dtributary.seed=" + seed + ")");
    database = PgFixture.newDatabase("flink_pg");
    createTables(database);
    String warehouse = dir.resolve("warehouse").toString();
    Faults.FAIL_CHUNK.set(5);
    StreamExecutionEnvironment env = FlinkFullSyncIT.environment(null);
    TributaryFlink.job(definition(database, warehouse, seed)).build(env);
    JobClient job = env.executeAsync("flink-pg");
    try {
      await().atMost(WAIT).until(() -> FlinkFullSyncIT.lakeTables(warehouse).containsAll(List.of("items", "orders")));
      Random random = new Random(seed);
      concurrentWrites(database, random, 200);
      awaitEqual(job, warehouse);
      assertThat(Faults.CHUNK_FAILED).as("the reader fault fired").isTrue();
      Faults.DIRECT_WRITES.set(0);
      Faults.FAIL_DIRECT_WRITE.set(2);
      concurrentWrites(database, random, 150);
      awaitEqual(job, warehouse);
      assertThat(Faults.DIRECT_WRITE_FAILED).as("the streaming writer fault fired").isTrue();
      assertThat(slots(database)).as("the job reads through its one slot").isEqualTo(1);
    } finally {
      FlinkTaskManagerLossIT.cancel(job);
    }
  }

  private void awaitEqual(JobClient job, String warehouse) {
    await().atMost(WAIT).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
      assertThat(job.getJobStatus().get()).isEqualTo(JobStatus.RUNNING);
      assertThat(FlinkFullSyncIT.lake(warehouse, "items")).isEqualTo(source(database, "items"));
      assertThat(FlinkFullSyncIT.lake(warehouse, "orders")).isEqualTo(source(database, "orders"));
    });
  }

  static void createTables(String db) {
    StringBuilder items = new StringBuilder("INSERT INTO shop.items VALUES ");
    for (int i = 1; i <= 3000; i++) {
      items.append(i == 1 ? "" : ",").append('(').append(i).append(',').append(i % 97).append(",'n").append(i)
          .append("')");
    }
    StringBuilder orders = new StringBuilder("INSERT INTO shop.orders VALUES ");
    for (int i = 1; i <= 1000; i++) {
      orders.append(i == 1 ? "" : ",").append('(').append(i).append(',').append(i % 500 + 1).append(',')
          .append(i % 1000).append(".25)");
    }
    PgFixture.execute(db, "CREATE SCHEMA shop",
        "CREATE TABLE shop.items (id BIGINT PRIMARY KEY, qty INT NOT NULL, note VARCHAR(40))",
        "CREATE TABLE shop.orders (id BIGINT PRIMARY KEY, item BIGINT NOT NULL, amount NUMERIC(10,2))",
        items.toString(), orders.toString());
  }

  /** Inserts, updates and deletes over both tables, some in multi-statement transactions. */
  static void concurrentWrites(String db, Random random, int statements) throws SQLException {
    try (Connection c = PgFixture.connect(db); Statement s = c.createStatement()) {
      for (int i = 0; i < statements; i++) {
        int id = 1 + random.nextInt(3000);
        switch (random.nextInt(5)) {
          case 0 -> s.execute("INSERT INTO shop.items VALUES (" + NEXT_ID.incrementAndGet() + ", 1, 'new')");
          case 1 -> s.execute("UPDATE shop.items SET qty = qty + 1, note = 'u" + i + "' WHERE id = " + id);
          case 2 -> s.execute("DELETE FROM shop.items WHERE id = " + id);
          case 3 -> s.execute("UPDATE shop.orders SET amount = amount + 1 WHERE id = " + (id % 1000 + 1));
          default -> {
            c.setAutoCommit(false);
            s.execute("DELETE FROM shop.orders WHERE id = " + (id % 1000 + 1));
            s.execute("INSERT INTO shop.orders VALUES (" + NEXT_ID.incrementAndGet() + ", " + id + ", 3.50)");
            s.execute("UPDATE shop.items SET note = NULL WHERE id = " + id);
            c.commit();
            c.setAutoCommit(true);
          }
        }
      }
    }
  }

  static List<Row> source(String db, String table) throws SQLException {
    List<Row> rows = new ArrayList<>();
    try (Connection c = PgFixture.connect(db); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT * FROM shop." + table)) {
      ResultSetMetaData md = rs.getMetaData();
      while (rs.next()) {
        Object[] values = new Object[md.getColumnCount()];
        for (int i = 0; i < values.length; i++) {
          values[i] = rs.getObject(i + 1);
        }
        rows.add(Row.of(values));
      }
    }
    rows.sort(Comparator.comparingLong(r -> ((Number) r.get(0)).longValue()));
    return rows;
  }
}
