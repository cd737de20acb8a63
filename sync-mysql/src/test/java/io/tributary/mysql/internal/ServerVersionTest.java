package io.tributary.mysql.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ServerVersionTest {

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource({
      "5.7.44-log, SHOW MASTER STATUS, false",
      "8.0.31, SHOW MASTER STATUS, false",
      "8.1.0, SHOW MASTER STATUS, false",
      "8.2.0, SHOW BINARY LOG STATUS, false",
      "8.4.3-commercial, SHOW BINARY LOG STATUS, false",
      "9.1.0, SHOW BINARY LOG STATUS, false",
      "9.7.0-debug, SHOW BINARY LOG STATUS, false",
      "10.11.5-MariaDB-log, SHOW MASTER STATUS, true",
      "5.5.5-10.11.5-MariaDB, SHOW MASTER STATUS, true",
      "11.4.2-MariaDB-ubu2404, SHOW MASTER STATUS, true",
      "unknown, SHOW MASTER STATUS, false"})
  void binlogStatusStatement_chosenByVersion_readOnce(String version, String statement, boolean mariaDb) {
    ServerVersion v = ServerVersion.parse(version);
    assertThat(v.binlogStatusStatement()).isEqualTo(statement);
    assertThat(v.mariaDb()).isEqualTo(mariaDb);
  }

  @org.junit.jupiter.api.Test
  void parse_readsTheNumbers() {
    assertThat(ServerVersion.parse("8.0.31")).extracting(ServerVersion::major, ServerVersion::minor,
        ServerVersion::patch).containsExactly(8, 0, 31);
    assertThat(ServerVersion.parse("5.5.5-10.11.5-MariaDB")).extracting(ServerVersion::major, ServerVersion::minor)
        .containsExactly(10, 11);
    assertThat(ServerVersion.parse("8.4.0").atLeast(8, 2)).isTrue();
    assertThat(ServerVersion.parse("8.0.99").atLeast(8, 2)).isFalse();
  }
}
