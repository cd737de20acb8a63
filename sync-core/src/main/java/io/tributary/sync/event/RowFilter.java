package io.tributary.sync.event;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * A row predicate small enough for every source to render as SQL and every writer to evaluate or push down: used by
 * catch-up sync (read the matching source rows, delete the matching target rows, merge) and by scoped overwrites.
 * Comparisons use the Java values of {@link DataType}; a comparison with a null column value is false, as in SQL.
 */
public sealed interface RowFilter {

  /** Matches every row ({@code WHERE 1=1}). */
  static RowFilter all() {
    return All.INSTANCE;
  }

  static RowFilter eq(String column, Object value) { return new Compare(column, Compare.Op.EQ, value); }
  static RowFilter ne(String column, Object value) { return new Compare(column, Compare.Op.NE, value); }
  static RowFilter lt(String column, Object value) { return new Compare(column, Compare.Op.LT, value); }
  static RowFilter le(String column, Object value) { return new Compare(column, Compare.Op.LE, value); }
  static RowFilter gt(String column, Object value) { return new Compare(column, Compare.Op.GT, value); }
  static RowFilter ge(String column, Object value) { return new Compare(column, Compare.Op.GE, value); }

  static RowFilter isNull(String column) { return new IsNull(column); }

  static RowFilter and(RowFilter... filters) { return new And(List.of(filters)); }

  static RowFilter or(RowFilter... filters) { return new Or(List.of(filters)); }

  static RowFilter not(RowFilter filter) { return new Not(filter); }

  /**
   * Rows whose key lies in {@code [lowerInclusive, upperExclusive)}, compared column by column in key order (as a
   * snapshot chunk's range), built from comparisons so every source and writer that renders this interface renders
   * it: {@code (k1 > a1) OR (k1 = a1 AND k2 >= a2)} for a lower bound of two columns, likewise for the upper.
   *
   * @param keyColumns     the key's column names, in key order
   * @param lowerInclusive the lower bound's values in key order, or null for none
   * @param upperExclusive the upper bound's values in key order, or null for none
   */
  static RowFilter keyRange(List<String> keyColumns, Row lowerInclusive, Row upperExclusive) {
    if (keyColumns.isEmpty()) {
      throw new IllegalArgumentException("a key range needs at least one key column");
    }
    RowFilter lower = lowerInclusive == null ? null : bound(keyColumns, lowerInclusive, Compare.Op.GT, Compare.Op.GE);
    RowFilter upper = upperExclusive == null ? null : bound(keyColumns, upperExclusive, Compare.Op.LT, Compare.Op.LT);
    if (lower == null) {
      return upper == null ? all() : upper;
    }
    return upper == null ? lower : and(lower, upper);
  }

  /** The lexicographic bound: strict on every prefix, {@code last} on the whole key. */
  private static RowFilter bound(List<String> keyColumns, Row values, Compare.Op strict, Compare.Op last) {
    if (values.size() != keyColumns.size()) {
      throw new IllegalArgumentException("key bound " + values + " has " + values.size() + " values for key columns "
          + keyColumns);
    }
    RowFilter[] alternatives = new RowFilter[keyColumns.size()];
    for (int i = 0; i < keyColumns.size(); i++) {
      RowFilter[] parts = new RowFilter[i + 1];
      for (int j = 0; j < i; j++) {
        parts[j] = eq(keyColumns.get(j), values.get(j));
      }
      parts[i] = new Compare(keyColumns.get(i), i == keyColumns.size() - 1 ? last : strict, values.get(i));
      alternatives[i] = parts.length == 1 ? parts[0] : and(parts);
    }
    return alternatives.length == 1 ? alternatives[0] : or(alternatives);
  }

  /** Whether {@code row}, laid out by {@code schema}, matches. A column the schema lacks reads as null. */
  boolean test(TableSchema schema, Row row);

  /** Matches everything. */
  enum All implements RowFilter {
    INSTANCE;

    @Override
    public boolean test(TableSchema schema, Row row) {
      return true;
    }

    @Override
    public String toString() {
      return "1=1";
    }
  }

