package io.tributary.mysql;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.mysql.internal.Jdbc;
import io.tributary.mysql.internal.MySqlConfig;
import io.tributary.mysql.internal.MySqlTable;
import io.tributary.mysql.internal.SchemaReader;
import io.tributary.sync.event.ChangeEvent;
import io.tributary.sync.event.Heartbeat;
import io.tributary.sync.event.RowChange;
import io.tributary.sync.event.TableId;
import io.tributary.sync.event.TableNeedsResync;
import io.tributary.sync.event.TableSchema;
import io.tributary.sync.spi.LogStream;
import io.tributary.sync.spi.StartPosition;
import io.tributary.sync.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Runs the real-world DDL corpus ({@link DdlCorpus}) through one binlog read and checks, per case, that the layout
 * Tributary tracks equals what discovery reads from the server now, and that rows written after the DDL decode to
 * what the snapshot path reads for them. Every failing case is collected and reported at once.
 *
 * <p>Speed: every case's tables are created up front, each case in a database of its own, and one log is read
 * across all cases; a marker row after each case delimits its events. A failed read (a decoder error) is reported
 * for its case and the log reopened for the cases after it.
 */
class DdlCorpusIT {

  private static final String MARKER_DB = "ddlc_marker";
  private static final Duration MARKER_WAIT = Duration.ofSeconds(20);

  /**
   * Statements that change rows without row events, or make the table system-versioned (hidden row_start/row_end
   * columns and history rows): for these a {@link TableNeedsResync} is the right answer (and no signal at all is a
   * failure). A resync for any other statement is a failure: it is DDL the log can carry.
   */
  static final List<Pattern> ROWS_WITHOUT_EVENTS = List.of(
      Pattern.compile("(?is)^\\s*ALTER\\b.*\\bTRUNCATE\\s+PARTITION\\b"),
      Pattern.compile("(?is)^\\s*ALTER\\b.*\\bDROP\\s+PARTITION\\b"),
      Pattern.compile("(?is)^\\s*ALTER\\b.*\\bEXCHANGE\\s+PARTITION\\b"),
      Pattern.compile("(?is)^\\s*ALTER\\b.*\\bCONVERT\\s+PARTITION\\b"),
      Pattern.compile("(?is)^\\s*ALTER\\b.*\\bCONVERT\\s+TABLE\\b.*\\bTO\\s+PARTITION\\b"),
      Pattern.compile("(?is)^\\s*ALTER\\b.*\\b(DISCARD|IMPORT)\\s+TABLESPACE\\b"),
      Pattern.compile("(?is)^\\s*ALTER\\b.*\\b(ADD|DROP)\\s+SYSTEM\\s+VERSIONING\\b"),
      Pattern.compile("(?is)^\\s*CREATE\\b.*\\bWITH\\s+SYSTEM\\s+VERSIONING\\b"));

  private final CorpusFailures failures = new CorpusFailures();
  private MySqlConfig config;
  private Jdbc jdbc;
  private int markers;
  private final Map<String, Map<TableId, MySqlTable>> initial = new HashMap<>();
  private Statement markerWriter;

  @Test
  void trackedLayoutsAndRowsMatchTheServer() throws Exception {
    // -Dddl.corpus.only=<regex> runs the cases whose file, name or origin matches (to reproduce one failure).
    Pattern only = Pattern.compile(System.getProperty("ddl.corpus.only", ""));
    List<DdlCorpus.Case> cases = DdlCorpus.load().stream().filter(k -> only.matcher(k.toString()).find()).toList();
    assertThat(cases).as("corpus cases").isNotEmpty();
    long t0 = System.nanoTime();
    dropCorpusDatabases();
    List<DdlCorpus.Case> runnable = setUp(cases);
    config = config();
    try (MySqlSource source = MySqlSource.create(config, MySqlSource.WatermarkMethod.AUTO);
         Jdbc j = new Jdbc(config)) {
      jdbc = j;
      discover(runnable);
      int next = 0;
      while (next < runnable.size()) {
        next = session(source, runnable.subList(next, runnable.size())) + next;
      }
    } finally {
      dropCorpusDatabases(); // hundreds of databases would slow every later IT's unfiltered discovery
    }
    String report = failures.report();
    Path file = Path.of("target", "ddl-corpus-report.txt");
    Files.writeString(file, report);
    System.out.println(report);
    System.out.printf("DDL corpus: %d cases, %d failures, %.1f s; report in %s%n", cases.size(), failures.size(),
        (System.nanoTime() - t0) / 1e9, file.toAbsolutePath());
    assertThat(failures.isEmpty()).as(report).isTrue();
  }

