package io.tributary.mysql.internal;

import io.tributary.sync.event.Row;
import io.tributary.sync.event.RowFilter;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** SQL text for key bounds and row filters, with positional parameters. */
final class Sql {

  private Sql() {
  }

  /**
   * {@code key >= bound} (or {@code key < bound}) compared column by column in key order, expanded into
   * OR-of-ANDs so every MySQL version uses the primary-key range.
   */
  static String bound(List<String> keyColumns, Row bound, boolean lowerInclusive, List<Object> params) {
    List<String> terms = new ArrayList<>();
    for (int i = 0; i < keyColumns.size(); i++) {
      StringBuilder t = new StringBuilder("(");
      for (int j = 0; j < i; j++) {
        t.append(keyColumns.get(j)).append(" = ? AND ");
        params.add(bound.get(j));
      }
      boolean last = i == keyColumns.size() - 1;
      String op = lowerInclusive ? (last ? " >= ?" : " > ?") : " < ?";
      t.append(keyColumns.get(i)).append(op).append(')');
      params.add(bound.get(i));
      terms.add(t.toString());
    }
    return "(" + String.join(" OR ", terms) + ")";
  }

  static String filter(RowFilter f, List<Object> params) {
    if (f instanceof RowFilter.All) {
      return "1=1";
    } else if (f instanceof RowFilter.Compare c) {
      params.add(c.value());
      String op = switch (c.op()) {
        case EQ -> "="; case NE -> "<>"; case LT -> "<"; case LE -> "<="; case GT -> ">"; case GE -> ">=";
      };
      return Server.quote(c.column()) + ' ' + op + " ?";
    } else if (f instanceof RowFilter.IsNull n) {
      return Server.quote(n.column()) + " IS NULL";
    } else if (f instanceof RowFilter.And a) {
      return join(a.filters(), " AND ", params);
    } else if (f instanceof RowFilter.Or o) {
      return join(o.filters(), " OR ", params);
    } else if (f instanceof RowFilter.Not n) {
      return "NOT (" + filter(n.filter(), params) + ")";
    }
    throw new IllegalArgumentException("unsupported filter " + f);
  }

  private static String join(List<RowFilter> filters, String sep, List<Object> params) {
    if (filters.isEmpty()) {
      return sep.trim().equals("AND") ? "1=1" : "1=0";
    }
    List<String> parts = new ArrayList<>();
    for (RowFilter f : filters) {
      parts.add("(" + filter(f, params) + ")");
    }
    return String.join(sep, parts);
  }

  /** Binds values of the Java classes of {@code DataType}; sessions run in UTC, so instants bind as UTC text. */
  static void bind(PreparedStatement ps, List<Object> params, int first) throws SQLException {
    int i = first;
    for (Object v : params) {
      if (v instanceof Instant instant) {
        ps.setObject(i++, instant.atOffset(ZoneOffset.UTC).toLocalDateTime());
      } else if (v instanceof byte[] bytes) {
        ps.setBytes(i++, bytes);
      } else {
        ps.setObject(i++, v);
      }
    }
  }
}
