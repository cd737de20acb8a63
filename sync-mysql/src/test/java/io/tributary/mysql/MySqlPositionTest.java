package io.tributary.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MySqlPositionTest {

  @Test
  void encode_decode_roundTrips() {
    MySqlPosition p = new MySqlPosition("mysql-bin.000042", 4711, "0-1-42,1-1-7", 3, 17);
    assertThat(MySqlPosition.decode(p.encode())).isEqualTo(p);
    assertThat(p.toString()).isEqualTo("mysql-bin.000042:4711+3/17 gtids=0-1-42,1-1-7");
  }

  @Test
  void encode_decode_keepsTheServer() {
    MySqlPosition p = new MySqlPosition("mysql-bin.000042", 4711, "0-1-42", 0, 0, "server_id=1@db1:3306");
    assertThat(MySqlPosition.decode(p.encode())).isEqualTo(p);
    assertThat(p.withSkip(2, 5).server()).isEqualTo("server_id=1@db1:3306");
    MySqlPosition inside = p.withSkip(2, 5).inTransaction("0-1-43");
    assertThat(MySqlPosition.decode(inside.encode())).isEqualTo(inside);
    assertThat(inside.toString()).contains("+2/5 of 0-1-43");
    assertThat(p.toString()).endsWith(" on server_id=1@db1:3306");
  }

  /** The bytes of format 1, as the previous version wrote them (no server): a checkpoint of it still resumes. */
  @Test
  void decode_formatOneWrittenByThePreviousVersion_hasNoServer() throws Exception {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try (java.io.DataOutputStream out = new java.io.DataOutputStream(bytes)) {
      out.writeByte(1);
      out.writeUTF("mysql-bin.000007");
      out.writeLong(1234);
      out.writeUTF("0-1-99");
      out.writeInt(2);
      out.writeLong(10);
    }
    assertThat(MySqlPosition.decode(bytes.toByteArray()))
        .isEqualTo(new MySqlPosition("mysql-bin.000007", 1234, "0-1-99", 2, 10, ""));
  }

  @Test
  void seq_ordersByFileThenOffset() {
    assertThat(MySqlPosition.seq("mysql-bin.000002", 4)).isGreaterThan(MySqlPosition.seq("mysql-bin.000001",
        0xFFFF_FFFFL));
    assertThat(MySqlPosition.seq("mysql-bin.000002", 4)).isEqualTo((2L << 32) | 4);
  }

  @Test
  void decode_foreignBytes_failsClearly() {
    assertThatThrownBy(() -> MySqlPosition.decode(new byte[] {9, 9})).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a MySQL position");
  }
}
