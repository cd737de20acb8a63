package io.tributary.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.sync.SyncMode;
import io.tributary.sync.SyncPipeline;
import io.tributary.sync.TablePhase;
import io.tributary.sync.TableSelector;
import io.tributary.sync.event.Row;
import io.tributary.sync.event.TableId;
import io.tributary.sync.memory.MemoryCheckpointStore;
import io.tributary.sync.memory.MemoryWarehouse;
import io.tributary.sync.memory.MemoryWriter;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * DDL that changes rows without row events, through the whole engine: the target must end equal to the source, or
 * the table must stop alone with a reason and come back with a re-sync while the other tables keep syncing.
 */
class DdlPipelineIT {

  private static final String DB = "ddl_pipe_it";
  private static final Duration WAIT = Duration.ofSeconds(60);

  private final MemoryWarehouse warehouse = new MemoryWarehouse();
  private SyncPipeline pipeline;

  @BeforeEach
  void createTables() {
    MySqlTestServer.execute("DROP DATABASE IF EXISTS " + DB, "CREATE DATABASE " + DB,
        "CREATE TABLE " + DB + ".t (id INT PRIMARY KEY, a INT, b VARCHAR(20))",
        "INSERT INTO " + DB + ".t VALUES (1, 1, 'one'), (2, 2, 'two'), (3, 3, 'three')",
        "CREATE TABLE " + DB + ".p (id INT NOT NULL PRIMARY KEY, a INT) PARTITION BY RANGE (id) "
            + "(PARTITION p0 VALUES LESS THAN (100), PARTITION p1 VALUES LESS THAN MAXVALUE)",
        "INSERT INTO " + DB + ".p VALUES (1, 1), (2, 2), (150, 3)");
    pipeline = SyncPipeline.builder().name("ddl-pipe").source(Sources.builder(DB).build()).mode(SyncMode.MIRROR)
        .tables(TableSelector.of(DB, "t|p")).fullSync(true).commitInterval(Duration.ofMillis(200))
        .writer(new MemoryWriter(warehouse)).checkpointStore(new MemoryCheckpointStore()).build();
  }

  @AfterEach
  void close() {
    pipeline.close();
  }

  private static TableId id(String table) {
    return TableId.of("src", DB, table);
  }

  private void start() throws InterruptedException {
    pipeline.start();
    assertThat(pipeline.awaitCaughtUp(WAIT)).as("caught up: %s", pipeline.status()).isTrue();
  }

  private void awaitTargetEqualsSource(String table) {
    await().atMost(WAIT).untilAsserted(() -> assertThat(warehouse.rows(table)).as("%s", pipeline.status())
        .containsExactlyInAnyOrderElementsOf(sourceRows(table)));
  }

  @Test
  void createOrReplace_ofACapturedTable_emptiesItsTarget_targetEqualsSource() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(MySqlTestServer.isMariaDb(), "CREATE OR REPLACE is MariaDB's");
    start();
    awaitTargetEqualsSource("t");
    MySqlTestServer.execute("CREATE OR REPLACE TABLE " + DB + ".t (id INT PRIMARY KEY, a INT, b VARCHAR(20))",
        "INSERT INTO " + DB + ".t VALUES (2, 20, 'new two'), (9, 9, 'nine')");
    awaitTargetEqualsSource("t");
    assertThat(warehouse.rows("t")).hasSize(2);
    assertThat(pipeline.status().table(id("t")).orElseThrow().phase()).isEqualTo(TablePhase.STREAMING);
  }

  @Test
  void partitionTruncate_stopsThatTableAlone_withTheReason_andAResyncBringsItBack() throws Exception {
    start();
    awaitTargetEqualsSource("p");
    MySqlTestServer.execute("ALTER TABLE " + DB + ".p TRUNCATE PARTITION p0",
        "INSERT INTO " + DB + ".t VALUES (4, 4, 'four')", "INSERT INTO " + DB + ".p VALUES (5, 5)");
    await().atMost(WAIT).untilAsserted(() -> {
      var p = pipeline.status().table(id("p")).orElseThrow();
      assertThat(p.phase()).isEqualTo(TablePhase.BLACKLISTED);
      assertThat(p.reason()).contains("TRUNCATE PARTITION").contains("p0");
    });
    awaitTargetEqualsSource("t"); // the other table keeps syncing
    assertThat(pipeline.status().table(id("t")).orElseThrow().phase()).isEqualTo(TablePhase.STREAMING);
    pipeline.resync(id("p")).get();
    MySqlTestServer.execute("INSERT INTO " + DB + ".p VALUES (6, 6)");
    awaitTargetEqualsSource("p");
    await().atMost(WAIT).until(() -> pipeline.status().table(id("p")).orElseThrow().phase()
        == TablePhase.STREAMING);
  }

  private static List<Row> sourceRows(String table) throws SQLException {
    List<Row> rows = new ArrayList<>();
    try (Connection c = MySqlTestServer.connect(); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT * FROM " + DB + "." + table)) {
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        Object[] values = new Object[n];
        for (int i = 0; i < n; i++) {
          values[i] = rs.getObject(i + 1);
        }
        rows.add(Row.of(values));
      }
    }
    return rows;
  }
}
