package io.tributary.mysql.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Expected texts are MariaDB 10.11's own output for the same bytes. */
class MariaDbTextTest {

  private static byte[] hex(String s) {
    return HexFormat.of().parseHex(s);
  }

  @Test
  void inet6_printsAsTheServerDoes() {
    assertThat(MariaDbText.inet6(hex("00000000000000000000FFFF01020304"))).isEqualTo("::ffff:1.2.3.4");
    assertThat(MariaDbText.inet6(hex("00000000000000000000000001020304"))).isEqualTo("::1.2.3.4");
    assertThat(MariaDbText.inet6(hex("00010000000200030004000500060007"))).isEqualTo("1::2:3:4:5:6:7");
    assertThat(MariaDbText.inet6(hex("0001"))).as("trailing zeros dropped by the binlog").isEqualTo("1::");
    assertThat(MariaDbText.inet6(new byte[0])).isEqualTo("::");
    assertThat(MariaDbText.inet6(hex("00000000000000000000000000000001"))).isEqualTo("::1");
    assertThat(MariaDbText.inet6(hex("0001000000000002000000000000000a"))).as("the longest run")
        .isEqualTo("1:0:0:2::a");
    assertThat(MariaDbText.inet6(hex("00010000000000020000000000030004"))).as("the first of equal runs")
        .isEqualTo("1::2:0:0:3:4");
  }

  @Test
  void inet4_andUuid_printAsTheServerDoes() {
    assertThat(MariaDbText.inet4(hex("ffffffff"))).isEqualTo("255.255.255.255");
    assertThat(MariaDbText.inet4(hex("0a"))).isEqualTo("10.0.0.0");
    // A v4 UUID is stored swapped (node, clock, time high, mid, low); a non-RFC one as is.
    assertThat(MariaDbText.uuid(hex("f67636d718a2be594ceb083fe60c88ba")))
        .isEqualTo("e60c88ba-083f-4ceb-be59-f67636d718a2");
    assertThat(MariaDbText.uuid(hex("ffffffff000000000000000000000001")))
        .isEqualTo("ffffffff-0000-0000-0000-000000000001");
  }
}
