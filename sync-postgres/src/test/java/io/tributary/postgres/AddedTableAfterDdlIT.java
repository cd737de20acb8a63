package io.tributary.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.sync.SyncPipeline;
import io.tributary.sync.TablePhase;
import io.tributary.sync.TableSelector;
import io.tributary.sync.event.Row;
import io.tributary.sync.event.TableId;
import io.tributary.sync.event.TableSchema;
import io.tributary.sync.memory.MemoryCheckpointStore;
import io.tributary.sync.memory.MemoryWarehouse;
import io.tributary.sync.memory.MemoryWriter;
import io.tributary.sync.testing.Seeds;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A table added to the selection on a restart, whose columns changed after the checkpoint's position. With the
 * publication the source manages (its tables only), the added table joins it at the restart and pgoutput sends none
 * of its older changes: nothing is replayed. With a publication {@code FOR ALL TABLES} they are replayed, each row
 * described by the Relation message before it (its layout as of that WAL position), so nothing is misread; but those
 * older layouts reached the engine as schema changes judged against today's schema: the replayed narrowing of
 * {@code x} (widened back since) stopped the table. Writes go on while the pipeline starts and syncs; the target must
 * end equal to the source row by row, the table streaming.
 */
class AddedTableAfterDdlIT {

  private static final Duration WAIT = Duration.ofSeconds(90);

  private final MemoryWarehouse warehouse = new MemoryWarehouse();
  private final MemoryCheckpointStore store = new MemoryCheckpointStore();
  private String db;

  @AfterEach
  void dropSlots() {
    if (db != null) {
      PgFixture.dropSlots(db);
    }
  }

  /** Null: the publication the source manages. */
  private String publication;

  private SyncPipeline pipeline(String tables) {
    var source = PgFixture.source(db, "pg");
    if (publication != null) {
      source.publicationName(publication);
    }
    return SyncPipeline.builder().name("added-ddl").source(source.build())
        .tables(TableSelector.of("public", tables)).fullSync(true).snapshotChunkSize(20)
        .commitInterval(Duration.ofMillis(200)).writer(new MemoryWriter(warehouse)).checkpointStore(store).build();
  }

  @Test
  void tableAddedAfterItsColumnsChanged_managedPublication_endsEqualToTheSource() throws Exception {
    addedAfterDdl(false);
  }

  @Test
  void tableAddedAfterItsColumnsChanged_publicationForAllTables_endsEqualToTheSource() throws Exception {
    addedAfterDdl(true);
  }

