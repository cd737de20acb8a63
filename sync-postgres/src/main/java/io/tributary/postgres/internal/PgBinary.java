package io.tributary.postgres.internal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.function.Function;

/**
 * Decoders of pgoutput's binary tuple values ({@code binary 'true'}, PostgreSQL 14+): each type's {@code send}
 * format, decoded to the very values {@link ValueCodec#decode} makes from the type's text. A type without one here
 * (interval, timetz, xml, arrays, ranges, network types, ...) has no binary decoder: a session with such a column reads
 * text ({@link #decoder} returns null).
 */
final class PgBinary {

  private PgBinary() {
  }

  /** The decoder of {@code type}'s binary values as {@code column} maps it, or null when there is none. */
  static Function<byte[], Object> decoder(PgType type, ColumnType column, TypeRegistry registry) {
    if (type.typtype() == 'd' && type.baseOid() != 0) {
      return decoder(registry.get(type.baseOid()), column, registry);
    }
    if (type.typtype() == 'e') {
      return PgBinary::text; // enum_send: the label
    }
    if (!type.schema().equals("pg_catalog") || type.category() == 'A') {
      return null;
    }
    Codec codec = column.codec();
    return switch (type.name()) {
      case "int2", "int4", "int8", "oid", "float4", "float8", "bytea", "date", "time", "timestamp", "timestamptz" -> {
        BinaryCodec.Decoder d = BinaryCodec.decoder(type.name());
        yield d.codec() == codec ? d.decode() : null;
      }
      case "bool" -> b -> b[0] != 0;
      case "numeric" -> codec == Codec.DECIMAL ? PgBinary::decimal : codec == Codec.TEXT ? PgBinary::numericText : null;
      case "text", "varchar", "bpchar", "name", "json" -> codec == Codec.TEXT ? PgBinary::text : null;
      case "jsonb" -> codec == Codec.TEXT ? PgBinary::jsonb : null;
      case "uuid" -> codec == Codec.TEXT ? PgBinary::uuid : null;
      default -> null;
    };
  }

  static String text(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }

  /** jsonb_send: a version byte (1), then the text jsonb_out prints. */
  static String jsonb(byte[] b) {
    if (b[0] != 1) {
      throw new IllegalArgumentException("unsupported jsonb binary version " + b[0]);
    }
    return new String(b, 1, b.length - 1, StandardCharsets.UTF_8);
  }

  static String uuid(byte[] b) {
    long hi = 0;
    long lo = 0;
    for (int i = 0; i < 8; i++) {
      hi = (hi << 8) | (b[i] & 0xFF);
      lo = (lo << 8) | (b[i + 8] & 0xFF);
    }
    return new UUID(hi, lo).toString();
  }

  private static final int NUMERIC_NEG = 0x4000;
  private static final int NUMERIC_NAN = 0xC000;
  private static final int NUMERIC_PINF = 0xD000;
  private static final int NUMERIC_NINF = 0xF000;

  /** A constrained numeric: NaN and infinities are refused as the text path refuses them. */
  static Object decimal(byte[] b) {
    String special = special(b);
    if (special != null) {
      return ValueCodec.decode(new ColumnType(null, null, Codec.DECIMAL, null), special);
    }
    return numeric(b);
  }

  /** An unconstrained numeric, synced as PostgreSQL's exact text (numeric_out: plain, dscale digits). */
  static String numericText(byte[] b) {
    String special = special(b);
    return special != null ? special : numeric(b).toPlainString();
  }

  private static String special(byte[] b) {
    int sign = u16(b, 4);
    return switch (sign) {
      case NUMERIC_NAN -> "NaN";
      case NUMERIC_PINF -> "Infinity";
      case NUMERIC_NINF -> "-Infinity";
      default -> null;
    };
  }

  /**
   * numeric_send: ndigits, weight, sign, dscale (int16 each), then ndigits base-10000 digits; the value is
   * sum(digit[i] * 10000^(weight - i)), shown with dscale fractional digits.
   */
  static BigDecimal numeric(byte[] b) {
    int ndigits = u16(b, 0);
    int weight = (short) u16(b, 2);
    int sign = u16(b, 4);
    int dscale = u16(b, 6);
    if (ndigits == 0) {
      return BigDecimal.valueOf(0, dscale);
    }
    // The digits as one integer, scaled by 10000^(ndigits - 1 - weight).
    long small = 0;
    BigInteger big = null;
    for (int i = 0; i < ndigits; i++) {
      int digit = u16(b, 8 + 2 * i);
      if (big == null && small < 90_000_000_000_000L) {
        small = small * 10_000 + digit;
      } else {
        big = (big == null ? BigInteger.valueOf(small) : big).multiply(BigInteger.valueOf(10_000))
            .add(BigInteger.valueOf(digit));
      }
    }
    BigInteger unscaled = big == null ? BigInteger.valueOf(small) : big;
    BigDecimal value = new BigDecimal(sign == NUMERIC_NEG ? unscaled.negate() : unscaled,
        4 * (ndigits - 1 - weight));
    return value.setScale(dscale, java.math.RoundingMode.UNNECESSARY);
  }

  private static int u16(byte[] b, int at) {
    return ((b[at] & 0xFF) << 8) | (b[at + 1] & 0xFF);
  }
}
