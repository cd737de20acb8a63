package io.tributary.postgres.internal;

import io.tributary.sync.event.TableId;

/** Quoting helpers for generated SQL. */
final class Sql {

  private Sql() {
  }

  /** A quoted identifier. */
  public static String ident(String name) {
    return '"' + name.replace("\"", "\"\"") + '"';
  }

  /** A quoted string literal. */
  public static String literal(String value) {
    return '\'' + value.replace("'", "''") + '\'';
  }

  public static String table(TableId id) {
    return ident(id.schema()) + "." + ident(id.table());
  }
}
