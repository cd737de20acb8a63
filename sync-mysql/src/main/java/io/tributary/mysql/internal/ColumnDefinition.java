package io.tributary.mysql.internal;

import java.util.List;
import java.util.Locale;

/**
 * One column definition of a DDL statement: {@code name type [attributes] [FIRST | AFTER other]}.
 *
 * @param name       column name
 * @param typeText   the type with its arguments and signedness, e.g. {@code int(10) unsigned}, multi-word types
 *                   ({@code DOUBLE PRECISION}, {@code NATIONAL VARCHAR}, {@code LONG VARBINARY}) normalized
 * @param charset    the column's character set: its CHARACTER SET clause, else the one its COLLATE implies, else
 *                   utf8mb3 for NATIONAL/NCHAR types; null when none is given (then the table's default applies)
 * @param nullable   false with NOT NULL, SERIAL or a column-level PRIMARY KEY
 * @param primaryKey whether the definition declares the column the primary key ({@code PRIMARY KEY} or {@code KEY})
 * @param first      FIRST was given
 * @param after      the column named by AFTER, null when absent
 */
record ColumnDefinition(String name, String typeText, String charset, boolean nullable, boolean primaryKey,
    boolean first, String after) {

  static ColumnDefinition parse(List<String> tokens) {
    if (tokens.size() < 2) {
      throw new DdlParser.UnsupportedDdl("column definition `" + String.join(" ", tokens) + "` has no type");
    }
    String name = DdlLexer.unquote(tokens.get(0));
    int i = 1;
    String charset = null;
    String base = tokens.get(i++).toLowerCase(Locale.ROOT);
    String next = i < tokens.size() ? tokens.get(i).toLowerCase(Locale.ROOT) : "";
    if (base.equals("national")) { // NATIONAL CHAR / VARCHAR / CHARACTER [VARYING]
      base = "n" + next;
      next = ++i < tokens.size() ? tokens.get(i).toLowerCase(Locale.ROOT) : "";
    }
    if (base.equals("ncharacter")) {
      base = "nchar";
    }
    if ((base.equals("nchar") || base.equals("char") || base.equals("character"))
        && (next.equals("varying") || next.equals("varchar"))) {
      base = base.startsWith("n") ? "nvarchar" : "varchar";
      i++;
    } else if (base.equals("double") && next.equals("precision")) {
      i++;
    } else if (base.equals("long") && (next.equals("varchar") || next.equals("varbinary"))) {
      base = next.equals("varchar") ? "mediumtext" : "mediumblob";
      i++;
    }
    if (base.equals("nchar") || base.equals("nvarchar")) {
      charset = "utf8mb3"; // NATIONAL is MySQL's predefined utf8 (utf8mb3)
      base = base.substring(1);
    }
    StringBuilder type = new StringBuilder(base);
    if (i < tokens.size() && tokens.get(i).equals("(")) {
      while (i < tokens.size()) {
        String t = tokens.get(i++);
        type.append(t.equals(",") ? "," : t.equals(")") || t.equals("(") ? t : " " + t);
        if (t.equals(")")) {
          break;
        }
      }
    }
    while (i < tokens.size() && isSignedness(tokens.get(i))) {
      type.append(' ').append(tokens.get(i++));
    }
    boolean nullable = !base.equals("serial");
    String collation = null;
    boolean pk = false;
    boolean first = false;
    String after = null;
    for (; i < tokens.size(); i++) {
      String t = tokens.get(i).toLowerCase(Locale.ROOT);
      next = i + 1 < tokens.size() ? tokens.get(i + 1) : "";
      switch (t) {
        case "(" -> i = skipGroup(tokens, i); // DEFAULT (expr), CHECK (...), AS (...), REFERENCES p (a)
        case "not" -> {
          if (next.equalsIgnoreCase("null")) {
            nullable = false;
            i++;
          }
        }
        case "null" -> nullable = true;
        case "charset" -> charset = DdlLexer.unquote(tokens.get(++i));
        case "character" -> {
          if (next.equalsIgnoreCase("set")) {
            i += 2;
            charset = DdlLexer.unquote(tokens.get(i));
          }
        }
        case "collate" -> collation = DdlLexer.unquote(tokens.get(++i));
        case "serial" -> nullable = false; // SERIAL DEFAULT VALUE: NOT NULL AUTO_INCREMENT UNIQUE
        case "unique" -> {
          if (next.equalsIgnoreCase("key")) {
            i++;
          }
        }
        case "primary", "key" -> { // a column-level KEY is PRIMARY KEY
          if (t.equals("primary") && next.equalsIgnoreCase("key")) {
            i++;
          }
          pk = true;
          nullable = false;
        }
        case "default", "comment", "on", "references" -> {
          // the value may look like a keyword (DEFAULT NULL is no NULL attribute); ON UPDATE x; REFERENCES p(a)
          i += t.equals("on") ? 2 : 1;
          if (i < tokens.size() && tokens.get(i).equals("(")) {
            i = skipGroup(tokens, i);
          }
        }
        case "partition" -> i = tokens.size(); // ALTER TABLE ... ADD c INT PARTITION BY ...: the table's options
        case "first" -> first = true;
        case "after" -> after = DdlLexer.unquote(tokens.get(++i));
        default -> {
          // AUTO_INCREMENT, generated-column clauses, BINARY (a collation) and the like do not change the layout.
        }
      }
    }
    if (charset == null && collation != null) {
      charset = ColumnTypes.charsetOfCollation(collation);
    }
    return new ColumnDefinition(name, type.toString(), charset, nullable, pk, first, after);
  }

  /** The index of the {@code )} closing the group opened at {@code open}. */
  private static int skipGroup(List<String> tokens, int open) {
    int depth = 0;
    for (int i = open; i < tokens.size(); i++) {
      if (tokens.get(i).equals("(")) {
        depth++;
      } else if (tokens.get(i).equals(")") && --depth == 0) {
        return i;
      }
    }
    return tokens.size();
  }

  private static boolean isSignedness(String token) {
    return token.equalsIgnoreCase("unsigned") || token.equalsIgnoreCase("signed")
        || token.equalsIgnoreCase("zerofill");
  }

  /** The column as discovery would type it; {@code tableCharset} applies when the definition names none. */
  MySqlColumn toColumn(String tableCharset, boolean mariaDb) {
    if (mariaDb && typeText.toLowerCase(Locale.ROOT).startsWith("json")) {
      // MariaDB's JSON is LONGTEXT CHARSET utf8mb4 with a CHECK, and information_schema says so: type it as text.
      return ColumnTypes.map(name, "longtext", "utf8mb4", nullable);
    }
    return ColumnTypes.map(name, typeText, charset != null ? charset : tableCharset, nullable);
  }

  MySqlColumn toColumn() {
    return toColumn(null, false);
  }
}
