package io.tributary.paimon.internal;

import io.tributary.sync.ErrorCode;
import io.tributary.sync.LimitExceededException;
import io.tributary.sync.SyncException;
import io.tributary.sync.event.Column;
import io.tributary.sync.event.DataType;
import io.tributary.sync.event.Row;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.paimon.data.BinaryString;
import org.apache.paimon.data.Decimal;
import org.apache.paimon.data.GenericRow;
import org.apache.paimon.data.InternalRow;
import org.apache.paimon.data.Timestamp;
import org.apache.paimon.types.DataTypeRoot;
import org.apache.paimon.types.RowKind;
import org.apache.paimon.types.RowType;

/**
 * Converts rows between the core layout (a target's columns, in the pipeline's order) and a Paimon table's layout
 * (its fields, in table order, which differs once columns were added and dropped), checking the size limits on the
 * way in: the UTF-8 bytes of a string are computed by the conversion anyway, so the field check costs nothing extra.
 */
public final class RowConverter {

  private static final long MICROS_PER_DAY = 86_400_000_000L;

  private final String table;
  private final List<Column> columns;
  private final int[] paimonPos;
  private final boolean[] isKey;
  private final int arity;
  private final Limits limits;
  /** Per Paimon position, a value for a NOT NULL non-key field of a delete (whose non-key values are absent). */
  private final Object[] deletePlaceholders;
  /** Per core column, nanoseconds per stored unit of a TIME column (see {@link TypeMapping}); 0 otherwise. */
  private final long[] timeUnit;

  /**
   * @param table   table name for error messages
   * @param columns the core columns, in core row order
   * @param keys    primary-key column names
   * @param rowType the Paimon table's row type; must hold every core column by name
   */
  public RowConverter(String table, List<Column> columns, List<String> keys, RowType rowType, Limits limits) {
    this.table = table;
    this.columns = List.copyOf(columns);
    this.limits = limits;
    this.arity = rowType.getFieldCount();
    this.paimonPos = new int[columns.size()];
    this.isKey = new boolean[columns.size()];
    for (int i = 0; i < columns.size(); i++) {
      String name = columns.get(i).name();
      paimonPos[i] = rowType.getFieldIndex(name);
      if (paimonPos[i] < 0) {
        throw new IllegalStateException("Paimon table " + table + " has no column " + name + ": " + rowType);
      }
      isKey[i] = keys.contains(name);
    }
    this.timeUnit = new long[columns.size()];
    for (int i = 0; i < columns.size(); i++) {
      DataType t = columns.get(i).type();
      if (t.kind() == DataType.Kind.TIME) {
        // Decided by the stored type: a table made before TIME(p > 3) became BIGINT holds milliseconds.
        boolean paimonTime = rowType.getTypeAt(paimonPos[i]).getTypeRoot() == DataTypeRoot.TIME_WITHOUT_TIME_ZONE;
        timeUnit[i] = paimonTime ? 1_000_000L : TypeMapping.timeUnitNanos(t.precision());
      }
    }
    this.deletePlaceholders = new Object[arity];
    for (int i = 0; i < columns.size(); i++) {
      org.apache.paimon.types.DataType t = rowType.getTypeAt(paimonPos[i]);
      if (!isKey[i] && !t.isNullable()) {
        deletePlaceholders[paimonPos[i]] = placeholder(t);
      }
    }
  }

