package io.tributary.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.sync.PipelineState;
import io.tributary.sync.SyncPipeline;
import io.tributary.sync.TablePhase;
import io.tributary.sync.event.Row;
import io.tributary.sync.event.TableId;
import io.tributary.sync.event.TableSchema;
import io.tributary.sync.memory.MemoryCheckpointStore;
import io.tributary.sync.memory.MemoryWarehouse;
import io.tributary.sync.memory.MemoryWriter;
import io.tributary.sync.testing.GatedSnapshotSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * DDL while a table syncs, on a real server, ending with a row-by-row comparison of source and target: columns
 * added (and then set) or dropped while the full sync is half way through its chunks (the held chunk reads run
 * after the DDL, as reads queued at planning do), and columns moved while the log streams.
 */
class SchemaChangeDuringSyncIT {

  private static final String DB = "ddl_sync_it";
  private static final int ROWS = 30_000;
  private static final Duration WAIT = Duration.ofSeconds(90);

  private final MemoryWarehouse warehouse = new MemoryWarehouse();
  private final MemoryCheckpointStore checkpoints = new MemoryCheckpointStore();

  @BeforeEach
  void createTable() {
    MySqlTestServer.execute("DROP DATABASE IF EXISTS " + DB, "CREATE DATABASE " + DB,
        "CREATE TABLE " + DB + ".t (id INT PRIMARY KEY, v INT NOT NULL, extra VARCHAR(20))");
    for (int from = 1; from <= ROWS; from += 1000) {
      StringBuilder fill = new StringBuilder("INSERT INTO " + DB + ".t VALUES ");
      for (int i = from; i < from + 1000; i++) {
        fill.append(i == from ? "" : ",").append('(').append(i).append(',').append(i).append(",'x").append(i)
            .append("')");
      }
      MySqlTestServer.execute(fill.toString());
    }
  }

  private SyncPipeline pipeline(io.tributary.sync.spi.ChangeSource source) {
    return SyncPipeline.builder().name("ddl").source(source).writer(new MemoryWriter(warehouse)).fullSync(true)
        .checkpointStore(checkpoints)
        .snapshotChunkSize(500).snapshotParallelism(2).commitInterval(Duration.ofMillis(200)).build();
  }

  /** Runs {@code ddl} once 5 of the 60 chunks are read and the next two reads wait at the gate, then lets them go. */
  private void syncAround(String... ddl) throws InterruptedException {
    GatedSnapshotSource source = new GatedSnapshotSource(Sources.builder(DB).build(), 5);
    try (SyncPipeline p = pipeline(source)) {
      p.start();
      await().atMost(WAIT).until(() -> source.held() == 2);
      TableId t = p.status().tables().get(0).table();
      await().atMost(WAIT).until(() -> p.status().table(t).orElseThrow().chunksDone() == 5); // status lags a bit
      MySqlTestServer.execute(ddl);
      source.release();
      assertThat(p.awaitCaughtUp(WAIT)).isTrue();
      assertThat(p.status().table(t).orElseThrow().phase()).isEqualTo(TablePhase.STREAMING);
      assertThat(p.status().state()).isEqualTo(PipelineState.RUNNING);
    }
  }

  @Test
  void addColumnAndUpdateDuringFullSync_targetHoldsTheNewValues() throws Exception {
    syncAround("ALTER TABLE " + DB + ".t ADD COLUMN c VARCHAR(32)",
        "UPDATE " + DB + ".t SET c = 'after-ddl' WHERE id > 24000");
    List<List<Object>> target = target("id", "v", "extra", "c");
    assertThat(target.stream().filter(r -> "after-ddl".equals(r.get(3))).count()).isEqualTo(6000);
    assertThat(target).containsExactlyElementsOf(source("t", "id", "v", "extra", "c"));
  }

  @Test
  void dropColumnDuringFullSync_completesAndTargetLosesTheColumn() throws Exception {
    syncAround("ALTER TABLE " + DB + ".t DROP COLUMN extra", "UPDATE " + DB + ".t SET v = -v WHERE id % 7 = 0");
    assertThat(warehouse.schema("t").orElseThrow().asSchema().columnNames()).containsExactly("id", "v");
    assertThat(target("id", "v")).containsExactlyElementsOf(source("t", "id", "v"));
  }

  @Test
  void columnMovedDuringFullSync_rowsLandInTheirOwnColumns() throws Exception {
    syncAround("ALTER TABLE " + DB + ".t MODIFY COLUMN extra VARCHAR(20) FIRST",
        "UPDATE " + DB + ".t SET extra = CONCAT('moved', id), v = v + 1 WHERE id % 5 = 0");
    assertThat(target("id", "v", "extra")).containsExactlyElementsOf(source("t", "id", "v", "extra"));
  }

