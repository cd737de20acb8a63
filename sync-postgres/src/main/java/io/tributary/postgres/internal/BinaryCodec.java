package io.tributary.postgres.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.Map;
import java.util.function.Function;

/**
 * Decodes PostgreSQL's binary wire format of the fixed-layout types snapshot reads request in binary: a server
 * formats these several times faster than their text, and the wire values are exact (integers, IEEE floats,
 * microsecond counts), so they decode to the very values {@link ValueCodec#decode} makes from the text (TypesIT
 * compares both phases). Only the types listed in {@link #TYPE_NAMES} are ever sent in binary (see
 * {@link PgConfig#connectionProperties()}); everything else keeps the text path.
 */
final class BinaryCodec {

  /** Days and microseconds in PostgreSQL's binary dates and timestamps count from 2000-01-01. */
  private static final LocalDate PG_EPOCH = LocalDate.of(2000, 1, 1);
  private static final long PG_EPOCH_SECONDS = 946_684_800L;
  private static final long MICROS_PER_DAY = 86_400_000_000L;

  /** A binary column's decoder and the codec its column type must have (the text path it stands in for). */
  public record Decoder(Codec codec, Function<byte[], Object> decode) {
  }

  private static final Map<String, Decoder> DECODERS = Map.ofEntries(
      Map.entry("int2", new Decoder(Codec.INT2, b -> (short) int16(b))),
      Map.entry("int4", new Decoder(Codec.INT4, BinaryCodec::int32)),
      Map.entry("int8", new Decoder(Codec.INT8, BinaryCodec::int64)),
      Map.entry("oid", new Decoder(Codec.INT8, b -> int32(b) & 0xFFFFFFFFL)), // unsigned, synced as BIGINT
      Map.entry("float4", new Decoder(Codec.FLOAT4, b -> Float.intBitsToFloat(int32(b)))),
      Map.entry("float8", new Decoder(Codec.FLOAT8, b -> Double.longBitsToDouble(int64(b)))),
      Map.entry("bytea", new Decoder(Codec.BYTEA, b -> b)),
      Map.entry("date", new Decoder(Codec.DATE, BinaryCodec::date)),
      Map.entry("time", new Decoder(Codec.TIME, BinaryCodec::time)),
      Map.entry("timestamp", new Decoder(Codec.TIMESTAMP, BinaryCodec::timestamp)),
      Map.entry("timestamptz", new Decoder(Codec.TIMESTAMPTZ, BinaryCodec::timestamptz)));

  /** The types (pgjdbc's {@code Oid} names, for {@code binaryTransferEnable}) this class decodes. */
  public static final String TYPE_NAMES = "INT2,INT4,INT8,OID,FLOAT4,FLOAT8,BYTEA,DATE,TIME,TIMESTAMP,TIMESTAMPTZ";

  private BinaryCodec() {
  }

  /** The decoder of a binary column of type {@code pgTypeName}, or null when there is none. */
  public static Decoder decoder(String pgTypeName) {
    return DECODERS.get(pgTypeName);
  }

  static LocalDate date(byte[] b) {
    int days = int32(b);
    if (days == Integer.MAX_VALUE) {
      return LocalDate.MAX;
    }
    if (days == Integer.MIN_VALUE) {
      return LocalDate.MIN;
    }
    return PG_EPOCH.plusDays(days);
  }

  static LocalTime time(byte[] b) {
    long micros = int64(b);
    return micros == MICROS_PER_DAY ? LocalTime.MAX : LocalTime.ofNanoOfDay(micros * 1000);
  }

  static LocalDateTime timestamp(byte[] b) {
    long micros = int64(b);
    if (micros == Long.MAX_VALUE) {
      return LocalDateTime.MAX;
    }
    if (micros == Long.MIN_VALUE) {
      return LocalDateTime.MIN;
    }
    long days = Math.floorDiv(micros, MICROS_PER_DAY);
    return LocalDateTime.of(PG_EPOCH.plusDays(days), LocalTime.ofNanoOfDay(Math.floorMod(micros, MICROS_PER_DAY) * 1000));
  }

  static Instant timestamptz(byte[] b) {
    long micros = int64(b);
    if (micros == Long.MAX_VALUE) {
      return Instant.MAX;
    }
    if (micros == Long.MIN_VALUE) {
      return Instant.MIN;
    }
    return Instant.ofEpochSecond(PG_EPOCH_SECONDS + Math.floorDiv(micros, 1_000_000L),
        Math.floorMod(micros, 1_000_000L) * 1000);
  }

  private static int int16(byte[] b) {
    return (b[0] << 8) | (b[1] & 0xFF);
  }

  private static int int32(byte[] b) {
    return (b[0] << 24) | ((b[1] & 0xFF) << 16) | ((b[2] & 0xFF) << 8) | (b[3] & 0xFF);
  }

  private static long int64(byte[] b) {
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v = (v << 8) | (b[i] & 0xFF);
    }
    return v;
  }
}
