package io.tributary.postgres.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;

class BinaryCodecTest {

  private static Object decode(String type, byte[] bytes) {
    return BinaryCodec.decoder(type).decode().apply(bytes);
  }

  private static byte[] int4(int v) {
    return ByteBuffer.allocate(4).putInt(v).array();
  }

  private static byte[] int8(long v) {
    return ByteBuffer.allocate(8).putLong(v).array();
  }

  @Test
  void timestamps_countMicrosFrom2000_includingBeforeIt() {
    assertThat(decode("timestamptz", int8(0))).isEqualTo(Instant.parse("2000-01-01T00:00:00Z"));
    assertThat(decode("timestamptz", int8(-1))).isEqualTo(Instant.parse("1999-12-31T23:59:59.999999Z"));
    assertThat(decode("timestamp", int8(-1))).isEqualTo(LocalDateTime.of(1999, 12, 31, 23, 59, 59, 999_999_000));
    assertThat(decode("timestamp", int8(86_400_000_001L))).isEqualTo(LocalDateTime.of(2000, 1, 2, 0, 0, 0, 1000));
  }

  @Test
  void infinities_andMidnightEnd_matchTheTextPath() {
    assertThat(decode("timestamptz", int8(Long.MAX_VALUE))).isEqualTo(ValueCodec.timestamptz("infinity"));
    assertThat(decode("timestamptz", int8(Long.MIN_VALUE))).isEqualTo(ValueCodec.timestamptz("-infinity"));
    assertThat(decode("timestamp", int8(Long.MAX_VALUE))).isEqualTo(ValueCodec.timestamp("infinity"));
    assertThat(decode("date", int4(Integer.MIN_VALUE))).isEqualTo(ValueCodec.date("-infinity"));
    assertThat(decode("date", int4(Integer.MAX_VALUE))).isEqualTo(LocalDate.MAX);
    assertThat(decode("time", int8(86_400_000_000L))).isEqualTo(ValueCodec.time("24:00:00"));
  }

  @Test
  void dates_bcAndBefore2000_matchTheTextPath() {
    assertThat(decode("date", int4(-1))).isEqualTo(LocalDate.of(1999, 12, 31));
    long bcDays = LocalDate.of(-43, 3, 15).toEpochDay() - LocalDate.of(2000, 1, 1).toEpochDay();
    assertThat(decode("date", int4((int) bcDays))).isEqualTo(ValueCodec.date("0044-03-15 BC"));
    assertThat(decode("time", int8(1))).isEqualTo(LocalTime.of(0, 0, 0, 1000));
  }

  @Test
  void integers_areSignedExceptOid() {
    assertThat(decode("int2", new byte[] {(byte) 0xff, (byte) 0xfe})).isEqualTo((short) -2);
    assertThat(decode("int4", int4(Integer.MIN_VALUE))).isEqualTo(Integer.MIN_VALUE);
    assertThat(decode("int8", int8(-5))).isEqualTo(-5L);
    assertThat(decode("oid", int4(-1))).isEqualTo(4_294_967_295L);
    assertThat(decode("float8", int8(Double.doubleToLongBits(-0.0)))).isEqualTo(-0.0);
  }

  @Test
  void typesWithoutAFixedBinaryLayout_haveNoDecoder() {
    assertThat(BinaryCodec.decoder("numeric")).isNull();
    assertThat(BinaryCodec.decoder("timetz")).isNull();
    assertThat(BinaryCodec.decoder("_int4")).isNull();
  }
}
