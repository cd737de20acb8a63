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
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The start-up fence on a Paimon target: a run that loads a checkpoint older than the last checkpoint committed to
 * the tables (another run committed after the load, or the store was rolled back) is refused with
 * {@link ErrorCode#CHECKPOINT_BEHIND_TARGET} instead of replaying the log over newer data; a run from the latest
 * checkpoint, and a fresh start after offline, are not.
 */
class PaimonCheckpointFenceTest {

  @TempDir
  Path dir;

  @Test
  void checkpointOlderThanTheLastPaimonCommit_isRefusedAtStart() throws Exception {
    MemoryDatabase db = new MemoryDatabase("src");
    TableId t = db.tableId("app", "app", "t");
    db.createTable(TableSchema.builder(t).primaryKey("id", DataType.bigint()).column("v", DataType.bigint()).build());
    MemoryCheckpointStore store = new MemoryCheckpointStore();
    db.insert(t, 1L, 1L);
    run(db, store); // checkpoint n, committed
    byte[] older = store.load("fence").orElseThrow();
    db.insert(t, 2L, 2L);
    run(db, store); // a later checkpoint, committed with row 2
    run(db, store); // from the latest checkpoint: no false alarm (run() requires no failover)

    store.save("fence", older); // the store lost the later checkpoints; the tables still hold their commits
    List<SyncEvent.Failover> failovers = new CopyOnWriteArrayList<>();
    try (SyncPipeline p = pipeline(db, store, failovers)) {
      p.start();
      await().atMost(Duration.ofSeconds(30)).until(() -> !failovers.isEmpty());
      assertThat(failovers).allSatisfy(f -> assertThat(f.code()).isEqualTo(ErrorCode.CHECKPOINT_BEHIND_TARGET));
      assertThat(failovers.get(0).cause().getMessage()).contains("already holds the commit of checkpoint");
    }
    try (PaimonTableReader lake = PaimonTableReader.open(dir.resolve("wh"), "lake")) {
      assertThat(lake.read("t")).containsExactlyInAnyOrderElementsOf(db.rows(t));
    }

    store.clear("fence"); // offline: a fresh start numbers above the tables' commits, no false alarm either
    db.insert(t, 3L, 3L);
    run(db, store);
    try (PaimonTableReader lake = PaimonTableReader.open(dir.resolve("wh"), "lake")) {
      assertThat(lake.read("t")).containsExactlyInAnyOrderElementsOf(db.rows(t));
    }
  }

  private void run(MemoryDatabase db, MemoryCheckpointStore store) throws Exception {
    List<SyncEvent.Failover> failovers = new CopyOnWriteArrayList<>();
    try (SyncPipeline p = pipeline(db, store, failovers)) {
      p.start();
      assertThat(p.awaitCaughtUp(Duration.ofSeconds(60))).as("%s", p.status()).isTrue();
      p.stop();
    }
    assertThat(failovers).as("failovers").isEmpty();
  }

  private SyncPipeline pipeline(MemoryDatabase db, MemoryCheckpointStore store, List<SyncEvent.Failover> failovers) {
    return SyncPipeline.builder().name("fence").source(db.source()).fullSync(true)
        .commitInterval(Duration.ofMillis(100)).failoverBackoff(Duration.ofMillis(50))
        .writer(PaimonWriter.builder().warehouse(dir.resolve("wh")).database("lake").buckets(1).build())
        .checkpointStore(store).listener(e -> {
          if (e instanceof SyncEvent.Failover f) {
            failovers.add(f);
          }
        }).build();
  }
}
