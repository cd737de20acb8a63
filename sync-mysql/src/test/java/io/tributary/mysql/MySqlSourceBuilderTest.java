package io.tributary.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class MySqlSourceBuilderTest {

  @Test
  void badValues_failAtOnce_namingTheValue() {
    MySqlSourceBuilder b = MySqlSource.builder();
    assertThatThrownBy(() -> b.port(0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0");
    assertThatThrownBy(() -> b.serverIdRange(6400, 5400)).hasMessageContaining("6400-5400");
    assertThatThrownBy(() -> b.fetchSize(-1)).hasMessageContaining("-1");
    assertThatThrownBy(() -> b.heartbeatInterval(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.host(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> b.includeTables("(")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void build_requiresNameHostUser_andDoesNoIo() {
    assertThatThrownBy(() -> MySqlSource.builder().host("h").build()).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("name").hasMessageContaining("user");
    MySqlSource source = MySqlSource.builder().name("n").host("unreachable.invalid").user("u").password("pw-123")
        .build();
    assertThat(source.name()).isEqualTo("n");
    assertThat(source.toString()).contains("password=****").doesNotContain("pw-123");
    source.close();
  }
}
