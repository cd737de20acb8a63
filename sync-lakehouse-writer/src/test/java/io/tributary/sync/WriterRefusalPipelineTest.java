package io.tributary.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.paimon.PaimonTableReader;
import io.tributary.paimon.PaimonWriter;
import io.tributary.sync.event.DataType;
import io.tributary.sync.event.TableId;
import io.tributary.sync.event.TableSchema;
import io.tributary.sync.memory.MemoryCheckpointStore;
import io.tributary.sync.memory.MemoryDatabase;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A value only the Paimon writer refuses (the in-memory source checks no DECIMAL precision, as the real sources do
 * first): the table whose batch was refused stops with the writer's reason, on the full sync's staging path and on
 * the streaming path, and the pipeline and the other tables go on.
 */
class WriterRefusalPipelineTest {

  @TempDir
  Path dir;

  @Test
  void valueOnlyTheWriterRefuses_stopsThatTable_notThePipeline() throws Exception {
    MemoryDatabase db = new MemoryDatabase("src");
    TableId early = table(db, "early");   // holds the bad value before the full sync: refused while staging
    TableId late = table(db, "late");     // gets it while streaming: refused on a direct write
    TableId other = table(db, "other");
    for (long k = 1; k <= 20; k++) {
      db.insert(early, k, new BigDecimal("1.25"));
      db.insert(late, k, new BigDecimal("2.50"));
      db.insert(other, k, new BigDecimal("3.75"));
    }
    db.insert(early, 21L, new BigDecimal("12345.67")); // DECIMAL(5,2) cannot hold it
    try (SyncPipeline p = SyncPipeline.builder().name("refusal").source(db.source()).fullSync(true)
        .commitInterval(Duration.ofMillis(100))
        .writer(PaimonWriter.builder().warehouse(dir.resolve("wh")).database("lake").buckets(1).build())
        .checkpointStore(new MemoryCheckpointStore()).build()) {
      p.start();
      await().atMost(Duration.ofSeconds(30)).until(() -> stopped(p, early));
      assertThat(p.awaitCaughtUp(Duration.ofSeconds(30))).as("%s", p.status()).isTrue();
      db.insert(late, 21L, new BigDecimal("99999.99"));
      db.insert(other, 21L, new BigDecimal("4.00"));
      await().atMost(Duration.ofSeconds(30)).until(() -> stopped(p, late));
      db.insert(other, 22L, new BigDecimal("5.00"));
      assertThat(p.awaitCaughtUp(Duration.ofSeconds(30))).as("%s", p.status()).isTrue();
      assertThat(p.status().state()).isEqualTo(PipelineState.RUNNING);
      for (TableId t : new TableId[] {early, late}) {
        PipelineStatus.TableStatus s = p.status().table(t).orElseThrow();
        assertThat(s.reasonCode()).isEqualTo(ErrorCode.VALUE_NOT_REPRESENTABLE);
        assertThat(s.reason()).contains("does not fit DECIMAL(5,2)").contains("Re-sync");
      }
      assertThat(p.status().table(other).orElseThrow().phase()).isEqualTo(TablePhase.STREAMING);
      p.stop();
    }
    try (PaimonTableReader lake = PaimonTableReader.open(dir.resolve("wh"), "lake")) {
      assertThat(lake.read("other")).containsExactlyInAnyOrderElementsOf(db.rows(other));
      assertThat(lake.read("late")).hasSize(20).allSatisfy(r -> assertThat(r.get(1)).isEqualTo(
          new BigDecimal("2.50")));
    }
  }

  private static boolean stopped(SyncPipeline p, TableId t) {
    return p.status().table(t).map(s -> s.phase() == TablePhase.BLACKLISTED).orElse(false);
  }

  private static TableId table(MemoryDatabase db, String name) {
    TableId id = db.tableId("app", "app", name);
    db.createTable(TableSchema.builder(id).primaryKey("id", DataType.bigint())
        .column("amount", DataType.decimal(5, 2)).build());
    return id;
  }

}
