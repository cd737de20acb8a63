package io.tributary.mysql;

import io.tributary.mysql.internal.Jdbc;
import io.tributary.mysql.internal.MySqlConfig;
import io.tributary.mysql.internal.MySqlTable;
import io.tributary.mysql.internal.SchemaReader;
import io.tributary.sync.event.ChangeEvent;
import io.tributary.sync.event.SchemaChange;
import io.tributary.sync.event.TableDropped;
import io.tributary.sync.event.TableId;
import io.tributary.sync.event.TableNeedsResync;
import io.tributary.sync.event.TableSchema;
import io.tributary.sync.event.TableTruncated;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One corpus case on the server: runs its statements and rows, then compares what the log said with the server. */
final class CorpusCase {

  /** The layouts the log has told of so far, table by table, and the tables it gave up on. */
  static final class Tracked {
    final Map<TableId, TableSchema> schemas;
    final Map<TableId, TableNeedsResync> resyncs = new HashMap<>();

    Tracked(Map<TableId, TableSchema> initial) {
      schemas = new HashMap<>(initial);
    }

    void apply(List<ChangeEvent> events) {
      for (ChangeEvent e : events) {
        if (e instanceof SchemaChange s) {
          schemas.put(s.table(), s.newSchema());
        } else if (e instanceof TableDropped d) {
          schemas.remove(d.table());
        } else if (e instanceof TableNeedsResync r) {
          schemas.remove(r.table());
          resyncs.put(r.table(), r);
        }
      }
    }
  }

  private static final Pattern TRUNCATE = Pattern.compile("(?is)\\s*truncate\\s+(?:table\\s+)?`?(\\w+)`?\\s*");

  private final DdlCorpus.Case c;
  private final Set<TableId> captured;
  private final MySqlConfig config;
  private final Jdbc jdbc;
  private final CorpusFailures failures;
  /** Tables whose tracking already went wrong in this case: later statements would only repeat the failure. */
  private final Set<TableId> diverged = new HashSet<>();
  private final Map<TableId, CorpusRows.Written> written = new HashMap<>();
  private Map<TableId, MySqlTable> server = Map.of();

  CorpusCase(DdlCorpus.Case c, Set<TableId> captured, MySqlConfig config, Jdbc jdbc, CorpusFailures failures) {
    this.c = c;
    this.captured = captured;
    this.config = config;
    this.jdbc = jdbc;
    this.failures = failures;
  }

  /** Runs one statement; false when the server refuses it (counted, and skipped). */
  boolean execute(Statement s, String sql) {
    try {
      s.execute(sql);
      failures.count("statements run");
      return true;
    } catch (SQLException e) {
      failures.count("statements refused by the server (skipped)");
      failures.note("refused by the server: " + c + ": " + sql.replace('\n', ' ') + ": " + e.getMessage());
      return false;
    }
  }