  private void addedAfterDdl(boolean allTables) throws Exception {
    long seed = Seeds.one();
    System.out.println("AddedTableAfterDdlIT (PostgreSQL) seed " + seed + " (replay: -Dtributary.seed=" + seed + ")");
    Random rnd = new Random(seed);
    db = PgFixture.newDatabase("addedddl");
    PgFixture.execute(db, "CREATE TABLE a (id int PRIMARY KEY, v int)",
        "CREATE TABLE b (id int PRIMARY KEY, x bigint, y bigint, w int)",
        "INSERT INTO a SELECT g, g FROM generate_series(1, 60) g",
        "INSERT INTO b SELECT g, g, 1000 + g, g FROM generate_series(1, 60) g");
    if (allTables) {
      publication = "added_all";
      PgFixture.execute(db, "CREATE PUBLICATION added_all FOR ALL TABLES WITH (publish_via_partition_root = true)");
    }

    try (SyncPipeline first = pipeline("a")) { // run 1 captures a only
      first.start();
      assertThat(first.awaitCaughtUp(WAIT)).as("caught up: %s", first.status()).isTrue();
    }

    // While b is not captured: rows written in each older layout, x narrowed and widened back, y dropped and added.
    PgFixture.execute(db, "UPDATE b SET x = x + 100000, y = y + 7 WHERE id % 3 = 1",
        "INSERT INTO b VALUES (100, 1, 2, 3)",
        "ALTER TABLE b ALTER COLUMN x TYPE int",
        "UPDATE b SET x = -x WHERE id % 5 = 0",
        "INSERT INTO b VALUES (101, 4, 5, 6)",
        "ALTER TABLE b ALTER COLUMN x TYPE bigint",
        "ALTER TABLE b DROP COLUMN y", "ALTER TABLE b ADD COLUMN y bigint", // now (id, x, w, y)
        "UPDATE b SET w = w + 1, y = id WHERE id % 4 = 0",
        "DELETE FROM b WHERE id % 7 = 0",
        "INSERT INTO b VALUES (102, 7, 8, 9)");

    AtomicBoolean writing = new AtomicBoolean(true);
    AtomicReference<Throwable> writeError = new AtomicReference<>();
    Thread writer = new Thread(() -> {
      try (Connection c = PgFixture.connect(db); Statement s = c.createStatement()) {
        int next = 1000;
        while (writing.get()) {
          int id = 1 + rnd.nextInt(110);
          switch (rnd.nextInt(4)) {
            case 0 -> s.execute("INSERT INTO b (id, y, x, w) VALUES (" + (next++) + ", " + rnd.nextInt(1000) + ", "
                + rnd.nextInt(1000) + ", " + rnd.nextInt(1000) + ")");
            case 1 -> s.execute("UPDATE b SET x = " + rnd.nextInt(1000) + ", y = coalesce(y, 0) + 1 WHERE id = " + id);
            case 2 -> s.execute("DELETE FROM b WHERE id = " + id);
            default -> s.execute("UPDATE a SET v = v + 1 WHERE id = " + (1 + rnd.nextInt(60)));
          }
        }
      } catch (Throwable e) {
        writeError.set(e);
      }
    }, "added-ddl-writer");
    writer.start();
    try (SyncPipeline p = pipeline("a|b")) { // run 2 selects b too, with writes going on meanwhile
      p.start();
      TableId b = TableId.of("pg", db, "public", "b");
      await().atMost(WAIT).until(() -> p.status().table(b).map(t -> t.phase() == TablePhase.STREAMING
          || t.phase() == TablePhase.BLACKLISTED).orElse(false));
      writing.set(false);
      writer.join();
      assertThat(writeError.get()).isNull();
      assertThat(p.awaitCaughtUp(WAIT)).as("caught up: %s", p.status()).isTrue();
      var status = p.status().table(b).orElseThrow();
      assertThat(status.phase()).as("b streams (%s)", status.reason()).isEqualTo(TablePhase.STREAMING);
    } finally {
      writing.set(false);
      writer.join();
    }
    assertThat(target("b", "id", "x", "y", "w")).as("b row by row, seed %d", seed)
        .containsExactlyElementsOf(source("b", "id", "x", "y", "w"));
    assertThat(target("a", "id", "v")).containsExactlyElementsOf(source("a", "id", "v"));
  }

  private List<List<Object>> target(String table, String... columns) {
    TableSchema schema = warehouse.schema(table).orElseThrow().asSchema();
    List<List<Object>> out = new ArrayList<>();
    for (Row r : warehouse.rows(table)) {
      List<Object> values = new ArrayList<>();
      for (String c : columns) {
        int i = schema.indexOf(c);
        assertThat(i).as("target column %s", c).isNotNegative();
        values.add(r.get(i));
      }
      out.add(values);
    }
    out.sort((x, y) -> Integer.compare((Integer) x.get(0), (Integer) y.get(0)));
    return out;
  }

  private List<List<Object>> source(String table, String... columns) throws SQLException {
    List<List<Object>> out = new ArrayList<>();
    try (Connection c = PgFixture.connect(db); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT " + String.join(", ", columns) + " FROM " + table + " ORDER BY id")) {
      while (rs.next()) {
        List<Object> values = new ArrayList<>();
        for (int i = 1; i <= columns.length; i++) {
          values.add(rs.getObject(i));
        }
        out.add(values);
      }
    }
    return out;
  }
}
