package io.tributary.flink;

import static io.tributary.flink.FlinkIt.WAIT;
import static io.tributary.flink.FlinkIt.lake;
import static io.tributary.flink.FlinkIt.lakeColumns;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.postgres.PgFixture;
import io.tributary.sync.event.Row;
import io.tributary.sync.event.TableId;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * PostgreSQL schema changes on Flink beyond adding and widening ({@link FlinkPostgresSchemaChangeIT}), with writes
 * under way throughout (inside every chunk read too) and the lake compared row by row:
 * <ul>
 *   <li>a column renamed while streaming: pgoutput carries no DDL, so the log shows a drop plus an add (as embedded:
 *       sync-postgres/README.md); the target follows the new layout, and a re-sync through the job's control input
 *       refills the renamed column, after which the target equals the source;</li>
 *   <li>a restore after a DDL: a writer subtask fails once a checkpoint past a column added was committed; the job
 *       restores, its log split reopens the replication slot with the layout the DDL made ({@link LogSchemas});</li>
 *   <li>a stop with a savepoint right after a DDL, another DDL and writes while no job runs, and a resume from the
 *       savepoint.</li>
 * </ul>
 */
class FlinkPostgresRenameIT {

  @RegisterExtension
  static final FlinkIt IT = new FlinkIt();

  private static final AtomicLong NEXT_ID = new AtomicLong(200_000);
  /** The items columns the workload writes, as the DDLs so far left them (the chunk readers write too). */
  private static volatile String note = "note";
  private static volatile boolean extra;

  @BeforeEach
  void reset() {
    note = "note";
    extra = false;
  }

  static Definition definition(String database, String warehouse, long seed) {
    PgFixture.server();
    return b -> b.name("flink-pg-rename").fullSync(true).snapshotChunkSize(250).commitInterval(Duration.ofMillis(300))
        .source(new Faults.WritingSource(PgFixture.source(database, "pg").includeSchemas("shop")
            .slotName("flink_rename_it").build(), database, seed, FlinkPostgresRenameIT::writes))
        .writer(new Faults.FailingWriter(FlinkIt.lakeWriter(warehouse)));
  }

