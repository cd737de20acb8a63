package io.tributary.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.sync.PipelineState;
import io.tributary.sync.SyncPipeline;
import io.tributary.sync.TablePhase;
import io.tributary.sync.event.Row;
import io.tributary.sync.event.TableId;
import io.tributary.sync.event.TableSchema;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * DDL while a table syncs, on a real server, ending with a row-by-row comparison of source and target: a column
 * added (and then set) or dropped while the full sync is half way through its chunks (the held chunk reads run
 * after the DDL, as reads queued at planning do), and a new primary key over the same columns.
 */
class SchemaChangeDuringSyncIT {

  private static final int ROWS = 30_000;
  private static final Duration WAIT = Duration.ofSeconds(90);

  private final MemoryWarehouse warehouse = new MemoryWarehouse();
  private String db;

  @BeforeEach
  void createTable() {
    db = PgFixture.newDatabase("ddlsync");
    PgFixture.execute(db, "CREATE TABLE t (id int PRIMARY KEY, v int NOT NULL, extra varchar(20))",
        "ALTER TABLE t REPLICA IDENTITY FULL",
        "INSERT INTO t SELECT g, g, 'x' || g FROM generate_series(1, " + ROWS + ") g");
  }

  @AfterEach
  void dropSlots() {
    PgFixture.dropSlots(db);
  }

  private SyncPipeline pipeline(io.tributary.sync.spi.ChangeSource source) {
    return SyncPipeline.builder().name("ddl").source(source).writer(new MemoryWriter(warehouse)).fullSync(true)
        .snapshotChunkSize(500).snapshotParallelism(2).commitInterval(Duration.ofMillis(200)).build();
  }

  /** Runs {@code ddl} once 5 of the 60 chunks are read and the next two reads wait at the gate, then lets them go. */
  private void syncAround(String... ddl) throws InterruptedException {
    GatedSnapshotSource source = new GatedSnapshotSource(PgFixture.source(db, "pg").build(), 5);
    try (SyncPipeline p = pipeline(source)) {
      p.start();
      await().atMost(WAIT).failFast(() -> p.status().state() == PipelineState.FAILED)
          .until(() -> source.held() == 2);
      TableId t = p.status().tables().get(0).table();
      await().atMost(WAIT).until(() -> p.status().table(t).orElseThrow().chunksDone() == 5); // status lags a bit
      PgFixture.execute(db, ddl);
      // The held reads must not share the snapshot the first chunks used (taken before the DDL): in a long sync
      // shared snapshots are renewed every few seconds anyway. Wait until the idle one is closed (its temporary slot
      // is dropped), so the held reads take a snapshot after the DDL and its UPDATE.
      await().atMost(WAIT).until(() -> temporarySlots() == 0);
      source.release();
      assertThat(p.awaitCaughtUp(WAIT)).isTrue();
      assertThat(p.status().table(t).orElseThrow().phase()).isEqualTo(TablePhase.STREAMING);
      assertThat(p.status().state()).isEqualTo(PipelineState.RUNNING);
    }
  }

  @Test
  void addColumnAndUpdateDuringFullSync_targetHoldsTheNewValues() throws Exception {
    syncAround("ALTER TABLE t ADD COLUMN c varchar(32)", "UPDATE t SET c = 'after-ddl' WHERE id > 24000");
    List<List<Object>> target = target("id", "v", "extra", "c");
    assertThat(target.stream().filter(r -> "after-ddl".equals(r.get(3))).count()).isEqualTo(6000);
    assertThat(target).containsExactlyElementsOf(source("id", "v", "extra", "c"));
  }

  @Test
  void dropColumnDuringFullSync_completesAndTargetLosesTheColumn() throws Exception {
    syncAround("ALTER TABLE t DROP COLUMN extra", "UPDATE t SET v = -v WHERE id % 7 = 0");
    assertThat(warehouse.schema("t").orElseThrow().asSchema().columnNames()).containsExactly("id", "v");
    assertThat(target("id", "v")).containsExactlyElementsOf(source("id", "v"));
  }

  @Test
  void primaryKeyChangedOverTheSameColumns_stopsTheTableWithTheReason() throws Exception {
    // REPLICA IDENTITY DEFAULT: pgoutput's Relation message then flags the primary-key columns
    PgFixture.execute(db, "CREATE TABLE k (a int PRIMARY KEY, b int NOT NULL, v int)",
        "INSERT INTO k VALUES (1, 1, 1)");
    try (SyncPipeline p = pipeline(PgFixture.source(db, "pg").build())) {
      p.start();
      assertThat(p.awaitCaughtUp(WAIT)).isTrue();
      TableId k = p.status().tables().stream().map(s -> s.table()).filter(id -> id.table().equals("k"))
          .findFirst().orElseThrow();
      PgFixture.execute(db, "ALTER TABLE k DROP CONSTRAINT k_pkey, ADD PRIMARY KEY (a, b)",
          "INSERT INTO k VALUES (1, 2, 2)", "UPDATE t SET v = 0 WHERE id = 1");
      await().atMost(WAIT).until(() -> p.status().table(k).orElseThrow().phase() == TablePhase.BLACKLISTED);
      assertThat(p.status().table(k).orElseThrow().reason()).startsWith("pk column different")
          .contains("[a] -> [a, b]");
      assertThat(p.awaitCaughtUp(WAIT)).isTrue();
      assertThat(p.status().state()).isEqualTo(PipelineState.RUNNING);
    }
    assertThat(warehouse.rows("k")).containsExactly(Row.of(1, 1, 1)); // nothing written under the old key
    assertThat(target("id", "v")).containsExactlyElementsOf(source("id", "v")); // the other table goes on
  }

  private long temporarySlots() throws SQLException {
    try (Connection c = PgFixture.connect(db); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_replication_slots WHERE temporary AND database = '"
             + db + "'")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private List<List<Object>> target(String... columns) {
    TableSchema schema = warehouse.schema("t").orElseThrow().asSchema();
    List<List<Object>> out = new ArrayList<>();
    for (Row r : warehouse.rows("t")) {
      List<Object> values = new ArrayList<>();
      for (String c : columns) {
        int i = schema.indexOf(c);
        assertThat(i).as("target column %s", c).isNotNegative();
        values.add(r.get(i));
      }
      out.add(values);
    }
    out.sort((a, b) -> Integer.compare((Integer) a.get(0), (Integer) b.get(0)));
    return out;
  }

  private List<List<Object>> source(String... columns) throws SQLException {
    List<List<Object>> out = new ArrayList<>();
    try (Connection c = PgFixture.connect(db); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT " + String.join(", ", columns) + " FROM t ORDER BY id")) {
      while (rs.next()) {
        List<Object> values = new ArrayList<>();
        for (int i = 1; i <= columns.length; i++) {
          values.add(rs.getObject(i));
        }
        out.add(values);
      }
    }
    return out;
  }
}
