package io.tributary.flink;

import static io.tributary.flink.FlinkIt.WAIT;
import static io.tributary.flink.FlinkIt.lake;
import static io.tributary.flink.FlinkIt.lakeTables;
import static io.tributary.flink.MariaDb.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.mysql.MySqlTestServer;
import io.tributary.sync.event.Row;
import io.tributary.sync.event.RowFilter;
import io.tributary.sync.event.TableId;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.apache.flink.core.execution.JobClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Operations on a running Flink job (MiniCluster at parallelism 2, embedded MariaDB into Paimon, writes under way,
 * compared row by row): a savepoint resume whose definition adds one table and removes another, and operator
 * commands (pause, resume, catch-up, prioritise, a replayed command) through the job's control input.
 */
class FlinkOperationsIT {

  @RegisterExtension
  static final FlinkIt IT = new FlinkIt();

  /** The pipeline over {@code tables} of {@code database} (chunk reads write to all three tables while they read). */
  static Definition definition(String database, String warehouse, long seed, String tables) {
    String pattern = database + "\\.(" + tables + ")";
    return b -> b.name("flink-ops").fullSync(true).snapshotChunkSize(200).commitInterval(Duration.ofMillis(300))
        .source(new Faults.WritingSource(MariaDb.source().includeTables(pattern).build(), database, seed,
            FlinkOperationsIT::writes))
        .writer(FlinkIt.lakeWriter(warehouse));
  }

  static void createTables(String db) {
    Shop.createMariaDb(db);
    StringBuilder sql = new StringBuilder("INSERT INTO " + db + ".extras VALUES ");
    for (int i = 1; i <= 1000; i++) {
      sql.append(i == 1 ? "" : ",").append('(').append(i).append(",'e").append(i).append("')");
    }
    MySqlTestServer.execute("CREATE TABLE " + db + ".extras (id BIGINT PRIMARY KEY, v VARCHAR(20))",
        sql.toString());
  }

  /** Writes to items, orders and extras. */
  static void writes(String db, Random random, int statements) throws SQLException {
    Shop.mariaDbWrites(db, random, statements);
    try (Connection c = MySqlTestServer.connect(); Statement s = c.createStatement()) {
      for (int i = 0; i < statements / 3 + 1; i++) {
        int id = 1 + random.nextInt(1200);
        switch (random.nextInt(3)) {
          case 0 -> s.execute("REPLACE INTO " + db + ".extras VALUES (" + id + ", 'r" + i + "')");
          case 1 -> s.execute("UPDATE " + db + ".extras SET v = 'u" + i + "' WHERE id = " + id);
          default -> s.execute("DELETE FROM " + db + ".extras WHERE id = " + id);
        }
      }
    }
  }