  @Test
  void columnRenamed_resynced_restoredAfterDdl_savepointAfterDdl_equalRowByRow() throws Exception {
    long seed = Long.getLong("tributary.seed", System.nanoTime());
    System.out.println("FlinkPostgresRenameIT seed=" + seed + " (re-run with -Dtributary.seed=" + seed + ")");
    Random random = new Random(seed);
    String db = IT.postgres("flink_pg_rename");
    Shop.createPg(db);
    String warehouse = IT.warehouse();
    FlinkIt.SourceRows source = Pg.of(db, "shop");
    JobClient job = IT.startWithCommands(definition(db, warehouse, seed), "flink-pg-rename", null);
    FlinkIt.awaitTables(warehouse, "items", "orders");
    writes(db, random, 100);
    FlinkIt.awaitEqual(job, warehouse, source, "items", "orders");

    // A column renamed: the log shows note dropped and remark added; rows not written since hold no remark.
    PgFixture.execute(db, "ALTER TABLE shop.items RENAME COLUMN note TO remark");
    note = "remark";
    writes(db, random, 100);
    await().atMost(WAIT).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
      assertThat(job.getJobStatus().get()).isEqualTo(JobStatus.RUNNING);
      assertThat(lakeColumns(warehouse, "items")).containsExactly("id", "qty", "remark");
      assertThat(project(lake(warehouse, "items"), 0, 1)).isEqualTo(project(source.rows("items"), 0, 1));
      assertThat(lake(warehouse, "orders")).isEqualTo(source.rows("orders"));
    });
    assertThat(lake(warehouse, "items")).as("remark holds only values written since the rename")
        .isNotEqualTo(source.rows("items"));
    int chunks = Faults.chunksRead("items");
    FlinkIt.send(TableCommand.resync("rs1", TableId.of("pg", db, "shop", "items")));
    writes(db, random, 100);
    FlinkIt.awaitEqual(job, warehouse, source, "items", "orders");
    assertThat(Faults.chunksRead("items")).as("items re-read by the re-sync").isGreaterThan(chunks);

    // A restore after a DDL: a checkpoint past the added column committed, then a writer subtask fails.
    PgFixture.execute(db, "ALTER TABLE shop.items ADD COLUMN extra VARCHAR(20)");
    extra = true;
    writes(db, random, 100);
    FlinkIt.awaitEqual(job, warehouse, source, "items", "orders");
    assertThat(lakeColumns(warehouse, "items")).containsExactly("id", "qty", "remark", "extra");
    Faults.DIRECT_WRITES.set(0);
    Faults.FAIL_DIRECT_WRITE.set(1);
    writes(db, random, 150);
    FlinkIt.awaitEqual(job, warehouse, source, "items", "orders");
    assertThat(Faults.DIRECT_WRITE_FAILED).as("the streaming writer fault fired").isTrue();

    // A stop with a savepoint right after a DDL; another DDL and writes while no job runs; a resume.
    PgFixture.execute(db, "ALTER TABLE shop.items ALTER COLUMN qty TYPE BIGINT");
    writes(db, random, 50);
    String savepoint = IT.stopWithSavepoint(job);
    int chunksAtStop = Faults.chunksRead("items");
    PgFixture.execute(db, "ALTER TABLE shop.items ADD COLUMN late INT");
    writes(db, random, 100);
    PgFixture.execute(db, "UPDATE shop.items SET late = id % 7 WHERE id % 5 = 0");
    JobClient resumed = IT.startWithCommands(definition(db, warehouse, seed), "flink-pg-rename", savepoint);
    writes(db, random, 100);
    FlinkIt.awaitEqual(resumed, warehouse, source, "items", "orders");
    assertThat(lakeColumns(warehouse, "items")).containsExactly("id", "qty", "remark", "extra", "late");
    assertThat(Faults.chunksRead("items")).as("the resume read no chunk").isEqualTo(chunksAtStop);
  }

  /**
   * A column added (values set in it) and then one renamed in the middle of a table's full sync (chunk reads held
   * after some chunks were read, writes inside every chunk read): the held reads, assigned with the older layout,
   * are read again with the new one through the split enumerator; a reader fails once while the re-reads are under
   * way and the job restores from a checkpoint past the DDLs (its restored chunk splits of the older layout read by
   * fresh sources, which failed before: the source did not know the renamed column). As while streaming, the log
   * shows the rename as a drop plus an add, so the renamed column holds only values written since (chunks read
   * before the DDL are not read again: nothing in the log says their values moved); a re-sync refills it. Compared
   * by column name (the lake appends the "added" column after {@code extra}).
   */
  @Test
  void columnAddedAndRenamedDuringTheFullSync_readsOfTheOlderLayoutRestored_resynced_equalRowByRow()
      throws Exception {
    long seed = Long.getLong("tributary.seed", System.nanoTime());
    System.out.println("FlinkPostgresRenameIT.duringSync seed=" + seed + " (re-run with -Dtributary.seed=" + seed
        + ")");
    Random random = new Random(seed);
    String db = IT.postgres("flink_pg_rename_sync");
    Shop.createPg(db);
    String warehouse = IT.warehouse();
    Faults.HOLD_CHUNKS_FROM.set(4); // the full sync stays in progress until the DDLs are in
    JobClient job = IT.startWithCommands(definition(db, warehouse, seed), "flink-pg-rename", null);
    await().atMost(WAIT).until(() -> Faults.HELD.get() >= 2);
    int before = Faults.chunksRead("items");
    PgFixture.execute(db, "ALTER TABLE shop.items ADD COLUMN extra VARCHAR(20)",
        "UPDATE shop.items SET extra = 'x' || (id % 13) WHERE id % 3 = 0");
    extra = true;
    writes(db, random, 50);
    PgFixture.execute(db, "ALTER TABLE shop.items RENAME COLUMN note TO remark");
    note = "remark";
    writes(db, random, 50);
    // Checkpoints past the DDLs (a write per poll: an idle job commits nothing), so the restore below is from one.
    int commits = Faults.COMMITS.get();
    await().atMost(WAIT).pollInterval(Duration.ofMillis(300)).until(() -> {
      PgFixture.execute(db, "INSERT INTO shop.orders VALUES (" + NEXT_ID.incrementAndGet() + ", 1, 1.00)");
      return Faults.COMMITS.get() >= commits + 4;
    });
    // A held read (assigned with the older layout, so not re-laid) fails once: the restore hands its split, of the
    // older layout, to a fresh reader (a new PostgresSource, whose catalog has no note). Armed at 8, the failure hit
    // an older-layout split only in some runs (seed 54508799022181 passed without the fix).
    Faults.FAIL_CHUNK.set(4);
    Faults.gate.countDown();
    List<String> unrenamed = List.of("id", "qty", "extra");
    awaitEqualByName(job, warehouse, db, unrenamed);
    assertThat(Faults.CHUNK_FAILED).as("the reader fault fired").isTrue();
    assertThat(Faults.chunksRead("items")).as("chunks read (before the DDLs: %s)", before).isGreaterThan(before);
    assertThat(lakeColumns(warehouse, "items")).containsExactlyInAnyOrder("id", "qty", "remark", "extra");

    FlinkIt.send(TableCommand.resync("rs-sync", TableId.of("pg", db, "shop", "items")));
    writes(db, random, 100); // and streaming on with the new layout
    awaitEqualByName(job, warehouse, db, List.of("id", "qty", "remark", "extra"));
  }

  /** Items (these columns, by name) and orders equal the source's row by row. */
  private static void awaitEqualByName(JobClient job, String warehouse, String db, List<String> columns) {
    await().atMost(WAIT).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
      assertThat(job.getJobStatus().get()).isEqualTo(JobStatus.RUNNING);
      assertThat(lake(warehouse, "items", columns)).as("lake.items %s", columns)
          .isEqualTo(Pg.rows(db, "shop.items", columns));
      assertThat(lake(warehouse, "orders")).isEqualTo(Pg.rows(db, "shop.orders"));
    });
  }

  private static List<Row> project(List<Row> rows, int... columns) {
    return rows.stream().map(r -> FlinkIt.project(r, columns)).toList();
  }

  /** Inserts, updates and deletes over items and orders naming their columns (the DDLs change items' layout). */
  static void writes(String db, Random random, int statements) throws SQLException {
    String n = note;
    try (Connection c = PgFixture.connect(db); Statement s = c.createStatement()) {
      for (int i = 0; i < statements; i++) {
        int id = 1 + random.nextInt(3000);
        String x = extra ? ", extra = 'e" + random.nextInt(100) + "'" : "";
        switch (random.nextInt(5)) {
          case 0 -> s.execute("INSERT INTO shop.items (id, qty, " + n + ") VALUES (" + NEXT_ID.incrementAndGet()
              + ", 1, 'new')");
          case 1 -> s.execute("UPDATE shop.items SET qty = qty + 1, " + n + " = 'u" + i + "'" + x + " WHERE id = "
              + id);
          case 2 -> s.execute("DELETE FROM shop.items WHERE id = " + id);
          case 3 -> s.execute("UPDATE shop.orders SET amount = amount + 1 WHERE id = " + (id % 1000 + 1));
          default -> {
            c.setAutoCommit(false);
            s.execute("DELETE FROM shop.orders WHERE id = " + (id % 1000 + 1));
            s.execute("INSERT INTO shop.orders VALUES (" + NEXT_ID.incrementAndGet() + ", " + id + ", 3.50)");
            s.execute("UPDATE shop.items SET " + n + " = NULL" + x + " WHERE id = " + id);
            c.commit();
            c.setAutoCommit(true);
          }
        }
      }
    }
  }
}
