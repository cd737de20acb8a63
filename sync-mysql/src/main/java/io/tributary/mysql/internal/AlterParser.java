package io.tributary.mysql.internal;

import io.tributary.mysql.internal.DdlParser.UnsupportedDdl;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Applies the clauses of an {@code ALTER TABLE} to a tracked layout. Every clause is classified: one that changes
 * columns, the primary key or the default character set is applied (see {@link Layout} for the server's order);
 * index, constraint, option and partition-maintenance clauses change nothing; a partition operation that adds or
 * removes rows without row events is reported; anything else is refused with {@link UnsupportedDdl}, never guessed.
 */
final class AlterParser {

  /** Clauses that leave columns, key and row content alone. */
  private static final Set<String> NO_CHANGE = Set.of("algorithm", "lock", "force", "engine", "auto_increment",
      "avg_row_length", "checksum", "table_checksum", "comment", "compression", "connection", "data", "index",
      "delay_key_write", "encryption", "encrypted", "encryption_key_id", "insert_method", "key_block_size",
      "max_rows", "min_rows", "pack_keys", "password", "row_format", "stats_auto_recalc", "stats_persistent",
      "stats_sample_pages", "tablespace", "union", "storage", "order", "enable", "disable", "page_checksum",
      "page_compressed", "page_compression_level", "ietf_quotes", "transactional", "sequence", "with", "without",
      "secondary_engine", "secondary_load", "secondary_unload", "autoextend_size", "engine_attribute",
      "secondary_engine_attribute", "default", "character", "charset", "collate", "wait", "nowait");

  /** Words that start a clause of their own, so end an ORDER BY list (besides {@link #NO_CHANGE}). */
  private static final Set<String> CLAUSE_WORDS = Set.of("add", "drop", "modify", "change", "rename", "alter",
      "convert", "partition", "exchange", "import", "discard", "truncate", "coalesce", "reorganize", "analyze",
      "check", "optimize", "rebuild", "repair", "remove", "upgrade");

  /** Partition maintenance that keeps every row: the rest of the statement belongs to it. */
  private static final Set<String> PARTITION_KEEPS_ROWS = Set.of("partition", "coalesce", "reorganize",
      "analyze", "check", "optimize", "rebuild", "repair", "remove", "upgrade");

  private AlterParser() {
  }

  static DdlParser.Altered apply(MySqlTable table, String sql, boolean mariaDb) {
    DdlLexer lx = new DdlLexer(sql);
    DdlParser.alteredTableName(lx, table.id().source(), table.id().database());
    if (lx.accept("wait")) { // MariaDB: ALTER TABLE t WAIT n | NOWAIT
      lx.next();
    } else {
      lx.accept("nowait");
    }
    Layout layout = new Layout(table, mariaDb);
    String rowsChangedBy = null;
    boolean orderBy = false;
    while (lx.hasNext()) {
      List<String> spec = DdlParser.nextSpec(lx);
      if (spec.isEmpty()) {
        continue;
      }
      String verb = spec.get(0).toLowerCase(Locale.ROOT);
      if (orderBy && isOrderItem(spec)) {
        continue; // ORDER BY a, b DESC: the comma list is ORDER BY's; it sorts the rows once, the layout stays
      }
      orderBy = verb.equals("order");
      String second = spec.size() > 1 ? spec.get(1).toLowerCase(Locale.ROOT) : "";
      if (isPartitionOperation(verb, second)) {
        rowsChangedBy = rowsChangedBy(verb, second);
        break; // its partition list may hold commas; no other clause may follow it
      }
      applySpec(layout, spec);
    }
    MySqlTable built = layout.build();
    return new DdlParser.Altered(built, rowsChangedBy, layout.renamedFrom());
  }

  /** {@code col}, {@code t.col} or {@code `col` DESC}: an item of an ORDER BY list, not a clause of its own. */
  private static boolean isOrderItem(List<String> spec) {
    int n = spec.size();
    if (n > 1 && (spec.get(n - 1).equalsIgnoreCase("asc") || spec.get(n - 1).equalsIgnoreCase("desc"))) {
      n--;
    }
    if (n % 2 == 0) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      String t = spec.get(i);
      if (i % 2 == 1 ? !t.equals(".") : !isName(t)) {
        return false;
      }
    }
    String first = spec.get(0).toLowerCase(Locale.ROOT);
    return spec.get(0).startsWith("`") || !CLAUSE_WORDS.contains(first) && !NO_CHANGE.contains(first);
  }

  private static boolean isName(String token) {
    return token.startsWith("`") || !token.isEmpty() && Character.isJavaIdentifierStart(token.charAt(0));
  }

  private static boolean isPartitionOperation(String verb, String second) {
    if (verb.equals("partition") || verb.equals("exchange")) { // PARTITION BY ..., EXCHANGE PARTITION
      return true;
    }
    if (verb.equals("convert")) { // MariaDB: CONVERT PARTITION p TO TABLE t, CONVERT TABLE t TO PARTITION p
      return second.equals("partition") || second.equals("table");
    }
    return second.equals("partition") || second.equals("partitioning")
        || (verb.equals("import") || verb.equals("discard")) && second.equals("tablespace");
  }

  /** What the partition operation does to rows that no row event carries, or null when it keeps them. */
  private static String rowsChangedBy(String verb, String second) {
    return switch (verb) {
      case "truncate" -> "TRUNCATE PARTITION deleted rows without row events";
      case "drop" -> "DROP PARTITION deleted the partitions' rows without row events";
      case "exchange" -> "EXCHANGE PARTITION swapped rows with another table without row events";
      case "convert" -> second.equals("table") ? "CONVERT TABLE ... TO PARTITION added rows without row events"
          : "CONVERT PARTITION ... TO TABLE moved rows out without row events";
      case "import" -> "IMPORT " + second.toUpperCase(Locale.ROOT) + " brought rows without row events";
      case "discard" -> "DISCARD " + second.toUpperCase(Locale.ROOT) + " removed the rows without row events";
      default -> {
        if (PARTITION_KEEPS_ROWS.contains(verb) || verb.equals("add")) {
          yield null;
        }
        throw new UnsupportedDdl("partition clause " + verb.toUpperCase(Locale.ROOT) + " "
            + second.toUpperCase(Locale.ROOT) + " is not understood");
      }
    };
  }

  private static void applySpec(Layout layout, List<String> spec) {
    DdlCursor c = new DdlCursor(spec);
    String verb = c.next().toLowerCase(Locale.ROOT);
    switch (verb) {
      case "add" -> add(layout, c);
      case "drop" -> drop(layout, c);
      case "modify" -> {
        c.accept("column");
        c.skipIfExists();
        ColumnDefinition def = ColumnDefinition.parse(c.rest());
        layout.change(def.name(), def);
      }
      case "change" -> {
        c.accept("column");
        c.skipIfExists();
        String old = DdlLexer.unquote(c.next());
        layout.change(old, ColumnDefinition.parse(c.rest()));
      }
      case "rename" -> {
        if (c.accept("column")) {
          String old = DdlLexer.unquote(c.next());
          c.accept("to");
          layout.rename(old, DdlLexer.unquote(c.next()));
        } // RENAME INDEX/KEY: nothing; RENAME [TO|AS] table: the caller moves the table
      }
      case "alter" -> {
        // ALTER [COLUMN] c SET/DROP DEFAULT, SET [IN]VISIBLE; ALTER INDEX/CHECK/CONSTRAINT: no layout change.
      }
      case "convert" -> {
        c.accept("to");
        String cs = charsetOption(spec);
        if (cs == null || cs.equals("binary") || cs.equals("default")) {
          throw new UnsupportedDdl("CONVERT TO CHARACTER SET " + cs + " is not understood");
        }
        layout.convert(cs);
      }
      default -> {
        if (!NO_CHANGE.contains(verb)) {
          throw new UnsupportedDdl("clause `" + String.join(" ", spec) + "` is not understood");
        }
        String cs = charsetOption(spec); // options need no commas: ENGINE=InnoDB DEFAULT CHARSET=latin1
        if (cs != null) {
          layout.defaultCharset(cs);
        }
      }
    }
  }

  private static void add(Layout layout, DdlCursor c) {
    boolean column = c.accept("column");
    if (!column) {
      if (c.peekIs("system")) {
        throw new UnsupportedDdl("ADD SYSTEM VERSIONING adds the hidden row_start/row_end columns");
      }
      if (c.acceptAny("index", "key", "unique", "fulltext", "spatial", "foreign", "check", "period", "vector")) {
        return;
      }
      if (c.accept("constraint")) {
        c.skipIfExists();
        if (!c.peekIs("primary") && !c.peekIs("unique") && !c.peekIs("foreign") && !c.peekIs("check")) {
          c.next(); // the constraint's name
          c.skipIfExists();
        }
        if (!c.peekIs("primary")) {
          return; // UNIQUE, FOREIGN KEY, CHECK: no layout change
        }
      }
      if (c.accept("primary")) {
        c.accept("key");
        layout.addPrimaryKey(c.keyColumns());
        return;
      }
    }
    c.skipIfExists();
    if (c.peekIs("(")) {
      for (List<String> def : c.parenthesizedDefs()) {
        layout.add(ColumnDefinition.parse(def));
      }
      return;
    }
    layout.add(ColumnDefinition.parse(c.rest()));
  }

  private static void drop(Layout layout, DdlCursor c) {
    if (c.accept("primary")) {
      layout.dropPrimaryKey();
      return;
    }
    if (c.acceptAny("index", "key", "constraint")) {
      c.skipIfExists();
      if (DdlLexer.unquote(c.next()).equalsIgnoreCase("primary")) { // DROP INDEX `PRIMARY`
        layout.dropPrimaryKey();
      }
      return;
    }
    if (c.peekIs("system")) {
      throw new UnsupportedDdl("DROP SYSTEM VERSIONING drops the hidden row_start/row_end columns and the history");
    }
    if (c.acceptAny("foreign", "check", "period", "unique")) {
      return;
    }
    c.accept("column");
    c.skipIfExists();
    layout.drop(DdlLexer.unquote(c.next()));
  }

  /** The character set a clause names ({@code CHARACTER SET x}, {@code CHARSET x}, else {@code COLLATE y}'s). */
  static String charsetOption(List<String> spec) {
    String collation = null;
    for (int i = 0; i < spec.size(); i++) {
      String t = spec.get(i).toLowerCase(Locale.ROOT);
      int value = t.equals("charset") ? i + 1
          : t.equals("character") && i + 1 < spec.size() && spec.get(i + 1).equalsIgnoreCase("set") ? i + 2
          : t.equals("collate") ? i + 1 : -1;
      if (value < 0) {
        continue;
      }
      if (value < spec.size() && spec.get(value).equals("=")) {
        value++;
      }
      if (value >= spec.size()) {
        return null;
      }
      String name = DdlLexer.unquote(spec.get(value)).toLowerCase(Locale.ROOT);
      if (!t.equals("collate")) {
        return name;
      }
      collation = name;
      i = value;
    }
    return ColumnTypes.charsetOfCollation(collation);
  }
}
