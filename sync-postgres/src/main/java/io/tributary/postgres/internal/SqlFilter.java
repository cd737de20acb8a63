package io.tributary.postgres.internal;

import io.tributary.sync.event.RowFilter;
import java.util.List;
import java.util.function.Function;

/** Renders a {@link RowFilter} as a SQL predicate with text parameters cast to the column types. */
final class SqlFilter {

  private SqlFilter() {
  }

  /**
   * @param castOf column name to its type's cast name
   * @param params receives the parameters in order, as PostgreSQL input text
   */
  static String render(RowFilter filter, Function<String, String> castOf, List<String> params) {
    if (filter instanceof RowFilter.All) {
      return "TRUE";
    }
    if (filter instanceof RowFilter.Compare c) {
      params.add(ValueCodec.encode(c.value()));
      String op = switch (c.op()) {
        case EQ -> "=";
        case NE -> "<>";
        case LT -> "<";
        case LE -> "<=";
        case GT -> ">";
        case GE -> ">=";
      };
      return Sql.ident(c.column()) + " " + op + " CAST(? AS " + castOf.apply(c.column()) + ")";
    }
    if (filter instanceof RowFilter.IsNull n) {
      return Sql.ident(n.column()) + " IS NULL";
    }
    if (filter instanceof RowFilter.Not n) {
      return "NOT (" + render(n.filter(), castOf, params) + ")";
    }
    List<RowFilter> parts = filter instanceof RowFilter.And a ? a.filters() : ((RowFilter.Or) filter).filters();
    String joiner = filter instanceof RowFilter.And ? " AND " : " OR ";
    if (parts.isEmpty()) {
      return filter instanceof RowFilter.And ? "TRUE" : "FALSE";
    }
    StringBuilder sb = new StringBuilder("(");
    for (int i = 0; i < parts.size(); i++) {
      sb.append(i == 0 ? "" : joiner).append('(').append(render(parts.get(i), castOf, params)).append(')');
    }
    return sb.append(')').toString();
  }
}
