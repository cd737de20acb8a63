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
import io.tributary.sync.spi.RowBatch;
import io.tributary.sync.spi.TargetTable;
import io.tributary.sync.spi.WriterContext;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A table synced from nothing (a first start, a start after offline, a table added to the selection) — two bugs the
 * decider simulation found (issue 12): a staging area an earlier run left behind was merged into the new sync
 * (resurrecting rows deleted since), and a table added to the selection whose schema changed while the pipeline was
 * stopped failed the pipeline on the changes logged before that change (rows of the old layout).
 */
class SyncFromNothingTest {

  private final MemoryDatabase db = new MemoryDatabase("src");
  private final MemoryWarehouse warehouse = new MemoryWarehouse();
  private final MemoryCheckpointStore store = new MemoryCheckpointStore();

  private TableId table(String name) {
    TableId id = db.tableId("app", "app", name);
    db.createTable(TableSchema.builder(id).primaryKey("id", DataType.bigint()).column("v", DataType.bigint()).build());
    return id;
  }

  private SyncPipeline.Builder pipeline() {
    return SyncPipeline.builder().name("p").source(db.source()).writer(new MemoryWriter(warehouse))
        .checkpointStore(store).commitInterval(Duration.ofMillis(20)).fullSync(true);
  }

  private void awaitStreamingAndEqual(SyncPipeline p, TableId t) {
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
      assertThat(p.status().state()).isEqualTo(PipelineState.RUNNING);
      assertThat(p.status().table(t).orElseThrow().phase()).isEqualTo(TablePhase.STREAMING);
      assertThat(p.awaitCaughtUp(Duration.ofSeconds(5))).isTrue();
      assertThat(warehouse.rows(t.table())).containsExactlyInAnyOrderElementsOf(db.rows(t));
    });
  }

  @Test
  void syncFromNothing_dropsAStagingAreaAnEarlierRunLeft() throws Exception {
    TableId t = table("t");
    db.insert(t, 1L, 10L);
    db.insert(t, 2L, 20L);
    // An earlier run's full sync, abandoned (offline) after it committed staged rows: row 9 was deleted since.
    MemoryWriter earlier = new MemoryWriter(warehouse);
    earlier.open(new WriterContext("p", 0, null));
    earlier.ensureTable(new TargetTable("t", List.of(Column.of("id", DataType.bigint().notNull()),
        Column.of("v", DataType.bigint())), List.of("id")));
    RowBatch staged = new RowBatch(2);
    staged.upsertSnapshot(Row.of(9L, 90L), 5);
    staged.upsertSnapshot(Row.of(1L, 11L), 5);
    earlier.writeStaging("t", "src.app.app.t", staged); // the engine's staging name of src:app.t
    earlier.commit(1, earlier.prepareCommit(1));

    try (SyncPipeline p = pipeline().build()) {
      p.start();
      awaitStreamingAndEqual(p, t); // without the drop: row 9 comes back, row 1 may read 11
    }
  }

  @Test
  void tableAddedAfterItsSchemaChanged_whileStopped_isSynced_notFailingOnOlderChanges() throws Exception {
    TableId a = table("a");
    TableId b = table("b");
    db.insert(a, 1L, 1L);
    db.insert(b, 2L, 2L);
    try (SyncPipeline p = pipeline().excludeTables(TableSelector.of("app", "b")).build()) {
      p.start();
      awaitStreamingAndEqual(p, a);
    } // the final checkpoint's position is before the changes below
    db.update(b, 2L, 3L); // logged in b's old layout
    db.addColumn(b, Column.of("c", DataType.bigint()));
    db.insert(b, 4L, 4L, 4L);

    try (SyncPipeline p = pipeline().build()) { // b joins the selection, discovered with column c
      p.start();
      awaitStreamingAndEqual(p, b);
      awaitStreamingAndEqual(p, a);
    }
  }
}
