package io.tributary.postgres.internal;

/**
 * Renders a PostgreSQL array literal ({@code {1,2,NULL}}, {@code {"a b","c\"d"}}, nested {@code {{1,2},{3,4}}})
 * as a JSON array: numbers and booleans unquoted, other elements as JSON strings, NULL as null.
 */
final class PgArrays {

  private PgArrays() {
  }

  static String toJson(String literal, Codec elementCodec) {
    String text = literal;
    if (text.startsWith("[")) { // explicit bounds, e.g. [0:1]={1,2}
      text = text.substring(text.indexOf('=') + 1);
    }
    StringBuilder out = new StringBuilder(text.length() + 8);
    int end = parse(text, 0, elementCodec, out);
    if (end != text.length()) {
      throw new IllegalArgumentException("trailing characters in array literal: " + literal);
    }
    return out.toString();
  }

  /** Parses the array starting at {@code i} (a '{'), appends its JSON, returns the index after its '}'. */
  private static int parse(String s, int i, Codec codec, StringBuilder out) {
    if (s.charAt(i) != '{') {
      throw new IllegalArgumentException("array literal must start with '{': " + s);
    }
    out.append('[');
    i++;
    boolean first = true;
    while (s.charAt(i) != '}') {
      if (!first) {
        out.append(',');
      }
      first = false;
      char c = s.charAt(i);
      if (c == '{') {
        i = parse(s, i, codec, out);
      } else if (c == '"') {
        StringBuilder value = new StringBuilder();
        i++;
        while (s.charAt(i) != '"') {
          if (s.charAt(i) == '\\') {
            i++;
          }
          value.append(s.charAt(i++));
        }
        i++;
        element(value.toString(), true, codec, out);
      } else {
        int start = i;
        while (s.charAt(i) != ',' && s.charAt(i) != '}') {
          i++;
        }
        element(s.substring(start, i), false, codec, out);
      }
      if (s.charAt(i) == ',') {
        i++;
      }
    }
    out.append(']');
    return i + 1;
  }

  private static void element(String value, boolean quoted, Codec codec, StringBuilder out) {
    if (!quoted && value.equals("NULL")) {
      out.append("null");
    } else if (codec == Codec.BOOL) {
      out.append(value.equals("t") ? "true" : "false");
    } else if (codec == Codec.NUMBER_TEXT && isJsonNumber(value)) {
      out.append(value);
    } else {
      quote(value, out);
    }
  }

  private static boolean isJsonNumber(String v) {
    return v.matches("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");
  }

  private static void quote(String value, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
