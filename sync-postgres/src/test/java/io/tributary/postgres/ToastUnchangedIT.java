package io.tributary.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.sync.ExtendedField;
import io.tributary.sync.SyncMode;
import io.tributary.sync.SyncPipeline;
import io.tributary.sync.TableSelector;
import io.tributary.sync.VirtualTable;
import io.tributary.sync.event.Row;
import io.tributary.sync.memory.MemoryCheckpointStore;
import io.tributary.sync.memory.MemoryWarehouse;
import io.tributary.sync.memory.MemoryWriter;
import io.tributary.sync.testing.PipelineCrash;
import io.tributary.sync.testing.Seeds;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Tables with TOASTed values under {@code REPLICA IDENTITY DEFAULT}: updates that leave the body unchanged arrive
 * without its value, and the target must keep its current one. Full sync runs while a seeded workload writes
 * (other columns, body to NULL and to new values, several updates of a row in a transaction, deletes), then a crash
 * and a restart; the target must equal the source row for row. The seed is printed; {@code -Dtributary.seed=N}
 * re-runs it.
 */
class ToastUnchangedIT {

  private static final List<String> SCHEMAS = List.of("a", "b");

  private String db;

  @AfterEach
  void dropSlots() {
    if (db != null) {
      PgFixture.dropSlots(db);
    }
  }

  @Test
  void directWrites_unchangedToastColumnsKeepTheTargetsValue() throws Exception {
    long seed = Seeds.one();
    System.out.println("ToastUnchangedIT.directWrites seed " + seed);
    db = PgFixture.newDatabase("toast");
    ToastWorkload work = new ToastWorkload(db, seed);
    work.create("a", 50);
    MemoryWarehouse warehouse = new MemoryWarehouse();
    try (SyncPipeline p = SyncPipeline.builder().name("toast-direct")
        .source(PgFixture.source(db, "pg").includeSchemas("a").slotName("toast_direct").build())
        .fullSync(true).commitInterval(Duration.ofMillis(100)).writer(new MemoryWriter(warehouse))
        .checkpointStore(new MemoryCheckpointStore()).build()) {
      p.start();
      assertThat(p.awaitCaughtUp(Duration.ofSeconds(60))).isTrue();
      AtomicBoolean running = new AtomicBoolean(true);
      Thread writer = new Thread(() -> work.run(List.of("a"), 60, running, 0));
      writer.start();
      await().atMost(Duration.ofSeconds(60)).until(() -> work.statements() >= 400 || !writer.isAlive());
      running.set(false);
      writer.join();
      assertThat(work.toastBytes("a")).as("bodies stored out of line").isPositive();
      assertThat(p.awaitCaughtUp(Duration.ofSeconds(60))).as("caught up: %s", p.status()).isTrue();
      assertThat(warehouse.rows("docs")).as("seed %d", seed).containsExactlyInAnyOrderElementsOf(work.rows("a"));
    }
  }

  @Test
  void keyChangesLeavingToastUnchanged_carryTheOldKeysValues() throws Exception {
    long seed = Seeds.one();
    System.out.println("ToastUnchangedIT.keyChanges seed " + seed);
    db = PgFixture.newDatabase("toastk");
    ToastWorkload work = new ToastWorkload(db, seed);
    work.create("a", 40);
    MemoryWarehouse warehouse = new MemoryWarehouse();
    try (SyncPipeline p = SyncPipeline.builder().name("toast-key")
        .source(PgFixture.source(db, "pg").includeSchemas("a").slotName("toast_key").build())
        .fullSync(true).commitInterval(Duration.ofMillis(100)).writer(new MemoryWriter(warehouse))
        .checkpointStore(new MemoryCheckpointStore()).build()) {
      p.start();
      assertThat(p.awaitCaughtUp(Duration.ofSeconds(60))).isTrue();
      PgFixture.execute(db, "UPDATE a.docs SET id = 100 WHERE id = 1", // alone, and moved on in one transaction:
          "BEGIN", "UPDATE a.docs SET id = 101 WHERE id = 2", "UPDATE a.docs SET id = 102, qty = 7 WHERE id = 101",
          "UPDATE a.docs SET tag = 'x' WHERE id = 102", "COMMIT");
      AtomicBoolean running = new AtomicBoolean(true);
      Thread writer = new Thread(() -> work.run(List.of("a"), 40, running, 0, true));
      writer.start();
      await().atMost(Duration.ofSeconds(60)).until(() -> work.statements() >= 400 || !writer.isAlive());
      running.set(false);
      writer.join();
      assertThat(p.awaitCaughtUp(Duration.ofSeconds(60))).as("caught up: %s", p.status()).isTrue();
      assertThat(p.status().tables()).as("%s", p.status())
          .allMatch(t -> t.phase() == io.tributary.sync.TablePhase.STREAMING);
      assertThat(warehouse.rows("docs")).as("seed %d", seed).containsExactlyInAnyOrderElementsOf(work.rows("a"));
    }
  }

