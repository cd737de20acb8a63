package io.tributary.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.sync.PipelineStatus;
import io.tributary.sync.SyncMode;
import io.tributary.sync.SyncPipeline;
import io.tributary.sync.TableSelector;
import io.tributary.sync.event.TableId;
import io.tributary.sync.memory.MemoryCheckpointStore;
import io.tributary.sync.memory.MemoryWarehouse;
import io.tributary.sync.memory.MemoryWriter;
import io.tributary.sync.testing.GatedSnapshotSource;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A full sync's percent done follows the server's row estimate ({@code pg_class.reltuples}): 950 rows in chunks of
 * 100, nine of ten chunks read is 900 of 950 rows (94.7 %), where counting chunks would say 90 %.
 */
class SnapshotProgressIT {

  private final String db = PgFixture.newDatabase("progress");

  @AfterEach
  void dropSlots() {
    PgFixture.dropSlots(db);
  }

  @Test
  void fullSync_percentDone_usesTheServersRowEstimate() throws Exception {
    PgFixture.execute(db, "CREATE TABLE t (id int PRIMARY KEY, v int NOT NULL)",
        "INSERT INTO t SELECT g, g FROM generate_series(1, 950) g", "ANALYZE t");
    MemoryWarehouse warehouse = new MemoryWarehouse();
    GatedSnapshotSource gated = new GatedSnapshotSource(
        PgFixture.source(db, "pg").includeTables("t").slotName("progress_it").build(), 9); // chunks 0..8 read
    try (SyncPipeline p = SyncPipeline.builder().name("progress").source(gated).mode(SyncMode.MIRROR)
        .tables(TableSelector.of("public", "t")).mirrorTargetNaming(TableId::table).fullSync(true)
        .snapshotChunkSize(100).commitInterval(Duration.ofMillis(50)).writer(new MemoryWriter(warehouse))
        .checkpointStore(new MemoryCheckpointStore()).build()) {
      p.start();
      await().atMost(Duration.ofSeconds(30)).until(() -> !p.status().tables().isEmpty()
          && p.status().tables().get(0).chunksDone() == 9);
      PipelineStatus.TableStatus t = p.status().tables().get(0);
      System.out.printf("after 9 of %d chunks: %d rows read, estimate %d, %.1f%% done%n", t.chunksTotal(),
          t.snapshotRows(), t.snapshot().estimatedRows(), t.snapshot().percent());
      assertThat(t.chunksTotal()).isEqualTo(10);
      assertThat(t.snapshot().estimatedRows()).isEqualTo(950);
      assertThat(t.snapshot().percent()).isCloseTo(100.0 * 900 / 950, org.assertj.core.data.Offset.offset(0.01));
      gated.release();
      assertThat(p.awaitCaughtUp(Duration.ofSeconds(30))).isTrue();
      assertThat(p.status().tables().get(0).snapshot().percent()).isEqualTo(100);
    }
    assertThat(warehouse.rows("t")).hasSize(950);
  }
}
