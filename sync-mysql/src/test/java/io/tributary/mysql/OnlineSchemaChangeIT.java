package io.tributary.mysql;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.sync.SyncPipeline;
import io.tributary.sync.TablePhase;
import io.tributary.sync.event.Row;
import io.tributary.sync.event.TableId;
import io.tributary.sync.memory.MemoryCheckpointStore;
import io.tributary.sync.memory.MemoryWarehouse;
import io.tributary.sync.memory.MemoryWriter;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Online schema change tools alter a big table without locking it: they build a ghost table with the new layout,
 * copy the rows, keep it in step, then swap it in with one atomic {@code RENAME TABLE}. The ghost's rows are the
 * original's at the swap, so the pipeline follows the swap as a schema change: no stopped table, no re-sync. The
 * statement sequences are the tools' own (gh-ost {@code go/logic/applier.go}: create ghost LIKE, alter ghost,
 * changelog table, sentry table, drop sentry, atomic rename; pt-online-schema-change: explicit CREATE of
 * {@code _t_new}, alter it, triggers that keep it in step, rename swap, drop {@code _t_old} and the triggers).
 */
class OnlineSchemaChangeIT {

  private static final String DB = "osc_it";
  private static final Duration WAIT = Duration.ofSeconds(60);

  private final MemoryWarehouse warehouse = new MemoryWarehouse();
  private final Random random = new Random(Long.getLong("osc.seed", System.nanoTime()));

  @BeforeEach
  void createTables() {
    MySqlTestServer.execute("DROP DATABASE IF EXISTS " + DB, "CREATE DATABASE " + DB,
        "CREATE TABLE " + DB + ".items (id INT PRIMARY KEY, name VARCHAR(40), qty INT)",
        "CREATE TABLE " + DB + ".other (id INT PRIMARY KEY, v INT)");
    StringBuilder rows = new StringBuilder();
    for (int i = 1; i <= 500; i++) {
      rows.append(i == 1 ? "" : ",").append("(").append(i).append(",'n").append(i).append("',").append(i % 13)
          .append(")");
    }
    MySqlTestServer.execute("INSERT INTO " + DB + ".items VALUES " + rows, "INSERT INTO " + DB + ".other VALUES (1, 1)");
  }

  private SyncPipeline pipeline() {
    MySqlSource source = Sources.builder(DB).includeTables(DB + "\\.(items|other)").build();
    return SyncPipeline.builder().name("osc").source(source).fullSync(true).commitInterval(Duration.ofMillis(200))
        .writer(new MemoryWriter(warehouse)).checkpointStore(new MemoryCheckpointStore()).build();
  }

  @Test
  void ghostCutOver_isFollowedAsASchemaChange_withoutStoppingTheTable() throws Exception {
    try (SyncPipeline pipeline = pipeline()) {
      pipeline.start();
      assertThat(pipeline.awaitCaughtUp(WAIT)).isTrue();
      String t = DB + ".items";
      String gho = DB + "._items_gho";
      MySqlTestServer.execute(
          "create /* gh-ost */ table " + gho + " like " + t,
          "alter /* gh-ost */ table " + gho + " add column note varchar(20), modify qty bigint",
          "create /* gh-ost */ table " + DB + "._items_ghc (id bigint unsigned auto_increment,"
              + " last_update timestamp not null DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,"
              + " hint varchar(64) charset ascii not null, value varchar(4096) charset ascii not null,"
              + " primary key(id), unique key hint_uidx(hint)) auto_increment=256 comment='gh-ost changelog'",
          "insert /* gh-ost */ ignore into " + gho + " (id, name, qty) (select id, name, qty from " + t
              + " force index (PRIMARY) where id between 1 and 500 lock in share mode)");
      // Changes during the migration go to the original, and gh-ost applies them to the ghost from the binlog.
      for (int i = 0; i < 50; i++) {
        int id = 1 + random.nextInt(600);
        String name = "u" + random.nextInt(1000);
        for (String table : List.of(t, gho)) {
          MySqlTestServer.execute("replace into " + table + " (id, name, qty) values (" + id + ", '" + name + "', "
              + i + ")");
        }
      }
      MySqlTestServer.execute(
          "create /* gh-ost */ table " + DB + "._items_del (id int auto_increment primary key) engine=InnoDB"
              + " comment='ghost-cut-over-sentry'",
          "drop /* gh-ost */ table if exists " + DB + "._items_del",
          "rename /* gh-ost */ table " + t + " to " + DB + "._items_del, " + gho + " to " + t,
          "drop /* gh-ost */ table if exists " + DB + "._items_ghc",
          "insert into " + t + " values (1001, 'after', 7, 'new-layout')",
          "update " + t + " set note = 'changed', qty = 9000000000 where id = 3",
          "drop /* gh-ost */ table if exists " + DB + "._items_del",
          "insert into " + DB + ".other values (2, 2)");
      assertThat(pipeline.awaitCaughtUp(WAIT)).isTrue();
      assertFollowed(pipeline);
    }
  }

