package io.tributary.postgres.internal;

import io.tributary.sync.event.DataType;

/**
 * Maps a PostgreSQL type and typmod to a {@link ColumnType}. Catalog discovery and pgoutput Relation messages both go
 * through {@link #map}, so a schema read at start and one rebuilt from the WAL compare equal.
 *
 * <p>Choices: unconstrained {@code numeric}, {@code numeric} wider than 38 digits or with a negative scale become
 * strings holding PostgreSQL's exact text (including {@code NaN}); constrained numerics are DECIMAL and a NaN or
 * infinity in one is a clear error. timetz, interval, uuid, inet, cidr, enums, ranges and other types are strings
 * (PostgreSQL's text form); json/jsonb are JSON; arrays are JSON arrays (numbers and booleans unquoted).
 */
public final class TypeMapper {

  private TypeMapper() {
  }

  public static ColumnType map(PgType type, int typmod, TypeRegistry registry) {
    if (type.typtype() == 'd' && type.baseOid() != 0) {
      PgType base = registry.get(type.baseOid());
      ColumnType resolved = map(base, typmod >= 0 ? typmod : type.baseTypmod(), registry);
      return new ColumnType(type.qualifiedName(), resolved.dataType(), resolved.codec(), resolved.elementCodec());
    }
    String cast = type.qualifiedName();
    if (type.category() == 'A' && type.elementOid() != 0) {
      PgType elementType = registry.get(type.elementOid());
      ColumnType element = map(elementType, -1, registry);
      // An element numeric has no typmod, so it maps as unconstrained (a string), but its values are numbers.
      boolean numeric = elementType.schema().equals("pg_catalog") && elementType.name().equals("numeric");
      Codec elementCodec = numeric ? Codec.NUMBER_TEXT : switch (element.codec()) {
        case INT2, INT4, INT8, DECIMAL, FLOAT4, FLOAT8 -> Codec.NUMBER_TEXT;
        case BOOL -> Codec.BOOL;
        default -> Codec.TEXT;
      };
      return new ColumnType(cast, DataType.json(), Codec.ARRAY, elementCodec);
    }
    if (!type.schema().equals("pg_catalog")) {
      return new ColumnType(cast, DataType.string(), Codec.TEXT, null);
    }
    return switch (type.name()) {
      case "int2" -> new ColumnType(cast, DataType.smallint(), Codec.INT2, null);
      case "int4" -> new ColumnType(cast, DataType.intType(), Codec.INT4, null);
      case "int8", "oid" -> new ColumnType(cast, DataType.bigint(), Codec.INT8, null);
      case "numeric" -> numeric(cast, typmod);
      case "float4" -> new ColumnType(cast, DataType.floatType(), Codec.FLOAT4, null);
      case "float8" -> new ColumnType(cast, DataType.doubleType(), Codec.FLOAT8, null);
      case "bool" -> new ColumnType(cast, DataType.booleanType(), Codec.BOOL, null);
      case "varchar" -> new ColumnType(cast, DataType.varchar(typmod >= 4 ? typmod - 4 : DataType.MAX_LENGTH),
          Codec.TEXT, null);
      case "bpchar" -> new ColumnType(cast, typmod >= 4 ? DataType.charType(typmod - 4) : DataType.string(),
          Codec.TEXT, null);
      case "char" -> new ColumnType(cast, DataType.charType(1), Codec.TEXT, null);
      case "name" -> new ColumnType(cast, DataType.varchar(63), Codec.TEXT, null);
      case "bytea" -> new ColumnType(cast, DataType.bytes(), Codec.BYTEA, null);
      case "date" -> new ColumnType(cast, DataType.date(), Codec.DATE, null);
      case "time" -> new ColumnType(cast, DataType.time(fraction(typmod)), Codec.TIME, null);
      case "timestamp" -> new ColumnType(cast, DataType.timestamp(fraction(typmod)), Codec.TIMESTAMP, null);
      case "timestamptz" -> new ColumnType(cast, DataType.timestampLtz(fraction(typmod)), Codec.TIMESTAMPTZ, null);
      case "json", "jsonb" -> new ColumnType(cast, DataType.json(), Codec.TEXT, null);
      default -> new ColumnType(cast, DataType.string(), Codec.TEXT, null);
    };
  }

  private static ColumnType numeric(String cast, int typmod) {
    if (typmod >= 4) {
      int precision = ((typmod - 4) >> 16) & 0xFFFF;
      // PostgreSQL 15+ stores the scale as an 11-bit signed number (negative scales round left of the point).
      int scale = (((typmod - 4) & 0x7FF) ^ 1024) - 1024;
      if (precision >= 1 && precision <= DataType.MAX_DECIMAL_PRECISION && scale >= 0 && scale <= precision) {
        return new ColumnType(cast, DataType.decimal(precision, scale), Codec.DECIMAL, null);
      }
    }
    return new ColumnType(cast, DataType.string(), Codec.TEXT, null);
  }

  private static int fraction(int typmod) {
    return typmod >= 0 && typmod <= 6 ? typmod : 6;
  }
}
