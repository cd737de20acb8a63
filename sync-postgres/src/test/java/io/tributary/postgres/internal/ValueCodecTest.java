package io.tributary.postgres.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.sync.event.DataType;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;

class ValueCodecTest {

  private static ColumnType type(Codec codec) {
    return new ColumnType("x", DataType.string(), codec, Codec.TEXT);
  }

  @Test
  void timestamptz_parsesEveryOffsetForm_toTheSameInstant() {
    Instant expected = Instant.parse("2024-03-10T07:04:56.789Z");
    assertThat(ValueCodec.decode(type(Codec.TIMESTAMPTZ), "2024-03-10 07:04:56.789+00")).isEqualTo(expected);
    assertThat(ValueCodec.decode(type(Codec.TIMESTAMPTZ), "2024-03-10 12:34:56.789+05:30")).isEqualTo(expected);
    assertThat(ValueCodec.decode(type(Codec.TIMESTAMPTZ), "2024-03-09 21:04:56.789-10")).isEqualTo(expected);
    assertThat(ValueCodec.decode(type(Codec.TIMESTAMPTZ), "1900-01-01 00:00:00+00:09:21"))
        .isEqualTo(Instant.parse("1899-12-31T23:50:39Z"));
  }

  @Test
  void datesAndTimestamps_handleBcAndInfinity() {
    assertThat(ValueCodec.decode(type(Codec.DATE), "0044-03-15 BC")).isEqualTo(LocalDate.of(-43, 3, 15));
    assertThat(ValueCodec.decode(type(Codec.DATE), "infinity")).isEqualTo(LocalDate.MAX);
    assertThat(ValueCodec.decode(type(Codec.TIMESTAMP), "0001-01-01 00:00:00 BC"))
        .isEqualTo(LocalDateTime.of(0, 1, 1, 0, 0));
    assertThat(ValueCodec.decode(type(Codec.TIMESTAMP), "-infinity")).isEqualTo(LocalDateTime.MIN);
    assertThat(ValueCodec.decode(type(Codec.TIME), "24:00:00")).isEqualTo(LocalTime.MAX);
    assertThat(ValueCodec.decode(type(Codec.DATE), "12345-01-02")).isEqualTo(LocalDate.of(12345, 1, 2));
  }

  @Test
  void bytea_decodesHexAndEscapeFormats() {
    assertThat((byte[]) ValueCodec.decode(type(Codec.BYTEA), "\\x00ff7f")).containsExactly(0, -1, 127);
    assertThat((byte[]) ValueCodec.decode(type(Codec.BYTEA), "a\\\\b\\000\\377"))
        .containsExactly('a', '\\', 'b', 0, -1);
  }

  @Test
  void decimal_rejectsNanAndInfinity() {
    assertThat(ValueCodec.decode(type(Codec.DECIMAL), "-12.50")).isEqualTo(new BigDecimal("-12.50"));
    assertThatThrownBy(() -> ValueCodec.decode(type(Codec.DECIMAL), "NaN")).hasMessageContaining("NaN");
    assertThatThrownBy(() -> ValueCodec.decode(type(Codec.DECIMAL), "-Infinity")).hasMessageContaining("Infinity");
  }

  @Test
  void encode_thenDecode_roundTripsKeyValues() {
    Object[][] cases = {
        {Codec.DATE, LocalDate.of(-43, 3, 15)}, {Codec.DATE, LocalDate.of(2024, 2, 29)},
        {Codec.TIMESTAMP, LocalDateTime.of(2024, 1, 2, 3, 4, 5, 6000)},
        {Codec.TIMESTAMPTZ, Instant.parse("2024-01-02T03:04:05.123456Z")},
        {Codec.DECIMAL, new BigDecimal("1E+3")}, {Codec.INT8, Long.MIN_VALUE},
        {Codec.BYTEA, new byte[] {1, 2, -3}}, {Codec.BOOL, true}, {Codec.FLOAT8, 1.0E300},
    };
    for (Object[] c : cases) {
      Object decoded = ValueCodec.decode(type((Codec) c[0]), ValueCodec.encode(c[1]));
      if (c[1] instanceof BigDecimal d) {
        assertThat((BigDecimal) decoded).isEqualByComparingTo(d);
      } else {
        assertThat(decoded).as("%s", c[0]).isEqualTo(c[1]);
      }
    }
  }

  @Test
  void arrays_becomeJson() {
    assertThat(PgArrays.toJson("{1,2,NULL}", Codec.NUMBER_TEXT)).isEqualTo("[1,2,null]");
    assertThat(PgArrays.toJson("{NaN,Infinity,1.5}", Codec.NUMBER_TEXT)).isEqualTo("[\"NaN\",\"Infinity\",1.5]");
    assertThat(PgArrays.toJson("{\"a\\\\b\",\"NULL\",\"x\\\"y\",\"tab\there\"}", Codec.TEXT))
        .isEqualTo("[\"a\\\\b\",\"NULL\",\"x\\\"y\",\"tab\\there\"]");
    assertThat(PgArrays.toJson("[0:1]={t,f}", Codec.BOOL)).isEqualTo("[true,false]");
    assertThat(PgArrays.toJson("{{1,2},{3,4}}", Codec.NUMBER_TEXT)).isEqualTo("[[1,2],[3,4]]");
    assertThat(PgArrays.toJson("{}", Codec.TEXT)).isEqualTo("[]");
  }
}
