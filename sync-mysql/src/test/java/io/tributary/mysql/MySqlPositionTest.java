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
