package io.tributary.examples;

import io.tributary.mysql.MySqlSource;
import io.tributary.mysql.MySqlSourceBuilder;
import io.tributary.mysql.MySqlTestServer;
import io.tributary.sync.testing.TestServer;
import java.time.Duration;

/** MySQL/MariaDB sources for the end-to-end tests. */
final class MySqlSources {

  private MySqlSources() {
  }

  /** A source named {@code mysql} on the test server, heartbeats every 200 ms, reading {@code databases} (a regex). */
  static MySqlSourceBuilder of(String databases) {
    TestServer s = MySqlTestServer.get();
    return MySqlSource.builder().name("mysql").host(s.host()).port(s.port()).user(s.user())
        .password(s.password()).includeDatabases(databases).heartbeatInterval(Duration.ofMillis(200));
  }
}
