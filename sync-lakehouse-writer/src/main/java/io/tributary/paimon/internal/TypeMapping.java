package io.tributary.paimon.internal;

import io.tributary.sync.event.DataType;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.paimon.types.DataField;
import org.apache.paimon.types.DataTypeRoot;
import org.apache.paimon.types.DataTypes;
import org.apache.paimon.types.DecimalType;
import org.apache.paimon.types.LocalZonedTimestampType;
import org.apache.paimon.types.TimeType;
import org.apache.paimon.types.TimestampType;

/**
 * Maps core logical types to Paimon types and back (the reverse is used to judge schema changes).
 *
 * <p>Every mapping holds every value of the core type exactly. The one type Paimon cannot hold as such is a TIME
 * finer than milliseconds: Paimon's TIME, whatever its precision, is an int of milliseconds of the day. TIME(0..3)
 * is therefore Paimon TIME(p), while TIME(4..6) is a BIGINT of microseconds of the day and TIME(7..9) a BIGINT of
 * nanoseconds, the column's description saying so ({@code TIME(6) as microseconds of the day}), which is how the
 * reverse mapping recognises it. A BIGINT also holds PostgreSQL's {@code 24:00:00} (86,400,000,000 µs).
 */
public final class TypeMapping {

  /** The finest TIME precision Paimon's TIME type holds (its values are milliseconds of the day). */
  public static final int PAIMON_TIME_MAX_PRECISION = 3;

  private static final Pattern TIME_AS_BIGINT = Pattern.compile("TIME\\((\\d)\\) as (micro|nano)seconds of the day");

  private TypeMapping() {}

  /**
   * Nanoseconds per stored unit of a TIME(precision) column: 1,000,000 (Paimon TIME, milliseconds), 1,000 (BIGINT
   * microseconds) or 1 (BIGINT nanoseconds).
   */
  public static long timeUnitNanos(int precision) {
    return precision <= PAIMON_TIME_MAX_PRECISION ? 1_000_000L : precision <= 6 ? 1_000L : 1L;
  }

  /** The Paimon column description a core type needs to be read back (TIME stored as BIGINT), or null. */
  public static String description(DataType type) {
    if (type.kind() != DataType.Kind.TIME || type.precision() <= PAIMON_TIME_MAX_PRECISION) {
      return null;
    }
    return "TIME(" + type.precision() + ") as " + (type.precision() <= 6 ? "micro" : "nano") + "seconds of the day";
  }

  /** The core type a Paimon column holds, reading a TIME stored as BIGINT from the column's description. */
  public static DataType toCore(DataField field) {
    if (field.type().getTypeRoot() == DataTypeRoot.BIGINT && field.description() != null) {
      Matcher m = TIME_AS_BIGINT.matcher(field.description());
      if (m.matches()) {
        return DataType.time(Integer.parseInt(m.group(1))).withNullable(field.type().isNullable());
      }
    }
    return toCore(field.type());
  }

  /** The Paimon type holding every value of {@code type} exactly, with the same nullability. */
  public static org.apache.paimon.types.DataType toPaimon(DataType type) {
    int p = type.precision();
    org.apache.paimon.types.DataType out = switch (type.kind()) {
      case BOOLEAN -> DataTypes.BOOLEAN();
      case TINYINT -> DataTypes.TINYINT();
      case SMALLINT -> DataTypes.SMALLINT();
      case INT -> DataTypes.INT();
      case BIGINT -> DataTypes.BIGINT();
      case DECIMAL -> DataTypes.DECIMAL(p, type.scale());
      case FLOAT -> DataTypes.FLOAT();
      case DOUBLE -> DataTypes.DOUBLE();
      // Paimon rejects length 0; MySQL's CHAR(0) holds only '' or null, so length 1 is lossless.
      case CHAR -> DataTypes.CHAR(Math.max(p, 1));
      case VARCHAR -> p == DataType.MAX_LENGTH ? DataTypes.STRING() : DataTypes.VARCHAR(Math.max(p, 1));
      case JSON -> DataTypes.STRING();
      case BINARY -> DataTypes.BINARY(Math.max(p, 1));
      case VARBINARY -> p == DataType.MAX_LENGTH ? DataTypes.BYTES() : DataTypes.VARBINARY(Math.max(p, 1));
      case DATE -> DataTypes.DATE();
      case TIME -> p <= PAIMON_TIME_MAX_PRECISION ? DataTypes.TIME(p) : DataTypes.BIGINT();
      case TIMESTAMP -> DataTypes.TIMESTAMP(p);
      case TIMESTAMP_LTZ -> DataTypes.TIMESTAMP_WITH_LOCAL_TIME_ZONE(p);
    };
    return out.copy(type.nullable());
  }

  /**
   * The core type a Paimon type holds (without the column's description: see {@link #toCore(DataField)}). JSON columns come back as unbounded VARCHAR, which is what they are in
   * the table; a table whose JSON column is compared with a JSON target type is therefore unchanged.
   */
  public static DataType toCore(org.apache.paimon.types.DataType type) {
    DataTypeRoot root = type.getTypeRoot();
    int len = DataTypes.getLength(type).orElse(0);
    DataType out = switch (root) {
      case BOOLEAN -> DataType.booleanType();
      case TINYINT -> DataType.tinyint();
      case SMALLINT -> DataType.smallint();
      case INTEGER -> DataType.intType();
      case BIGINT -> DataType.bigint();
      case DECIMAL -> DataType.decimal(((DecimalType) type).getPrecision(), ((DecimalType) type).getScale());
      case FLOAT -> DataType.floatType();
      case DOUBLE -> DataType.doubleType();
      case CHAR -> DataType.charType(len);
      case VARCHAR -> DataType.varchar(len);
      case BINARY -> DataType.binary(len);
      case VARBINARY -> DataType.varbinary(len);
      case DATE -> DataType.date();
      case TIME_WITHOUT_TIME_ZONE -> DataType.time(((TimeType) type).getPrecision());
      case TIMESTAMP_WITHOUT_TIME_ZONE -> DataType.timestamp(((TimestampType) type).getPrecision());
      case TIMESTAMP_WITH_LOCAL_TIME_ZONE -> DataType.timestampLtz(((LocalZonedTimestampType) type).getPrecision());
      default -> throw new IllegalArgumentException("Paimon type " + type + " has no Tributary equivalent");
    };
    return out.withNullable(type.isNullable());
  }

  /**
   * Whether two core types are stored alike, nullability aside (e.g. JSON and VARCHAR(MAX), or TIME(4) and TIME(6),
   * both BIGINT microseconds; but not TIME(6) and BIGINT).
   */
  public static boolean samePaimonType(DataType a, DataType b) {
    return toPaimon(a).copy(true).equals(toPaimon(b).copy(true)) && timeUnit(a) == timeUnit(b);
  }

  private static long timeUnit(DataType t) {
    return t.kind() == DataType.Kind.TIME ? timeUnitNanos(t.precision()) : 0;
  }
}
