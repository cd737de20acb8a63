package io.tributary.mysql;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.sync.event.ChangeEvent;
import io.tributary.sync.event.DataType;
import io.tributary.sync.event.RowChange;
import io.tributary.sync.event.SchemaChange;
import io.tributary.sync.event.TableNeedsResync;
import io.tributary.sync.event.TableSchema;
import io.tributary.sync.spi.LogStream;
import io.tributary.sync.spi.StartPosition;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A fresh start ({@code Latest}) takes the layouts the engine discovered earlier: DDL committed between that
 * discovery and the log end the stream starts from is never replayed, so the stream must report the server's current
 * layout first, and decode the rows after it with that layout.
 */
class FreshStartIT {

  private static final String DB = "fresh_start_it";
  private static final Duration WAIT = Duration.ofSeconds(20);

  private MySqlSource source;

  @AfterEach
  void closeSource() {
    if (source != null) {
      source.close();
    }
  }

  /** Discovers {@code create}'s table, runs {@code ddl} (the gap before the log opens), opens, runs {@code sql}. */
  private List<ChangeEvent> freshStart(String create, String ddl, int events, String... sql) throws Exception {
    MySqlTestServer.execute("DROP DATABASE IF EXISTS " + DB, "CREATE DATABASE " + DB, "USE " + DB, create);
    source = Sources.builder(DB).build();
    TableSchema discovered = source.discoverTables().get(0);
    MySqlTestServer.execute("USE " + DB, ddl);
    try (LogStream log = source.openLog(StartPosition.latest(), Map.of(discovered.id(), discovered))) {
      MySqlTestServer.execute("USE " + DB);
      for (String s : sql) {
        MySqlTestServer.execute("USE " + DB, s);
      }
      return Sources.readUntil(log, Sources.atLeast(events), WAIT);
    }
  }

  private static List<Object> cells(List<ChangeEvent> events) {
    return events.stream().filter(RowChange.class::isInstance).map(RowChange.class::cast)
        .<Object>map(r -> List.of(r.after().values())).toList();
  }

  @Test
  void addColumnAndTypeChange_betweenDiscoveryAndOpen_comeFirstAsSchemaChange() throws Exception {
    List<ChangeEvent> events = freshStart("CREATE TABLE t (id INT PRIMARY KEY, a INT)",
        "ALTER TABLE t ADD COLUMN b VARCHAR(10), MODIFY a BIGINT", 2,
        "INSERT INTO t VALUES (1, 5000000000, 'x')");
    assertThat(events).noneMatch(TableNeedsResync.class::isInstance);
    assertThat(events.get(0)).isInstanceOfSatisfying(SchemaChange.class, s -> {
      assertThat(s.newSchema().columnNames()).containsExactly("id", "a", "b");
      assertThat(s.newSchema().column("a").orElseThrow().type().kind()).isEqualTo(DataType.Kind.BIGINT);
      assertThat(s.seq()).isLessThanOrEqualTo(events.get(1).seq());
    });
    assertThat(cells(events)).containsExactly(List.of(1, 5000000000L, "x"));
  }

  /** Same column count and the same binlog column type: only the layout knows the value is unsigned. */
  @Test
  void signednessChange_betweenDiscoveryAndOpen_decodesTheUnsignedValue() throws Exception {
    List<ChangeEvent> events = freshStart("CREATE TABLE t (id INT PRIMARY KEY, a INT)",
        "ALTER TABLE t MODIFY a INT UNSIGNED", 2, "INSERT INTO t VALUES (1, 4294967295)");
    assertThat(events).noneMatch(TableNeedsResync.class::isInstance);
    assertThat(events.get(0)).isInstanceOf(SchemaChange.class);
    assertThat(cells(events)).containsExactly(List.of(1, 4294967295L));
  }

  @Test
  void noChange_emitsNoSchemaChange() throws Exception {
    List<ChangeEvent> events = freshStart("CREATE TABLE t (id INT PRIMARY KEY, a INT)", "DO 1", 1,
        "INSERT INTO t VALUES (1, 2)");
    assertThat(events).noneMatch(SchemaChange.class::isInstance);
    assertThat(cells(events)).containsExactly(List.of(1, 2));
  }
}