  /** Paimon's deduplicate engine ignores a delete's non-key values, but its writer rejects nulls in NOT NULL. */
  private static Object placeholder(org.apache.paimon.types.DataType t) {
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

  public int arity() {
    return arity;
  }

  /** The Paimon position of core column {@code coreIndex}. */
  public int paimonPosition(int coreIndex) {
    return paimonPos[coreIndex];
  }

  /**
   * Converts a core row into a new Paimon row of {@link #arity()} fields (extra fields left null for the caller).
   *
   * @throws LimitExceededException when a field or the encoded primary key is over its limit
   */
  public GenericRow toPaimon(Row row, RowKind kind) {
    if (row.size() != columns.size()) {
      throw SyncException.of(ErrorCode.INTERNAL,
          "row for table " + table + " has " + row.size() + " values but the table has "
          + columns.size() + " columns " + columns + ": the row was laid out by another schema version", null);
    }
    GenericRow out = new GenericRow(kind, arity);
    // A key encodes like Paimon's BinaryRow: null bits, 8 fixed bytes per field, long variable parts padded to 8.
    long keyBytes = 0;
    int keyFields = 0;
    for (int i = 0; i < paimonPos.length; i++) {
      Object v = row.get(i);
      if (v == null) {
        if (kind == RowKind.DELETE) {
          out.setField(paimonPos[i], deletePlaceholders[paimonPos[i]]);
        }
        if (isKey[i]) {
          keyFields++;
          keyBytes += 8;
        }
        continue;
      }
      Column c = columns.get(i);
      Object internal = toInternal(i, c, v);
      long size = sizeOf(internal);
      if (size > limits.maxFieldBytes()) {
        throw new LimitExceededException("field " + table + "." + c.name() + " is " + size
            + " bytes, over the limit of " + limits.maxFieldBytes() + " bytes (maxFieldBytes): raise the limit and"
            + " re-sync the table; the row was not written");
      }
      if (isKey[i]) {
        keyFields++;
        keyBytes += 8 + (size > 7 ? (size + 7) / 8 * 8 : 0);
      }
      out.setField(paimonPos[i], internal);
    }
    if (keyFields > 0) {
      keyBytes += (keyFields + 63) / 64 * 8;
      if (keyBytes > limits.maxPrimaryKeyBytes()) {
        throw new LimitExceededException("primary key of table " + table + " encodes to " + keyBytes
            + " bytes, over the limit of " + limits.maxPrimaryKeyBytes() + " bytes (maxPrimaryKeyBytes), key "
            + abbreviate(row) + ": raise the limit and re-sync the table; the row was not written");
      }
    }
    return out;
  }

  private String abbreviate(Row row) {
    StringBuilder sb = new StringBuilder("{");
    for (int i = 0; i < isKey.length; i++) {
      if (isKey[i]) {
        String s = String.valueOf(row.get(i));
        sb.append(sb.length() > 1 ? ", " : "").append(columns.get(i).name()).append('=')
            .append(s.length() > 40 ? s.substring(0, 40) + "..." : s);
      }
    }
    return sb.append('}').toString();
  }

  private static long sizeOf(Object internal) {
    if (internal instanceof BinaryString s) {
      return s.getSizeInBytes();
    }
    if (internal instanceof byte[] b) {
      return b.length;
    }
    return internal instanceof Decimal d && !Decimal.isCompact(d.precision()) ? 16 : 0;
  }

  private Object toInternal(int index, Column c, Object v) {
    DataType t = c.type();
    try {
      return switch (t.kind()) {
        case BOOLEAN, TINYINT, SMALLINT, INT, BIGINT, FLOAT, DOUBLE, BINARY, VARBINARY -> v;
        case CHAR, VARCHAR, JSON -> BinaryString.fromString((String) v);
        case DECIMAL -> decimal(c, (BigDecimal) v);
        case DATE -> date(c, (LocalDate) v);
        case TIME -> time(c, (LocalTime) v, timeUnit[index]);
        case TIMESTAMP -> {
          LocalDateTime ldt = (LocalDateTime) v;
          checkTimestamp(c, v, ldt.toEpochSecond(ZoneOffset.UTC), ldt.getNano());
          yield Timestamp.fromLocalDateTime(ldt);
        }
        case TIMESTAMP_LTZ -> {
          Instant i = (Instant) v;
          checkTimestamp(c, v, i.getEpochSecond(), i.getNano());
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
  private Object date(Column c, LocalDate v) {
    long days = v.toEpochDay();
    if (days != (int) days) {
      throw unrepresentable(c, v, "its column holds epoch days in an int (PostgreSQL's date infinity has no such"
          + " day)");
    }
    return (int) days;
  }

  /**
   * A time of day in the column's unit: Paimon TIME is an int of milliseconds, a BIGINT micro- or nanoseconds.
   * {@link LocalTime#MAX} is PostgreSQL's {@code 24:00:00} (see the PostgreSQL source), stored as a whole day in a
   * BIGINT. A value finer than the unit is refused, never truncated.
   */
  private Object time(Column c, LocalTime v, long unit) {
    if (v.equals(LocalTime.MAX) && unit != 1L) {
      if (unit == 1_000L) {
        return MICROS_PER_DAY;
      }
      throw unrepresentableTime(c, "24:00:00", "milliseconds from 00:00 to 23:59:59.999");
    }
    long nanos = v.toNanoOfDay();
    if (nanos % unit != 0) {
      throw unrepresentableTime(c, v.toString(), unit == 1_000_000L ? "milliseconds" : "microseconds");
    }
    return unit == 1_000_000L ? (Object) (int) (nanos / unit) : (Object) (nanos / unit);
  }

  private SyncException unrepresentableTime(Column c, String value, String holds) {
    return unrepresentable(c, value, "the Paimon column holds " + holds + " (TIME(4..6) is stored as BIGINT"
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
  private void checkTimestamp(Column c, Object v, long epochSecond, int nano) {
    int p = c.type().precision();
    if (p > 6) {
      return;
    }
    long unit = p <= 3 ? 1_000_000L : 1_000L;
    String holds = p <= 3 ? "milliseconds" : "microseconds";
    try { // the range first: PostgreSQL's infinity (LocalDateTime.MAX) also has a fraction finer than the column
      Math.addExact(Math.multiplyExact(epochSecond, 1_000_000_000L / unit), nano / unit);
    } catch (ArithmeticException e) {
      throw unrepresentable(c, v, "its column holds epoch " + holds + " in a long (PostgreSQL's infinity is beyond"
          + " it)");
    }
    if (nano % unit != 0) {
      throw unrepresentable(c, v, "its column holds " + holds);
    }
  }

  private SyncException unrepresentable(Column c, Object v, String why) {
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

  private Decimal decimal(Column c, BigDecimal v) {
    DataType t = c.type();
    Decimal d = Decimal.fromBigDecimal(v, t.precision(), t.scale());
    if (d == null) {
      throw SyncException.of(ErrorCode.VALUE_NOT_REPRESENTABLE,
          "value " + v + " of column " + table + "." + c.name() + " does not fit " + t
          + ": widen the column", null);
    }
    return d;
  }

  /** Converts a Paimon row of this table back to a core row in core column order. */
  public Row toCore(InternalRow row) {
    Object[] out = new Object[columns.size()];
    for (int i = 0; i < out.length; i++) {
      int p = paimonPos[i];
      if (row.isNullAt(p)) {
        continue;
      }
      DataType t = columns.get(i).type();
      out[i] = switch (t.kind()) {
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
        case TIME -> timeUnit[i] == 1_000_000L ? LocalTime.ofNanoOfDay(row.getInt(p) * 1_000_000L)
            : time(row.getLong(p), timeUnit[i]);
        case TIMESTAMP -> row.getTimestamp(p, t.precision()).toLocalDateTime();
        case TIMESTAMP_LTZ -> instant(row.getTimestamp(p, t.precision()));
      };
    }
    return Row.of(out);
  }
}
