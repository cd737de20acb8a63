package io.tributary.mysql.internal;

import java.util.List;
import java.util.Locale;

/**
 * One column definition of a DDL statement: {@code name type [attributes] [FIRST | AFTER other]}.
 *
 * @param name       column name
 * @param typeText   the type with its arguments and signedness, e.g. {@code int(10) unsigned}
 * @param charset    the CHARACTER SET clause, null when absent
 * @param nullable   false with NOT NULL or a column-level PRIMARY KEY
 * @param primaryKey whether the definition declares the column the primary key
 * @param first      FIRST was given
 * @param after      the column named by AFTER, null when absent
 */
record ColumnDefinition(String name, String typeText, String charset, boolean nullable, boolean primaryKey,
    boolean first, String after) {

  static ColumnDefinition parse(List<String> tokens) {
    String name = DdlLexer.unquote(tokens.get(0));
    StringBuilder type = new StringBuilder(tokens.get(1));
    int i = 2;
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
    String charset = null;
    boolean nullable = true;
    boolean pk = false;
    boolean first = false;
    String after = null;
    for (; i < tokens.size(); i++) {
      String t = tokens.get(i).toLowerCase(Locale.ROOT);
      String next = i + 1 < tokens.size() ? tokens.get(i + 1) : "";
      switch (t) {
        case "not" -> {
          if (next.equalsIgnoreCase("null")) {
            nullable = false;
            i++;
          }
        }
        case "charset" -> charset = DdlLexer.unquote(tokens.get(++i));
        case "character" -> {
          if (next.equalsIgnoreCase("set")) {
            i += 2;
            charset = DdlLexer.unquote(tokens.get(i));
          }
        }
        case "primary" -> {
          pk = true;
          nullable = false;
        }
        case "default", "comment", "collate", "on" -> i++; // skip the value, which may look like a keyword
        case "first" -> first = true;
        case "after" -> after = DdlLexer.unquote(tokens.get(++i));
        default -> {
          // AUTO_INCREMENT, UNIQUE, generated-column clauses and the like do not change the layout.
        }
      }
    }
    return new ColumnDefinition(name, type.toString(), charset, nullable, pk, first, after);
  }

  private static boolean isSignedness(String token) {
    return token.equalsIgnoreCase("unsigned") || token.equalsIgnoreCase("signed")
        || token.equalsIgnoreCase("zerofill");
  }

  MySqlColumn toColumn() {
    return ColumnTypes.map(name, typeText, charset, nullable);
  }
}
