package io.tributary.postgres.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.sync.ErrorCode;
import io.tributary.sync.SyncException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** numeric_send, uuid_send and jsonb_send layouts decode to the text path's values (the matrix checks the rest). */
class PgBinaryTest {

  /** numeric_send: ndigits, weight, sign, dscale, then base-10000 digits. */
  private static byte[] numeric(int weight, int sign, int dscale, int... digits) {
    ByteBuffer b = ByteBuffer.allocate(8 + 2 * digits.length);
    b.putShort((short) digits.length).putShort((short) weight).putShort((short) sign).putShort((short) dscale);
    for (int d : digits) {
      b.putShort((short) d);
    }
    return b.array();
  }

  @Test
  void numeric_keepsDisplayScale_andWeight() {
    assertThat(PgBinary.numericText(numeric(0, 0, 2, 1, 5000))).isEqualTo("1.50");
    assertThat(PgBinary.numericText(numeric(0, 0, 3))).isEqualTo("0.000");
    assertThat(PgBinary.numericText(numeric(1, 0, 0, 1))).isEqualTo("10000");
    assertThat(PgBinary.numericText(numeric(-1, 0x4000, 3, 10))).isEqualTo("-0.001");
    assertThat(PgBinary.numericText(numeric(-25, 0, 100, 1))).isEqualTo(new BigDecimal("1e-100").toPlainString());
    assertThat(PgBinary.numericText(numeric(9, 0, 0, 1, 2345, 6789, 123, 4567, 8901, 2345, 6789, 123, 4567)))
        .isEqualTo("1234567890123456789012345678901234567");
    assertThat(PgBinary.decimal(numeric(0, 0x4000, 2, 12, 3400))).isEqualTo(new BigDecimal("-12.34"));
  }

  @Test
  void numeric_specialValues_asTheTextPath() {
    assertThat(PgBinary.numericText(numeric(0, 0xC000, 0))).isEqualTo("NaN");
    assertThat(PgBinary.numericText(numeric(0, 0xD000, 0))).isEqualTo("Infinity");
    assertThat(PgBinary.numericText(numeric(0, 0xF000, 0))).isEqualTo("-Infinity");
    assertThatThrownBy(() -> PgBinary.decimal(numeric(0, 0xC000, 0))).isInstanceOfSatisfying(SyncException.class,
        e -> assertThat(e.code()).isEqualTo(ErrorCode.VALUE_NOT_REPRESENTABLE));
  }

  @Test
  void uuidAndJsonb() {
    byte[] uuid = ByteBuffer.allocate(16).putLong(0xA0EEBC999C0B4EF8L).putLong(0xBB6D6BB9BD380A11L).array();
    assertThat(PgBinary.uuid(uuid)).isEqualTo("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11");
    byte[] json = "{\"a\": 1}".getBytes(StandardCharsets.UTF_8);
    byte[] jsonb = new byte[json.length + 1];
    jsonb[0] = 1;
    System.arraycopy(json, 0, jsonb, 1, json.length);
    assertThat(PgBinary.jsonb(jsonb)).isEqualTo("{\"a\": 1}");
  }
}
