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
import io.tributary.sync.spi.ChangeSource;
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
 * {@code RENAME COLUMN} and {@code CHANGE old new} on a real server keep the column's values in the target: plain,
 * with a type change, of the key column, a swap in one statement, chains across statements, and during a full sync.
 * Every test ends with a row-by-row comparison by column name, and checks that the values written before the rename
 * are still there under the new name (a drop plus an add would leave them null).
 */
class ColumnRenameIT {

  private static final String DB = "rename_it";
  private static final int ROWS = 12_000;
  private static final Duration WAIT = Duration.ofSeconds(90);

  private final MemoryWarehouse warehouse = new MemoryWarehouse();
  private final MemoryCheckpointStore checkpoints = new MemoryCheckpointStore();

  @BeforeEach
  void createTable() {
    MySqlTestServer.execute("DROP DATABASE IF EXISTS " + DB, "CREATE DATABASE " + DB,
        "CREATE TABLE " + DB + ".t (id INT PRIMARY KEY, a INT NOT NULL, b VARCHAR(20), c INT)");
    for (int from = 1; from <= ROWS; from += 1000) {
      StringBuilder fill = new StringBuilder("INSERT INTO " + DB + ".t VALUES ");
      for (int i = from; i < from + 1000; i++) {
        fill.append(i == from ? "" : ",").append('(').append(i).append(',').append(i).append(",'b").append(i)
            .append("',").append(-i).append(')');
      }
      MySqlTestServer.execute(fill.toString());
    }
  }

  private SyncPipeline pipeline(ChangeSource source) {
    return SyncPipeline.builder().name("rename").source(source).writer(new MemoryWriter(warehouse)).fullSync(true)
        .checkpointStore(checkpoints).snapshotChunkSize(500).snapshotParallelism(2)
        .commitInterval(Duration.ofMillis(200)).build();
  }

  private static void assertStreaming(SyncPipeline p) {
    assertThat(p.status().state()).isEqualTo(PipelineState.RUNNING);
    TableId t = p.status().tables().get(0).table();
    assertThat(p.status().table(t).orElseThrow().phase()).as("%s", p.status().table(t)).isEqualTo(
        TablePhase.STREAMING);
  }

  @Test
  void renamesWhileStreaming_keepEveryValue_targetEqualsSourceRowByRow() throws Exception {
    try (SyncPipeline p = pipeline(Sources.builder(DB).build())) {
      p.start();
      assertThat(p.awaitCaughtUp(WAIT)).isTrue();
      MySqlTestServer.execute(
          "ALTER TABLE " + DB + ".t RENAME COLUMN b TO label",
          "UPDATE " + DB + ".t SET label = CONCAT('l', id) WHERE id % 10 = 0",
          "ALTER TABLE " + DB + ".t CHANGE a amount BIGINT NOT NULL",           // rename + widening, one clause
          "INSERT INTO " + DB + ".t VALUES (20001, 5000000000, 'big', 1)",
          "ALTER TABLE " + DB + ".t RENAME COLUMN id TO rid",                   // the key column
          "DELETE FROM " + DB + ".t WHERE rid % 10 = 3",
          "UPDATE " + DB + ".t SET c = c - 1 WHERE rid % 10 = 7");
      assertThat(p.awaitCaughtUp(WAIT)).isTrue();
      assertStreaming(p);
    }
    assertThat(warehouse.schema("t").orElseThrow().primaryKey()).containsExactly("rid");
    assertThat(warehouse.columnNames("t")).containsExactly("rid", "amount", "label", "c");
    List<List<Object>> target = target("rid", "amount", "label", "c");
    assertThat(target).containsExactlyElementsOf(source("rid", "amount", "label", "c"));
    // values written before the renames are still there under the new names
    assertThat(target).contains(List.of(1L, 1L, "b1", -1L), List.of(10L, 10L, "l10", -10L),
        List.of(20001L, 5_000_000_000L, "big", 1L));
  }

  @Test
  void swapInOneStatement_andChainsAcrossStatements_keepEveryValue() throws Exception {
    MySqlTestServer.execute("ALTER TABLE " + DB + ".t MODIFY c INT NOT NULL");
    try (SyncPipeline p = pipeline(Sources.builder(DB).build())) {
      p.start();
      assertThat(p.awaitCaughtUp(WAIT)).isTrue();
      MySqlTestServer.execute(
          // each clause names a column of the table before the statement (MariaDB and MySQL): this swaps a and c
          "ALTER TABLE " + DB + ".t RENAME COLUMN a TO c, RENAME COLUMN c TO a",
          "INSERT INTO " + DB + ".t (id, a, b, c) VALUES (20001, -20001, 'new', 20001)",
          "ALTER TABLE " + DB + ".t CHANGE a x INT NOT NULL, CHANGE c a INT NOT NULL", // swap, MySQL's own way
          "ALTER TABLE " + DB + ".t RENAME COLUMN x TO c",
          "ALTER TABLE " + DB + ".t RENAME COLUMN b TO b1",                    // a chain across statements
          "UPDATE " + DB + ".t SET b1 = CONCAT(b1, '!') WHERE id % 100 = 0",
          "ALTER TABLE " + DB + ".t RENAME COLUMN b1 TO b2",
          "ALTER TABLE " + DB + ".t RENAME COLUMN b2 TO b");
      assertThat(p.awaitCaughtUp(WAIT)).isTrue();
      assertStreaming(p);
    }
    List<String> columns = sourceColumns();
    assertThat(warehouse.columnNames("t")).containsExactlyInAnyOrderElementsOf(columns);
    List<List<Object>> target = target(columns.toArray(String[]::new));
    assertThat(target).containsExactlyElementsOf(source(columns.toArray(String[]::new)));
    assertThat(target.get(0)).as("row 1 as %s", columns).isEqualTo(source(columns.toArray(String[]::new)).get(0));
    assertThat(target).contains(sourceRow(columns, 100));
  }

