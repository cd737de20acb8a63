package io.tributary.examples;

import io.tributary.postgres.PgFixture;
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

  @Override
  public void afterEach(ExtensionContext context) {
    if (name != null) {
      PgFixture.dropSlots(name);
      name = null;
    }
  }
}
