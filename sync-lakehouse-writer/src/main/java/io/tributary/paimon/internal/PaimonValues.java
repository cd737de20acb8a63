package io.tributary.paimon.internal;

import io.tributary.sync.ErrorCode;
import io.tributary.sync.SyncException;
import io.tributary.sync.event.Column;
import io.tributary.sync.event.DataType;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import org.apache.paimon.data.BinaryString;
import org.apache.paimon.data.Decimal;
import org.apache.paimon.data.InternalRow;
import org.apache.paimon.data.Timestamp;
import org.apache.paimon.types.DataTypeRoot;

/**
 * Converts single values between core types and Paimon's internal representation, refusing (never truncating) a
 * value the stored type cannot hold exactly. Why a class of its own: these per-type rules (epoch days in an int,
 * TIME units, timestamp ranges and precisions, decimals) are independent of how a row is laid out, which
 * {@link RowConverter} owns; here each rule sits next to its inverse. Stateless.
 */
final class PaimonValues {

  private static final long MICROS_PER_DAY = 86_400_000_000L;

  private PaimonValues() {}

  /**
   * Nanoseconds per stored unit of a TIME column, decided by the stored type: a table made before TIME(p > 3)
   * became BIGINT holds milliseconds (see {@link TypeMapping}); 0 for other types.
   */
  static long timeUnit(DataType t, org.apache.paimon.types.DataType stored) {
    if (t.kind() != DataType.Kind.TIME) {
      return 0;
    }
    boolean paimonTime = stored.getTypeRoot() == DataTypeRoot.TIME_WITHOUT_TIME_ZONE;
    return paimonTime ? 1_000_000L : TypeMapping.timeUnitNanos(t.precision());
  }

  /** Paimon's deduplicate engine ignores a delete's non-key values, but its writer rejects nulls in NOT NULL. */
  static Object placeholder(org.apache.paimon.types.DataType t) {
    return switch (t.getTypeRoot()) {
      case BOOLEAN -> false;
      case TINYINT -> (byte) 0;
      case SMALLINT -> (short) 0;
      case INTEGER, DATE, TIME_WITHOUT_TIME_ZONE -> 0;
      case BIGINT -> 0L;
      case FLOAT -> 0f;
      case DOUBLE -> 0d;
      case DECIMAL -> Decimal.zero(((org.apache.paimon.types.DecimalType) t).getPrecision(),
          ((org.apache.paimon.types.DecimalType) t).getScale());
      case CHAR, VARCHAR -> BinaryString.EMPTY_UTF8;
      case BINARY, VARBINARY -> new byte[0];
      case TIMESTAMP_WITHOUT_TIME_ZONE, TIMESTAMP_WITH_LOCAL_TIME_ZONE -> Timestamp.fromEpochMillis(0);
      default -> throw new IllegalArgumentException("no placeholder for Paimon type " + t);
    };
  }

  /** The bytes a converted value counts against maxFieldBytes (and in a key's variable part). */
  static long sizeOf(Object internal) {
    if (internal instanceof BinaryString s) {
      return s.getSizeInBytes();
    }
    if (internal instanceof byte[] b) {
      return b.length;
    }
    return internal instanceof Decimal d && !Decimal.isCompact(d.precision()) ? 16 : 0;
  }

  /** Converts a non-null core value of column {@code c} to Paimon; {@code timeUnit} as {@link #timeUnit}. */
  static Object toInternal(String table, Column c, Object v, long timeUnit) {
    DataType t = c.type();
    try {
      return switch (t.kind()) {
        case BOOLEAN, TINYINT, SMALLINT, INT, BIGINT, FLOAT, DOUBLE, BINARY, VARBINARY -> v;
        case CHAR, VARCHAR, JSON -> BinaryString.fromString((String) v);
        case DECIMAL -> decimal(table, c, (BigDecimal) v);
        case DATE -> date(table, c, (LocalDate) v);
        case TIME -> time(table, c, (LocalTime) v, timeUnit);
        case TIMESTAMP -> {
          LocalDateTime ldt = (LocalDateTime) v;
          checkTimestamp(table, c, v, ldt.toEpochSecond(ZoneOffset.UTC), ldt.getNano());
          yield Timestamp.fromLocalDateTime(ldt);
        }
        case TIMESTAMP_LTZ -> {
          Instant i = (Instant) v;
          checkTimestamp(table, c, v, i.getEpochSecond(), i.getNano());
          yield instant(i);
        }
      };
    } catch (ClassCastException e) {
      throw SyncException.of(ErrorCode.INTERNAL, "column " + table + "." + c.name() + " of type " + t + " got a "
          + v.getClass().getName() + " (" + v + "); see DataType for the Java class of each type", e);
    }
  }

  /**
   * Paimon's DATE is an int of epoch days (years -5877641..5881580); beyond that (PostgreSQL's date
   * {@code infinity} is {@code LocalDate.MAX}) the value is refused instead of wrapping around.
   */
  private static Object date(String table, Column c, LocalDate v) {
    long days = v.toEpochDay();
    if (days != (int) days) {
      throw unrepresentable(table, c, v, "its column holds epoch days in an int (PostgreSQL's date infinity has no such"
          + " day)");
    }
    return (int) days;
  }

