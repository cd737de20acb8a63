package io.tributary.paimon.internal;

import io.tributary.sync.event.DataType;
import org.apache.paimon.types.DataTypeRoot;
import org.apache.paimon.types.DataTypes;
import org.apache.paimon.types.DecimalType;
import org.apache.paimon.types.LocalZonedTimestampType;
import org.apache.paimon.types.TimeType;
import org.apache.paimon.types.TimestampType;

/** Maps core logical types to Paimon types and back (the reverse is used to judge schema changes). */
public final class TypeMapping {

  private TypeMapping() {}

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
      case TIME -> DataTypes.TIME(p);
      case TIMESTAMP -> DataTypes.TIMESTAMP(p);
      case TIMESTAMP_LTZ -> DataTypes.TIMESTAMP_WITH_LOCAL_TIME_ZONE(p);
    };
    return out.copy(type.nullable());
  }

  /**
   * The core type a Paimon column holds. JSON columns come back as unbounded VARCHAR, which is what they are in
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

  /** Whether two core types land on the same Paimon type, nullability aside (e.g. JSON and VARCHAR(MAX)). */
  public static boolean samePaimonType(DataType a, DataType b) {
    return toPaimon(a).copy(true).equals(toPaimon(b).copy(true));
  }
}
