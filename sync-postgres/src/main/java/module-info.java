/**
 * The PostgreSQL (pgoutput) change source. Its implementation ({@code io.tributary.postgres.internal}) is not
 * exported.
 */
// "requires-automatic": pgjdbc has no module descriptor, but its jar declares the stable Automatic-Module-Name
// org.postgresql.jdbc (not a name derived from a file name).
@SuppressWarnings("requires-automatic")
module io.tributary.postgres {
  // The API extends sync-core's (PostgresSource is a ChangeSource): a host reading this module reads that one too.
  requires transitive io.tributary.sync;
  requires java.sql;
  requires org.postgresql.jdbc;
  requires com.zaxxer.hikari;
  requires org.slf4j;

  exports io.tributary.postgres;
}
