package io.tributary.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.sync.event.DataType;
import io.tributary.sync.event.Row;
import io.tributary.sync.event.TableId;
import io.tributary.sync.event.TableSchema;
import io.tributary.sync.memory.MemoryDatabase;
import io.tributary.sync.memory.MemoryWarehouse;
import io.tributary.sync.memory.MemoryWriter;
import io.tributary.sync.spi.CheckpointStore;
import io.tributary.sync.testing.PipelineCrash;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** {@code onLostLogPosition}: a checkpoint position purged from the source's log, on the in-memory database. */
class LostLogPositionTest {

  private final MemoryDatabase east = new MemoryDatabase("east");
  private final MemoryDatabase west = new MemoryDatabase("west");
  private final MemoryWarehouse warehouse = new MemoryWarehouse();
  private final CheckpointStore store = CheckpointStores.inMemory();
  private final List<SyncEvent> events = new CopyOnWriteArrayList<>();

  private static TableId table(MemoryDatabase db, String name) {
    db.createTable(TableSchema.builder(db.tableId("app", "app", name)).primaryKey("id", DataType.bigint())
        .column("v", DataType.intType()).build());
    return db.tableId("app", "app", name);
  }

  private SyncPipeline.Builder mirror(LostLogPosition policy) {
    SyncPipeline.Builder b = SyncPipeline.builder().name("lost").source(new SlowSnapshotSource(east.source(), 7))
        .writer(new MemoryWriter(warehouse)).checkpointStore(store).fullSync(true).snapshotChunkSize(50)
        .commitInterval(Duration.ofMillis(20)).failoverBackoff(Duration.ofSeconds(2)).listener(events::add);
    return policy == null ? b : b.onLostLogPosition(policy);
  }

  private static void fill(MemoryDatabase db, TableId t, int from, int to) {
    for (long i = from; i < to; i++) {
      db.insert(t, i, (int) i);
    }
  }

  /** Changes while the pipeline is stopped: updates, deletes and more inserts than deletes. */
  private static void writeWhileStopped(MemoryDatabase db, TableId t, int size) {
    for (long i = 0; i < size; i += 3) {
      db.update(t, i, -(int) i);
    }
    for (long i = 1; i < size; i += 10) {
      db.delete(t, i);
    }
    fill(db, t, size, size + size / 5);
  }

  private void syncAndStop(SyncPipeline.Builder b) throws InterruptedException {
    try (SyncPipeline p = b.build()) {
      p.start();
      assertThat(p.awaitCaughtUp(Duration.ofSeconds(30))).isTrue();
    }
  }

  @Test
  void resync_afterPurgedLog_convergesOnline_andAlertsTheLostRange() throws Exception {
    TableId a = table(east, "a");
    TableId b = table(east, "b");
    fill(east, a, 0, 400);
    fill(east, b, 0, 300);
    syncAndStop(mirror(LostLogPosition.RESYNC));
    int before = warehouse.rows("a").size();
    long lostFrom = east.lastSeq();
    writeWhileStopped(east, a, 400);
    writeWhileStopped(east, b, 300);
    east.purgeLogBefore(east.lastSeq() + 1); // every change since the checkpoint is gone
    events.clear();

    AtomicBoolean stop = new AtomicBoolean();
    AtomicInteger fewest = new AtomicInteger(Integer.MAX_VALUE);
    Thread sampler = new Thread(() -> {
      while (!stop.get()) {
        fewest.accumulateAndGet(warehouse.rows("a").size(), Math::min);
      }
    });
    sampler.start();
    try (SyncPipeline p = mirror(LostLogPosition.RESYNC).build()) {
      p.start();
      east.insert(a, 10_000L, 1); // a change after the restart, through the staging of the re-sync
      assertThat(p.awaitCaughtUp(Duration.ofSeconds(30))).isTrue();
      assertThat(p.status().tables()).allSatisfy(t -> {
        assertThat(t.phase()).isEqualTo(TablePhase.STREAMING);
        assertThat(t.reason()).isNull();
      });
    } finally {
      stop.set(true);
      sampler.join();
    }
    assertThat(warehouse.rows("a")).containsExactlyInAnyOrderElementsOf(east.rows(a));
    assertThat(warehouse.rows("b")).containsExactlyInAnyOrderElementsOf(east.rows(b));
    assertThat(fewest.get()).as("rows of the target seen during the recovery").isGreaterThanOrEqualTo(before);
    List<SyncEvent.LogPositionLost> lost = events.stream().filter(SyncEvent.LogPositionLost.class::isInstance)
        .map(SyncEvent.LogPositionLost.class::cast).toList();
    assertThat(lost).hasSize(1);
    assertThat(lost.get(0).source()).isEqualTo("east");
    assertThat(lost.get(0).lostFrom()).contains(String.valueOf(lostFrom));
    assertThat(lost.get(0).tables()).containsExactlyInAnyOrder(a, b);
    assertThat(lost.get(0).summary()).contains("lost the log position of source east");
    assertThat(events).noneMatch(e -> e instanceof SyncEvent.Failover || e instanceof SyncEvent.PipelineFailed);
  }