  /** Creates every case's database and runs its setup; returns the cases whose setup the server accepted. */
  private List<DdlCorpus.Case> setUp(List<DdlCorpus.Case> cases) throws SQLException {
    Sources.builder(MARKER_DB); // creates the least-privilege user
    MySqlTestServer.execute("CREATE DATABASE " + MARKER_DB, "CREATE TABLE " + MARKER_DB + ".m (id INT PRIMARY KEY)");
    List<DdlCorpus.Case> ok = new ArrayList<>();
    try (Connection c = MySqlTestServer.connect(); Statement s = c.createStatement()) {
      for (DdlCorpus.Case k : cases) {
        s.execute("CREATE DATABASE " + k.database());
        s.execute("USE " + k.database());
        s.execute("SET SESSION foreign_key_checks = 0");
        String refused = null;
        for (String sql : k.setup()) {
          try {
            s.execute(sql);
          } catch (SQLException e) {
            refused = sql + ": " + e.getMessage();
            break;
          }
        }
        if (refused == null) {
          ok.add(k);
        } else {
          failures.count("cases skipped: setup refused by the server");
          failures.note("setup refused, case skipped: " + k + ": " + refused);
        }
      }
    }
    return ok;
  }

  private static void dropCorpusDatabases() throws SQLException {
    List<String> old = new ArrayList<>();
    try (Connection c = MySqlTestServer.connect(); Statement s = c.createStatement()) {
      try (var rs = s.executeQuery("SELECT SCHEMA_NAME FROM information_schema.SCHEMATA "
          + "WHERE SCHEMA_NAME LIKE 'ddlc\\_%'")) {
        while (rs.next()) {
          old.add(rs.getString(1));
        }
      }
      s.execute("SET SESSION foreign_key_checks = 0");
      for (String db : old) {
        s.execute("DROP DATABASE `" + db + "`");
      }
    }
  }

  private MySqlConfig config() {
    TestServer s = MySqlTestServer.get();
    return new MySqlConfig("src", s.host(), s.port(), Sources.USER, Sources.PASSWORD,
        List.of(Pattern.compile("ddlc_.*")), List.of(), List.of(), List.of(), null, 5400, 6400, 1000, 2,
        Duration.ofSeconds(10), Duration.ofMillis(200), 8192, Map.of());
  }

  /**
   * Each case's layouts after its setup, read once: a reopened log starts with the untouched cases' layouts. One
   * query for all, and one per case when a layout is not discoverable (such a case is skipped).
   */
  private void discover(List<DdlCorpus.Case> cases) {
    SchemaReader reader = new SchemaReader(config, jdbc);
    Map<TableId, MySqlTable> all;
    try {
      all = reader.read(cases.stream().map(DdlCorpus.Case::database).toList());
    } catch (RuntimeException e) {
      all = null;
    }
    for (DdlCorpus.Case k : cases) {
      if (all != null) {
        Map<TableId, MySqlTable> t = new LinkedHashMap<>();
        all.forEach((id, table) -> {
          if (id.database().equals(k.database())) {
            t.put(id, table);
          }
        });
        initial.put(k.database(), t);
        continue;
      }
      try {
        initial.put(k.database(), reader.read(List.of(k.database())));
      } catch (RuntimeException e) {
        failures.count("cases skipped: setup layout not discoverable");
        failures.note("discovery refused the setup, case skipped: " + k + ": " + e.getMessage());
      }
    }
  }

