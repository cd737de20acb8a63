package io.tributary.sync;

import io.tributary.sync.event.TableId;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Chooses source tables by regular expressions over the source name, database, schema and table (each matched
 * whole). Used for mirror-mode table selection and for the members of a virtual table.
 *
 * @param source   pattern for {@link TableId#source()}
 * @param database pattern for {@link TableId#database()}
 * @param schema   pattern for {@link TableId#schema()}
 * @param table    pattern for {@link TableId#table()}
 */
public record TableSelector(Pattern source, Pattern database, Pattern schema, Pattern table) {

  private static final Pattern ANY = Pattern.compile(".*");

  public TableSelector {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(database, "database");
    Objects.requireNonNull(schema, "schema");
    Objects.requireNonNull(table, "table");
  }

  /** Tables of any source and database whose schema and table names match. */
  public static TableSelector of(String schemaRegex, String tableRegex) {
    return new TableSelector(ANY, ANY, Pattern.compile(schemaRegex), Pattern.compile(tableRegex));
  }

  /** Tables of matching sources whose schema and table names match. */
  public static TableSelector of(String sourceRegex, String schemaRegex, String tableRegex) {
    return new TableSelector(Pattern.compile(sourceRegex), ANY, Pattern.compile(schemaRegex),
        Pattern.compile(tableRegex));
  }

  /** Every table. */
  public static TableSelector all() {
    return new TableSelector(ANY, ANY, ANY, ANY);
  }

  /** Narrows the database pattern (PostgreSQL sources span one database each; MySQL's database is its schema). */
  public TableSelector database(String databaseRegex) {
    return new TableSelector(source, Pattern.compile(databaseRegex), schema, table);
  }

  public boolean matches(TableId id) {
    return source.matcher(id.source()).matches() && database.matcher(id.database()).matches()
        && schema.matcher(id.schema()).matches() && table.matcher(id.table()).matches();
  }

  @Override
  public String toString() {
    return "source~" + source + " database~" + database + " schema~" + schema + " table~" + table;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TableSelector s && source.pattern().equals(s.source.pattern())
        && database.pattern().equals(s.database.pattern()) && schema.pattern().equals(s.schema.pattern())
        && table.pattern().equals(s.table.pattern());
  }

  @Override
  public int hashCode() {
    return Objects.hash(source.pattern(), database.pattern(), schema.pattern(), table.pattern());
  }
}
