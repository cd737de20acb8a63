package io.tributary.mysql.internal;

import io.tributary.sync.event.TableId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A focused parser for the DDL that changes a captured table's row layout: {@code ALTER TABLE} with ADD, DROP,
 * MODIFY, CHANGE and RENAME COLUMN, ADD/DROP PRIMARY KEY, in any comma-separated combination. Index, constraint,
 * option and default changes leave the layout unchanged and are ignored.
 *
 * <p>Why not Debezium's ANTLR grammar: it pulls debezium-core, ANTLR and their transitive dependencies into an
 * embeddable library to answer a question that needs only these clauses; column types are mapped by the same
 * {@link ColumnTypes} code as discovery, so a column added mid-stream is typed exactly as discovery would type it.
 */
public final class DdlParser {

  private DdlParser() {
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
      Cursor c = new Cursor(nextSpec(lx));
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
    String tableCharset = null;
    while (lx.hasNext()) {
      String t = lx.next();
      if (t.equalsIgnoreCase("charset") || (t.equalsIgnoreCase("character") && lx.accept("set"))) {
        lx.accept("=");
        tableCharset = DdlLexer.unquote(lx.next());
      }
    }
    List<MySqlColumn> columns = new ArrayList<>();
    List<String> key = new ArrayList<>();
    for (List<String> spec : specs) {
      if (spec.isEmpty()) {
        continue;
      }
      Cursor c = new Cursor(spec);
      if (c.accept("constraint") && !c.peekIs("primary")) {
        c.next();
      }
      if (c.accept("primary")) {
        c.accept("key");
        key = c.nameList();
      } else if (!c.acceptAny("key", "index", "unique", "fulltext", "spatial", "foreign", "check", "constraint",
          "period")) {
        ColumnDefinition def = ColumnDefinition.parse(spec);
        columns.add(def.charset() == null && tableCharset != null
            ? ColumnTypes.map(def.name(), def.typeText(), tableCharset, def.nullable()) : def.toColumn());
        if (def.primaryKey()) {
          key = List.of(def.name());
        }
      }
    }
    return columns.isEmpty() ? Optional.empty() : Optional.of(MySqlTable.of(id, columns, key));
  }

  /** Applies an {@code ALTER TABLE} statement to {@code table}; the table unchanged when nothing applies. */
  public static MySqlTable apply(MySqlTable table, String sql) {
    DdlLexer lx = new DdlLexer(sql);
    alteredTableName(lx, table.id().source(), table.id().database());
    Layout layout = new Layout(table);
    while (lx.hasNext()) {
      List<String> spec = nextSpec(lx);
      if (!spec.isEmpty()) {
        applySpec(layout, spec);
      }
    }
    return layout.build();
  }

  /** Reads past {@code ALTER [ONLINE|IGNORE] TABLE [IF EXISTS]} and returns the table name that follows. */
  private static TableId alteredTableName(DdlLexer lx, String source, String defaultDatabase) {
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
  private static List<String> nextSpec(DdlLexer lx) {
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

  private static void applySpec(Layout layout, List<String> spec) {
    Cursor c = new Cursor(spec);
    String verb = c.next().toLowerCase(Locale.ROOT);
    switch (verb) {
      case "add" -> {
        if (c.acceptAny("index", "key", "unique", "fulltext", "spatial", "foreign", "check", "period", "system")) {
          return;
        }
        if (c.accept("constraint")) {
          if (!c.peekIs("primary")) {
            c.next();
          }
        }
        if (c.accept("primary")) {
          c.accept("key");
          layout.primaryKey(c.nameList());
          return;
        }
        c.accept("column");
        c.skipIfExists();
        if (c.peekIs("(")) {
          for (List<String> def : c.parenthesizedDefs()) {
            layout.add(ColumnDefinition.parse(def), null, false);
          }
          return;
        }
        ColumnDefinition def = ColumnDefinition.parse(c.rest());
        layout.add(def, def.after(), def.first());
      }
      case "drop" -> {
        if (c.accept("primary")) {
          layout.primaryKey(List.of());
          return;
        }
        if (c.acceptAny("index", "key", "foreign", "constraint", "check", "partition", "period", "system")) {
          return;
        }
        c.accept("column");
        c.skipIfExists();
        layout.drop(DdlLexer.unquote(c.next()));
      }
      case "modify" -> {
        c.accept("column");
        c.skipIfExists();
        ColumnDefinition def = ColumnDefinition.parse(c.rest());
        layout.replace(def.name(), def);
      }
      case "change" -> {
        c.accept("column");
        c.skipIfExists();
        String old = DdlLexer.unquote(c.next());
        ColumnDefinition def = ColumnDefinition.parse(c.rest());
        layout.replace(old, def);
      }
      case "rename" -> {
        if (c.accept("column")) {
          String old = DdlLexer.unquote(c.next());
          c.accept("to");
          layout.rename(old, DdlLexer.unquote(c.next()));
        }
      }
      default -> {
        // ALTER COLUMN ... SET DEFAULT, ENGINE=, COMMENT=, algorithm options: no layout change.
      }
    }
  }

  /** A token cursor over one ALTER specification. */
  static final class Cursor {
    private final List<String> tokens;
    private int pos;

    Cursor(List<String> tokens) {
      this.tokens = tokens;
    }

    String next() {
      return pos < tokens.size() ? tokens.get(pos++) : "";
    }

    boolean peekIs(String word) {
      return pos < tokens.size() && tokens.get(pos).equalsIgnoreCase(word);
    }

    boolean accept(String word) {
      if (peekIs(word)) {
        pos++;
        return true;
      }
      return false;
    }

    boolean acceptAny(String... words) {
      for (String w : words) {
        if (accept(w)) {
          return true;
        }
      }
      return false;
    }

    void skipIfExists() {
      if (peekIs("if")) {
        pos++;
        accept("not");
        accept("exists");
      }
    }

    List<String> rest() {
      return tokens.subList(pos, tokens.size());
    }

    /** {@code (a, b(10), c)} as names, prefix lengths and ASC/DESC dropped. */
    List<String> nameList() {
      List<String> names = new ArrayList<>();
      accept("(");
      int depth = 0;
      boolean expectName = true;
      while (pos < tokens.size()) {
        String t = next();
        if (t.equals("(")) {
          depth++;
        } else if (t.equals(")")) {
          if (depth-- == 0) {
            break;
          }
        } else if (t.equals(",") && depth == 0) {
          expectName = true;
        } else if (expectName && depth == 0) {
          names.add(DdlLexer.unquote(t));
          expectName = false;
        }
      }
      return names;
    }

    /** {@code (def, def)} split at top-level commas. */
    List<List<String>> parenthesizedDefs() {
      List<List<String>> defs = new ArrayList<>();
      accept("(");
      List<String> cur = new ArrayList<>();
      int depth = 0;
      while (pos < tokens.size()) {
        String t = next();
        if (t.equals("(")) {
          depth++;
        } else if (t.equals(")") && depth-- == 0) {
          break;
        } else if (t.equals(",") && depth == 0) {
          defs.add(cur);
          cur = new ArrayList<>();
          continue;
        }
        cur.add(t);
      }
      if (!cur.isEmpty()) {
        defs.add(cur);
      }
      return defs;
    }
  }
}