  /**
   * A time of day in the column's unit: Paimon TIME is an int of milliseconds, a BIGINT micro- or nanoseconds.
   * {@link LocalTime#MAX} is PostgreSQL's {@code 24:00:00} (see the PostgreSQL source), stored as a whole day in a
   * BIGINT. A value finer than the unit is refused, never truncated.
   */
  private static Object time(String table, Column c, LocalTime v, long unit) {
    if (v.equals(LocalTime.MAX) && unit != 1L) {
      if (unit == 1_000L) {
        return MICROS_PER_DAY;
      }
      throw unrepresentableTime(table, c, "24:00:00", "milliseconds from 00:00 to 23:59:59.999");
    }
    long nanos = v.toNanoOfDay();
    if (nanos % unit != 0) {
      throw unrepresentableTime(table, c, v.toString(), unit == 1_000_000L ? "milliseconds" : "microseconds");
    }
    return unit == 1_000_000L ? (Object) (int) (nanos / unit) : (Object) (nanos / unit);
  }

  private static SyncException unrepresentableTime(String table, Column c, String value, String holds) {
    return unrepresentable(table, c, value, "the Paimon column holds " + holds + " (TIME(4..6) is stored as BIGINT"
        + " microseconds, which also holds 24:00:00; drop the target table and re-sync after changing the column)");
  }

  private static LocalTime time(long stored, long unit) {
    return unit == 1_000L && stored == MICROS_PER_DAY ? LocalTime.MAX : LocalTime.ofNanoOfDay(stored * unit);
  }

  /**
   * Paimon stores TIMESTAMP(0..3) as epoch milliseconds and TIMESTAMP(4..6) as epoch microseconds (Parquet, ORC and
   * Avro alike), both in a long: a finer fraction or a value beyond that range (PostgreSQL's {@code infinity} is
   * {@code LocalDateTime.MAX}) is refused here, never truncated or left to overflow in a file writer.
   */
  private static void checkTimestamp(String table, Column c, Object v, long epochSecond, int nano) {
    int p = c.type().precision();
    if (p > 6) {
      return;
    }
    long unit = p <= 3 ? 1_000_000L : 1_000L;
    String holds = p <= 3 ? "milliseconds" : "microseconds";
    try { // the range first: PostgreSQL's infinity (LocalDateTime.MAX) also has a fraction finer than the column
      Math.addExact(Math.multiplyExact(epochSecond, 1_000_000_000L / unit), nano / unit);
    } catch (ArithmeticException e) {
      throw unrepresentable(table, c, v, "its column holds epoch " + holds
          + " in a long (PostgreSQL's infinity is beyond it)");
    }
    if (nano % unit != 0) {
      throw unrepresentable(table, c, v, "its column holds " + holds);
    }
  }

  private static SyncException unrepresentable(String table, Column c, Object v, String why) {
    return SyncException.of(ErrorCode.VALUE_NOT_REPRESENTABLE,
        "value " + v + " of column " + table + "." + c.name() + " " + c.type()
        + " cannot be stored exactly: " + why + "; it is not truncated. Declare the column with the precision its"
        + " values have, or keep such values out of the source", null);
  }

  // An instant is stored as UTC epoch millis plus nanos of the milli; negative instants floor like Instant does.
  private static Timestamp instant(Instant i) {
    return Timestamp.fromEpochMillis(Math.addExact(Math.multiplyExact(i.getEpochSecond(), 1000L),
        i.getNano() / 1_000_000), i.getNano() % 1_000_000);
  }

  private static Instant instant(Timestamp ts) {
    return Instant.ofEpochMilli(ts.getMillisecond()).plusNanos(ts.getNanoOfMillisecond());
  }

  private static Decimal decimal(String table, Column c, BigDecimal v) {
    DataType t = c.type();
    Decimal d = Decimal.fromBigDecimal(v, t.precision(), t.scale());
    if (d == null) {
      throw SyncException.of(ErrorCode.VALUE_NOT_REPRESENTABLE,
          "value " + v + " of column " + table + "." + c.name() + " does not fit " + t
          + ": widen the column", null);
    }
    return d;
  }


  /** Reads field {@code p} (not null) of a Paimon row as the core value of type {@code t}. */
  static Object toCore(InternalRow row, int p, DataType t, long timeUnit) {
    return switch (t.kind()) {
      case BOOLEAN -> row.getBoolean(p);
      case TINYINT -> row.getByte(p);
      case SMALLINT -> row.getShort(p);
      case INT -> row.getInt(p);
      case BIGINT -> row.getLong(p);
      case FLOAT -> row.getFloat(p);
      case DOUBLE -> row.getDouble(p);
      case BINARY, VARBINARY -> row.getBinary(p);
      case CHAR, VARCHAR, JSON -> row.getString(p).toString();
      case DECIMAL -> row.getDecimal(p, t.precision(), t.scale()).toBigDecimal();
      case DATE -> LocalDate.ofEpochDay(row.getInt(p));
      case TIME -> timeUnit == 1_000_000L ? LocalTime.ofNanoOfDay(row.getInt(p) * 1_000_000L)
          : time(row.getLong(p), timeUnit);
      case TIMESTAMP -> row.getTimestamp(p, t.precision()).toLocalDateTime();
      case TIMESTAMP_LTZ -> instant(row.getTimestamp(p, t.precision()));
    };
  }
}
