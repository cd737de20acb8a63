package io.tributary.mysql.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits MySQL DDL into tokens: words, {@code `quoted`} identifiers (kept with their backticks), {@code 'strings'}
 * (kept with their quotes), numbers and single punctuation characters. Comments and whitespace are dropped, except
 * executable comments ({@code /*!50100 ...}{@code *}{@code /}, MariaDB's {@code /*M!100100 ...}): the server ran
 * their content (every server a binlog comes from is newer than the versions they name), so it is tokenized.
 */
final class DdlLexer {

  private final List<String> tokens = new ArrayList<>();
  private int pos;

  DdlLexer(String text) {
    int i = 0;
    int n = text.length();
    boolean executable = false;
    while (i < n) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (executable && c == '*' && i + 1 < n && text.charAt(i + 1) == '/') {
        executable = false;
        i += 2;
      } else if (text.startsWith("/*!", i) || text.startsWith("/*M!", i)) {
        executable = true;
        i += text.charAt(i + 2) == '!' ? 3 : 4;
        while (i < n && Character.isDigit(text.charAt(i))) {
          i++;
        }
      } else if (c == '/' && i + 1 < n && text.charAt(i + 1) == '*') {
        int end = text.indexOf("*/", i + 2);
        i = end < 0 ? n : end + 2;
      } else if (c == '#' || (c == '-' && i + 2 < n && text.charAt(i + 1) == '-'
          && Character.isWhitespace(text.charAt(i + 2)))) {
        int end = text.indexOf('\n', i);
        i = end < 0 ? n : end + 1;
      } else if (c == '`' || c == '\'' || c == '"') {
        int j = i + 1;
        while (j < n) {
          char d = text.charAt(j);
          if (d == '\\' && c != '`') {
            j += 2;
          } else if (d == c && j + 1 < n && text.charAt(j + 1) == c) {
            j += 2;
          } else if (d == c) {
            break;
          } else {
            j++;
          }
        }
        tokens.add(text.substring(i, Math.min(j + 1, n)));
        i = j + 1;
      } else if (Character.isLetterOrDigit(c) || c == '_' || c == '$') {
        int j = i;
        while (j < n && (Character.isLetterOrDigit(text.charAt(j)) || text.charAt(j) == '_'
            || text.charAt(j) == '$' || (text.charAt(j) == '.' && Character.isDigit(c)))) {
          j++;
        }
        tokens.add(text.substring(i, j));
        i = j;
      } else {
        tokens.add(String.valueOf(c));
        i++;
      }
    }
  }

  boolean hasNext() {
    return pos < tokens.size();
  }

  String next() {
    return pos < tokens.size() ? tokens.get(pos++) : "";
  }

  String peek() {
    return pos < tokens.size() ? tokens.get(pos) : "";
  }

  boolean peekIs(String word) {
    return peek().equalsIgnoreCase(word);
  }

  /** Consumes the next token if it is {@code word} (case-insensitive). */
  boolean accept(String word) {
    if (peekIs(word)) {
      pos++;
      return true;
    }
    return false;
  }

  int mark() {
    return pos;
  }

  void reset(int mark) {
    pos = mark;
  }

  /** Strips backticks or quotes and undoes doubled quote characters and backslash escapes. */
  static String unquote(String token) {
    if (token.length() >= 2) {
      char q = token.charAt(0);
      if ((q == '`' || q == '\'' || q == '"') && token.charAt(token.length() - 1) == q) {
        String body = token.substring(1, token.length() - 1).replace(String.valueOf(q) + q, String.valueOf(q));
        if (q != '`') {
          body = body.replace("\\'", "'").replace("\\\"", "\"").replace("\\\\", "\\");
        }
        return body;
      }
    }
    return token;
  }
}