  /**
   * A column added (and filled) while the position was lost: no log the pipeline reads holds that DDL. The re-sync
   * read and wrote by the checkpoint's schema, so the target never got the column (found by the decider
   * simulation; a paused table's later re-sync failed on rows of the new layout).
   */
  @Test
  void resync_afterPurgedLog_takesTheSchemaChangedInTheLostRange() throws Exception {
    TableId a = table(east, "a");
    TableId b = table(east, "b");
    fill(east, a, 0, 100);
    fill(east, b, 0, 100);
    syncAndStop(mirror(LostLogPosition.RESYNC));
    east.addColumn(a, io.tributary.sync.event.Column.of("w", DataType.bigint()));
    for (long i = 0; i < 100; i += 2) {
      east.update(a, i, (int) i, i * 7);
    }
    east.delete(a, 3L);
    east.dropColumn(b, "v");
    east.purgeLogBefore(east.lastSeq() + 1);
    try (SyncPipeline p = mirror(LostLogPosition.RESYNC).build()) {
      p.start();
      east.insert(a, 1_000L, 1, 1_000L); // after the restart, through the re-sync's staging, by the new layout
      assertThat(p.awaitCaughtUp(Duration.ofSeconds(30))).isTrue();
      assertThat(p.status().tables()).allSatisfy(t -> assertThat(t.phase()).isEqualTo(TablePhase.STREAMING));
    }
    assertThat(warehouse.columnNames("a")).containsExactly("id", "v", "w");
    assertThat(warehouse.rows("a")).containsExactlyInAnyOrderElementsOf(east.rows(a));
    assertThat(warehouse.columnNames("b")).containsExactly("id");
    assertThat(warehouse.rows("b")).containsExactlyInAnyOrderElementsOf(east.rows(b));
  }

  @Test
  void defaultFail_stillFailsWithTheFix_andLeavesTheTargetAlone() throws Exception {
    TableId a = table(east, "a");
    fill(east, a, 0, 100);
    syncAndStop(mirror(null));
    List<Row> synced = warehouse.rows("a");
    writeWhileStopped(east, a, 100);
    east.purgeLogBefore(east.lastSeq() + 1);
    try (SyncPipeline p = mirror(null).build()) {
      p.start();
      await().atMost(Duration.ofSeconds(10)).until(() -> p.status().state() == PipelineState.FAILED);
      assertThat(p.status().failure()).contains("purged").contains("re-sync");
      assertThat(p.status().failovers()).isZero();
    }
    assertThat(warehouse.rows("a")).containsExactlyInAnyOrderElementsOf(synced);
    assertThat(events).noneMatch(SyncEvent.LogPositionLost.class::isInstance);
  }

  @Test
  void customStartThatIsGone_isNeverReplaced_evenWithResync() throws Exception {
    TableId a = table(east, "a");
    fill(east, a, 0, 10);
    east.purgeLogBefore(5);
    try (SyncPipeline p = mirror(LostLogPosition.RESYNC).build()) {
      p.start(java.util.Map.of("east", io.tributary.sync.spi.StartPosition.parse("0")));
      await().atMost(Duration.ofSeconds(10)).until(() -> p.status().state() == PipelineState.FAILED);
      assertThat(p.status().failure()).contains("purged");
    }
  }

  @Test
  void onlyTheLostSourcesTablesResync_theOtherSourceKeepsItsProgress() throws Exception {
    TableId a = table(east, "a");
    TableId w = table(west, "w");
    fill(east, a, 0, 200);
    fill(west, w, 0, 200);
    SyncPipeline.Builder both = mirror(LostLogPosition.RESYNC).source(west.source())
        .mirrorTargetNaming(t -> t.source() + "_" + t.table());
    syncAndStop(both);
    writeWhileStopped(east, a, 200);
    writeWhileStopped(west, w, 200);
    east.purgeLogBefore(east.lastSeq() + 1);
    events.clear();
    try (SyncPipeline p = mirror(LostLogPosition.RESYNC).source(west.source())
        .mirrorTargetNaming(t -> t.source() + "_" + t.table()).build()) {
      p.start();
      assertThat(p.awaitCaughtUp(Duration.ofSeconds(30))).isTrue();
    }
    assertThat(warehouse.rows("east_a")).containsExactlyInAnyOrderElementsOf(east.rows(a));
    assertThat(warehouse.rows("west_w")).containsExactlyInAnyOrderElementsOf(west.rows(w));
    List<TableId> resynced = events.stream().filter(e -> e instanceof SyncEvent.TablePhaseChanged c
        && c.to() == TablePhase.RESYNCING).map(e -> ((SyncEvent.TablePhaseChanged) e).table()).toList();
    assertThat(resynced).containsExactly(a);
  }

