package io.tributary.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.sync.event.Column;
import io.tributary.sync.event.DataType;
import io.tributary.sync.event.Row;
import io.tributary.sync.event.TableId;
import io.tributary.sync.event.TableSchema;
import io.tributary.sync.memory.MemoryCheckpointStore;
import io.tributary.sync.memory.MemoryDatabase;
import io.tributary.sync.memory.MemoryWarehouse;
import io.tributary.sync.memory.MemoryWriter;
import io.tributary.sync.spi.ChangeSource;
import io.tributary.sync.spi.ChangeWriter;
import io.tributary.sync.spi.ForwardingChangeWriter;
import io.tributary.sync.testing.GatedSnapshotSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Column renames the source reports ({@code SchemaChange.renamedFrom}) rename the target column, keeping its values:
 * while streaming, of a key column, with a type change, swapped in one statement, chained across statements, during
 * a full sync, and in a virtual table whose other shards keep the old name. Each compares target and source by name.
 */
class ColumnRenameTest {

  private final MemoryDatabase db = new MemoryDatabase("src");
  private final MemoryWarehouse warehouse = new MemoryWarehouse();
  private final MemoryCheckpointStore checkpoints = new MemoryCheckpointStore();

  private SyncPipeline.Builder pipeline(ChangeSource source, ChangeWriter writer) {
    return SyncPipeline.builder().name("t").source(source).writer(writer).checkpointStore(checkpoints)
        .commitInterval(Duration.ofMillis(20));
  }

  private SyncPipeline.Builder pipeline(ChangeSource source) {
    return pipeline(source, new MemoryWriter(warehouse));
  }

  private TableId table(String name) {
    TableId id = db.tableId("app", "app", name);
    db.createTable(TableSchema.builder(id).primaryKey("id", DataType.bigint()).column("f1", DataType.intType())
        .column("f2", DataType.varchar(20)).column("f3", DataType.intType()).build());
    return id;
  }

  private static void awaitStreaming(SyncPipeline p, TableId t) {
    await().atMost(Duration.ofSeconds(10)).until(() -> p.status().table(t)
        .map(s -> s.phase() == TablePhase.STREAMING).orElse(false));
  }

  /** The target's rows as name-ordered value lists in the source's current column order. */
  private List<List<Object>> targetByName(TableId t, String target) {
    TableSchema source = db.schema(t);
    TableSchema schema = warehouse.schema(target).orElseThrow().asSchema();
    List<List<Object>> out = new ArrayList<>();
    for (Row r : warehouse.rows(target)) {
      List<Object> values = new ArrayList<>();
      for (Column c : source.columns()) {
        values.add(r.get(schema.indexOf(c.name())));
      }
      out.add(values);
    }
    return out;
  }

  private List<List<Object>> sourceRows(TableId t) {
    return db.rows(t).stream().map(r -> java.util.stream.IntStream.range(0, r.size()).mapToObj(r::get).toList())
        .toList();
  }

  @Test
  void renameWhileStreaming_targetColumnIsRenamed_andKeepsItsValues() throws Exception {
    TableId t = table("renamed");
    db.insert(t, 1L, 10, "one", 100);
    db.insert(t, 2L, 20, "two", 200);
    try (SyncPipeline p = pipeline(db.source()).fullSync(true).build()) {
      p.start();
      awaitStreaming(p, t);
      db.renameColumn(t, "f2", "label");
      db.insert(t, 3L, 30, "three", 300);
      db.update(t, 1L, 11, "uno", 111);
      assertThat(p.awaitCaughtUp(Duration.ofSeconds(10))).isTrue();
      assertThat(p.status().table(t).orElseThrow().phase()).isEqualTo(TablePhase.STREAMING);
    }
    assertThat(warehouse.columnNames("renamed")).containsExactly("id", "f1", "label", "f3");
    assertThat(targetByName(t, "renamed")).containsExactlyInAnyOrder(
        List.of(1L, 11, "uno", 111), List.of(2L, 20, "two", 200), List.of(3L, 30, "three", 300));
  }

