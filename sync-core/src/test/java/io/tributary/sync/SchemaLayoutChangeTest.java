package io.tributary.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.sync.event.Column;
import io.tributary.sync.event.DataType;
import io.tributary.sync.event.Row;
import io.tributary.sync.event.TableId;
import io.tributary.sync.event.TableSchema;
import io.tributary.sync.memory.MemoryCheckpointStore;
import io.tributary.sync.testing.GatedSnapshotSource;
import io.tributary.sync.memory.MemoryDatabase;
import io.tributary.sync.memory.MemoryWarehouse;
import io.tributary.sync.memory.MemoryWriter;
import io.tributary.sync.spi.SchemaEvolutionPolicy;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Schema changes that keep every column but change the layout (a move, a new primary key), and schema changes while
 * a table's full sync reads its chunks; each ends with a source/target comparison.
 */
class SchemaLayoutChangeTest {

  private final MemoryDatabase db = new MemoryDatabase("src");
  private final MemoryWarehouse warehouse = new MemoryWarehouse();
  private final MemoryCheckpointStore checkpoints = new MemoryCheckpointStore();
  private final List<SyncEvent> events = new CopyOnWriteArrayList<>();

  private SyncPipeline.Builder pipeline(io.tributary.sync.spi.ChangeSource source) {
    return SyncPipeline.builder().name("t").source(source).writer(new MemoryWriter(warehouse))
        .checkpointStore(checkpoints).commitInterval(Duration.ofMillis(20)).listener(events::add);
  }

  private TableId wide(String name) {
    TableId id = db.tableId("app", "app", name);
    db.createTable(TableSchema.builder(id).primaryKey("id", DataType.bigint()).column("f1", DataType.intType())
        .column("f2", DataType.varchar(20)).column("f3", DataType.intType()).build());
    return id;
  }

  private void assertTargetEqualsSource(TableId t) {
    assertThat(warehouse.rows(t.table())).as("target %s", t.table())
        .containsExactlyInAnyOrderElementsOf(db.rows(t));
  }

  // ---------------------------------------------------------------- issue 11.1: column moves

  @Test
  void columnMovedWhileStreaming_laterRowsLandInTheirOwnColumns() throws Exception {
    TableId t = wide("moved");
    try (SyncPipeline p = pipeline(db.source()).build()) {
      p.start();
      awaitRunning(p);
      db.insert(t, 1L, 10, "one", 100);
      // MODIFY COLUMN f3 INT AFTER f1: same columns and types, another order
      db.alterTable(TableSchema.builder(t).primaryKey("id", DataType.bigint()).column("f1", DataType.intType())
          .column("f3", DataType.intType()).column("f2", DataType.varchar(20)).build());
      db.insert(t, 2L, 20, 200, "two");
      db.update(t, 1L, 11, 111, "uno");
      // FIRST
      db.alterTable(TableSchema.builder(t).column("f2", DataType.varchar(20)).primaryKey("id", DataType.bigint())
          .column("f1", DataType.intType()).column("f3", DataType.intType()).build());
      db.insert(t, "three", 3L, 30, 300);
      assertThat(p.awaitCaughtUp(Duration.ofSeconds(10))).isTrue();
      assertThat(p.status().table(t).orElseThrow().phase()).isEqualTo(TablePhase.STREAMING);
    }
    // The target keeps names, so compare by name: f1 holds 10/11/20/30, f3 100/111/200/300, f2 the words.
    TableSchema target = warehouse.schema("moved").orElseThrow().asSchema();
    assertThat(project(warehouse.rows("moved"), target)).containsExactlyInAnyOrder(
        List.of(1L, 11, "uno", 111), List.of(2L, 20, "two", 200), List.of(3L, 30, "three", 300));
  }

  @Test
  void columnMovedDuringFullSync_snapshotAndLogRowsLandInTheirOwnColumns() throws Exception {
    TableId t = wide("moving");
    for (long i = 0; i < 500; i++) {
      db.insert(t, i, (int) i, "s" + i, (int) (i * 10));
    }
    GatedSnapshotSource source = new GatedSnapshotSource(db.source(), 3);
    try (SyncPipeline p = pipeline(source).fullSync(true).snapshotChunkSize(20).snapshotParallelism(2).build()) {
      p.start();
      await().atMost(Duration.ofSeconds(10)).until(() -> source.held() == 2);
      db.alterTable(TableSchema.builder(t).primaryKey("id", DataType.bigint()).column("f1", DataType.intType())
          .column("f3", DataType.intType()).column("f2", DataType.varchar(20)).build());
      for (long i = 0; i < 500; i += 7) {
        db.update(t, i, -(int) i, (int) (-i * 10), "moved" + i);
      }
      source.release();
      assertThat(p.awaitCaughtUp(Duration.ofSeconds(20))).isTrue();
    }
    TableSchema target = warehouse.schema("moving").orElseThrow().asSchema();
    TableSchema now = db.schema(t);
    assertThat(project(warehouse.rows("moving"), target))
        .containsExactlyInAnyOrderElementsOf(project(db.rows(t), now));
  }