  /** {@code column op value}. */
  record Compare(String column, Op op, Object value) implements RowFilter {
    /** Comparison operators. */
    public enum Op { EQ, NE, LT, LE, GT, GE }

    public Compare {
      Objects.requireNonNull(column, "column");
      Objects.requireNonNull(op, "op");
      Objects.requireNonNull(value, "value (use RowFilter.isNull for nulls)");
    }

    @Override
    public boolean test(TableSchema schema, Row row) {
      int i = schema.indexOf(column);
      Object v = i < 0 ? null : row.get(i);
      if (v == null) {
        return false;
      }
      int c = compareValues(v, value);
      return switch (op) {
        case EQ -> c == 0;
        case NE -> c != 0;
        case LT -> c < 0;
        case LE -> c <= 0;
        case GT -> c > 0;
        case GE -> c >= 0;
      };
    }

    @Override
    public String toString() {
      String sym = switch (op) {
        case EQ -> "="; case NE -> "<>"; case LT -> "<"; case LE -> "<="; case GT -> ">"; case GE -> ">=";
      };
      return column + ' ' + sym + ' ' + (value instanceof String ? "'" + value + "'" : value);
    }
  }

  /** {@code column IS NULL}. */
  record IsNull(String column) implements RowFilter {
    @Override
    public boolean test(TableSchema schema, Row row) {
      int i = schema.indexOf(column);
      return i < 0 || row.get(i) == null;
    }

    @Override
    public String toString() {
      return column + " IS NULL";
    }
  }

  /** All of the filters. */
  record And(List<RowFilter> filters) implements RowFilter {
    public And {
      filters = List.copyOf(filters);
    }

    @Override
    public boolean test(TableSchema schema, Row row) {
      for (RowFilter f : filters) {
        if (!f.test(schema, row)) {
          return false;
        }
      }
      return true;
    }

    @Override
    public String toString() {
      return join(filters, " AND ");
    }
  }

  /** Any of the filters. */
  record Or(List<RowFilter> filters) implements RowFilter {
    public Or {
      filters = List.copyOf(filters);
    }

    @Override
    public boolean test(TableSchema schema, Row row) {
      for (RowFilter f : filters) {
        if (f.test(schema, row)) {
          return true;
        }
      }
      return false;
    }

    @Override
    public String toString() {
      return join(filters, " OR ");
    }
  }

  /** The negation of a filter. */
  record Not(RowFilter filter) implements RowFilter {
    @Override
    public boolean test(TableSchema schema, Row row) {
      return !filter.test(schema, row);
    }

    @Override
    public String toString() {
      return "NOT (" + filter + ")";
    }
  }

  private static String join(List<RowFilter> filters, String sep) {
    StringBuilder sb = new StringBuilder("(");
    for (int i = 0; i < filters.size(); i++) {
      sb.append(i == 0 ? "" : sep).append(filters.get(i));
    }
    return sb.append(')').toString();
  }

  /**
   * Compares two non-null values of compatible classes; numbers compare by value across classes, so a filter written
   * with an {@code int} literal matches a BIGINT column.
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  static int compareValues(Object a, Object b) {
    if (a instanceof Number na && b instanceof Number nb && a.getClass() != b.getClass()) {
      return toBigDecimal(na).compareTo(toBigDecimal(nb));
    }
    if (a instanceof byte[] ba && b instanceof byte[] bb) {
      return java.util.Arrays.compareUnsigned(ba, bb);
    }
    if (a instanceof Comparable ca && a.getClass() == b.getClass()) {
      return ca.compareTo(b);
    }
    throw new IllegalArgumentException("cannot compare " + a.getClass().getSimpleName() + " with "
        + b.getClass().getSimpleName() + ": use a literal of the column's Java type");
  }

  private static BigDecimal toBigDecimal(Number n) {
    if (n instanceof BigDecimal bd) {
      return bd;
    }
    if (n instanceof Double || n instanceof Float) {
      return BigDecimal.valueOf(n.doubleValue());
    }
    return BigDecimal.valueOf(n.longValue());
  }
}