  @Test
  void dropColumnWhileStoppedMidSync_restartCompletesTheSync() throws Exception {
    GatedSnapshotSource source = new GatedSnapshotSource(Sources.builder(DB).build(), 5);
    try (SyncPipeline p = pipeline(source)) {
      p.start();
      await().atMost(WAIT).until(() -> source.held() == 2);
      p.stop(); // checkpoint: 5 chunks done, the table's schema with `extra`
      source.release();
    }
    MySqlTestServer.execute("ALTER TABLE " + DB + ".t DROP COLUMN extra",
        "UPDATE " + DB + ".t SET v = -v WHERE id % 7 = 0");
    try (SyncPipeline p = pipeline(Sources.builder(DB).build())) {
      p.start();
      assertThat(p.awaitCaughtUp(WAIT)).isTrue();
      assertThat(p.status().state()).isEqualTo(PipelineState.RUNNING);
      assertThat(p.status().tables().get(0).phase()).isEqualTo(TablePhase.STREAMING);
    }
    assertThat(target("id", "v")).containsExactlyElementsOf(source("t", "id", "v"));
  }

  @Test
  void columnsMovedWhileStreaming_rowsLandInTheirOwnColumns() throws Exception {
    MySqlTestServer.execute("CREATE TABLE " + DB + ".m (id INT PRIMARY KEY, f1 INT, f2 VARCHAR(20), f3 INT)",
        "INSERT INTO " + DB + ".m VALUES (1, 10, 'one', 100)");
    try (SyncPipeline p = SyncPipeline.builder().name("moves").source(Sources.builder(DB).build())
        .writer(new MemoryWriter(warehouse)).fullSync(true).commitInterval(Duration.ofMillis(200)).build()) {
      p.start();
      assertThat(p.awaitCaughtUp(WAIT)).isTrue();
      MySqlTestServer.execute("ALTER TABLE " + DB + ".m MODIFY COLUMN f3 INT AFTER f1",
          "INSERT INTO " + DB + ".m (id, f1, f2, f3) VALUES (2, 20, 'two', 200)",
          "UPDATE " + DB + ".m SET f1 = 11, f3 = 111, f2 = 'uno' WHERE id = 1",
          "ALTER TABLE " + DB + ".m MODIFY COLUMN f2 VARCHAR(20) FIRST",
          "INSERT INTO " + DB + ".m (id, f1, f2, f3) VALUES (3, 30, 'three', 300)",
          "UPDATE " + DB + ".m SET f3 = 222 WHERE id = 2");
      assertThat(p.awaitCaughtUp(WAIT)).isTrue();
      TableId m = p.status().tables().stream().map(s -> s.table()).filter(id -> id.table().equals("m")).findFirst()
          .orElseThrow();
      assertThat(p.status().table(m).orElseThrow().phase()).isEqualTo(TablePhase.STREAMING);
    }
    assertThat(rows("m", "id", "f1", "f2", "f3")).containsExactly(List.of(1L, 11L, "uno", 111L),
        List.of(2L, 20L, "two", 222L), List.of(3L, 30L, "three", 300L));
    assertThat(rows("m", "id", "f1", "f2", "f3")).containsExactlyElementsOf(source("m", "id", "f1", "f2", "f3"));
  }

  private List<List<Object>> target(String... columns) {
    return rows("t", columns);
  }

  /** Target rows of {@code table} as the named columns' values (integers as long), in key order. */
  private List<List<Object>> rows(String table, String... columns) {
    TableSchema schema = warehouse.schema(table).orElseThrow().asSchema();
    List<List<Object>> out = new ArrayList<>();
    for (Row r : warehouse.rows(table)) {
      List<Object> values = new ArrayList<>();
      for (String c : columns) {
        int i = schema.indexOf(c);
        assertThat(i).as("target column %s", c).isNotNegative();
        values.add(normal(r.get(i)));
      }
      out.add(values);
    }
    out.sort((a, b) -> Long.compare((Long) a.get(0), (Long) b.get(0)));
    return out;
  }

  private static List<List<Object>> source(String table, String... columns) throws SQLException {
    List<List<Object>> out = new ArrayList<>();
    try (Connection c = MySqlTestServer.connect(); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT " + String.join(", ", columns) + " FROM " + DB + "." + table
             + " ORDER BY id")) {
      while (rs.next()) {
        List<Object> values = new ArrayList<>();
        for (int i = 1; i <= columns.length; i++) {
          values.add(normal(rs.getObject(i)));
        }
        out.add(values);
      }
    }
    return out;
  }

  private static Object normal(Object v) {
    return v instanceof Number n ? (Object) n.longValue() : v;
  }
}
