package io.tributary.examples;

import io.tributary.sync.SyncPipeline;
import io.tributary.sync.event.Row;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The examples' checks of their own outcome: each throws {@link IllegalStateException} when it is wrong. */
final class ExampleChecks {

  private ExampleChecks() {
  }

  /** Waits until the pipeline has caught up, or throws with its status. */
  static void caughtUp(SyncPipeline pipeline, Duration timeout) throws InterruptedException {
    if (!pipeline.awaitCaughtUp(timeout)) {
      throw new IllegalStateException("not caught up within " + timeout + ": " + pipeline.status());
    }
  }

  /** A target row's values as a list, comparable with the source rows'. */
  static List<Object> values(Row row) {
    return Arrays.asList(row.values());
  }

  /** Throws unless the source and target rows are the same rows (compared as sets, and by count). */
  static void sameRows(String what, Collection<List<Object>> source, Collection<List<Object>> target) {
    Set<List<Object>> expected = new HashSet<>(source);
    Set<List<Object>> actual = new HashSet<>(target);
    if (!expected.equals(actual) || source.size() != target.size()) {
      Set<List<Object>> missing = new HashSet<>(expected);
      missing.removeAll(actual);
      Set<List<Object>> extra = new HashSet<>(actual);
      extra.removeAll(expected);
      throw new IllegalStateException(what + ": source (" + source.size() + " rows) and target (" + target.size()
          + " rows) differ: " + missing.size() + " rows missing, " + extra.size() + " unexpected; e.g. "
          + missing.stream().limit(3).toList() + " / " + extra.stream().limit(3).toList());
    }
  }

  /**
   * Column {@code column} of the current row as the target holds it ({@code DATE} as {@code LocalDate},
   * {@code TIMESTAMP} as {@code LocalDateTime}); null when the result has no such column (a shard without it).
   */
  static Object sourceValue(ResultSet rs, ResultSetMetaData md, String column) throws SQLException {
    for (int i = 1; i <= md.getColumnCount(); i++) {
      if (md.getColumnLabel(i).equals(column)) {
        Object v = rs.getObject(i);
        return v instanceof java.sql.Date d ? d.toLocalDate()
            : v instanceof java.sql.Timestamp ts ? ts.toLocalDateTime() : v;
      }
    }
    return null;
  }

  /** Throws with {@code message} unless {@code condition} holds. */
  static void check(boolean condition, String message) {
    if (!condition) {
      throw new IllegalStateException(message);
    }
  }
}