  @Test
  void renamesDuringFullSync_stagedAndTargetRowsAgree() throws Exception {
    GatedSnapshotSource source = new GatedSnapshotSource(Sources.builder(DB).build(), 5);
    try (SyncPipeline p = pipeline(source)) {
      p.start();
      await().atMost(WAIT).until(() -> source.held() == 2);
      TableId t = p.status().tables().get(0).table();
      await().atMost(WAIT).until(() -> p.status().table(t).orElseThrow().chunksDone() == 5);
      MySqlTestServer.execute("ALTER TABLE " + DB + ".t RENAME COLUMN b TO label, RENAME COLUMN id TO rid",
          "UPDATE " + DB + ".t SET label = CONCAT('during', rid) WHERE rid % 7 = 0",
          "ALTER TABLE " + DB + ".t CHANGE a amount BIGINT NOT NULL");
      source.release();
      assertThat(p.awaitCaughtUp(WAIT)).isTrue();
      assertStreaming(p);
    }
    assertThat(warehouse.stagingAreas("t")).isZero();
    List<List<Object>> target = target("rid", "amount", "label", "c");
    assertThat(target).hasSize(ROWS).containsExactlyElementsOf(source("rid", "amount", "label", "c"));
    assertThat(target).contains(List.of(1L, 1L, "b1", -1L), List.of(7L, 7L, "during7", -7L));
  }

  @Test
  void chunkPlannedOrReadWithTheKeysOldName_isOneChunkWithoutRows_notAFailure() throws Exception {
    try (MySqlSource source = Sources.builder(DB).build()) {
      TableSchema before = source.discoverTables().stream().filter(t -> t.id().table().equals("t")).findFirst()
          .orElseThrow();
      List<io.tributary.sync.spi.SnapshotChunk> chunks = source.planChunks(before,
          io.tributary.sync.event.RowFilter.all(), 500);
      assertThat(chunks).hasSizeGreaterThan(1);
      MySqlTestServer.execute("ALTER TABLE " + DB + ".t RENAME COLUMN id TO rid");
      // read with the schema from before the rename: bounded by `id`, which is gone; the engine reads it again
      assertThat(Chunks.read(source, chunks.get(1), before).rows()).isEmpty();
      List<io.tributary.sync.spi.SnapshotChunk> planned = source.planChunks(before,
          io.tributary.sync.event.RowFilter.all(), 500);
      assertThat(planned).hasSize(1);
      assertThat(planned.get(0).lowerInclusive()).isNull();
      assertThat(planned.get(0).upperExclusive()).isNull();
      assertThat(Chunks.read(source, planned.get(0), before).rows()).isEmpty();
    }
  }

  private List<List<Object>> target(String... columns) {
    TableSchema schema = warehouse.schema("t").orElseThrow().asSchema();
    List<List<Object>> out = new ArrayList<>();
    for (Row r : warehouse.rows("t")) {
      List<Object> values = new ArrayList<>();
      for (String c : columns) {
        int i = schema.indexOf(c);
        assertThat(i).as("target column %s of %s", c, schema).isNotNegative();
        values.add(normal(r.get(i)));
      }
      out.add(values);
    }
    out.sort((x, y) -> Long.compare((Long) x.get(0), (Long) y.get(0)));
    return out;
  }

  private static List<String> sourceColumns() throws SQLException {
    List<String> names = new ArrayList<>();
    try (Connection c = MySqlTestServer.connect(); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT * FROM " + DB + ".t LIMIT 0")) {
      for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
        names.add(rs.getMetaData().getColumnName(i));
      }
    }
    return names;
  }

  private static List<Object> sourceRow(List<String> columns, int id) throws SQLException {
    return source(columns.toArray(String[]::new)).stream().filter(r -> r.get(columns.indexOf("id")).equals(
        (long) id)).findFirst().orElseThrow();
  }

  /** Source rows as the named columns' values (integers as long), by the first column. */
  private static List<List<Object>> source(String... columns) throws SQLException {
    List<List<Object>> out = new ArrayList<>();
    try (Connection c = MySqlTestServer.connect(); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT " + String.join(", ", columns) + " FROM " + DB + ".t ORDER BY "
             + columns[0])) {
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
