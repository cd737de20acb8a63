package io.tributary.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.sync.event.DataType;
import io.tributary.sync.event.TableSchema;
import io.tributary.sync.memory.MemoryDatabase;
import io.tributary.sync.memory.MemoryWarehouse;
import io.tributary.sync.memory.MemoryWriter;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's embedding example, compiled and run so it cannot rot. Keep the two in step. */
class ReadmeSnippetTest {

  @TempDir
  Path dir;

  @Test
  void readmeExample_runs_andMergesShards() throws Exception {
    MemoryDatabase db = new MemoryDatabase("shop");
    for (String shard : new String[] {"shop_1", "shop_2"}) {
      db.createTable(TableSchema.builder(db.tableId(shard, shard, "orders_1"))
          .primaryKey("id", DataType.bigint()).column("amount", DataType.intType()).build());
      db.insert(db.tableId(shard, shard, "orders_1"), 1L, 10);
    }
    Path checkpoints = dir.resolve("checkpoints");
    // --- README snippet (Path.of("checkpoints") there) ---
    MemoryWarehouse lakehouse = new MemoryWarehouse();       // or PaimonWriter
    try (SyncPipeline pipeline = SyncPipeline.builder()
        .name("orders-sync")
        .source(db.source())
        .mode(SyncMode.MERGE)
        .virtualTable(VirtualTable.of("orders", TableSelector.of("shop_\\d+", "orders_\\d+")))
        .extendedFields(ExtendedField.DATABASE_NAME, ExtendedField.TABLE_NAME)
        .extendedFieldsInPrimaryKey(true)                    // equal keys of different shards coexist
        .heterogeneousMerge(true)                            // union of columns, lossless widening
        .fullSync(true)                                      // snapshot while the log keeps flowing
        .writer(new MemoryWriter(lakehouse))
        .checkpointStore(CheckpointStores.file(checkpoints))
        .commitInterval(Duration.ofSeconds(5))
        .build()) {
      pipeline.start();                                      // returns at once
      pipeline.awaitCaughtUp(Duration.ofMinutes(5));
      PipelineStatus status = pipeline.status();             // phases, counts, rates, latencies
      pipeline.stop();                                       // final checkpoint; start() resumes from it
      // --- end of snippet ---
      assertThat(status.phase()).isEqualTo(PipelineStatus.Phase.INCREMENTAL);
    }
    assertThat(lakehouse.rows("orders")).hasSize(2);
    assertThat(checkpoints.resolve("orders-sync.checkpoint")).exists();
  }
}
