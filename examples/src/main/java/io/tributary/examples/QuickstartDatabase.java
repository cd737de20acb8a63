package io.tributary.examples;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * The PostgreSQL server the quickstart uses: the one named by {@code TRIBUTARY_POSTGRES_HOST} (with {@code _PORT},
 * {@code _USER}, {@code _PASSWORD}, {@code _DATABASE}), else an embedded PostgreSQL from Maven Central binaries
 * with {@code wal_level=logical}.
 */
final class QuickstartDatabase implements AutoCloseable {

  final String host;
  final int port;
  final String user;
  final String password;
  final String database;
  private final EmbeddedPostgres embedded;

  private QuickstartDatabase(String host, int port, String user, String password, String database,
      EmbeddedPostgres embedded) {
    this.host = host;
    this.port = port;
    this.user = user;
    this.password = password;
    this.database = database;
    this.embedded = embedded;
  }

  static QuickstartDatabase start() throws IOException {
    String host = System.getenv("TRIBUTARY_POSTGRES_HOST");
    if (host != null && !host.isBlank()) {
      return new QuickstartDatabase(host, Integer.parseInt(env("TRIBUTARY_POSTGRES_PORT", "5432")),
          env("TRIBUTARY_POSTGRES_USER", "postgres"), env("TRIBUTARY_POSTGRES_PASSWORD", ""),
          env("TRIBUTARY_POSTGRES_DATABASE", "postgres"), null);
    }
    EmbeddedPostgres pg = EmbeddedPostgres.builder().setServerConfig("wal_level", "logical")
        .setServerConfig("max_replication_slots", "20").setServerConfig("max_wal_senders", "20").start();
    return new QuickstartDatabase("localhost", pg.getPort(), "postgres", "", "postgres", pg);
  }

  Connection connect() throws SQLException {
    Properties p = new Properties();
    p.setProperty("user", user);
    p.setProperty("password", password);
    return DriverManager.getConnection("jdbc:postgresql://" + host + ":" + port + "/" + database, p);
  }

  private static String env(String name, String fallback) {
    String v = System.getenv(name);
    return v == null || v.isBlank() ? fallback : v;
  }

  @Override
  public void close() throws IOException {
    if (embedded != null) {
      embedded.close();
    }
  }
}