  /** Rows as (id, f1, f2, f3) lists, whatever the column order of {@code schema}. */
  private static List<List<Object>> project(List<Row> rows, TableSchema schema) {
    int[] at = {schema.indexOf("id"), schema.indexOf("f1"), schema.indexOf("f2"), schema.indexOf("f3")};
    return rows.stream().map(r -> java.util.Arrays.stream(at).mapToObj(r::get).toList()).toList();
  }

  // ---------------------------------------------------------------- issue 11.2: key-only changes

  private TableId keyed(String name) {
    TableId id = db.tableId("app", "app", name);
    db.createTable(TableSchema.builder(id).primaryKey("a", DataType.bigint()).column("b", DataType.bigint().notNull())
        .column("v", DataType.intType()).build());
    return id;
  }

  private void rekey(TableId id) {
    db.alterTable(TableSchema.builder(id).primaryKey("a", DataType.bigint()).primaryKey("b", DataType.bigint())
        .column("v", DataType.intType()).build());
  }

  @Test
  void primaryKeyChangedWithoutColumnChange_stopsTheTableUnderEvolveAndIgnore() throws Exception {
    for (SchemaEvolutionPolicy policy : List.of(SchemaEvolutionPolicy.evolve(), SchemaEvolutionPolicy.ignore(),
        SchemaEvolutionPolicy.stopTable(), (table, diff) -> SchemaEvolutionPolicy.Decision.IGNORE)) {
      MemoryDatabase fresh = new MemoryDatabase("src");
      TableId t = fresh.tableId("app", "app", "k");
      fresh.createTable(TableSchema.builder(t).primaryKey("a", DataType.bigint())
          .column("b", DataType.bigint().notNull()).column("v", DataType.intType()).build());
      TableId other = fresh.tableId("app", "app", "other");
      fresh.createTable(TableSchema.builder(other).primaryKey("a", DataType.bigint()).build());
      MemoryWarehouse wh = new MemoryWarehouse();
      try (SyncPipeline p = SyncPipeline.builder().name("t").source(fresh.source()).writer(new MemoryWriter(wh))
          .schemaEvolution(policy).commitInterval(Duration.ofMillis(20)).build()) {
        p.start();
        awaitRunning(p);
        fresh.insert(t, 1L, 1L, 1);
        fresh.alterTable(TableSchema.builder(t).primaryKey("a", DataType.bigint()).primaryKey("b", DataType.bigint())
            .column("v", DataType.intType()).build());
        fresh.insert(t, 1L, 2L, 2); // a second row under the new key; one row under the old
        fresh.insert(other, 7L);
        assertThat(p.awaitCaughtUp(Duration.ofSeconds(10))).isTrue();
        PipelineStatus.TableStatus st = p.status().table(t).orElseThrow();
        assertThat(st.phase()).as("policy %s", policy).isEqualTo(TablePhase.BLACKLISTED);
        assertThat(st.reason()).as("policy %s", policy).startsWith("pk column different").contains("[a] -> [a, b]");
        assertThat(wh.rows("k")).containsExactly(Row.of(1L, 1L, 1)); // nothing written under the wrong key
        assertThat(wh.rows("other")).containsExactly(Row.of(7L));
      }
    }
  }

  @Test
  void primaryKeyChangedWithoutColumnChange_appliedByACustomPolicy_stopsWhenTheWriterCannotRekey() throws Exception {
    TableId t = keyed("k");
    try (SyncPipeline p = pipeline(db.source())
        .schemaEvolution((table, diff) -> SchemaEvolutionPolicy.Decision.APPLY).build()) {
      p.start();
      awaitRunning(p);
      db.insert(t, 1L, 1L, 1);
      rekey(t);
      db.insert(t, 1L, 2L, 2);
      assertThat(p.awaitCaughtUp(Duration.ofSeconds(10))).isTrue();
      PipelineStatus.TableStatus st = p.status().table(t).orElseThrow();
      assertThat(st.phase()).isEqualTo(TablePhase.BLACKLISTED);
      assertThat(st.reason()).contains("pk column different");
    }
    assertThat(warehouse.rows("k")).containsExactly(Row.of(1L, 1L, 1));
  }

  @Test
  void primaryKeyChangedWithoutColumnChange_failsThePipelineUnderFailPipeline() throws Exception {
    TableId t = keyed("k");
    try (SyncPipeline p = pipeline(db.source()).schemaEvolution(SchemaEvolutionPolicy.failPipeline()).build()) {
      p.start();
      awaitRunning(p);
      rekey(t);
      await().atMost(Duration.ofSeconds(10)).until(() -> p.status().state() == PipelineState.FAILED);
      assertThat(p.status().failure()).contains("schema change of " + t).contains("primary key [a] -> [a, b]");
    }
  }