  /** Runs cases on one log until they are done or the log fails; returns how many were consumed. */
  private int session(MySqlSource source, List<DdlCorpus.Case> cases) throws Exception {
    Map<TableId, TableSchema> schemas = new LinkedHashMap<>();
    for (DdlCorpus.Case k : cases) {
      Map<TableId, MySqlTable> t = initial.get(k.database());
      if (t != null) {
        t.forEach((id, table) -> schemas.put(id, table.schema()));
      }
    }
    SchemaReader reader = new SchemaReader(config, jdbc);
    TableId marker = TableId.of("src", MARKER_DB, "m");
    schemas.put(marker, reader.read(List.of(MARKER_DB)).get(marker).schema());
    CorpusCase.Tracked tracked = new CorpusCase.Tracked(schemas);
    int done = 0;
    try (LogStream log = source.openLog(StartPosition.latest(), schemas);
         Connection conn = MySqlTestServer.connect(); Statement s = conn.createStatement();
         Connection markerConn = MySqlTestServer.connect(); Statement m = markerConn.createStatement()) {
      markerWriter = m;
      s.execute("SET SESSION foreign_key_checks = 0");
      for (DdlCorpus.Case k : cases) {
        done++;
        if (!initial.containsKey(k.database())) {
          continue;
        }
        s.execute("USE " + k.database());
        CorpusCase run = new CorpusCase(k, initial.get(k.database()).keySet(), config, jdbc, failures);
        String current = null;
        try {
          for (String sql : k.ddl()) {
            current = sql;
            if (run.execute(s, sql)) {
              List<ChangeEvent> events = mark(log, marker);
              tracked.apply(events);
              run.checkLayouts(tracked, events, sql);
            }
          }
          current = null;
          run.writeRows(conn);
          List<ChangeEvent> events = mark(log, marker);
          tracked.apply(events);
          run.checkRows(events);
        } catch (LogFailed e) {
          failures.fail(k, current, "log read failed", String.valueOf(e.getCause().getMessage()));
          return done;
        }
      }
    }
    return done;
  }

  /** Writes the next marker row and returns the events the log gave before it. */
  private List<ChangeEvent> mark(LogStream log, TableId marker) throws InterruptedException {
    int id = ++markers;
    try {
      markerWriter.execute("INSERT INTO " + MARKER_DB + ".m VALUES (" + id + ")");
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    try {
      return readToMarker(log, marker, id);
    } catch (RuntimeException | AssertionError e) {
      throw new LogFailed(e);
    }
  }

  /** The log failed (a decoder error, or the marker never came): the log is reopened for the cases after. */
  private static final class LogFailed extends RuntimeException {
    LogFailed(Throwable cause) {
      super(cause);
    }
  }

  private static List<ChangeEvent> readToMarker(LogStream log, TableId marker, int id) throws InterruptedException {
    List<ChangeEvent> events = new ArrayList<>();
    long deadline = System.nanoTime() + MARKER_WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      for (ChangeEvent e : log.poll(Duration.ofMillis(200))) {
        if (e instanceof RowChange r && r.table().equals(marker)) {
          if (((Number) r.after().get(0)).intValue() == id) {
            return events;
          }
        } else if (!(e instanceof Heartbeat)) {
          events.add(e);
        }
      }
    }
    throw new AssertionError("the marker after the case did not arrive within " + MARKER_WAIT + "; events so far: "
        + events);
  }

  static boolean changesRowsWithoutEvents(String sql) {
    return ROWS_WITHOUT_EVENTS.stream().anyMatch(p -> p.matcher(sql).find());
  }
}
