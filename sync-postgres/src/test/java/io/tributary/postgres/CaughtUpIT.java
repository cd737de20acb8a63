package io.tributary.postgres;

import io.tributary.sync.SyncPipeline;
import io.tributary.sync.memory.MemoryCheckpointStore;
import io.tributary.sync.memory.MemoryWarehouse;
import io.tributary.sync.memory.MemoryWriter;
import io.tributary.sync.testing.CaughtUpStress;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code awaitCaughtUp} means caught up on PostgreSQL: a change committed just before the call is in the target when
 * it returns true, thousands of times over, in a long run and in many short runs that start on empty tables with
 * full sync. Bigger runs: {@code -Dtributary.caughtUp.iterations=5000 -Dtributary.caughtUp.runs=300}.
 */
class CaughtUpIT {

  private static final List<CaughtUpStress.Table> TABLES = List.of(
      new CaughtUpStress.Table("public.filled", "filled"), new CaughtUpStress.Table("public.empty", "empty"));

  private String db;

  @BeforeEach
  void createDatabase() {
    db = PgFixture.newDatabase("caught_up");
  }

  @AfterEach
  void dropSlots() {
    PgFixture.dropSlots(db);
  }

  @Test
  void commitThenAwait_changeIsInTarget_everyTime() throws Exception {
    createTables(50);
    long seed = CaughtUpStress.seed();
    int iterations = CaughtUpStress.iterations(150);
    MemoryWarehouse warehouse = new MemoryWarehouse();
    try (Connection c = PgFixture.connect(db); Statement s = c.createStatement();
         SyncPipeline p = pipeline(warehouse)) {
      CaughtUpStress stress = new CaughtUpStress(p, warehouse, commits(s, seed), TABLES);
      for (int id = 0; id < 50; id++) {
        stress.known(0, id, id);
      }
      p.start();
      System.out.printf("PostgreSQL awaitCaughtUp stress, seed %d: %s, %d misses%n", seed,
          stress.run(seed, iterations), stress.misses());
    }
  }

  @Test
  void shortRunsOnEmptyTablesWithFullSync_changeIsInTarget_everyTime() throws Exception {
    long seed = CaughtUpStress.seed();
    int runs = Integer.getInteger("tributary.caughtUp.runs", 10);
    Random random = new Random(seed);
    List<Long> micros = new ArrayList<>();
    int misses = 0;
    for (int run = 0; run < runs; run++) {
      createTables(0);
      MemoryWarehouse warehouse = new MemoryWarehouse();
      try (Connection c = PgFixture.connect(db); Statement s = c.createStatement();
           SyncPipeline p = pipeline(warehouse)) {
        CaughtUpStress stress = new CaughtUpStress(p, warehouse, commits(s, seed), TABLES);
        p.start();
        for (int i = 0; i < 4; i++) {
          micros.add(stress.step(random, seed, run * 10 + i));
        }
        misses += stress.misses();
        p.offline(); // drops the slot: the next run starts afresh
      }
    }
    System.out.printf("PostgreSQL short runs, seed %d: %s, %d misses%n", seed,
        new CaughtUpStress.Latencies(micros.stream().mapToLong(Long::longValue).toArray()), misses);
  }

  /**
   * Commits half the changes asynchronously ({@code synchronous_commit = off}): such a commit returns before its WAL
   * is flushed, and the walsender sends it only once the WAL writer has flushed it.
   */
  private static CaughtUpStress.Sql commits(Statement s, long seed) {
    Random random = new Random(seed + 1);
    return sql -> {
      s.execute("SET synchronous_commit = " + (random.nextBoolean() ? "on" : "off"));
      s.execute(sql);
    };
  }

  private void createTables(int filledRows) {
    PgFixture.execute(db, "DROP TABLE IF EXISTS filled", "DROP TABLE IF EXISTS empty",
        "CREATE TABLE filled (id int PRIMARY KEY, v int)", "CREATE TABLE empty (id int PRIMARY KEY, v int)",
        "INSERT INTO filled SELECT g, g FROM generate_series(0, " + (filledRows - 1) + ") g");
  }

  private SyncPipeline pipeline(MemoryWarehouse warehouse) {
    PostgresSource source = PgFixture.source(db, "pg").slotName("caught_up_it").build();
    return SyncPipeline.builder().name("caught-up").source(source).mirrorTargetNaming(id -> id.table())
        .fullSync(true).snapshotChunkSize(20).commitInterval(Duration.ofMillis(50))
        .writer(new MemoryWriter(warehouse)).checkpointStore(new MemoryCheckpointStore()).build();
  }
}
