package io.tributary.examples;

import io.tributary.postgres.PostgresSource;
import io.tributary.sync.PipelineState;
import io.tributary.sync.SyncPipeline;
import io.tributary.sync.TablePhase;
import io.tributary.sync.event.Row;
import io.tributary.sync.event.RowFilter;
import io.tributary.sync.event.TableId;
import io.tributary.sync.memory.MemoryWarehouse;
import io.tributary.sync.memory.MemoryWriter;
import io.tributary.sync.spi.StartPosition;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The operations centre on a real PostgreSQL (embedded, or {@code TRIBUTARY_POSTGRES_HOST}): start without full
 * sync, re-sync a table, catch up part of a table with a filter, pause and resume a table, and restart from a custom
 * log position. The target is the in-memory lakehouse so each step's effect prints at once; each step throws unless
 * the target is in the state that step should leave it in.
 *
 * <p>Run: {@code mvn -q -B install -DskipTests && mvn -q exec:java -pl examples
 * -Dexec.mainClass=io.tributary.examples.OperationsExample}
 */
public final class OperationsExample {

  public static void main(String[] args) throws Exception {
    try (QuickstartDatabase db = QuickstartDatabase.start()) {
      sql(db, "DROP TABLE IF EXISTS public.items", "CREATE TABLE public.items (id int PRIMARY KEY, qty int)",
          "INSERT INTO public.items SELECT g, 0 FROM generate_series(1, 1000) g");
      TableId items = TableId.of("pg", db.database, "public", "items");
      MemoryWarehouse lake = new MemoryWarehouse();
      PostgresSource source = PostgresSource.builder().name("pg").host(db.host).port(db.port).database(db.database)
          .user(db.user).password(db.password).includeTables("items").slotName("tributary_ops_example")
          .heartbeatInterval(Duration.ofMillis(200)).build();
      try (SyncPipeline p = SyncPipeline.builder().name("ops-example").source(source)
          .writer(new MemoryWriter(lake)).commitInterval(Duration.ofMillis(200)).build()) {
        p.start(); // no full sync: only changes from when the log is open (state RUNNING)
        awaitRunning(p);
        sql(db, "UPDATE public.items SET qty = 1 WHERE id <= 10");
        ExampleChecks.caughtUp(p, Duration.ofSeconds(30));
        report("1. incremental only", lake, db);
        expectTarget("1. incremental only: just the 10 updated rows", lake, 10, 10);

        p.resync(items).get(); // staging, then an atomic overwrite of the table's rows
        ExampleChecks.caughtUp(p, Duration.ofSeconds(30));
        report("2. after resync(items)", lake, db);
        expectSameAsSource("2. after resync(items)", lake, db);

        p.pause(items).get();
        sql(db, "UPDATE public.items SET qty = 2 WHERE id <= 500");
        ExampleChecks.caughtUp(p, Duration.ofSeconds(30));
        report("3. paused; 500 rows changed at the source", lake, db);
        expectTarget("3. paused: the target as after step 2", lake, 1000, 10);
        p.resume(items).get(); // re-fetches the table so nothing changed while paused is missed
        ExampleChecks.caughtUp(p, Duration.ofSeconds(30));
        report("4. after resume(items)", lake, db);
        expectSameAsSource("4. after resume(items)", lake, db);

        String lsn = currentLsn(db);
        p.stop();
        sql(db, "DELETE FROM public.items WHERE id > 900"); // written while stopped
        p.start(Map.of("pg", StartPosition.parse(lsn))); // custom start position: replays from that LSN
        awaitRunning(p);
        ExampleChecks.caughtUp(p, Duration.ofSeconds(30));
        report("5. restarted from custom position " + lsn, lake, db);
        expectSameAsSource("5. restarted from custom position " + lsn, lake, db);

        p.stop();
        sql(db, "DELETE FROM public.items WHERE id <= 100"); // missed: restart at the log's end skips it
        p.start(Map.of("pg", StartPosition.latest()));
        awaitRunning(p);
        ExampleChecks.caughtUp(p, Duration.ofSeconds(30));
        report("6. restarted at latest (deletes of id <= 100 skipped)", lake, db);
        expectTarget("6. restarted at latest: ids 1..100 still in the target", lake, 900, 1000);
        p.catchUp(items, RowFilter.le("id", 100)).get(); // deletes matching target rows, merges the source's
        ExampleChecks.caughtUp(p, Duration.ofSeconds(30));
        report("7. after catchUp(items, id <= 100)", lake, db);
        expectSameAsSource("7. after catchUp(items, id <= 100)", lake, db);
        TablePhase phase = p.status().table(items).map(t -> t.phase()).orElse(TablePhase.PENDING);
        System.out.println("phase of items: " + phase);
        ExampleChecks.check(phase == TablePhase.STREAMING, "items should be STREAMING after catchUp, is " + phase);
        p.offline(); // stops, clears the checkpoint and drops the replication slot; the target is kept
        System.out.println("offline: target rows kept " + lake.rows("items").size());
        expectSameAsSource("offline: target kept", lake, db);
      }
    }
  }

  private static void report(String step, MemoryWarehouse lake, QuickstartDatabase db) throws SQLException {
    long sum = lake.rows("items").stream().mapToLong(r -> (Integer) r.get(1)).sum();
    System.out.printf("%-55s target rows %5d, sum(qty) %5d | source rows %5d, sum(qty) %5d%n", step,
        lake.rows("items").size(), sum, count(db, "count(*)"), count(db, "coalesce(sum(qty), 0)"));
  }

  /** Waits until the pipeline's log is open: start() returns at once. */
  private static void awaitRunning(SyncPipeline p) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (p.status().state() != PipelineState.RUNNING) {
      ExampleChecks.check(System.nanoTime() < deadline, "not running within 30 s: " + p.status());
      Thread.sleep(10);
    }
  }

  /** Throws unless the target has {@code rows} rows whose qty sums to {@code sum}. */
  private static void expectTarget(String step, MemoryWarehouse lake, int rows, long sum) {
    List<Row> target = lake.rows("items");
    long actualSum = target.stream().mapToLong(r -> (Integer) r.get(1)).sum();
    ExampleChecks.check(target.size() == rows && actualSum == sum, step + ": expected target rows " + rows
        + ", sum(qty) " + sum + "; got " + target.size() + ", " + actualSum);
  }

  /** Throws unless the target's rows equal the source's. */
  private static void expectSameAsSource(String step, MemoryWarehouse lake, QuickstartDatabase db)
      throws SQLException {
    List<List<Object>> source = new ArrayList<>();
    try (Connection c = db.connect(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT id, qty FROM public.items")) {
      while (rs.next()) {
        source.add(List.of(rs.getInt(1), rs.getInt(2)));
      }
    }
    ExampleChecks.sameRows(step, source, lake.rows("items").stream().map(ExampleChecks::values).toList());
  }

  private static long count(QuickstartDatabase db, String expr) throws SQLException {
    try (Connection c = db.connect(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT " + expr + " FROM public.items")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static String currentLsn(QuickstartDatabase db) throws SQLException {
    try (Connection c = db.connect(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT pg_current_wal_lsn()::text")) {
      rs.next();
      return rs.getString(1);
    }
  }

  static void sql(QuickstartDatabase db, String... statements) throws SQLException {
    try (Connection c = db.connect(); Statement s = c.createStatement()) {
      for (String q : statements) {
        s.execute(q);
      }
    }
  }
}
