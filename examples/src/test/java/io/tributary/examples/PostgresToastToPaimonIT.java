package io.tributary.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.postgres.ToastWorkload;
import io.tributary.sync.ExtendedField;
import io.tributary.sync.SyncMode;
import io.tributary.sync.SyncPipeline;
import io.tributary.sync.TablePhase;
import io.tributary.sync.TableSelector;
import io.tributary.sync.VirtualTable;
import io.tributary.sync.event.Row;
import io.tributary.sync.testing.PipelineCrash;
import io.tributary.sync.testing.Seeds;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * PostgreSQL tables with 8–16 KB TOASTed bodies into Paimon, one shard under {@code REPLICA IDENTITY DEFAULT} (an
 * update that keeps the body sends no value for it) and one under FULL, merged into one table: a seeded workload
 * writes while the full sync runs (staged updates without the body's value), the pipeline crashes and restarts, and the Paimon table, read with Paimon's
 * reader, must equal the source row for row. The seed is printed; {@code -Dtributary.seed=N} re-runs it.
 */
class PostgresToastToPaimonIT {

  private static final List<String> SCHEMAS = List.of("d", "f");

  @RegisterExtension
  final PaimonTarget lake = new PaimonTarget();

  @RegisterExtension
  final PgDatabase pg = new PgDatabase();

  private SyncPipeline pipeline() {
    return lake.pipeline("pg-toast-paimon")
        .source(pg.source("d|f", "toast_paimon")).mode(SyncMode.MERGE)
        .virtualTable(VirtualTable.of("docs", TableSelector.of("d|f", "docs")))
        .extendedFields(ExtendedField.SCHEMA_NAME, ExtendedField.TABLE_NAME).extendedFieldsInPrimaryKey(true)
        .fullSync(true).snapshotChunkSize(20).build();
  }

  @Test
  void unchangedToastValues_streamCrashRestart_paimonEqualsSource() throws Exception {
    long seed = Seeds.one();
    System.out.println("PostgresToastToPaimonIT seed " + seed);
    ToastWorkload work = docs("toastp", seed, 120);
    AtomicBoolean running = new AtomicBoolean(true);
    Thread writer = new Thread(() -> work.run(SCHEMAS, 150, running, 0), "toast-writer");
    writer.start(); // the full sync runs under writes
    SyncPipeline first = pipeline();
    first.start();
    int crashAfter = 1 + (int) (seed % 3); // checkpoints: during the full sync, mostly
    crash(first, crashAfter, work, 100);
    try (SyncPipeline second = pipeline()) {
      second.start();
      writeThenStop(work, writer, running);
      assertThat(work.toastBytes("d")).as("bodies stored out of line").isPositive();
      assertThat(second.awaitCaughtUp(Duration.ofSeconds(90))).as("seed %d: %s", seed, second.status()).isTrue();
      second.stop();
    }
    first.close();
    assertLakeEqualsSource(work, seed);
  }

  @Test
  void keyChangesLeavingToastUnchanged_streamCrashRestart_paimonEqualsSource() throws Exception {
    long seed = Seeds.one();
    System.out.println("PostgresToastToPaimonIT.keyChanges seed " + seed);
    ToastWorkload work = docs("toastpk", seed, 60);
    SyncPipeline first = pipeline();
    first.start();
    assertThat(first.awaitCaughtUp(Duration.ofSeconds(90))).as("%s", first.status()).isTrue(); // synced: streaming
    AtomicBoolean running = new AtomicBoolean(true);
    Thread writer = new Thread(() -> work.run(SCHEMAS, 60, running, 0, true), "toast-key-writer");
    writer.start();
    long crashAfter = first.status().lastCheckpointId() + 2 + seed % 3;
    crash(first, crashAfter, work, 150);
    try (SyncPipeline second = pipeline()) {
      second.start();
      writeThenStop(work, writer, running);
      assertThat(second.awaitCaughtUp(Duration.ofSeconds(90))).as("seed %d: %s", seed, second.status()).isTrue();
      assertThat(second.status().tables()).as("seed %d: %s", seed, second.status())
          .allMatch(t -> t.phase() == TablePhase.STREAMING);
      second.stop();
    }
    first.close();
    assertLakeEqualsSource(work, seed);
  }

  /** The test's database with both shards of {@code docs}, {@code rows} rows each, {@code f} under FULL. */
  private ToastWorkload docs(String prefix, long seed, int rows) throws SQLException {
    ToastWorkload work = new ToastWorkload(pg.create(prefix), seed);
    for (String schema : SCHEMAS) {
      work.create(schema, rows);
    }
    pg.execute("ALTER TABLE f.docs REPLICA IDENTITY FULL");
    return work;
  }

  /** Kills {@code first} once it saved checkpoint {@code checkpoint} and the workload ran {@code statements}. */
  private static void crash(SyncPipeline first, long checkpoint, ToastWorkload work, long statements) {
    await().atMost(Duration.ofSeconds(90)).until(() -> first.status().lastCheckpointId() >= checkpoint
        && work.statements() >= statements);
    PipelineCrash.kill(first);
  }

  /** Lets the workload run 300 more statements (or end), then stops it. */
  private static void writeThenStop(ToastWorkload work, Thread writer, AtomicBoolean running)
      throws InterruptedException {
    long at = work.statements();
    await().atMost(Duration.ofSeconds(60)).until(() -> work.statements() >= at + 300 || !writer.isAlive());
    running.set(false);
    writer.join();
  }

  private void assertLakeEqualsSource(ToastWorkload work, long seed) throws Exception {
    List<Row> expected = new ArrayList<>();
    for (String schema : SCHEMAS) {
      expected.addAll(work.rows(schema, schema, "docs"));
    }
    assertThat(lake.read("docs")).as("seed %d", seed).containsExactlyInAnyOrderElementsOf(expected);
  }
}
