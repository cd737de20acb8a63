package io.tributary.mysql;

import io.tributary.mysql.internal.Jdbc;
import io.tributary.mysql.internal.MySqlConfig;
import io.tributary.mysql.internal.MySqlTable;
import io.tributary.mysql.internal.SnapshotReader;
import io.tributary.sync.event.ChangeEvent;
import io.tributary.sync.event.Row;
import io.tributary.sync.event.RowChange;
import io.tributary.sync.event.RowFilter;
import io.tributary.sync.event.TableId;
import io.tributary.sync.event.TableSchema;
import io.tributary.sync.spi.SnapshotChunk;
import io.tributary.sync.spi.SnapshotSink;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The rows a corpus case wrote after its statements: their last images in the log against the snapshot path. */
final class CorpusRowCheck {

  private final DdlCorpus.Case c;
  private final MySqlConfig config;
  private final Jdbc jdbc;
  private final CorpusFailures failures;

  CorpusRowCheck(DdlCorpus.Case c, MySqlConfig config, Jdbc jdbc, CorpusFailures failures) {
    this.c = c;
    this.config = config;
    this.jdbc = jdbc;
    this.failures = failures;
  }

  void check(TableId id, CorpusRows.Written w, MySqlTable expected, List<ChangeEvent> events)
      throws InterruptedException {
    if (w.refused() != null) {
      failures.count("tables whose generated rows the server refused (rows not checked)");
      failures.note("rows refused: " + c + " " + id.table() + ": " + w.refused());
    }
    TableSchema schema = expected.schema();
    int[] key = schema.hasPrimaryKey() ? schema.primaryKeyIndexes() : allColumns(schema);
    Map<Row, Row> decoded = new LinkedHashMap<>();
    for (ChangeEvent e : events) {
      if (e instanceof RowChange r && r.table().equals(id)) {
        if (r.op() == RowChange.Op.UPDATE && schema.hasPrimaryKey()) {
          decoded.remove(r.before().project(key));
        }
        decoded.put((r.op() == RowChange.Op.DELETE ? r.before() : r.after()).project(key),
            r.op() == RowChange.Op.DELETE ? null : r.after());
      }
    }
    if (decoded.size() != w.keys().size()) {
      failures.fail(c, null, "rows: the log did not deliver the rows written", id.table() + ": wrote " + w.keys().size()
          + " rows, decoded " + decoded.values());
    }
    Map<Row, Row> snapshot;
    try {
      snapshot = snapshot(id, expected, key);
    } catch (RuntimeException e) {
      failures.count("tables the snapshot path could not read (rows not checked)");
      failures.note("snapshot read failed: " + c + " " + id.table() + ": " + e.getMessage());
      return;
    }
    List<String> differing = new ArrayList<>();
    boolean charsetOnly = true;
    for (Map.Entry<Row, Row> d : decoded.entrySet()) {
      Row s = snapshot.get(d.getKey());
      charsetOnly &= wrongCharset(s, d.getValue(), d.getKey());
      if (s == null || !Objects.equals(s, d.getValue())) {
        differing.add("snapshot: " + s + "\nlog:      " + d.getValue() + differingTypes(schema, s, d.getValue()));
        failures.count("rows checked (differing)");
      } else {
        failures.count("rows checked (equal)");
      }
    }
    if (!differing.isEmpty()) {
      failures.fail(c, null, charsetOnly ? "rows: text decoded with another character set than the server's"
          : "rows: decoded values differ from the snapshot read", id.table() + " "
          + schema.columnNames() + "\n" + String.join("\n", differing));
    }
  }

  /**
   * Whether every difference is text the log decoded with a character set other than the column's (mojibake of the
   * non-ASCII character the rows carry); a row found under no key counts when its key is such text.
   */
  private static boolean wrongCharset(Row snapshot, Row log, Row key) {
    if (snapshot == null) {
      return log != null && java.util.Arrays.stream(key.values()).anyMatch(CorpusRowCheck::mojibake);
    }
    for (int i = 0; i < snapshot.size(); i++) {
      if (!Objects.deepEquals(snapshot.get(i), log.get(i)) && !mojibake(log.get(i))) {
        return false;
      }
    }
    return true;
  }

  private static boolean mojibake(Object v) {
    return v instanceof String t && (t.indexOf('\uFFFD') >= 0 || t.contains("\u00C3"));
  }

  private static String differingTypes(TableSchema schema, Row s, Row d) {
    if (s == null || d == null) {
      return "";
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < schema.columnCount(); i++) {
      if (!Objects.deepEquals(s.get(i), d.get(i))) {
        out.add(schema.columns().get(i).toString());
      }
    }
    return "\ndiffering columns: " + out;
  }

  private static int[] allColumns(TableSchema schema) {
    int[] all = new int[schema.columnCount()];
    for (int i = 0; i < all.length; i++) {
      all[i] = i;
    }
    return all;
  }

  /** The table as the snapshot path reads it, by key (the whole row when the table has no primary key). */
  private Map<Row, Row> snapshot(TableId id, MySqlTable expected, int[] key) throws InterruptedException {
    TableSchema schema = expected.schema();
    TableSchema keyed = schema.hasPrimaryKey() ? schema
        : new TableSchema(id, schema.columns(), List.of(schema.columns().get(0).name()));
    Map<Row, Row> rows = new HashMap<>();
    new SnapshotReader(config, jdbc, true, t -> expected).read(new SnapshotChunk(id, 0, null, null, RowFilter.all()),
        keyed, new SnapshotSink() {
          @Override
          public void lowWatermark(long seq) {
          }

          @Override
          public void accept(Row row) {
            rows.put(row.project(key), row);
          }

          @Override
          public void highWatermark(long seq) {
          }
        });
    return rows;
  }
}
