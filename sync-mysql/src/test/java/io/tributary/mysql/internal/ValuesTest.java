package io.tributary.mysql.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.sync.SyncException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Binlog cells found wrong by the type matrix (MariaDbTypeMatrixIT), decoded as the snapshot reads them. */
class ValuesTest {

  private static final int YEAR_CODE = 13;
  private static final int VARCHAR_CODE = 15;

  @Test
  void binlogYear_zero_isYear0000_not1900() {
    MySqlColumn year = ColumnTypes.map("y", "year", null, true);
    // The binlog client returns 1900 + the stored byte; byte 0 is YEAR 0000 (1900 is not a YEAR value).
    assertThat(Values.fromBinlog(1900, YEAR_CODE, year)).isEqualTo((short) 0);
    assertThat(Values.fromBinlog(1901, YEAR_CODE, year)).isEqualTo((short) 1901);
    assertThat(Values.fromBinlog(2155, YEAR_CODE, year)).isEqualTo((short) 2155);
  }

  @Test
  void binlogLatin1_bytesCp1252LeavesUndefined_decodeAsMySqlDoes() {
    MySqlColumn latin1 = ColumnTypes.map("c", "varchar(20)", "latin1", true);
    byte[] bytes = {(byte) 0x81, (byte) 0x8D, (byte) 0x8F, (byte) 0x90, (byte) 0x9D, (byte) 0x80, (byte) 0xE9};
    assertThat(Values.fromBinlog(bytes, VARCHAR_CODE, latin1)).isEqualTo("\u0081\u008d\u008f\u0090\u009d\u20ac\u00e9");
    MySqlColumn utf8 = ColumnTypes.map("c", "varchar(20)", "utf8mb4", true);
    byte[] invalid = {(byte) 0x81};
    assertThat(Values.fromBinlog(invalid, VARCHAR_CODE, utf8)).isEqualTo("\ufffd"); // only latin1 is re-decoded
    assertThat(Values.fromBinlog("caf\u00e9".getBytes(StandardCharsets.UTF_8), VARCHAR_CODE, utf8))
        .isEqualTo("caf\u00e9");
  }

  @Test
  void binlogSjis_backslashStoredAs815F_readsAsTheServerReadsIt() {
    MySqlColumn sjis = ColumnTypes.map("c", "varchar(20)", "sjis", true);
    byte[] bytes = {(byte) 0x81, (byte) 0x5F, ' ', '~', (byte) 0x93, (byte) 0xFA};
    assertThat(Values.fromBinlog(bytes, VARCHAR_CODE, sjis)).isEqualTo("\\ ~\u65e5");
  }

  @Test
  void binlogTime_outsideADay_isRefusedWithTheValue() {
    MySqlColumn time = ColumnTypes.map("t", "time", null, true);
    assertThatThrownBy(() -> Values.fromBinlog(86_400_000_000L, 19, time)).isInstanceOf(SyncException.class)
        .hasMessageContaining("outside 00:00:00");
  }
}
