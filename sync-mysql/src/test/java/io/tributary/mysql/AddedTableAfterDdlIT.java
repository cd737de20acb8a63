package io.tributary.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.sync.SyncMode;
import io.tributary.sync.SyncPipeline;
import io.tributary.sync.TablePhase;
import io.tributary.sync.TableSelector;
import io.tributary.sync.event.Row;
import io.tributary.sync.event.TableId;
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
 * A table added to the selection on a restart, whose schema changed after the checkpoint's position: it is
 * discovered with today's schema while its binlog replays from the checkpoint, through its older layouts and DDLs.
 * Here the added table's column was narrowed and widened back (judged against today's type, the replayed narrowing
 * stopped the table) and two columns of one type swapped places (rows logged before the swap read with today's
 * layout put each value in the other column). Writes go on while the pipeline starts and syncs; the target must end
 * equal to the source row by row, the table streaming.
 */
class AddedTableAfterDdlIT {

  private static final String DB = "added_ddl_it";
  private static final Duration WAIT = Duration.ofSeconds(90);

  private final MemoryWarehouse warehouse = new MemoryWarehouse();
  private final MemoryCheckpointStore store = new MemoryCheckpointStore();
  private SyncPipeline pipeline;

  @AfterEach
  void close() {
    if (pipeline != null) {
      pipeline.close();
    }
  }

  private SyncPipeline pipeline(String tables) {
    return SyncPipeline.builder().name("added-ddl").source(Sources.builder(DB).build()).mode(SyncMode.MIRROR)
        .tables(TableSelector.of(DB, tables)).fullSync(true).commitInterval(Duration.ofMillis(200))
        .snapshotChunkSize(20).writer(new MemoryWriter(warehouse)).checkpointStore(store).build();
  }

  @Test
  void tableAddedAfterItsColumnsChanged_endsEqualToTheSource() throws Exception {
    long seed = Seeds.one();
    System.out.println("AddedTableAfterDdlIT seed " + seed + " (replay: -Dtributary.seed=" + seed + ")");
    Random rnd = new Random(seed);
    List<String> create = new ArrayList<>(List.of("DROP DATABASE IF EXISTS " + DB, "CREATE DATABASE " + DB,
        "CREATE TABLE " + DB + ".a (id INT PRIMARY KEY, v INT)",
        "CREATE TABLE " + DB + ".b (id INT PRIMARY KEY, x BIGINT, y BIGINT, w INT)"));
    for (int i = 1; i <= 60; i++) {
      create.add("INSERT INTO " + DB + ".b VALUES (" + i + ", " + i + ", " + (1000 + i) + ", " + i + ")");
      create.add("INSERT INTO " + DB + ".a VALUES (" + i + ", " + i + ")");
    }
    MySqlTestServer.execute(create.toArray(String[]::new));

    // Run 1 captures a only; its checkpoint's position is before everything below.
    pipeline = pipeline("a");
    pipeline.start();
    assertThat(pipeline.awaitCaughtUp(WAIT)).as("caught up: %s", pipeline.status()).isTrue();
    pipeline.close();
    pipeline = null;

    // While b is not captured: rows written in each older layout, x narrowed and widened back, x and y swapped.
    List<String> alter = new ArrayList<>();
    for (int i = 1; i <= 60; i += 3) {
      alter.add("UPDATE " + DB + ".b SET x = x + 100000, y = y + 7 WHERE id = " + i);
    }
    alter.add("INSERT INTO " + DB + ".b VALUES (100, 1, 2, 3)");
    alter.add("ALTER TABLE " + DB + ".b MODIFY x INT");
    alter.add("UPDATE " + DB + ".b SET x = -x WHERE id % 5 = 0");
    alter.add("INSERT INTO " + DB + ".b VALUES (101, 4, 5, 6)");
    alter.add("ALTER TABLE " + DB + ".b MODIFY x BIGINT");
    alter.add("ALTER TABLE " + DB + ".b MODIFY y BIGINT AFTER id"); // (id, y, x, w): same types, swapped
    alter.add("UPDATE " + DB + ".b SET w = w + 1 WHERE id % 4 = 0");
    alter.add("DELETE FROM " + DB + ".b WHERE id % 7 = 0");
    alter.add("INSERT INTO " + DB + ".b VALUES (102, 7, 8, 9)");
    MySqlTestServer.execute(alter.toArray(String[]::new));

    // Run 2 selects b too, with writes going on meanwhile.
    AtomicBoolean writing = new AtomicBoolean(true);
    AtomicReference<Throwable> writeError = new AtomicReference<>();
    Thread writer = new Thread(() -> {
      try (Connection c = MySqlTestServer.connect(); Statement s = c.createStatement()) {
        int next = 1000;
        while (writing.get()) {
          int id = 1 + rnd.nextInt(110);
          switch (rnd.nextInt(4)) {
            case 0 -> s.execute("INSERT INTO " + DB + ".b (id, y, x, w) VALUES (" + (next++) + ", "
                + rnd.nextInt(1000) + ", " + rnd.nextInt(1000) + ", " + rnd.nextInt(1000) + ")");
            case 1 -> s.execute("UPDATE " + DB + ".b SET x = " + rnd.nextInt(1000) + ", y = y + 1 WHERE id = " + id);
            case 2 -> s.execute("DELETE FROM " + DB + ".b WHERE id = " + id);
            default -> s.execute("UPDATE " + DB + ".a SET v = v + 1 WHERE id = " + (1 + rnd.nextInt(60)));
          }
        }
      } catch (Throwable e) {
        writeError.set(e);
      }
    }, "added-ddl-writer");
    writer.start();
    pipeline = pipeline("a|b");
    pipeline.start();
    TableId b = TableId.of("src", DB, "b");
    await().atMost(WAIT).until(() -> pipeline.status().table(b).map(t -> t.phase() == TablePhase.STREAMING
        || t.phase() == TablePhase.BLACKLISTED).orElse(false));
    writing.set(false);
    writer.join();
    assertThat(writeError.get()).isNull();
    assertThat(pipeline.awaitCaughtUp(WAIT)).as("caught up: %s", pipeline.status()).isTrue();

    var status = pipeline.status().table(b).orElseThrow();
    assertThat(status.phase()).as("b streams (%s)", status.reason()).isEqualTo(TablePhase.STREAMING);
    assertThat(warehouse.rows("b")).as("b row by row, seed %d", seed)
        .containsExactlyInAnyOrderElementsOf(sourceRows("b"));
    assertThat(warehouse.rows("a")).containsExactlyInAnyOrderElementsOf(sourceRows("a"));
  }

  private static List<Row> sourceRows(String table) throws SQLException {
    List<Row> rows = new ArrayList<>();
    try (Connection c = MySqlTestServer.connect(); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT * FROM " + DB + "." + table)) {
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        Object[] values = new Object[n];
        for (int i = 0; i < n; i++) {
          values[i] = rs.getObject(i + 1);
        }
        rows.add(Row.of(values));
      }
    }
    return rows;
  }
}