  @Test
  void mergeMode_resyncOfOneShard_keepsTheOtherShardsRows() throws Exception {
    TableId a = table(east, "orders");
    TableId w = table(west, "orders");
    fill(east, a, 0, 150);
    fill(west, w, 0, 150);
    java.util.function.Supplier<SyncPipeline.Builder> merge = () -> SyncPipeline.builder().name("lost")
        .source(east.source()).source(west.source()).mode(SyncMode.MERGE)
        .virtualTable(VirtualTable.of("all_orders", TableSelector.of("app", "orders")))
        .extendedFields(ExtendedField.SOURCE_NAME).extendedFieldsInPrimaryKey(true).fullSync(true)
        .writer(new MemoryWriter(warehouse)).checkpointStore(store).commitInterval(Duration.ofMillis(20))
        .onLostLogPosition(LostLogPosition.RESYNC).listener(events::add);
    syncAndStop(merge.get());
    writeWhileStopped(east, a, 150);
    writeWhileStopped(west, w, 150);
    east.purgeLogBefore(east.lastSeq() + 1);
    try (SyncPipeline p = merge.get().build()) {
      p.start();
      assertThat(p.awaitCaughtUp(Duration.ofSeconds(30))).isTrue();
    }
    List<Row> expected = new ArrayList<>();
    east.rows(a).forEach(r -> expected.add(withSource(r, "east")));
    west.rows(w).forEach(r -> expected.add(withSource(r, "west")));
    assertThat(warehouse.rows("all_orders")).containsExactlyInAnyOrderElementsOf(expected);
  }

  private static Row withSource(Row r, String source) {
    Object[] v = new Object[r.size() + 1];
    for (int i = 0; i < r.size(); i++) {
      v[i] = r.get(i);
    }
    v[r.size()] = source;
    return Row.of(v);
  }

  @Test
  void crashInTheMiddleOfTheRecovery_restartResumesIt_andConverges() throws Exception {
    TableId a = table(east, "a");
    fill(east, a, 0, 2000);
    syncAndStop(mirror(LostLogPosition.RESYNC));
    writeWhileStopped(east, a, 2000);
    east.purgeLogBefore(east.lastSeq() + 1);
    events.clear();
    SyncPipeline crashed = mirror(LostLogPosition.RESYNC).snapshotParallelism(1).build();
    crashed.start();
    await().atMost(Duration.ofSeconds(10)).until(() -> events.stream().anyMatch(SyncEvent.LogPositionLost.class::isInstance));
    PipelineCrash.kill(crashed); // the re-sync is recorded but its snapshot is not done
    crashed.close();
    assertThat(warehouse.rows("a")).isNotEqualTo(east.rows(a));
    events.clear();
    try (SyncPipeline p = mirror(LostLogPosition.RESYNC).build()) {
      p.start();
      assertThat(p.awaitCaughtUp(Duration.ofSeconds(30))).isTrue();
    }
    assertThat(warehouse.rows("a")).containsExactlyInAnyOrderElementsOf(east.rows(a));
    // The restart resumed the recorded re-sync: the new position was not lost, so no second alert.
    assertThat(events).noneMatch(SyncEvent.LogPositionLost.class::isInstance);
  }

  @Test
  void positionLostWhileReading_restartsTheRun_andRecovers() throws Exception {
    TableId a = table(east, "a");
    fill(east, a, 0, 100);
    try (SyncPipeline p = mirror(LostLogPosition.RESYNC).build()) {
      p.start();
      assertThat(p.awaitCaughtUp(Duration.ofSeconds(30))).isTrue();
      east.failNextLogRead(new PositionUnavailableException("memory log purged under the reader", null));
      // The run fails; while the engine waits out its failover backoff (2 s), the log moves on and is purged.
      await().atMost(Duration.ofSeconds(10)).until(() -> events.stream().anyMatch(SyncEvent.Failover.class::isInstance));
      writeWhileStopped(east, a, 100);
      east.purgeLogBefore(east.lastSeq() + 1);
      east.insert(a, 5000L, 1);
      await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
          assertThat(warehouse.rows("a")).containsExactlyInAnyOrderElementsOf(east.rows(a)));
      assertThat(p.status().state()).isEqualTo(PipelineState.RUNNING);
    }
    assertThat(events).anyMatch(SyncEvent.LogPositionLost.class::isInstance);
  }
}
