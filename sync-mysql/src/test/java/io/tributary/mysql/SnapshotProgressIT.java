package io.tributary.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.sync.PipelineStatus;
import io.tributary.sync.SyncPipeline;
import io.tributary.sync.event.TableId;
import io.tributary.sync.memory.MemoryCheckpointStore;
import io.tributary.sync.memory.MemoryWarehouse;
import io.tributary.sync.memory.MemoryWriter;
import io.tributary.sync.testing.GatedSnapshotSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A full sync's percent done follows the server's row estimate ({@code information_schema.TABLES.TABLE_ROWS}), not
 * the count of chunks: on a table whose keys crowd into the first of ten value ranges, that first chunk is most of
 * the table.
 */
class SnapshotProgressIT {

  private static final String DB = "progress_it";
  private static final TableId T = TableId.of("src", DB, "skewed");

  @Test
  void fullSync_percentDone_usesTheServersRowEstimate() throws Exception {
    List<String> sql = new ArrayList<>(List.of("DROP DATABASE IF EXISTS " + DB, "CREATE DATABASE " + DB,
        "CREATE TABLE " + DB + ".skewed (id INT PRIMARY KEY, v INT)"));
    StringBuilder dense = new StringBuilder("INSERT INTO " + DB + ".skewed VALUES ");
    for (int id = 1; id <= 900; id++) {
      dense.append(id == 1 ? "" : ",").append('(').append(id).append(',').append(id).append(')');
    }
    sql.add(dense.toString());
    StringBuilder sparse = new StringBuilder("INSERT INTO " + DB + ".skewed VALUES ");
    for (int i = 1; i <= 100; i++) {
      sparse.append(i == 1 ? "" : ",").append('(').append(i * 10_000).append(",0)");
    }
    sql.add(sparse.toString());
    sql.add("ANALYZE TABLE " + DB + ".skewed");
    MySqlTestServer.execute(sql.toArray(String[]::new));
    long tableRows;
    try (Connection c = MySqlTestServer.connect(); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT TABLE_ROWS FROM information_schema.TABLES WHERE TABLE_SCHEMA = '" + DB
             + "' AND TABLE_NAME = 'skewed'")) {
      rs.next();
      tableRows = rs.getLong(1);
    }
    assertThat(tableRows).isPositive();

    MemoryWarehouse warehouse = new MemoryWarehouse();
    GatedSnapshotSource gated = new GatedSnapshotSource(Sources.builder(DB).build(), 1); // only chunk 0 reads
    try (SyncPipeline p = SyncPipeline.builder().name("progress").source(gated).mirrorTargetNaming(TableId::table)
        .fullSync(true).snapshotChunkSize(100).commitInterval(Duration.ofMillis(50))
        .writer(new MemoryWriter(warehouse)).checkpointStore(new MemoryCheckpointStore()).build()) {
      p.start();
      await().atMost(Duration.ofSeconds(30)).until(() -> p.status().table(T)
          .map(t -> t.chunksTotal() > 1 && t.chunksDone() == 1).orElse(false));
      PipelineStatus.TableStatus t = p.status().table(T).orElseThrow();
      System.out.printf("after chunk 0 of %d: %d rows read, estimate %d, %.1f%% done%n", t.chunksTotal(),
          t.snapshotRows(), t.snapshot().estimatedRows(), t.snapshot().percent());
      assertThat(t.snapshot().estimatedRows()).isBetween(tableRows, tableRows + t.chunksTotal());
      assertThat(t.snapshotRows()).isGreaterThanOrEqualTo(900);
      assertThat(t.snapshot().percent())
          .isEqualTo(Math.min(99, 100.0 * t.snapshotRows() / t.snapshot().estimatedRows()))
          .isGreaterThan(100.0 * 2 / t.chunksTotal()); // by chunks it would be 1/n
      gated.release();
      assertThat(p.awaitCaughtUp(Duration.ofSeconds(30))).isTrue();
      assertThat(p.status().table(T).orElseThrow().snapshot().percent()).isEqualTo(100);
    }
    assertThat(warehouse.rows("skewed")).hasSize(1000);
  }
}
