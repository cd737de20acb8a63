package io.tributary.mysql.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.shyiko.mysql.binlog.event.deserialization.ColumnType;
import io.tributary.sync.event.DataType;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonTextTest {

  private static final MySqlColumn JSON = ColumnTypes.map("j", "json", null, true);

  /**
   * {@code {"a": 1, "b": [1, "x\"y"]}} in MySQL's binary JSON format (sql-common/json_binary.h): a small object is
   * type 0x00, then element count and byte size (2 bytes LE each), key entries (offset, length), value entries
   * (type, inlined value or offset), keys, then non-inlined values; int16 (0x05) is inlined, a small array (0x02)
   * and a string (0x0c, length-prefixed) are not. Offsets count from the object's count field.
   */
  private static final byte[] BINARY = {
      0x00, 2, 0, 37, 0,          // object: 2 members, 37 bytes
      18, 0, 1, 0, 19, 0, 1, 0,   // keys "a" at 18, "b" at 19
      0x05, 1, 0,                 // a: int16 1, inlined
      0x02, 20, 0,                // b: small array at 20
      'a', 'b',
      2, 0, 17, 0,                // array at 20: 2 elements, 17 bytes
      0x05, 1, 0,                 // int16 1
      0x0c, 10, 0,                // string at 10 (relative to the array)
      4, 'x', '"', 'y', '!'       // length 4, then UTF-8 bytes
  };

  @Test
  void binaryJsonFromTheBinlog_andServerText_readTheSame() {
    String text = "{\"a\": 1, \"b\": [1, \"x\\\"y!\"]}";
    Object binlog = Values.fromBinlog(BINARY, ColumnType.JSON.getCode(), JSON);
    assertThat(binlog).isEqualTo(text);
    assertThat(JsonText.canonical(text)).isEqualTo(text);
    assertThat(JSON.type()).isEqualTo(DataType.json());
  }

  @Test
  void canonical_spacesSeparatorsAndEscapesOneWay_keepsKeyOrderAndNumbers() {
    assertThat(JsonText.canonical("{\"b\":[1,2.50,{}],\"a\":{\"c\":null,\"d\":[]}}"))
        .isEqualTo("{\"b\": [1, 2.50, {}], \"a\": {\"c\": null, \"d\": []}}");
    assertThat(JsonText.canonical(" [ true , false ,\"\\u00e9\\n\\/\" ] ")).isEqualTo("[true, false, \"é\\n/\"]");
    assertThat(JsonText.canonical("\"plain\"")).isEqualTo("\"plain\"");
    for (String notJson : List.of("{\"a\":", "[1 2]", "", "{\"a\" 1}")) {
      assertThat(JsonText.canonical(notJson)).as(notJson).isEqualTo(notJson);
    }
  }
}
