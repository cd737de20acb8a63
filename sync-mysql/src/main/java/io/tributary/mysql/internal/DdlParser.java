package io.tributary.mysql.internal;

import io.tributary.sync.event.TableId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A focused parser for the DDL that changes a captured table's row layout: the tables a statement creates, drops,
 * renames, truncates or alters, and ({@link #alter}, see {@link AlterParser}) what an {@code ALTER TABLE} does to a
 * layout. Every ALTER clause is classified; one it does not know is refused ({@link UnsupportedDdl}), never guessed,
 * and the caller stops that table with the reason.
 *
 * <p>Why not Debezium's ANTLR grammar ({@code debezium-ddl-parser}): a full grammar answers a larger question than
 * this one (which columns, in which order, of which type, and which key), at the price of the ANTLR runtime, a
 * generated parser of several megabytes and a listener onto this layout model; the clause classifier here is checked
 * statement by statement against the server's own information_schema ({@code DdlTrackingIT}). Column types are
 * mapped by the same {@link ColumnTypes} code as discovery, so a column added mid-stream is typed exactly as
 * discovery would type it.
 */
final class DdlParser {

  private DdlParser() {
  }

  /** A statement, or a clause of one, that this parser does not understand; the message says which. */
  public static final class UnsupportedDdl extends RuntimeException {
    public UnsupportedDdl(String message) {
      super(message);
    }
  }

  /**
   * The result of an {@code ALTER TABLE}: the new layout, and what the statement did to rows without row events
   * (partition operations), null when nothing, and the columns it renamed (new name to name before the statement;
   * a swap shows both; see {@code SchemaChange.renamedFrom}).
   */
  public record Altered(MySqlTable table, String rowsChangedBy, java.util.Map<String, String> renamedFrom) {
    public Altered {
      renamedFrom = java.util.Map.copyOf(renamedFrom);
    }

    public Altered(MySqlTable table, String rowsChangedBy) {
      this(table, rowsChangedBy, java.util.Map.of());
    }
  }

  /**
   * Applies an {@code ALTER TABLE} statement to {@code table}, MySQL's way (see {@link Layout}).
   *
   * @param mariaDb whether the server is MariaDB (its JSON is a LONGTEXT)
   * @throws UnsupportedDdl for a clause that is not understood; a layout is never guessed
   */
  public static Altered alter(MySqlTable table, String sql, boolean mariaDb) {
    return AlterParser.apply(table, sql, mariaDb);
  }

  /** The table whose rows {@code ALTER TABLE t EXCHANGE PARTITION p WITH TABLE other} swaps in, else empty. */
  public static Optional<TableId> exchangedTable(String sql, String source, String defaultDatabase) {
    DdlLexer lx = new DdlLexer(sql);
    if (!lx.peekIs("alter")) {
      return Optional.empty();
    }
    while (lx.hasNext()) {
      if (lx.accept("exchange") && lx.accept("partition")) {
        while (lx.hasNext() && !lx.accept("table")) {
          lx.next();
        }
        return lx.hasNext() ? Optional.of(tableName(lx, source, defaultDatabase)) : Optional.empty();
      }
      lx.next();
    }
    return Optional.empty();
  }

  /** Whether a {@code CREATE TABLE} is {@code CREATE OR REPLACE} (it empties an existing table). */
  public static boolean createOrReplace(String sql) {
    DdlLexer lx = new DdlLexer(sql);
    return lx.accept("create") && lx.accept("or") && lx.accept("replace");
  }

  /** Whether a {@code CREATE TABLE} has {@code IF NOT EXISTS} (it does nothing to an existing table). */
  public static boolean createIfNotExists(String sql) {
    DdlLexer lx = new DdlLexer(sql);
    while (lx.hasNext() && !lx.peekIs("(")) {
      if (lx.accept("if") && lx.accept("not") && lx.accept("exists")) {
        return true;
      }
      lx.next();
    }
    return false;
  }

  /** The table an {@code ALTER TABLE} statement changes, or empty for any other statement. */
  public static Optional<TableId> alteredTable(String sql, String source, String defaultDatabase) {
    DdlLexer lx = new DdlLexer(sql);
    if (!lx.accept("alter")) {
      return Optional.empty();
    }
    lx.accept("online");
    lx.accept("ignore");
    if (!lx.accept("table")) {
      return Optional.empty();
    }
    if (lx.peekIs("if")) {
      lx.next();
      lx.next();
    }
    return Optional.of(tableName(lx, source, defaultDatabase));
  }

  /** The table whose primary key {@code DROP INDEX `PRIMARY` ON t} drops, or empty for any other statement. */
  public static Optional<TableId> primaryKeyDropped(String sql, String source, String defaultDatabase) {
    DdlLexer lx = new DdlLexer(sql);
    if (!lx.accept("drop")) {
      return Optional.empty();
    }
    lx.accept("online");
    if (!lx.accept("index")) {
      return Optional.empty();
    }
    if (lx.accept("if")) {
      lx.accept("exists");
    }
    if (!DdlLexer.unquote(lx.next()).equalsIgnoreCase("primary") || !lx.accept("on")) {
      return Optional.empty();
    }
    return Optional.of(tableName(lx, source, defaultDatabase));
  }

  /** The table a {@code TRUNCATE [TABLE] name} statement empties, or empty for any other statement. */
  public static Optional<TableId> truncatedTable(String sql, String source, String defaultDatabase) {
    DdlLexer lx = new DdlLexer(sql);
    if (!lx.accept("truncate")) {
      return Optional.empty();
    }
    lx.accept("table");
    return Optional.of(tableName(lx, source, defaultDatabase));
  }

  /** A table renamed by {@code RENAME TABLE} or {@code ALTER TABLE ... RENAME [TO|AS]}. */
  public record Rename(TableId from, TableId to) {
  }

  /** The tables a {@code DROP TABLE} statement drops (not {@code DROP TEMPORARY TABLE}); empty for others. */
  public static List<TableId> droppedTables(String sql, String source, String defaultDatabase) {
    DdlLexer lx = new DdlLexer(sql);
    if (!lx.accept("drop") || lx.peekIs("temporary") || !lx.accept("table")) {
      return List.of();
    }
    if (lx.accept("if")) {
      lx.accept("exists");
    }
    List<TableId> out = new ArrayList<>();
    do {
      out.add(tableName(lx, source, defaultDatabase));
    } while (lx.accept(","));
    return out;
  }

  /**
   * The renames of {@code RENAME TABLE a TO b[, c TO d]} in statement order, or of
   * {@code ALTER TABLE a RENAME [TO|AS] b}, among other clauses in any order ({@link #apply} applies those, and the
   * table moves with the result); empty for any other statement (including RENAME COLUMN/INDEX/KEY).
   */
  public static List<Rename> renamedTables(String sql, String source, String defaultDatabase) {
    DdlLexer lx = new DdlLexer(sql);
    List<Rename> out = new ArrayList<>();
    if (lx.accept("rename")) {
      if (!lx.accept("table") && !lx.accept("tables")) {
        return List.of();
      }
      do {
        TableId from = tableName(lx, source, defaultDatabase);
        lx.accept("to");
        out.add(new Rename(from, tableName(lx, source, defaultDatabase)));
      } while (lx.accept(","));
      return out;
    }
    Optional<TableId> altered = alteredTable(sql, source, defaultDatabase);
    if (altered.isEmpty()) {
      return List.of();
    }
    alteredTableName(lx, source, defaultDatabase);
    while (lx.hasNext()) {
      DdlCursor c = new DdlCursor(nextSpec(lx));
      if (c.accept("rename") && !c.peekIs("column") && !c.peekIs("index") && !c.peekIs("key")) {
        if (!c.accept("to")) {
          c.accept("as");
        }
        DdlLexer name = new DdlLexer(String.join(" ", c.rest()));
        out.add(new Rename(altered.get(), tableName(name, source, defaultDatabase)));
      }
    }
    return out;
  }

  /** The table a {@code CREATE TABLE x [(]LIKE y[)]} statement copies the definition of; empty for other forms. */
  public static Optional<TableId> likeTable(String sql, String source, String defaultDatabase) {
    DdlLexer lx = new DdlLexer(sql);
    while (lx.hasNext() && !lx.peekIs("like") && !lx.peekIs("select")) {
      if (lx.next().equals(")")) {
        return Optional.empty(); // a column list came first: LIKE, if any, is inside an expression
      }
    }
    return lx.accept("like") ? Optional.of(tableName(lx, source, defaultDatabase)) : Optional.empty();
  }

  /** The table a {@code CREATE TABLE} statement (re)creates, or empty for any other statement. */
  public static Optional<TableId> createdTable(String sql, String source, String defaultDatabase) {
    DdlLexer lx = new DdlLexer(sql);
    if (!lx.accept("create")) {
      return Optional.empty();
    }
    if (lx.accept("or")) {
      lx.accept("replace");
    }
    if (lx.peekIs("temporary") || !lx.accept("table")) {
      return Optional.empty();
    }
    if (lx.accept("if")) {
      lx.accept("not");
      lx.accept("exists");
    }
    return Optional.of(tableName(lx, source, defaultDatabase));
  }

  /**
   * The layout a {@code CREATE TABLE name (definitions) [options]} statement gives, or empty for forms without
   * column definitions ({@code LIKE}, {@code AS SELECT} alone). Text columns without a character set take the
   * table's {@code DEFAULT CHARSET} option, else utf8mb4.
   */
  public static Optional<MySqlTable> create(TableId id, String sql) {
    return create(id, sql, false, null);
  }

  /**
   * {@link #create(TableId, String)} on MariaDB ({@code mariaDb}: its JSON is a LONGTEXT) or MySQL, with the
   * character set the table gets when the statement names none (the database's default), null for utf8mb4.
   */
  public static Optional<MySqlTable> create(TableId id, String sql, boolean mariaDb, String defaultCharset) {
    if (systemVersioned(sql)) {
      throw new UnsupportedDdl("the table is created WITH SYSTEM VERSIONING: MariaDB adds hidden row_start/row_end "
          + "columns and keeps history rows the log does not describe as such");
    }
    DdlLexer lx = new DdlLexer(sql);
    while (lx.hasNext() && !lx.peekIs("(") && !lx.peekIs("like")) {
      lx.next();
    }
    if (!lx.accept("(")) {
      return Optional.empty();
    }
    List<List<String>> specs = new ArrayList<>();
    List<String> cur = new ArrayList<>();
    int depth = 0;
    while (lx.hasNext()) {
      String t = lx.next();
      if (t.equals("(")) {
        depth++;
      } else if (t.equals(")") && depth-- == 0) {
        break;
      } else if (t.equals(",") && depth == 0) {
        specs.add(cur);
        cur = new ArrayList<>();
        continue;
      }
      cur.add(t);
    }
    specs.add(cur);
    List<String> options = new ArrayList<>();
    while (lx.hasNext() && !lx.peekIs("partition") && !lx.peekIs("as") && !lx.peekIs("select")) {
      options.add(lx.next());
    }
    String named = AlterParser.charsetOption(options);
    String tableCharset = named != null ? named : defaultCharset;
    List<MySqlColumn> columns = new ArrayList<>();
    List<String> key = new ArrayList<>();
    for (List<String> spec : specs) {
      if (spec.isEmpty()) {
        continue;
      }
      DdlCursor c = new DdlCursor(spec);
      if (c.accept("constraint") && !c.peekIs("primary") && !c.peekIs("unique") && !c.peekIs("foreign")
          && !c.peekIs("check")) {
        c.next();
      }
      if (c.accept("primary")) {
        c.accept("key");
        key = c.keyColumns();
      } else if (!c.acceptAny("key", "index", "unique", "fulltext", "spatial", "foreign", "check", "constraint",
          "period", "vector")) {
        ColumnDefinition def = ColumnDefinition.parse(spec);
        columns.add(def.toColumn(tableCharset, mariaDb));
        if (def.primaryKey()) {
          key = List.of(def.name());
        }
      }
    }
    return columns.isEmpty() ? Optional.empty() : Optional.of(MySqlTable.of(id, columns, key, tableCharset));
  }

  /** Whether a statement says {@code WITH SYSTEM VERSIONING} (a table option or a column attribute). */
  static boolean systemVersioned(String sql) {
    DdlLexer lx = new DdlLexer(sql);
    while (lx.hasNext()) {
      if (lx.accept("with") && lx.accept("system") && lx.peekIs("versioning")) {
        return true;
      }
      if (lx.hasNext() && !lx.peekIs("with")) {
        lx.next();
      }
    }
    return false;
  }

  /** {@link #alter} on MySQL, the layout only (tests and the rename path). */
  public static MySqlTable apply(MySqlTable table, String sql) {
    return alter(table, sql, false).table();
  }

  /** Reads past {@code ALTER [ONLINE|IGNORE] TABLE [IF EXISTS]} and returns the table name that follows. */
  static TableId alteredTableName(DdlLexer lx, String source, String defaultDatabase) {
    while (lx.hasNext() && !lx.peekIs("table")) {
      lx.next();
    }
    lx.next();
    if (lx.peekIs("if")) {
      lx.next();
      lx.next();
    }
    return tableName(lx, source, defaultDatabase);
  }

  private static TableId tableName(DdlLexer lx, String source, String defaultDatabase) {
    String first = DdlLexer.unquote(lx.next());
    if (lx.peekIs(".")) {
      lx.next();
      return TableId.of(source, first, DdlLexer.unquote(lx.next()));
    }
    return TableId.of(source, defaultDatabase == null ? "" : defaultDatabase, first);
  }

  /** Tokens up to the next comma outside parentheses. */
  static List<String> nextSpec(DdlLexer lx) {
    List<String> spec = new ArrayList<>();
    int depth = 0;
    while (lx.hasNext()) {
      String t = lx.next();
      if (t.equals("(")) {
        depth++;
      } else if (t.equals(")")) {
        depth--;
      } else if (depth == 0 && (t.equals(",") || t.equals(";"))) {
        break;
      }
      spec.add(t);
    }
    return spec;
  }
}