  @Test
  void keyChangeLeavingToastUnchanged_whileTheTablesSyncRuns_stopsTheTableWithAReason_neverWritesANull()
      throws Exception {
    db = PgFixture.newDatabase("toastks");
    ToastWorkload work = new ToastWorkload(db, 1);
    work.create("a", 60);
    MemoryWarehouse warehouse = new MemoryWarehouse();
    io.tributary.sync.testing.GatedSnapshotSource gated = new io.tributary.sync.testing.GatedSnapshotSource(
        PgFixture.source(db, "pg").includeSchemas("a").slotName("toast_keys").build(), 2);
    try (SyncPipeline p = SyncPipeline.builder().name("toast-key-sync").source(gated).fullSync(true)
        .snapshotChunkSize(10).snapshotParallelism(1).commitInterval(Duration.ofMillis(100))
        .writer(new MemoryWriter(warehouse)).checkpointStore(new MemoryCheckpointStore()).build()) {
      p.start();
      await().atMost(Duration.ofSeconds(60)).until(() -> gated.held() == 1);
      PgFixture.execute(db, "UPDATE a.docs SET id = 100 WHERE id = 1");
      io.tributary.sync.event.TableId id = io.tributary.sync.event.TableId.of("pg", db, "a", "docs");
      await().atMost(Duration.ofSeconds(30)).until(() -> p.status().table(id)
          .map(t -> t.phase() == io.tributary.sync.TablePhase.BLACKLISTED).orElse(false));
      gated.release();
      assertThat(p.status().table(id).orElseThrow().reason()).contains("changed the primary key")
          .contains("while the table's sync runs").contains("REPLICA IDENTITY FULL");
      assertThat(warehouse.rows("docs")).allSatisfy(r -> assertThat(r.get(2)).isNotNull());
    }
  }

  @Test
  void mergeMode_fullSyncUnderWrites_crashAndRestart_targetEqualsSource() throws Exception {
    long seed = Seeds.one();
    System.out.println("ToastUnchangedIT.mergeMode seed " + seed);
    db = PgFixture.newDatabase("toastm");
    ToastWorkload work = new ToastWorkload(db, seed);
    for (String schema : SCHEMAS) {
      work.create(schema, 150);
    }
    PgFixture.execute(db, "ALTER TABLE b.docs REPLICA IDENTITY FULL"); // FULL keeps working beside DEFAULT
    MemoryWarehouse warehouse = new MemoryWarehouse();
    MemoryCheckpointStore store = new MemoryCheckpointStore();
    AtomicBoolean running = new AtomicBoolean(true);
    List<Thread> writers = new ArrayList<>();
    for (int w = 0; w < 2; w++) {
      int writer = w;
      Thread t = new Thread(() -> work.run(SCHEMAS, 200, running, writer), "toast-writer-" + w);
      writers.add(t);
      t.start();
    }
    SyncPipeline first = merged(warehouse, store);
    first.start();
    await().atMost(Duration.ofSeconds(60)).until(() -> warehouse.commitCount() >= 3);
    PipelineCrash.kill(first);
    try (SyncPipeline second = merged(warehouse, store)) {
      second.start();
      long at = work.statements();
      await().atMost(Duration.ofSeconds(60)).until(() -> work.statements() >= at + 300);
      running.set(false);
      for (Thread t : writers) {
        t.join();
      }
      assertThat(second.awaitCaughtUp(Duration.ofSeconds(90))).as("caught up: %s", second.status()).isTrue();
      List<Row> expected = new ArrayList<>();
      for (String schema : SCHEMAS) {
        expected.addAll(work.rows(schema, schema, "docs"));
      }
      assertThat(warehouse.rows("docs")).as("seed %d", seed).containsExactlyInAnyOrderElementsOf(expected);
    }
    first.close();
  }

  private SyncPipeline merged(MemoryWarehouse warehouse, MemoryCheckpointStore store) {
    return SyncPipeline.builder().name("toast-merge")
        .source(PgFixture.source(db, "pg").includeSchemas("a|b").slotName("toast_merge").build())
        .mode(SyncMode.MERGE).virtualTable(VirtualTable.of("docs", TableSelector.of("a|b", "docs")))
        .extendedFields(ExtendedField.SCHEMA_NAME, ExtendedField.TABLE_NAME).extendedFieldsInPrimaryKey(true)
        .fullSync(true).snapshotChunkSize(20).snapshotParallelism(2).commitInterval(Duration.ofMillis(150))
        .writer(new MemoryWriter(warehouse)).checkpointStore(store).build();
  }
}