  @Test
  void ptOnlineSchemaChangeSwap_isFollowedAsASchemaChange_withoutStoppingTheTable() throws Exception {
    try (SyncPipeline pipeline = pipeline()) {
      pipeline.start();
      assertThat(pipeline.awaitCaughtUp(WAIT)).isTrue();
      String t = DB + ".items";
      String neu = DB + "._items_new";
      MySqlTestServer.execute(
          "CREATE TABLE " + neu + " (\n  `id` int(11) NOT NULL,\n  `name` varchar(40) DEFAULT NULL,\n"
              + "  `qty` int(11) DEFAULT NULL,\n  PRIMARY KEY (`id`)\n) ENGINE=InnoDB DEFAULT CHARSET=latin1",
          "ALTER TABLE " + neu + " add column note varchar(20), modify qty bigint",
          "CREATE TRIGGER " + DB + ".`pt_osc_osc_it_items_del` AFTER DELETE ON " + t + " FOR EACH ROW BEGIN DECLARE CONTINUE"
              + " HANDLER FOR 1146 begin end; DELETE IGNORE FROM " + neu + " WHERE " + neu + ".`id` <=> OLD.`id`;"
              + " END",
          "CREATE TRIGGER " + DB + ".`pt_osc_osc_it_items_upd` AFTER UPDATE ON " + t + " FOR EACH ROW BEGIN DECLARE CONTINUE"
              + " HANDLER FOR 1146 begin end; DELETE IGNORE FROM " + neu + " WHERE !(OLD.`id` <=> NEW.`id`) AND "
              + neu + ".`id` <=> OLD.`id`; REPLACE INTO " + neu + " (`id`, `name`, `qty`) VALUES (NEW.`id`,"
              + " NEW.`name`, NEW.`qty`); END",
          "CREATE TRIGGER " + DB + ".`pt_osc_osc_it_items_ins` AFTER INSERT ON " + t + " FOR EACH ROW BEGIN DECLARE CONTINUE"
              + " HANDLER FOR 1146 begin end; REPLACE INTO " + neu + " (`id`, `name`, `qty`) VALUES (NEW.`id`,"
              + " NEW.`name`, NEW.`qty`); END",
          "INSERT LOW_PRIORITY IGNORE INTO " + neu + " (`id`, `name`, `qty`) SELECT `id`, `name`, `qty` FROM " + t
              + " FORCE INDEX(`PRIMARY`) WHERE ((`id` >= '1')) AND ((`id` <= '500')) LOCK IN SHARE MODE");
      for (int i = 0; i < 50; i++) {
        int id = 1 + random.nextInt(600);
        MySqlTestServer.execute(random.nextInt(4) == 0 ? "DELETE FROM " + t + " WHERE id = " + id
            : "REPLACE INTO " + t + " (id, name, qty) VALUES (" + id + ", 'p" + i + "', " + i + ")");
      }
      MySqlTestServer.execute(
          "RENAME TABLE " + t + " TO " + DB + "._items_old, " + neu + " TO " + t,
          "DROP TABLE IF EXISTS " + DB + "._items_old",
          "DROP TRIGGER IF EXISTS " + DB + ".`pt_osc_osc_it_items_del`",
          "DROP TRIGGER IF EXISTS " + DB + ".`pt_osc_osc_it_items_upd`",
          "DROP TRIGGER IF EXISTS " + DB + ".`pt_osc_osc_it_items_ins`",
          "insert into " + t + " values (1001, 'after', 7, 'new-layout')",
          "update " + t + " set note = 'changed', qty = 9000000000 where id = 3",
          "insert into " + DB + ".other values (2, 2)");
      assertThat(pipeline.awaitCaughtUp(WAIT)).isTrue();
      assertFollowed(pipeline);
    }
  }

  private void assertFollowed(SyncPipeline pipeline) throws Exception {
    TableId items = TableId.of("src", DB, "items");
    var status = pipeline.status().table(items).orElseThrow();
    assertThat(status.phase()).as("items: %s", status.reason()).isEqualTo(TablePhase.STREAMING);
    String target = status.target();
    assertThat(warehouse.columnNames(target)).containsSubsequence("id", "name", "qty", "note");
    // The in-memory target keeps values written before the INT -> BIGINT widening as Integers: compare as longs.
    assertThat(normalized(warehouse.rows(target)))
        .containsExactlyInAnyOrderElementsOf(normalized(sourceRows(warehouse.columnNames(target))));
    assertThat(warehouse.rows(pipeline.status().table(TableId.of("src", DB, "other")).orElseThrow().target()))
        .hasSize(2);
  }

  private static List<Row> normalized(List<Row> rows) {
    return rows.stream().map(r -> {
      Object[] values = new Object[r.size()];
      for (int i = 0; i < values.length; i++) {
        values[i] = r.get(i) instanceof Integer n ? (Object) n.longValue() : r.get(i);
      }
      return Row.of(values);
    }).toList();
  }

  /** The source's rows laid out as the target's columns (the target may keep extra, dropped columns as nulls). */
  private static List<Row> sourceRows(List<String> targetColumns) throws Exception {
    List<Row> rows = new ArrayList<>();
    try (Connection c = MySqlTestServer.connect(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT * FROM " + DB + ".items")) {
      ResultSetMetaData md = rs.getMetaData();
      while (rs.next()) {
        Object[] values = new Object[targetColumns.size()];
        for (int i = 1; i <= md.getColumnCount(); i++) {
          int at = targetColumns.indexOf(md.getColumnLabel(i));
          Object v = rs.getObject(i);
          values[at] = v;
        }
        rows.add(Row.of(values));
      }
    }
    return rows;
  }
}
