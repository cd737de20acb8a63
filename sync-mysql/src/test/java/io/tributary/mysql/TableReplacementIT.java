package io.tributary.mysql;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.sync.event.ChangeEvent;
import io.tributary.sync.event.Row;
import io.tributary.sync.event.RowChange;
import io.tributary.sync.event.SchemaChange;
import io.tributary.sync.event.TableDropped;
import io.tributary.sync.event.TableId;
import io.tributary.sync.event.TableSchema;
import io.tributary.sync.spi.LogStream;
import io.tributary.sync.spi.StartPosition;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * DDL that removes a captured table or puts another table under its name. Rows after such DDL must decode with the
 * table's new layout, and the removal must be an event, never silence (a stale layout would decode the new table's
 * rows into the wrong columns).
 */
class TableReplacementIT {

  private static final String DB = "replace_it";
  private static final Duration WAIT = Duration.ofSeconds(20);

  private MySqlSource source;
  private TableSchema schema;

  @BeforeEach
  void createTables() {
    MySqlTestServer.execute("DROP DATABASE IF EXISTS " + DB, "CREATE DATABASE " + DB,
        "CREATE TABLE " + DB + ".t (id INT PRIMARY KEY, a INT, b VARCHAR(20))",
        // Same column count, different types and order: a stale layout would decode its rows without failing.
        "CREATE TABLE " + DB + ".other (id INT PRIMARY KEY, b VARCHAR(20), a BIGINT)");
    source = Sources.builder(DB).includeTables(DB + "\\.t").build();
    schema = source.discoverTables().get(0);
    assertThat(schema.id().table()).isEqualTo("t");
  }

  @AfterEach
  void closeSource() {
    source.close();
  }

  private List<ChangeEvent> run(int events, String... sql) throws InterruptedException {
    try (LogStream log = source.openLog(StartPosition.latest(), Map.of(schema.id(), schema))) {
      MySqlTestServer.execute(sql);
      return Sources.readUntil(log, Sources.atLeast(events), WAIT);
    }
  }

  private TableId t() {
    return schema.id();
  }

  @Test
  void dropTable_isAnEvent() throws Exception {
    List<ChangeEvent> events = run(2, "INSERT INTO " + DB + ".t VALUES (1, 1, 'x')", "DROP TABLE " + DB + ".t");
    assertThat(events.get(1)).isInstanceOfSatisfying(TableDropped.class, d -> {
      assertThat(d.table()).isEqualTo(t());
      assertThat(d.ddl()).containsIgnoringCase("DROP TABLE");
    });
  }

  @Test
  void dropAndCreateWithOtherColumns_rowsDecodeWithTheNewLayout() throws Exception {
    List<ChangeEvent> events = run(4, "INSERT INTO " + DB + ".t VALUES (1, 1, 'x')",
        "DROP TABLE IF EXISTS " + DB + ".t",
        "CREATE TABLE " + DB + ".t (id INT PRIMARY KEY, b VARCHAR(20), a BIGINT)",
        "INSERT INTO " + DB + ".t VALUES (2, 'y', 20)");
    assertThat(events.get(1)).isInstanceOf(TableDropped.class);
    assertThat(events.get(2)).isInstanceOfSatisfying(SchemaChange.class,
        s -> assertThat(s.newSchema().columnNames()).containsExactly("id", "b", "a"));
    assertThat(((RowChange) events.get(3)).after()).isEqualTo(Row.of(2, "y", 20L));
  }

  @Test
  void renameAway_isADrop_andRenameInto_isASchemaChangeWithTheRenamedTablesLayout() throws Exception {
    List<ChangeEvent> events = run(3, "RENAME TABLE " + DB + ".t TO " + DB + ".t_old",
        "INSERT INTO " + DB + ".t_old VALUES (1, 1, 'not captured')",
        "RENAME TABLE " + DB + ".other TO " + DB + ".t",
        "INSERT INTO " + DB + ".t VALUES (2, 'y', 20)");
    assertThat(events.get(0)).isInstanceOfSatisfying(TableDropped.class,
        d -> assertThat(d.ddl()).contains("RENAME TABLE"));
    assertThat(events.get(1)).isInstanceOfSatisfying(SchemaChange.class,
        s -> assertThat(s.newSchema().columnNames()).containsExactly("id", "b", "a"));
    assertThat(((RowChange) events.get(2)).after()).isEqualTo(Row.of(2, "y", 20L));
  }

  @Test
  void alterRenameAway_isADrop_andCreateLike_takesTheCopiedLayout() throws Exception {
    List<ChangeEvent> events = run(3, "ALTER TABLE " + DB + ".t RENAME TO " + DB + ".t2",
        "CREATE TABLE " + DB + ".t LIKE " + DB + ".other",
        "INSERT INTO " + DB + ".t VALUES (3, 'z', 30)");
    assertThat(events.get(0)).isInstanceOfSatisfying(TableDropped.class,
        d -> assertThat(d.ddl()).contains("RENAME TO"));
    assertThat(events.get(1)).isInstanceOfSatisfying(SchemaChange.class,
        s -> assertThat(s.newSchema().columnNames()).containsExactly("id", "b", "a"));
    assertThat(((RowChange) events.get(2)).after()).isEqualTo(Row.of(3, "z", 30L));
  }

  @Test
  void alterWithOtherClausesAndRenameOntoACapturedName_rowsDecodeWithTheAlteredLayout() throws Exception {
    source.close();
    source = Sources.builder(DB).includeTables(DB + "\\.(t|other)").build();
    Map<TableId, TableSchema> schemas = source.discoverTables().stream()
        .collect(Collectors.toMap(TableSchema::id, s -> s));
    List<ChangeEvent> events;
    try (LogStream log = source.openLog(StartPosition.latest(), schemas)) {
      MySqlTestServer.execute("DROP TABLE " + DB + ".other",
          "ALTER TABLE " + DB + ".t RENAME TO " + DB + ".other, ADD COLUMN c INT",
          "INSERT INTO " + DB + ".other VALUES (1, 1, 'x', 7)");
      events = Sources.readUntil(log, Sources.atLeast(4), WAIT);
    }
    TableId other = TableId.of(t().source(), DB, "other");
    assertThat(events.get(1)).isInstanceOfSatisfying(TableDropped.class,
        d -> assertThat(d.table()).isEqualTo(t()));
    assertThat(events.get(2)).isInstanceOfSatisfying(SchemaChange.class, s -> {
      assertThat(s.table()).isEqualTo(other);
      assertThat(s.newSchema().columnNames()).containsExactly("id", "a", "b", "c");
    });
    assertThat(((RowChange) events.get(3)).after()).isEqualTo(Row.of(1, 1, "x", 7));
  }
}
