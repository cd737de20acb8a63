package io.tributary.sync.event;

import java.util.Objects;
import java.util.Optional;

/**
 * A logical column type, wide enough for MySQL and PostgreSQL.
 *
 * <p>Java value classes in rows, by kind: BOOLEAN {@link Boolean}; TINYINT {@link Byte}; SMALLINT {@link Short};
 * INT {@link Integer}; BIGINT {@link Long}; DECIMAL {@link java.math.BigDecimal}; FLOAT {@link Float};
 * DOUBLE {@link Double}; CHAR, VARCHAR, JSON {@link String}; BINARY, VARBINARY {@code byte[]};
 * DATE {@link java.time.LocalDate}; TIME {@link java.time.LocalTime}; TIMESTAMP (wall-clock, no zone)
 * {@link java.time.LocalDateTime}; TIMESTAMP_LTZ (an instant) {@link java.time.Instant}. Sources convert to these
 * classes once, on the same path for snapshot and log reads, so values never drift between phases.
 *
 * @param kind      the type family
 * @param precision length for CHAR/VARCHAR/BINARY/VARBINARY ({@link #MAX_LENGTH} = unbounded), precision for
 *                  DECIMAL, fractional-second digits (0-9) for TIME/TIMESTAMP/TIMESTAMP_LTZ, 0 otherwise
 * @param scale     scale for DECIMAL, 0 otherwise
 * @param nullable  whether the column accepts null
 */
public record DataType(Kind kind, int precision, int scale, boolean nullable) {

  /** Length of an unbounded string or binary type. */
  public static final int MAX_LENGTH = Integer.MAX_VALUE;
  /** Largest DECIMAL precision supported by the targets (Paimon's and SQL's 38). */
  public static final int MAX_DECIMAL_PRECISION = 38;

  /** Type families. */
  public enum Kind {
    BOOLEAN, TINYINT, SMALLINT, INT, BIGINT, DECIMAL, FLOAT, DOUBLE,
    CHAR, VARCHAR, BINARY, VARBINARY, DATE, TIME, TIMESTAMP, TIMESTAMP_LTZ, JSON;

    boolean isInteger() {
      return this == TINYINT || this == SMALLINT || this == INT || this == BIGINT;
    }

    boolean isString() {
      return this == CHAR || this == VARCHAR;
    }

    boolean isBinary() {
      return this == BINARY || this == VARBINARY;
    }
  }

  public DataType {
    Objects.requireNonNull(kind, "kind");
    if (precision < 0 || scale < 0) {
      throw new IllegalArgumentException("precision and scale must be >= 0, got " + precision + "," + scale);
    }
    if (kind == Kind.DECIMAL && (precision < 1 || precision > MAX_DECIMAL_PRECISION || scale > precision)) {
      throw new IllegalArgumentException(
          "DECIMAL(" + precision + "," + scale + ") is out of range: need 1 <= precision <= 38, scale <= precision");
    }
    if ((kind == Kind.TIME || kind == Kind.TIMESTAMP || kind == Kind.TIMESTAMP_LTZ) && precision > 9) {
      throw new IllegalArgumentException(kind + " precision must be 0..9, got " + precision);
    }
  }

  public static DataType booleanType() { return of(Kind.BOOLEAN); }
  public static DataType tinyint() { return of(Kind.TINYINT); }
  public static DataType smallint() { return of(Kind.SMALLINT); }
  public static DataType intType() { return of(Kind.INT); }
  public static DataType bigint() { return of(Kind.BIGINT); }
  public static DataType floatType() { return of(Kind.FLOAT); }
  public static DataType doubleType() { return of(Kind.DOUBLE); }
  public static DataType date() { return of(Kind.DATE); }
  public static DataType json() { return of(Kind.JSON); }

  public static DataType decimal(int precision, int scale) {
    return new DataType(Kind.DECIMAL, precision, scale, true);
  }

  public static DataType charType(int length) { return new DataType(Kind.CHAR, length, 0, true); }
  public static DataType varchar(int length) { return new DataType(Kind.VARCHAR, length, 0, true); }
  /** An unbounded string: VARCHAR({@link #MAX_LENGTH}). */
  public static DataType string() { return varchar(MAX_LENGTH); }
  public static DataType binary(int length) { return new DataType(Kind.BINARY, length, 0, true); }
  public static DataType varbinary(int length) { return new DataType(Kind.VARBINARY, length, 0, true); }
  /** Unbounded bytes: VARBINARY({@link #MAX_LENGTH}). */
  public static DataType bytes() { return varbinary(MAX_LENGTH); }
  public static DataType time(int precision) { return new DataType(Kind.TIME, precision, 0, true); }
  /** Timestamp without time zone (a wall-clock reading), fractional digits 0-9. */
  public static DataType timestamp(int precision) { return new DataType(Kind.TIMESTAMP, precision, 0, true); }
  /** Timestamp with local time zone semantics (an instant), fractional digits 0-9. */
  public static DataType timestampLtz(int precision) { return new DataType(Kind.TIMESTAMP_LTZ, precision, 0, true); }