  @Test
  void primaryKeyChangedDuringFullSync_stopsTheTable() throws Exception {
    TableId t = keyed("k");
    for (long i = 0; i < 200; i++) {
      db.insert(t, i, i, 0);
    }
    GatedSnapshotSource source = new GatedSnapshotSource(db.source(), 2);
    try (SyncPipeline p = pipeline(source).fullSync(true).snapshotChunkSize(20).build()) {
      p.start();
      await().atMost(Duration.ofSeconds(10)).until(() -> source.held() > 0);
      rekey(t);
      db.insert(t, 1L, 5L, 5);
      source.release();
      await().atMost(Duration.ofSeconds(10))
          .until(() -> p.status().table(t).orElseThrow().phase() == TablePhase.BLACKLISTED);
      assertThat(p.status().table(t).orElseThrow().reason()).startsWith("pk column different");
    }
  }

  // ---------------------------------------------------------------- issue 18: column changes during a full sync

  private TableId loaded(String name, int rows) {
    TableId id = db.tableId("app", "app", name);
    db.createTable(TableSchema.builder(id).primaryKey("id", DataType.bigint()).column("v", DataType.intType())
        .column("extra", DataType.varchar(20)).build());
    for (long i = 0; i < rows; i++) {
      db.insert(id, i, (int) i, "x" + i);
    }
    return id;
  }

  @Test
  void addColumnAndUpdateDuringFullSync_targetHoldsTheUpdatedValues() throws Exception {
    TableId t = loaded("t", 3000);
    GatedSnapshotSource source = new GatedSnapshotSource(db.source(), 5);
    try (SyncPipeline p = pipeline(source).fullSync(true).snapshotChunkSize(50).snapshotParallelism(2).build()) {
      p.start();
      await().atMost(Duration.ofSeconds(10)).until(() -> source.held() == 2);
      db.addColumn(t, Column.of("c", DataType.varchar(32)));
      for (long i = 2001; i < 3000; i++) {
        db.update(t, i, (int) i, "x" + i, "after-ddl");
      }
      source.release();
      assertThat(p.awaitCaughtUp(Duration.ofSeconds(20))).isTrue();
      assertThat(p.status().table(t).orElseThrow().phase()).isEqualTo(TablePhase.STREAMING);
    }
    assertThat(warehouse.rows("t")).filteredOn(r -> "after-ddl".equals(r.get(3))).hasSize(999);
    assertTargetEqualsSource(t);
  }

  @Test
  void dropColumnDuringFullSync_completesWithoutTheColumn() throws Exception {
    TableId t = loaded("t", 3000);
    GatedSnapshotSource source = new GatedSnapshotSource(db.source(), 5);
    try (SyncPipeline p = pipeline(source).fullSync(true).snapshotChunkSize(50).snapshotParallelism(2).build()) {
      p.start();
      await().atMost(Duration.ofSeconds(10)).until(() -> source.held() == 2);
      db.dropColumn(t, "extra");
      for (long i = 2001; i < 3000; i += 3) {
        db.update(t, i, -1);
      }
      source.release();
      assertThat(p.awaitCaughtUp(Duration.ofSeconds(20))).isTrue();
      assertThat(p.status().table(t).orElseThrow().phase()).isEqualTo(TablePhase.STREAMING);
    }
    assertTargetEqualsSource(t);
  }

  @Test
  void addColumnWhileStoppedMidSync_restartReadsTheRestWithTheNewColumn() throws Exception {
    TableId t = loaded("t", 3000);
    GatedSnapshotSource source = new GatedSnapshotSource(db.source(), 5);
    try (SyncPipeline p = pipeline(source).fullSync(true).snapshotChunkSize(50).snapshotParallelism(2).build()) {
      p.start();
      await().atMost(Duration.ofSeconds(10)).until(() -> source.held() == 2);
      p.stop(); // checkpoint: 5 chunks done, the old schema, a position before the DDL below
      source.release();
    }
    db.addColumn(t, Column.of("c", DataType.varchar(32)));
    for (long i = 2001; i < 3000; i++) {
      db.update(t, i, (int) i, "x" + i, "after-ddl");
    }
    try (SyncPipeline p = pipeline(db.source()).fullSync(true).snapshotChunkSize(50).snapshotParallelism(2).build()) {
      p.start();
      assertThat(p.awaitCaughtUp(Duration.ofSeconds(20))).isTrue();
    }
    assertTargetEqualsSource(t);
  }

  private static void awaitRunning(SyncPipeline p) {
    await().atMost(Duration.ofSeconds(10)).until(() -> p.status().state() == PipelineState.RUNNING);
  }
}
