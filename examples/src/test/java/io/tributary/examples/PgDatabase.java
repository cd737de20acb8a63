package io.tributary.examples;

import io.tributary.postgres.PgFixture;
import io.tributary.postgres.PostgresSource;
import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A fresh PostgreSQL database for a test, registered per test instance
 * ({@code @RegisterExtension final PgDatabase pg = new PgDatabase();}): after the test the replication slots it
 * left in the database are dropped, since a slot nobody reads holds the server's WAL for ever.
 */
final class PgDatabase implements AfterEachCallback {

  private String name;

  /** Creates the test's database, named after {@code prefix}, and returns its name. */
  String create(String prefix) {
    if (name != null) {
      throw new IllegalStateException("this test already has database " + name);
    }
    name = PgFixture.newDatabase(prefix);
    return name;
  }

  /** The name of the test's database. */
  String name() {
    if (name == null) {
      throw new IllegalStateException("no database yet: call create(prefix) first");
    }
    return name;
  }

  Connection connect() throws SQLException {
    return PgFixture.connect(name());
  }

  void execute(String... statements) {
    PgFixture.execute(name(), statements);
  }

  /** A source named {@code pg} on the database, reading {@code schemas} (a regex) through slot {@code slot}. */
  PostgresSource source(String schemas, String slot) {
    return PgFixture.source(name(), "pg").includeSchemas(schemas).slotName(slot).build();
  }

  @Override
  public void afterEach(ExtensionContext context) {
    if (name != null) {
      PgFixture.dropSlots(name);
      name = null;
    }
  }
}
