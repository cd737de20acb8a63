package io.tributary.mysql.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;

class CompressedColumnsTest {

  /** A value as MariaDB stores it compressed: header, big-endian original length, deflate stream. */
  private static byte[] stored(byte[] value, boolean wrap) {
    Deflater d = new Deflater(6, !wrap);
    d.setInput(value);
    d.finish();
    byte[] buf = new byte[value.length + 64];
    int n = d.deflate(buf);
    d.end();
    byte[] out = new byte[3 + n];
    out[0] = (byte) (0x80 | 2 | (wrap ? 0 : 8));
    out[1] = (byte) (value.length >> 8);
    out[2] = (byte) value.length;
    System.arraycopy(buf, 0, out, 3, n);
    return out;
  }

  @Test
  void inflate_readsRawAndZlibWrappedStreams_storedAndEmptyValues() {
    byte[] value = "ñandú ".repeat(200).getBytes(StandardCharsets.UTF_8);
    assertThat(CompressedColumns.inflate(stored(value, false))).isEqualTo(value);
    assertThat(CompressedColumns.inflate(stored(value, true))).isEqualTo(value);
    assertThat(CompressedColumns.inflate(new byte[] {0, 'a', 'b'})).isEqualTo(new byte[] {'a', 'b'});
    assertThat(CompressedColumns.inflate(new byte[0])).isEmpty();
    byte[] truncated = stored(value, false);
    assertThatThrownBy(() -> CompressedColumns.inflate(Arrays.copyOf(truncated, truncated.length - 5)))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("header says " + value.length);
    assertThatThrownBy(() -> CompressedColumns.inflate(new byte[] {0x31, 1}))
        .hasMessageContaining("unknown compression method 3");
  }

  @Test
  void patchTypes_replacesMariaDbCompressedCodes_withVarcharAndBlob() {
    // A TABLE_MAP body from MariaDB 10.11: db.t (INT, VARCHAR(2000) COMPRESSED, VARCHAR(4) COMPRESSED,
    // BLOB COMPRESSED, TEXT COMPRESSED).
    byte[] body = HexFormat.of().parseHex("12000000000001000d64646c5f62696e6c6f675f69740001740005038d8d8c8c06d107"
        + "050002021e");
    assertThat(CompressedColumns.patchTypes(body).stream().toArray()).containsExactly(1, 2, 3, 4);
    assertThat(Arrays.copyOfRange(body, 27, 32)).containsExactly(3, 15, 15, (byte) 252, (byte) 252);
  }
}
