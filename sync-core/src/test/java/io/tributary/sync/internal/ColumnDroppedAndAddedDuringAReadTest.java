package io.tributary.sync.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.sync.LostLogPosition;
import io.tributary.sync.SyncMode;
import io.tributary.sync.TableSelector;
import io.tributary.sync.event.Column;
import io.tributary.sync.event.DataType;
import io.tributary.sync.event.Row;
import io.tributary.sync.event.RowFilter;
import io.tributary.sync.event.TableId;
import io.tributary.sync.event.TableSchema;
import io.tributary.sync.memory.MemoryCheckpointStore;
import io.tributary.sync.memory.MemoryDatabase;
import io.tributary.sync.memory.MemoryWarehouse;
import io.tributary.sync.memory.MemoryWriter;
import io.tributary.sync.spi.LogStream;
import io.tributary.sync.spi.SchemaEvolutionPolicy;
import io.tributary.sync.spi.SnapshotChunk;
import io.tributary.sync.spi.SnapshotSink;
import io.tributary.sync.spi.StartPosition;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A chunk read that staged rows, and only then sees the log report a column dropped and added back (both before the
 * read's low watermark), must be read again: the drop took the staged rows' values of the column with it, and the
 * read's schema being equal to the table's again at its end does not make them whole. The decider simulation found
 * it (issue 12, seed 2116427 before the simulator changed): a table added to the selection is discovered with
 * today's schema while its log replays its older DDLs, and its sync ended with a column empty.
 */
class ColumnDroppedAndAddedDuringAReadTest {

  @Test
  void readUnderWay_whoseRowsAColumnDropReshaped_isReadAgain_thoughItsSchemaIsEqualAgain() throws Exception {
    MemoryDatabase db = new MemoryDatabase("s");
    TableId t = db.tableId("app", "app", "t");
    db.createTable(TableSchema.builder(t).primaryKey("id", DataType.bigint()).column("v", DataType.bigint())
        .column("c", DataType.bigint()).build());
    db.insert(t, 1L, 10L, 100L);
    db.insert(t, 2L, 20L, 200L);
    PipelineConfig config = new PipelineConfig("p", List.of(db.source()), SyncMode.MIRROR,
        List.of(TableSelector.all()), List.of(), List.of(), TableId::table, List.of(), false, false, true,
        new MemoryWriter(new MemoryWarehouse()), new MemoryCheckpointStore(), SchemaEvolutionPolicy.evolve(),
        List.of(), 1, 10, 10, Duration.ofSeconds(1), 1L << 20, 128, 10L << 20, null, null, 10,
        Duration.ofSeconds(1), LostLogPosition.FAIL, Duration.ofHours(1), 256L << 20, Duration.ofMinutes(1), null,
        Clock.systemUTC());
    Decider decider = Decider.restore(config, null, RunStartup.selectTables(config, null), 0, true);
    DeciderDriver.acceptEnsures(decider, decider.apply(new Input.Start(0)));
    LogStream log = db.source().openLog(StartPosition.latest(), Map.of(t, db.schema(t)));
    Effect.PlanChunks plan = (Effect.PlanChunks) DeciderDriver.acceptEnsures(decider, decider.apply(new Input.LogsOpened(
        List.of(log.startPosition()), List.of(), 0))).stream().filter(Effect.PlanChunks.class::isInstance)
        .findFirst().orElseThrow();
    List<SnapshotChunk> chunks = db.source().planChunks(plan.schema(), RowFilter.all(), 10);
    assertThat(chunks).hasSize(1);
    DeciderDriver.acceptEnsures(decider, decider.apply(new WorkItem.ChunksPlanned(t, plan.generation(), chunks)));
    TableSchema read = plan.schema();

    // The column is dropped and added back, then set; the read comes after all of it, the log reports it later.
    db.dropColumn(t, "c");
    db.addColumn(t, Column.of("c", DataType.bigint()));
    db.update(t, 1L, 10L, 111L);
    long[] watermarks = new long[2];
    List<Row> rows = new ArrayList<>();
    db.source().readChunk(chunks.get(0), read, new SnapshotSink() {
      @Override
      public void lowWatermark(long seq) {
        watermarks[0] = seq;
      }

      @Override
      public void accept(Row row) {
        rows.add(row);
      }

      @Override
      public void highWatermark(long seq) {
        watermarks[1] = seq;
      }
    });
    assertThat(rows).contains(Row.of(1L, 10L, 111L));
    DeciderDriver.acceptEnsures(decider, decider.apply(new WorkItem.ChunkRows(t, plan.generation(), 0, watermarks[0], read, rows, 1)));
    DeciderDriver.acceptEnsures(decider, decider.apply(new WorkItem.LogBatch(0, log.poll(Duration.ZERO), 1, 0))); // drop, add, update
    assertThat(decider.tables().get(t).schema).isEqualTo(read); // equal again

    List<Effect> done = DeciderDriver.acceptEnsures(decider, decider.apply(new WorkItem.ChunkDone(t, plan.generation(), 0, read,
        watermarks[0], Math.max(watermarks[0], watermarks[1]))));
    assertThat(done).as("the chunk is read again: its staged rows lost column c with the drop")
        .anyMatch(e -> e instanceof Effect.ReadChunk r && r.chunk().index() == 0);
    assertThat(decider.tables().get(t).done.get(0)).isFalse();
  }
}
