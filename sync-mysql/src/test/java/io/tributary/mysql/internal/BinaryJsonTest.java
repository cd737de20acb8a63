package io.tributary.mysql.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Doubles printed as MySQL 8.0.31 prints them in JSON text (each expected value read from that server). */
class BinaryJsonTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({"1e-5, 0.00001", "1.2345e-4, 0.00012345", "0.5, 0.5", "123.456, 123.456", "1e14, 100000000000000.0",
      "1e15, 1e15", "1.5e15, 1.5e15", "1.2345678901234567e17, 1.2345678901234566e17", "1e21, 1e21",
      "100, 100.0", "1.7976931348623157e308, 1.7976931348623157e308", "5e-324, 5e-324",
      "2.2250738585072014e-308, 2.2250738585072014e-308", "-1.25e-10, -0.000000000125",
      "123456789012.25, 123456789012.25", "1234567890123456.7, 1234567890123456.8",
      "0.12345678901234568, 0.12345678901234568", "12345678901234567890, 1.2345678901234567e19",
      "-1e14, -100000000000000.0", "1e-15, 0.000000000000001", "1e-16, 1e-16",
      "1.234567890123456e15, 1.234567890123456e15", "9.99e14, 999000000000000.0", "1.5e300, 1.5e300",
      "0.0, 0.0", "-0.0, -0.0"})
  void doubles_printAsTheServerDoes(double value, String server) {
    assertThat(BinaryJson.doubleText(value)).isEqualTo(server);
  }

  /** JSON_OBJECT('bin', CAST(X'00FF' AS BINARY)) on 8.0.31 prints {"bin": "base64:type15:AP8="}. */
  @Test
  void opaqueValue_printsItsFieldTypeAsTheServerDoes() throws Exception {
    byte[] opaqueVarchar = {0x0f, 15, 2, 0x00, (byte) 0xff}; // OPAQUE, field type 15, length 2, bytes
    assertThat(BinaryJson.text(opaqueVarchar)).isEqualTo("\"base64:type15:AP8=\"");
  }
}