  /**
   * A job syncing items and orders streams; it stops with a savepoint, the source changes while no job runs, and a
   * job whose definition selects items and extras (orders removed, extras added) resumes from it: extras is fully
   * synced (its chunks planned by the enumerator on request of the restored decider) while items keeps its progress
   * (no chunk of it read again) and streams on, and orders is no longer written. Items and extras equal the source
   * row by row; orders keeps the rows of the stop.
   */
  @Test
  void savepointResume_tableAddedAndRemoved_othersKeepTheirProgress() throws Exception {
    long seed = Long.getLong("tributary.seed", System.nanoTime());
    System.out.println("FlinkOperationsIT.added seed=" + seed + " (re-run with -Dtributary.seed=" + seed + ")");
    String db = "flink_ops_added";
    createTables(db);
    String warehouse = IT.warehouse();
    Random random = new Random(seed);
    JobClient first = IT.start(TributaryFlink.job(definition(db, warehouse, seed, "items|orders")),
        "flink-ops-added-1");
    FlinkIt.awaitTables(warehouse, "items", "orders");
    writes(db, random, 150);
    awaitEqual(first, db, warehouse); // streaming, every change applied
    String savepoint = IT.stopWithSavepoint(first);
    int itemsChunks = Faults.chunksRead("items");
    assertThat(itemsChunks).as("items was snapshotted by the first job").isGreaterThan(0);
    assertThat(Faults.chunksRead("extras")).isZero();
    List<Row> ordersAtStop = rows(db, "orders");
    assertThat(lake(warehouse, "orders")).isEqualTo(ordersAtStop);

    writes(db, random, 100); // while no job runs: read from the saved log position
    JobClient second = IT.start(TributaryFlink.job(definition(db, warehouse, seed, "items|extras")),
        "flink-ops-added-2", savepoint);
    writes(db, random, 150);
    await().atMost(WAIT).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
      assertThat(second.getJobStatus().get()).isEqualTo(org.apache.flink.api.common.JobStatus.RUNNING);
      assertThat(lake(warehouse, "items")).isEqualTo(rows(db, "items"));
      assertThat(lakeTables(warehouse)).contains("extras");
      assertThat(lake(warehouse, "extras")).isEqualTo(rows(db, "extras"));
    });
    writes(db, random, 100); // and streaming on, in both
    await().atMost(WAIT).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
      assertThat(lake(warehouse, "items")).isEqualTo(rows(db, "items"));
      assertThat(lake(warehouse, "extras")).isEqualTo(rows(db, "extras"));
    });
    assertThat(Faults.chunksRead("extras")).as("extras was snapshotted on resume").isGreaterThan(0);
    assertThat(Faults.chunksRead("items")).as("items was not read again").isEqualTo(itemsChunks);
    assertThat(rows(db, "orders")).as("orders changed since the stop").isNotEqualTo(ordersAtStop);
    assertThat(lake(warehouse, "orders")).as("orders, removed, is no longer written").isEqualTo(ordersAtStop);
  }

  /**
   * Commands through the job's control input while it streams and the source changes: pause stops a table's writes,
   * resume re-fetches it (its snapshot planned by the enumerator while the job runs, read by the parallel readers)
   * until it equals the source again, a catch-up re-reads the matching rows of another table, prioritise is applied,
   * and a command replayed with the same id is skipped.
   */
  @Test
  void commandsWhileRunning_pauseResumeCatchUpPrioritize() throws Exception {
    long seed = Long.getLong("tributary.seed", System.nanoTime());
    System.out.println("FlinkOperationsIT.commands seed=" + seed + " (re-run with -Dtributary.seed=" + seed + ")");
    String db = "flink_ops_commands";
    createTables(db);
    String warehouse = IT.warehouse();
    Random random = new Random(seed);
    JobClient job = IT.startWithCommands(definition(db, warehouse, seed, "items|orders"), "flink-ops-commands", null);
    TableId items = TableId.of("mysql", db, "items");
    TableId orders = TableId.of("mysql", db, "orders");
    FlinkIt.awaitTables(warehouse, "items", "orders");
    writes(db, random, 100);
    awaitEqual(job, db, warehouse);
    int itemsChunks = Faults.chunksRead("items");
    int ordersChunks = Faults.chunksRead("orders");

    // pause: orders' changes are no longer written (items' still are)
    List<Row> ordersAtPause = lake(warehouse, "orders");
    FlinkIt.send(TableCommand.pause("p1", orders));
    marker(db, warehouse, 1);
    writes(db, random, 100);
    marker(db, warehouse, 2);
    assertThat(rows(db, "orders")).isNotEqualTo(ordersAtPause);
    assertThat(lake(warehouse, "orders")).as("orders paused").isEqualTo(ordersAtPause);

    // resume: a re-sync, planned while the job runs; writes go on meanwhile, and a reader fails in one of its
    // chunks: the job restores from its last checkpoint (the plan in flight, the chunks of the new plan, the
    // command stream's position) and the re-sync goes on
    Faults.FAIL_CHUNK.set(0);
    FlinkIt.send(TableCommand.resume("r1", orders));
    FlinkIt.send(TableCommand.prioritize("pr1", List.of(orders)));
    writes(db, random, 100);
    awaitEqual(job, db, warehouse);
    assertThat(Faults.CHUNK_FAILED).as("the reader fault fired").isTrue();
    assertThat(Faults.chunksRead("orders")).as("orders re-read").isGreaterThan(ordersChunks);
    assertThat(Faults.chunksRead("items")).as("items not re-read").isEqualTo(itemsChunks);

    // catch-up of the items with id <= 1000: rows changed where the log does not see it (sql_log_bin = 0) come
    // back inside the filter only
    // (the random writes come first: one of them touching row 5 or 3005 after the unlogged change would be logged,
    // and the lake would rightly follow it; seed 47976274183713 updated row 5)
    writes(db, random, 50);
    unlogged(db, "REPLACE INTO " + db + ".items VALUES (5, 7, 'unlogged'), (3005, 7, 'unlogged')");
    FlinkIt.send(TableCommand.catchUp("c1", items, RowFilter.le("id", 1000L)));
    await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).until(() -> note(warehouse, 5).equals("unlogged"));
    assertThat(note(warehouse, 3005)).as("outside the catch-up's filter").isNotEqualTo("unlogged");
    assertThat(Faults.chunksRead("items")).as("items re-read for the catch-up").isGreaterThan(itemsChunks);
    MySqlTestServer.execute("UPDATE " + db + ".items SET note = 'logged' WHERE id = 3005");
    awaitEqual(job, db, warehouse);
    int afterCatchUp = Faults.chunksRead("items");

    // the same command again (a replayed control stream): skipped
    FlinkIt.send(TableCommand.catchUp("c1", items, RowFilter.le("id", 1000L)));
    marker(db, warehouse, 3);
    writes(db, random, 50);
    awaitEqual(job, db, warehouse);
    assertThat(Faults.chunksRead("items")).as("a replayed command is skipped").isEqualTo(afterCatchUp);
  }

  private static void unlogged(String db, String sql) throws SQLException {
    try (Connection c = MySqlTestServer.connect(); Statement s = c.createStatement()) {
      s.execute("SET SESSION sql_log_bin = 0");
      s.execute(sql);
    }
  }

  private static String note(String warehouse, long id) throws Exception {
    return lake(warehouse, "items").stream().filter(r -> ((Number) r.get(0)).longValue() == id)
        .map(r -> String.valueOf(r.get(2))).findFirst().orElse("");
  }

  /**
   * A row inserted into items after a command was emitted, awaited in the lake: by then the command (which reaches
   * the decider within a network buffer timeout) was applied, as the marker's commit came later.
   */
  private static void marker(String db, String warehouse, int n) throws Exception {
    long id = 900_000 + n;
    MySqlTestServer.execute("INSERT INTO " + db + ".items VALUES (" + id + ", 0, 'marker')");
    await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).until(() -> lake(warehouse, "items").stream()
        .anyMatch(r -> ((Number) r.get(0)).longValue() == id));
  }

  private static void awaitEqual(JobClient job, String db, String warehouse) {
    FlinkIt.awaitEqual(job, warehouse, MariaDb.of(db), "items", "orders");
  }
}
