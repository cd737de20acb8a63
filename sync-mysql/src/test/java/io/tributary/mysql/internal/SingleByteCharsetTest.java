package io.tributary.mysql.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Binlog bytes of single-byte columns decoded as MySQL 8.0.31 decodes them (each expected text read from that
 * server with {@code CONVERT(CONVERT(X'..' USING cs) USING utf8mb4)}); before, Java's charset (or UTF-8 for the
 * sets Java lacks) gave other characters or U+FFFD.
 */
class SingleByteCharsetTest {

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
      "swe7,     405B5C5D5E607B7C7D7E, ÉÄÖÅÜéäöåü",
      "macce,    A1B2C3D4E5F6FE80,     °≤√‘ŚŲĢÄ",
      "armscii8, A1B2C3D4E5F6FE80,     \u2741\u0531\u0569\u0542\u057a\u0553\u2019\u0080",
      "tis620,   A1FE80,               \u0e01\ufffd\u0080",
      "cp1257,   A1B2,                 ?²",
      "cp1250,   8183,                 ??",
      "koi8u,    95,                   \u2022",
      "latin2,   A1,                   Ą"})
  void binlogBytes_decodeAsTheServerDoes(String charset, String hex, String server) {
    byte[] bytes = HexFormat.of().parseHex(hex);
    assertThat(Values.text(bytes, ColumnTypes.map("c", "varchar(20)", charset, true))).isEqualTo(server);
  }
}