  @Test
  void renameOfTheKeyColumn_keepsRowsKeyed_updatesAndDeletesAfterwardsApply() throws Exception {
    TableId t = table("rekeyed");
    db.insert(t, 1L, 10, "one", 100);
    db.insert(t, 2L, 20, "two", 200);
    try (SyncPipeline p = pipeline(db.source()).fullSync(true).build()) {
      p.start();
      awaitStreaming(p, t);
      db.renameColumn(t, "id", "order_id");
      db.update(t, 1L, 11, "uno", 111);
      db.delete(t, 2L);
      db.insert(t, 3L, 30, "three", 300);
      assertThat(p.awaitCaughtUp(Duration.ofSeconds(10))).isTrue();
      assertThat(p.status().table(t).orElseThrow().phase()).isEqualTo(TablePhase.STREAMING);
    }
    assertThat(warehouse.schema("rekeyed").orElseThrow().primaryKey()).containsExactly("order_id");
    assertThat(targetByName(t, "rekeyed")).containsExactlyInAnyOrder(
        List.of(1L, 11, "uno", 111), List.of(3L, 30, "three", 300));
  }

  @Test
  void renameWithTypeChange_swap_andChain_allKeepValues() throws Exception {
    TableId t = db.tableId("app", "app", "shuffled");
    db.createTable(TableSchema.builder(t).primaryKey("id", DataType.bigint()).column("a", DataType.bigint())
        .column("b", DataType.bigint()).column("c", DataType.varchar(10)).build());
    db.insert(t, 1L, 10L, 100L, "x");
    try (SyncPipeline p = pipeline(db.source()).fullSync(true).build()) {
      p.start();
      awaitStreaming(p, t);
      // CHANGE c d VARCHAR(40): renamed and widened in one clause
      db.alterTable(TableSchema.builder(t).primaryKey("id", DataType.bigint()).column("a", DataType.bigint())
          .column("b", DataType.bigint()).column("d", DataType.varchar(40)).build(), Map.of("d", "c"));
      db.insert(t, 2L, 20L, 200L, "y");
      // RENAME COLUMN a TO tmp, b TO a, tmp TO b: one statement, net a <-> b
      db.alterTable(TableSchema.builder(t).primaryKey("id", DataType.bigint()).column("b", DataType.bigint())
          .column("a", DataType.bigint()).column("d", DataType.varchar(40)).build(), Map.of("a", "b", "b", "a"));
      db.insert(t, 3L, 30L, 300L, "z");
      // a chain across statements: d -> e, then e -> c (the first name again)
      db.renameColumn(t, "d", "e");
      db.update(t, 1L, 11L, 111L, "x2");
      db.renameColumn(t, "e", "c");
      db.insert(t, 4L, 40L, 400L, "w");
      assertThat(p.awaitCaughtUp(Duration.ofSeconds(10))).isTrue();
      assertThat(p.status().table(t).orElseThrow().phase()).isEqualTo(TablePhase.STREAMING);
    }
    assertThat(warehouse.columnNames("shuffled")).containsExactlyInAnyOrder("id", "a", "b", "c");
    assertThat(targetByName(t, "shuffled")).containsExactlyInAnyOrderElementsOf(sourceRows(t));
    // Row 2 was written before the swap as (a=20, b=200): the swap moved 20 under b.
    assertThat(targetByName(t, "shuffled")).contains(List.of(2L, 20L, 200L, "y"));
    assertThat(db.schema(t).columnNames()).containsExactly("id", "b", "a", "c");
  }

  @Test
  void renameDuringFullSync_stagedAndLaterRowsAgree() throws Exception {
    TableId t = table("syncing");
    for (long i = 0; i < 400; i++) {
      db.insert(t, i, (int) i, "s" + i, (int) (i * 10));
    }
    GatedSnapshotSource source = new GatedSnapshotSource(db.source(), 3);
    try (SyncPipeline p = pipeline(source).fullSync(true).snapshotChunkSize(20).snapshotParallelism(2).build()) {
      p.start();
      await().atMost(Duration.ofSeconds(10)).until(() -> source.held() == 2);
      db.renameColumn(t, "f2", "label");
      db.renameColumn(t, "id", "pk");
      for (long i = 0; i < 400; i += 7) {
        db.update(t, i, -(int) i, "renamed" + i, (int) (-i * 10));
      }
      source.release();
      assertThat(p.awaitCaughtUp(Duration.ofSeconds(20))).isTrue();
      assertThat(p.status().table(t).orElseThrow().phase()).isEqualTo(TablePhase.STREAMING);
    }
    assertThat(warehouse.columnNames("syncing")).containsExactly("pk", "f1", "label", "f3");
    assertThat(warehouse.stagingAreas("syncing")).isZero();
    assertThat(targetByName(t, "syncing")).containsExactlyInAnyOrderElementsOf(sourceRows(t));
  }

