package io.tributary.examples;

import io.tributary.postgres.PostgresSource;
import io.tributary.sync.SyncPipeline;
import io.tributary.sync.TablePhase;
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
import java.util.Map;

/**
 * The operations centre on a real PostgreSQL (embedded, or {@code TRIBUTARY_POSTGRES_HOST}): start without full
 * sync, re-sync a table, catch up part of a table with a filter, pause and resume a table, and restart from a custom
 * log position. The target is the in-memory lakehouse so each step's effect prints at once.
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
        p.start(); // no full sync: only changes from now on
        sql(db, "UPDATE public.items SET qty = 1 WHERE id <= 10");
        p.awaitCaughtUp(Duration.ofSeconds(30));
        report("1. incremental only", lake, db);

        p.resync(items).get(); // staging, then an atomic overwrite of the table's rows
        p.awaitCaughtUp(Duration.ofSeconds(30));
        report("2. after resync(items)", lake, db);

        p.pause(items).get();
        sql(db, "UPDATE public.items SET qty = 2 WHERE id <= 500");
        p.awaitCaughtUp(Duration.ofSeconds(30));
        report("3. paused; 500 rows changed at the source", lake, db);
        p.resume(items).get(); // re-fetches the table so nothing changed while paused is missed
        p.awaitCaughtUp(Duration.ofSeconds(30));
        report("4. after resume(items)", lake, db);

        String lsn = currentLsn(db);
        p.stop();
        sql(db, "DELETE FROM public.items WHERE id > 900"); // written while stopped
        p.start(Map.of("pg", StartPosition.parse(lsn))); // custom start position: replays from that LSN
        p.awaitCaughtUp(Duration.ofSeconds(30));
        report("5. restarted from custom position " + lsn, lake, db);

        p.stop();
        sql(db, "DELETE FROM public.items WHERE id <= 100"); // missed: restart at the log's end skips it
        p.start(Map.of("pg", StartPosition.latest()));
        p.awaitCaughtUp(Duration.ofSeconds(30));
        report("6. restarted at latest (deletes of id <= 100 skipped)", lake, db);
        p.catchUp(items, RowFilter.le("id", 100)).get(); // deletes matching target rows, merges the source's
        p.awaitCaughtUp(Duration.ofSeconds(30));
        report("7. after catchUp(items, id <= 100)", lake, db);
        System.out.println("phase of items: " + p.status().table(items).map(t -> t.phase()).orElse(TablePhase.PENDING));
        p.offline(); // stops, clears the checkpoint and drops the replication slot; the target is kept
        System.out.println("offline: target rows kept " + lake.rows("items").size());
      }
    }
  }

  private static void report(String step, MemoryWarehouse lake, QuickstartDatabase db) throws SQLException {
    long sum = lake.rows("items").stream().mapToLong(r -> (Integer) r.get(1)).sum();
    System.out.printf("%-55s target rows %5d, sum(qty) %5d | source rows %5d, sum(qty) %5d%n", step,
        lake.rows("items").size(), sum, count(db, "count(*)"), count(db, "coalesce(sum(qty), 0)"));
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
