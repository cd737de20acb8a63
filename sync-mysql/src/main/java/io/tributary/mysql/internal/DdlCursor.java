package io.tributary.mysql.internal;

import java.util.ArrayList;
import java.util.List;

/** A token cursor over one clause of a DDL statement (its tokens up to the next top-level comma). */
final class DdlCursor {
  private final List<String> tokens;
  private int pos;

  DdlCursor(List<String> tokens) {
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

  /** The column list of a key definition, past its name and options: {@code [name] [USING x] (a, b(10))}. */
  List<String> keyColumns() {
    while (pos < tokens.size() && !peekIs("(")) {
      pos++;
    }
    return nameList();
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