  /** After {@code sql} and the events the log gave for it: each captured table's tracked layout is the server's. */
  void checkLayouts(Tracked tracked, List<ChangeEvent> events, String sql) {
    try {
      server = new SchemaReader(config, jdbc).read(List.of(c.database()));
    } catch (RuntimeException e) {
      for (TableId id : captured) {
        if (!diverged.contains(id) && !tracked.resyncs.containsKey(id)) {
          fail(id, sql, "server layout not mappable by discovery, and no TableNeedsResync", e.getMessage());
        }
      }
      return;
    }
    boolean rowsWithoutEvents = DdlCorpusIT.changesRowsWithoutEvents(sql);
    for (TableId id : captured) {
      if (diverged.contains(id)) {
        continue;
      }
      TableNeedsResync resync = tracked.resyncs.get(id);
      if (resync != null) {
        if (events.contains(resync) && !rowsWithoutEvents) {
          fail(id, sql, "TableNeedsResync for DDL the log can carry", resync.reason());
        } else if (events.contains(resync)) {
          failures.count("resyncs for rows changed without row events (right)");
        }
        diverged.add(id); // not tracked from here on, by design
        continue;
      }
      if (rowsWithoutEvents && server.containsKey(id) && names(sql, id.table())
          && events.stream().noneMatch(e -> e instanceof TableTruncated t && t.table().equals(id))) {
        fail(id, sql, "rows changed without row events, but no TableNeedsResync", id.table());
      }
      Matcher truncate = TRUNCATE.matcher(sql);
      if (truncate.matches() && truncate.group(1).equalsIgnoreCase(id.table())
          && events.stream().noneMatch(e -> e instanceof TableTruncated t && t.table().equals(id))) {
        fail(id, sql, "TRUNCATE without a TableTruncated event", id.table());
      }
      MySqlTable expected = server.get(id);
      TableSchema got = tracked.schemas.get(id);
      if (expected == null && got != null) {
        fail(id, sql, "table gone on the server but still tracked", id.table() + " tracked as " + describe(got));
      } else if (expected != null && got == null) {
        fail(id, sql, "table on the server but no longer tracked", id.table() + " is " + describe(expected.schema()));
      } else if (expected != null && (!expected.schema().columns().equals(got.columns())
          || !expected.schema().primaryKey().equals(got.primaryKey()))) {
        fail(id, sql, layoutKind(expected.schema(), got), "table " + id.table() + "\nexpected: "
            + describe(expected.schema()) + "\ntracked:  " + describe(got));
      }
    }
  }

  /** Whether {@code sql} names the table (the partner of an EXCHANGE PARTITION too). */
  private static boolean names(String sql, String table) {
    return Pattern.compile("(?i)(^|[^\\w$])`?" + Pattern.quote(table) + "`?($|[^\\w$])").matcher(sql).find();
  }

  private void fail(TableId id, String sql, String kind, String detail) {
    diverged.add(id);
    failures.fail(c, sql, kind, detail);
  }

  /** Writes rows touching every column into each captured table still tracked correctly. */
  void writeRows(Connection conn) throws SQLException {
    for (TableId id : captured) {
      MySqlTable t = server.get(id);
      if (t != null && !diverged.contains(id)) {
        written.put(id, CorpusRows.write(conn, id.table(), CorpusRows.columns(conn, id.database(), id.table()),
            t.schema().primaryKey()));
      }
    }
  }

  /** The rows' last images in the log must equal what the snapshot path reads for them. */
  void checkRows(List<ChangeEvent> events) throws InterruptedException {
    for (Map.Entry<TableId, CorpusRows.Written> w : written.entrySet()) {
      new CorpusRowCheck(c, config, jdbc, failures).check(w.getKey(), w.getValue(), server.get(w.getKey()), events);
    }
  }

  /** Names the first difference, for grouping failures by cause. */
  private static String layoutKind(TableSchema expected, TableSchema got) {
    List<String> e = expected.columnNames();
    List<String> g = got.columnNames();
    if (!new java.util.HashSet<>(lower(e)).equals(new java.util.HashSet<>(lower(g)))) {
      return "layout: column set differs";
    }
    if (!lower(e).equals(lower(g))) {
      return "layout: column order differs";
    }
    if (!e.equals(g)) {
      return "layout: column name case differs";
    }
    for (int i = 0; i < e.size(); i++) {
      var et = expected.columns().get(i).type();
      var gt = got.columns().get(i).type();
      if (!et.withNullable(true).equals(gt.withNullable(true))) {
        return "layout: column type differs";
      }
      if (et.nullable() != gt.nullable()) {
        return "layout: nullability differs";
      }
    }
    return "layout: primary key differs";
  }

  private static List<String> lower(List<String> names) {
    return names.stream().map(n -> n.toLowerCase(java.util.Locale.ROOT)).toList();
  }

  private static String describe(TableSchema s) {
    return s.columns() + " PK" + s.primaryKey();
  }

}