  @Test
  void renameInOneShardOfAVirtualTable_addsTheNewColumn_keepsTheOldOneForTheOtherShards_andResyncsTheShard()
      throws Exception {
    TableId s1 = db.tableId("shard_1", "shard_1", "orders");
    TableId s2 = db.tableId("shard_2", "shard_2", "orders");
    for (TableId s : List.of(s1, s2)) {
      db.createTable(TableSchema.builder(s).primaryKey("id", DataType.bigint()).column("amount", DataType.intType())
          .build());
      db.insert(s, 1L, 10);
    }
    try (SyncPipeline p = pipeline(db.source()).mode(SyncMode.MERGE)
        .virtualTable(VirtualTable.of("orders", TableSelector.of("shard_\\d+", "orders")))
        .extendedFields(ExtendedField.DATABASE_NAME).extendedFieldsInPrimaryKey(true).heterogeneousMerge(true)
        .fullSync(true).build()) {
      p.start();
      awaitStreaming(p, s1);
      awaitStreaming(p, s2);
      db.renameColumn(s1, "amount", "total");
      db.insert(s1, 2L, 20);
      db.insert(s2, 2L, 21);
      await().atMost(Duration.ofSeconds(10)).until(() -> p.status().table(s1).orElseThrow().phase()
          == TablePhase.STREAMING);
      assertThat(p.awaitCaughtUp(Duration.ofSeconds(10))).isTrue();
    }
    assertThat(warehouse.columnNames("orders")).containsExactlyInAnyOrder("id", "amount", "_database_name", "total");
    TableSchema target = warehouse.schema("orders").orElseThrow().asSchema();
    List<List<Object>> rows = warehouse.rows("orders").stream().map(r -> List.of(r.get(target.indexOf(
        "_database_name")), r.get(target.indexOf("id")), String.valueOf(r.get(target.indexOf("amount"))),
        String.valueOf(r.get(target.indexOf("total"))))).toList();
    // shard_1's rows, re-synced, hold their values under total only; shard_2 keeps amount
    assertThat(rows).containsExactlyInAnyOrder(List.of("shard_1", 1L, "null", "10"),
        List.of("shard_1", 2L, "null", "20"), List.of("shard_2", 1L, "10", "null"),
        List.of("shard_2", 2L, "21", "null"));
  }

  @Test
  void writerWithoutRenameCapability_dropsAndAddsTheColumn_thenResyncsTheTableToFillIt() throws Exception {
    TableId t = table("plain");
    db.insert(t, 1L, 10, "one", 100);
    ChangeWriter noRename = new ForwardingChangeWriter(new MemoryWriter(warehouse)) {
      @Override
      public Set<Capability> capabilities() {
        return EnumSet.complementOf(EnumSet.of(Capability.RENAME_COLUMN));
      }
    };
    try (SyncPipeline p = pipeline(db.source(), noRename).fullSync(true).build()) {
      p.start();
      awaitStreaming(p, t);
      db.renameColumn(t, "f2", "label");
      db.insert(t, 2L, 20, "two", 200);
      assertThat(p.awaitCaughtUp(Duration.ofSeconds(10))).isTrue();
    }
    // the new column is refilled by a re-sync of the table
    assertThat(targetByName(t, "plain")).containsExactlyInAnyOrderElementsOf(sourceRows(t));
    assertThat(warehouse.columnNames("plain")).containsExactlyInAnyOrder("id", "f1", "f3", "label");
  }
}
