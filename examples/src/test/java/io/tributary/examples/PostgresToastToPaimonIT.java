package io.tributary.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.paimon.PaimonTableReader;
import io.tributary.paimon.PaimonWriter;
import io.tributary.postgres.PgFixture;
import io.tributary.postgres.ToastWorkload;
import io.tributary.sync.CheckpointStores;
import io.tributary.sync.ExtendedField;
import io.tributary.sync.SyncMode;
import io.tributary.sync.SyncPipeline;
import io.tributary.sync.TableSelector;
import io.tributary.sync.VirtualTable;
import io.tributary.sync.event.Row;
import io.tributary.sync.testing.PipelineCrash;
import io.tributary.sync.testing.Seeds;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PostgreSQL tables with 8–16 KB TOASTed bodies into Paimon, one shard under {@code REPLICA IDENTITY DEFAULT} (an
 * update that keeps the body sends no value for it) and one under FULL, merged into one table: a seeded workload
 * writes while the full sync runs (staged updates without the body's value), the pipeline crashes and restarts, and the Paimon table, read with Paimon's
 * reader, must equal the source row for row. The seed is printed; {@code -Dtributary.seed=N} re-runs it.
 */
class PostgresToastToPaimonIT {

  private static final List<String> SCHEMAS = List.of("d", "f");

  @TempDir
  Path dir;

  private String db;

  @AfterEach
  void dropSlots() {
    if (db != null) {
      PgFixture.dropSlots(db);
    }
  }

  private SyncPipeline pipeline() {
    return SyncPipeline.builder().name("pg-toast-paimon")
        .source(PgFixture.source(db, "pg").includeSchemas("d|f").slotName("toast_paimon").build())
        .mode(SyncMode.MERGE).virtualTable(VirtualTable.of("docs", TableSelector.of("d|f", "docs")))
        .extendedFields(ExtendedField.SCHEMA_NAME, ExtendedField.TABLE_NAME).extendedFieldsInPrimaryKey(true)
        .fullSync(true).snapshotChunkSize(20).commitInterval(Duration.ofMillis(300))
        .writer(PaimonWriter.builder().warehouse(dir.resolve("warehouse")).database("lake").buckets(2).build())
        .checkpointStore(CheckpointStores.file(dir.resolve("checkpoints"))).build();
  }

  @Test
  void unchangedToastValues_streamCrashRestart_paimonEqualsSource() throws Exception {
    long seed = Seeds.one();
    System.out.println("PostgresToastToPaimonIT seed " + seed);
    db = PgFixture.newDatabase("toastp");
    ToastWorkload work = new ToastWorkload(db, seed);
    for (String schema : SCHEMAS) {
      work.create(schema, 120);
    }
    PgFixture.execute(db, "ALTER TABLE f.docs REPLICA IDENTITY FULL");
    AtomicBoolean running = new AtomicBoolean(true);
    Thread writer = new Thread(() -> work.run(SCHEMAS, 150, running, 0), "toast-writer");
    writer.start(); // the full sync runs under writes
    SyncPipeline first = pipeline();
    first.start();
    int crashAfter = 1 + (int) (seed % 3); // checkpoints: during the full sync, mostly
    await().atMost(Duration.ofSeconds(90)).until(() -> first.status().lastCheckpointId() >= crashAfter
        && work.statements() >= 100);
    PipelineCrash.kill(first);
    try (SyncPipeline second = pipeline()) {
      second.start();
      long at = work.statements();
      await().atMost(Duration.ofSeconds(60)).until(() -> work.statements() >= at + 300 || !writer.isAlive());
      running.set(false);
      writer.join();
      assertThat(work.toastBytes("d")).as("bodies stored out of line").isPositive();
      assertThat(second.awaitCaughtUp(Duration.ofSeconds(90))).as("seed %d: %s", seed, second.status()).isTrue();
      second.stop();
    }
    first.close();
    List<Row> expected = new ArrayList<>();
    for (String schema : SCHEMAS) {
      expected.addAll(work.rows(schema, schema, "docs"));
    }
    try (PaimonTableReader lake = PaimonTableReader.open(dir.resolve("warehouse"), "lake")) {
      assertThat(lake.read("docs")).as("seed %d", seed).containsExactlyInAnyOrderElementsOf(expected);
    }
  }

  @Test
  void keyChangesLeavingToastUnchanged_streamCrashRestart_paimonEqualsSource() throws Exception {
    long seed = Seeds.one();
    System.out.println("PostgresToastToPaimonIT.keyChanges seed " + seed);
    db = PgFixture.newDatabase("toastpk");
    ToastWorkload work = new ToastWorkload(db, seed);
    for (String schema : SCHEMAS) {
      work.create(schema, 60);
    }
    PgFixture.execute(db, "ALTER TABLE f.docs REPLICA IDENTITY FULL");
    SyncPipeline first = pipeline();
    first.start();
    assertThat(first.awaitCaughtUp(Duration.ofSeconds(90))).as("%s", first.status()).isTrue(); // synced: streaming
    AtomicBoolean running = new AtomicBoolean(true);
    Thread writer = new Thread(() -> work.run(SCHEMAS, 60, running, 0, true), "toast-key-writer");
    writer.start();
    long crashAfter = first.status().lastCheckpointId() + 2 + seed % 3;
    await().atMost(Duration.ofSeconds(90)).until(() -> first.status().lastCheckpointId() >= crashAfter
        && work.statements() >= 150);
    PipelineCrash.kill(first);
    try (SyncPipeline second = pipeline()) {
      second.start();
      long at = work.statements();
      await().atMost(Duration.ofSeconds(60)).until(() -> work.statements() >= at + 300 || !writer.isAlive());
      running.set(false);
      writer.join();
      assertThat(second.awaitCaughtUp(Duration.ofSeconds(90))).as("seed %d: %s", seed, second.status()).isTrue();
      assertThat(second.status().tables()).as("seed %d: %s", seed, second.status())
          .allMatch(t -> t.phase() == io.tributary.sync.TablePhase.STREAMING);
      second.stop();
    }
    first.close();
    List<Row> expected = new ArrayList<>();
    for (String schema : SCHEMAS) {
      expected.addAll(work.rows(schema, schema, "docs"));
    }
    try (PaimonTableReader lake = PaimonTableReader.open(dir.resolve("warehouse"), "lake")) {
      assertThat(lake.read("docs")).as("seed %d", seed).containsExactlyInAnyOrderElementsOf(expected);
    }
  }
}
