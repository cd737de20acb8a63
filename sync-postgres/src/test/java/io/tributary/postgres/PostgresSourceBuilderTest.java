package io.tributary.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.postgres.internal.Lsn;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PostgresSourceBuilderTest {

  private static PostgresSourceBuilder minimal() {
    return PostgresSource.builder().name("Orders DB").database("shop").user("sync").password("hunter2-secret");
  }

  @Test
  void build_doesNoIo_andDerivesSlotAndPublicationNames() {
    try (PostgresSource source = minimal().host("unreachable.invalid").build()) {
      assertThat(source.name()).isEqualTo("Orders DB");
      assertThat(source.slotName()).isEqualTo("tributary_orders_db");
      assertThat(source.publicationName()).isEqualTo("tributary_orders_db");
    }
  }

  @Test
  void toString_masksThePassword() {
    try (PostgresSource source = minimal().build()) {
      assertThat(source.toString()).doesNotContain("hunter2-secret").contains("password=****");
    }
  }

  @Test
  void setters_checkAtOnce() {
    assertThatThrownBy(() -> PostgresSource.builder().port(0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("0");
    assertThatThrownBy(() -> PostgresSource.builder().slotName("Bad-Name"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Bad-Name");
    assertThatThrownBy(() -> PostgresSource.builder().chunkSize(-1)).hasMessageContaining("-1");
    assertThatThrownBy(() -> PostgresSource.builder().heartbeatInterval(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PostgresSource.builder().name(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> minimal().name("again")).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> PostgresSource.builder().name("x").build()).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("database");
  }

  @Test
  void position_keepsItsCluster_andVersionOneBytesOfThePreviousVersionStillDecode() {
    PostgresPosition p = new PostgresPosition(0x16B3748L, 3, "7312345678901234567", 2);
    assertThat(PostgresPosition.decode(p.encode())).isEqualTo(p);
    assertThat(p.toString()).isEqualTo("0/16B3748+3 on system 7312345678901234567 timeline 2");
    byte[] versionOne = java.nio.ByteBuffer.allocate(13).put((byte) 1).putLong(0x16B3748L).putInt(3).array();
    assertThat(PostgresPosition.decode(versionOne)).isEqualTo(new PostgresPosition(0x16B3748L, 3, "", 0));
  }

  @Test
  void position_encodesDecodesAndPrints() {
    PostgresPosition p = new PostgresPosition(Lsn.parse("16/B374D848"), 3);
    assertThat(PostgresPosition.decode(p.encode())).isEqualTo(p);
    assertThat(p).hasToString("16/B374D848+3");
    assertThat(PostgresPosition.at(Lsn.parse("0/16B3748"))).hasToString("0/16B3748");
    assertThat(PostgresSource.parsePosition("16/B374D848+3")).isEqualTo(p);
    assertThatThrownBy(() -> PostgresPosition.decode(new byte[] {1, 2})).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Lsn.parse("16B3748")).hasMessageContaining("0/16B3748");
  }
}