  private static DataType of(Kind kind) {
    return new DataType(kind, 0, 0, true);
  }

  public DataType notNull() {
    return nullable ? new DataType(kind, precision, scale, false) : this;
  }

  public DataType withNullable(boolean value) {
    return value == nullable ? this : new DataType(kind, precision, scale, value);
  }

  /**
   * Whether every value of this type is represented exactly by {@code target}: the same type, a wider integer,
   * an integer to a DECIMAL with enough integer digits, FLOAT to DOUBLE, a longer string or binary, a DECIMAL with
   * at least as many integer and fraction digits, or a finer time precision. Nullability is not considered.
   */
  public boolean widensLosslesslyTo(DataType target) {
    Kind to = target.kind;
    if (kind == to) {
      return switch (kind) {
        case DECIMAL -> target.scale >= scale && target.precision - target.scale >= precision - scale;
        case CHAR, VARCHAR, BINARY, VARBINARY, TIME, TIMESTAMP, TIMESTAMP_LTZ -> target.precision >= precision;
        default -> true;
      };
    }
    if (kind.isInteger() && to.isInteger()) {
      return to.ordinal() > kind.ordinal();
    }
    if (kind.isInteger() && to == Kind.DECIMAL) {
      return target.precision - target.scale >= integerDigits(kind);
    }
    if (kind == Kind.FLOAT && to == Kind.DOUBLE) {
      return true;
    }
    if (kind.isString() && to == Kind.VARCHAR) {
      return target.precision >= precision;
    }
    if (kind == Kind.BINARY && to == Kind.VARBINARY) {
      return target.precision >= precision;
    }
    return false;
  }

  /**
   * The narrowest type that holds every value of both types exactly, if there is one. Used to merge the columns
   * of heterogeneous shards into one virtual table. The result is nullable if either input is.
   */
  public static Optional<DataType> commonWidening(DataType a, DataType b) {
    boolean nullable = a.nullable || b.nullable;
    if (a.widensLosslesslyTo(b)) {
      return Optional.of(b.withNullable(nullable));
    }
    if (b.widensLosslesslyTo(a)) {
      return Optional.of(a.withNullable(nullable));
    }
    Kind ka = a.kind;
    Kind kb = b.kind;
    if (ka == Kind.DECIMAL || kb == Kind.DECIMAL) {
      int intDigits = Math.max(integerDigitsOf(a), integerDigitsOf(b));
      int scale = Math.max(a.kind == Kind.DECIMAL ? a.scale : 0, b.kind == Kind.DECIMAL ? b.scale : 0);
      boolean exact = (ka == Kind.DECIMAL || ka.isInteger()) && (kb == Kind.DECIMAL || kb.isInteger());
      if (exact && intDigits + scale <= MAX_DECIMAL_PRECISION) {
        return Optional.of(new DataType(Kind.DECIMAL, intDigits + scale, scale, nullable));
      }
      return Optional.empty();
    }
    if (ka.isString() && kb.isString()) {
      return Optional.of(new DataType(Kind.VARCHAR, Math.max(a.precision, b.precision), 0, nullable));
    }
    if (ka.isBinary() && kb.isBinary()) {
      return Optional.of(new DataType(Kind.VARBINARY, Math.max(a.precision, b.precision), 0, nullable));
    }
    return Optional.empty();
  }

  private static int integerDigitsOf(DataType t) {
    return t.kind == Kind.DECIMAL ? t.precision - t.scale : integerDigits(t.kind);
  }

  private static int integerDigits(Kind integerKind) {
    return switch (integerKind) {
      case TINYINT -> 3;
      case SMALLINT -> 5;
      case INT -> 10;
      case BIGINT -> 19;
      default -> throw new IllegalArgumentException(integerKind + " is not an integer kind");
    };
  }

  /** SQL-like rendering, e.g. {@code DECIMAL(10,2) NOT NULL}, {@code VARCHAR(MAX)}. */
  @Override
  public String toString() {
    String base = switch (kind) {
      case DECIMAL -> "DECIMAL(" + precision + "," + scale + ")";
      case CHAR, VARCHAR, BINARY, VARBINARY ->
          kind + "(" + (precision == MAX_LENGTH ? "MAX" : String.valueOf(precision)) + ")";
      case TIME, TIMESTAMP, TIMESTAMP_LTZ -> kind + "(" + precision + ")";
      default -> kind.name();
    };
    return nullable ? base : base + " NOT NULL";
  }
}
