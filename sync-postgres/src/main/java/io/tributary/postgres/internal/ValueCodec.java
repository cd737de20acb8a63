package io.tributary.postgres.internal;

import io.tributary.sync.ErrorCode;
import io.tributary.sync.SyncException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.HexFormat;

/**
 * Converts PostgreSQL text values to the Java classes of {@link io.tributary.sync.event.DataType} and back. pgoutput
 * tuples (text) and snapshot reads of every type {@link BinaryCodec} does not take in binary pass through
 * {@link #decode}; BinaryCodec yields the same values for the rest, so values never drift between phases.
 *
 * <p>Infinite dates and timestamps become {@code MIN}/{@code MAX} of their class; time {@code 24:00:00} becomes
 * {@link LocalTime#MAX} ({@link Unrepresentable} refuses those a target cannot hold). A NaN or infinity in a DECIMAL
 * column is refused ({@code VALUE_NOT_REPRESENTABLE}).
 */
final class ValueCodec {

  private static final HexFormat HEX = HexFormat.of();

  private ValueCodec() {
  }

  public static Object decode(ColumnType type, String text) {
    if (text == null) {
      return null;
    }
    return switch (type.codec()) {
      case INT2 -> Short.valueOf(text);
      case INT4 -> Integer.valueOf(text);
      case INT8 -> Long.valueOf(text);
      case DECIMAL -> decimal(text);
      case FLOAT4 -> Float.valueOf(text);
      case FLOAT8 -> Double.valueOf(text);
      case BOOL -> text.equals("t") || text.equals("true");
      case TEXT, NUMBER_TEXT -> text;
      case BYTEA -> bytea(text);
      case DATE -> date(text);
      case TIME -> time(text);
      case TIMESTAMP -> timestamp(text);
      case TIMESTAMPTZ -> timestamptz(text);
      case ARRAY -> PgArrays.toJson(text, type.elementCodec());
    };
  }

  private static BigDecimal decimal(String text) {
    if (text.equals("NaN") || text.endsWith("Infinity")) {
      throw SyncException.of(ErrorCode.VALUE_NOT_REPRESENTABLE, "numeric value " + text + " has no DECIMAL"
          + " representation; declare the column as unconstrained numeric (synced as a string) or remove the value,"
          + " then resync the table", null);
    }
    return new BigDecimal(text);
  }

  static byte[] bytea(String text) {
    if (text.startsWith("\\x")) {
      return HEX.parseHex(text, 2, text.length());
    }
    // bytea_output = escape: printable bytes as is, "\\" for a backslash, "\ooo" octal for the rest.
    byte[] out = new byte[text.length()];
    int n = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\\' && i + 1 < text.length() && text.charAt(i + 1) == '\\') {
        out[n++] = '\\';
        i++;
      } else if (c == '\\' && i + 3 < text.length()) {
        out[n++] = (byte) Integer.parseInt(text.substring(i + 1, i + 4), 8);
        i += 3;
      } else {
        out[n++] = (byte) c;
      }
    }
    return java.util.Arrays.copyOf(out, n);
  }

  static LocalDate date(String text) {
    switch (text) {
      case "infinity": return LocalDate.MAX;
      case "-infinity": return LocalDate.MIN;
      default: break;
    }
    return dateAt(text, text.indexOf('-', 1), text.endsWith(" BC"));
  }

  /** {@code YYYY-MM-DD} with the year ending at {@code dash}; hand-parsed, this is the hot path of snapshots. */
  private static LocalDate dateAt(String text, int dash, boolean bc) {
    int year = digits(text, 0, dash);
    int month = digits(text, dash + 1, dash + 3);
    int day = digits(text, dash + 4, dash + 6);
    return LocalDate.of(bc ? 1 - year : year, month, day);
  }

  static LocalTime time(String text) {
    return timeAt(text, 0, text.length());
  }

  /** {@code HH:MM:SS[.ffffff]} in {@code text[from, to)}. */
  private static LocalTime timeAt(String text, int from, int to) {
    int hour = digits(text, from, from + 2);
    int minute = digits(text, from + 3, from + 5);
    int second = digits(text, from + 6, from + 8);
    int nanos = 0;
    if (to > from + 8 && text.charAt(from + 8) == '.') {
      int scale = 100_000_000;
      for (int i = from + 9; i < to; i++, scale /= 10) {
        nanos += (text.charAt(i) - '0') * scale;
      }
    }
    if (hour == 24) {
      return LocalTime.MAX;
    }
    return LocalTime.of(hour, minute, second, nanos);
  }

  private static int digits(String text, int from, int to) {
    int value = 0;
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        throw new IllegalArgumentException("unexpected '" + c + "' in date/time value " + text);
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  static LocalDateTime timestamp(String text) {
    switch (text) {
      case "infinity": return LocalDateTime.MAX;
      case "-infinity": return LocalDateTime.MIN;
      default: break;
    }
    boolean bc = text.endsWith(" BC");
    int end = bc ? text.length() - 3 : text.length();
    int space = text.indexOf(' ');
    LocalDate date = dateAt(text, text.indexOf('-', 1), bc);
    return LocalDateTime.of(date, timeAt(text, space + 1, end));
  }

  static Instant timestamptz(String text) {
    switch (text) {
      case "infinity": return Instant.MAX;
      case "-infinity": return Instant.MIN;
      default: break;
    }
    boolean bc = text.endsWith(" BC");
    int end = bc ? text.length() - 3 : text.length();
    int space = text.indexOf(' ');
    int sign = space + 9;
    while (sign < end && text.charAt(sign) != '+' && text.charAt(sign) != '-') {
      sign++;
    }
    if (sign >= end) {
      throw new IllegalArgumentException("timestamptz without an offset: " + text);
    }
    LocalDate date = dateAt(text, text.indexOf('-', 1), bc);
    LocalTime time = timeAt(text, space + 1, sign);
    int offsetSeconds = digits(text, sign + 1, sign + 3) * 3600;
    if (end > sign + 3) {
      offsetSeconds += digits(text, sign + 4, sign + 6) * 60;
    }
    if (end > sign + 6) {
      offsetSeconds += digits(text, sign + 7, sign + 9);
    }
    ZoneOffset zone = ZoneOffset.ofTotalSeconds(text.charAt(sign) == '-' ? -offsetSeconds : offsetSeconds);
    return Instant.ofEpochSecond(LocalDateTime.of(date, time).toEpochSecond(zone), time.getNano());
  }

  /** PostgreSQL input text for a Java value of the classes above, for {@code CAST(? AS type)} parameters. */
  public static String encode(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof byte[] bytes) {
      return "\\x" + HEX.formatHex(bytes);
    }
    if (value instanceof BigDecimal d) {
      return d.toPlainString();
    }
    if (value instanceof LocalDate d) {
      return dateText(d);
    }
    if (value instanceof LocalDateTime t) {
      String bc = t.getYear() <= 0 ? " BC" : "";
      LocalDate d = t.toLocalDate();
      return dateText(d).replace(" BC", "") + " " + t.toLocalTime() + bc;
    }
    if (value instanceof Instant i) {
      return encode(LocalDateTime.ofInstant(i, ZoneOffset.UTC)) + "+00";
    }
    return value.toString();
  }

  private static String dateText(LocalDate d) {
    if (d.getYear() > 0) {
      return d.toString();
    }
    return String.format("%04d-%02d-%02d BC", 1 - d.getYear(), d.getMonthValue(), d.getDayOfMonth());
  }
}
