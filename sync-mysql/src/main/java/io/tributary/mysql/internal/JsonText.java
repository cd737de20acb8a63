package io.tributary.mysql.internal;

/**
 * MySQL's text form of a JSON value, the one {@code SELECT json_col} returns: {@code {"a": 1, "b": [1, 2]}}, keys in
 * stored order, {@code ", "} and {@code ": "} separators. The snapshot reads that text from the server while the
 * binlog carries binary JSON that the binlog library prints compactly; both go through {@link #canonical} so one
 * row reads the same in both phases. Strings are re-escaped one way (quote, backslash and control characters);
 * number and literal tokens are kept as they are.
 */
final class JsonText {

  private final String in;
  private final StringBuilder out;
  private int pos;

  private JsonText(String in) {
    this.in = in;
    this.out = new StringBuilder(in.length() + 16);
  }

  /** The canonical text of {@code json}; text that is not one JSON value is returned unchanged. */
  public static String canonical(String json) {
    JsonText t = new JsonText(json);
    try {
      t.value();
      t.skipSpace();
      return t.pos == json.length() ? t.out.toString() : json;
    } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
      return json;
    }
  }

  private void value() {
    skipSpace();
    char c = in.charAt(pos);
    switch (c) {
      case '{' -> container('}', true);
      case '[' -> container(']', false);
      case '"' -> string();
      default -> {
        int start = pos;
        while (pos < in.length() && ",]} \t\r\n".indexOf(in.charAt(pos)) < 0) {
          pos++;
        }
        if (start == pos) {
          throw new IllegalArgumentException("no value at " + pos);
        }
        out.append(in, start, pos);
      }
    }
  }

  private void container(char close, boolean object) {
    out.append(in.charAt(pos++));
    skipSpace();
    if (in.charAt(pos) == close) {
      out.append(in.charAt(pos++));
      return;
    }
    while (true) {
      if (object) {
        skipSpace();
        string();
        skipSpace();
        expect(':');
        out.append(": ");
      }
      value();
      skipSpace();
      char c = in.charAt(pos++);
      if (c == close) {
        out.append(c);
        return;
      }
      if (c != ',') {
        throw new IllegalArgumentException("unexpected " + c);
      }
      out.append(", ");
    }
  }

  private void string() {
    expect('"');
    out.append('"');
    while (true) {
      char c = in.charAt(pos++);
      if (c == '"') {
        out.append('"');
        return;
      }
      if (c == '\\') {
        char e = in.charAt(pos++);
        c = switch (e) {
          case 'b' -> '\b';
          case 'f' -> '\f';
          case 'n' -> '\n';
          case 'r' -> '\r';
          case 't' -> '\t';
          case 'u' -> {
            pos += 4;
            yield (char) Integer.parseInt(in.substring(pos - 4, pos), 16);
          }
          default -> e; // \" \\ \/
        };
      }
      escape(c);
    }
  }

  private void escape(char c) {
    switch (c) {
      case '"' -> out.append("\\\"");
      case '\\' -> out.append("\\\\");
      case '\b' -> out.append("\\b");
      case '\f' -> out.append("\\f");
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

  private void expect(char c) {
    if (in.charAt(pos++) != c) {
      throw new IllegalArgumentException("expected " + c + " at " + (pos - 1));
    }
  }

  private void skipSpace() {
    while (pos < in.length() && Character.isWhitespace(in.charAt(pos))) {
      pos++;
    }
  }
}
