package io.tributary.mysql;

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
import org.junit.jupiter.api.Test;

/**
 * {@code awaitCaughtUp} means caught up on MySQL/MariaDB: a change committed just before the call is in the target
 * when it returns true, thousands of times over, in a long run and in many short runs that start on empty tables with
 * full sync. Bigger runs: {@code -Dtributary.caughtUp.iterations=5000 -Dtributary.caughtUp.runs=500}.
 */
class CaughtUpIT {

  private static final String DB = "caught_up_it";
  private static final List<CaughtUpStress.Table> TABLES = List.of(
      new CaughtUpStress.Table(DB + ".filled", "filled"), new CaughtUpStress.Table(DB + ".empty", "empty"));

  @Test
  void commitThenAwait_changeIsInTarget_everyTime() throws Exception {
    createTables(50);
    long seed = CaughtUpStress.seed();
    int iterations = CaughtUpStress.iterations(300);
    MemoryWarehouse warehouse = new MemoryWarehouse();
    try (Connection c = MySqlTestServer.connect(); Statement s = c.createStatement();
         SyncPipeline p = pipeline(warehouse)) {
      CaughtUpStress stress = new CaughtUpStress(p, warehouse, s::execute, TABLES);
      for (int id = 0; id < 50; id++) {
        stress.known(0, id, id);
      }
      p.start();
      System.out.printf("MySQL awaitCaughtUp stress, seed %d: %s, %d misses%n", seed, stress.run(seed, iterations),
          stress.misses());
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
      try (Connection c = MySqlTestServer.connect(); Statement s = c.createStatement();
           SyncPipeline p = pipeline(warehouse)) {
        CaughtUpStress stress = new CaughtUpStress(p, warehouse, s::execute, TABLES);
        p.start();
        for (int i = 0; i < 4; i++) {
          micros.add(stress.step(random, seed, run * 10 + i));
        }
        misses += stress.misses();
      }
    }
    System.out.printf("MySQL short runs, seed %d: %s, %d misses%n", seed,
        new CaughtUpStress.Latencies(micros.stream().mapToLong(Long::longValue).toArray()), misses);
  }

  private static void createTables(int filledRows) {
    MySqlTestServer.execute("DROP DATABASE IF EXISTS " + DB, "CREATE DATABASE " + DB,
        "CREATE TABLE " + DB + ".filled (id INT PRIMARY KEY, v INT)",
        "CREATE TABLE " + DB + ".empty (id INT PRIMARY KEY, v INT)");
    for (int id = 0; id < filledRows; id++) {
      MySqlTestServer.execute("INSERT INTO " + DB + ".filled VALUES (" + id + ", " + id + ")");
    }
  }

  private static SyncPipeline pipeline(MemoryWarehouse warehouse) {
    return SyncPipeline.builder().name("caught-up").source(Sources.builder(DB).build())
        .mirrorTargetNaming(id -> id.table()).fullSync(true).snapshotChunkSize(20)
        .commitInterval(Duration.ofMillis(50)).writer(new MemoryWriter(warehouse))
        .checkpointStore(new MemoryCheckpointStore()).build();
  }
}
