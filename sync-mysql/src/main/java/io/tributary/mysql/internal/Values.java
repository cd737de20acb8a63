package io.tributary.mysql.internal;

import com.github.shyiko.mysql.binlog.event.deserialization.ColumnType;
import io.tributary.sync.ErrorCode;
import io.tributary.sync.SyncException;
import io.tributary.sync.event.DataType;
import java.io.IOException;
import java.io.Serializable;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.BitSet;

/**
 * The one conversion of MySQL values to the Java classes of {@link io.tributary.sync.event.DataType}, for snapshot
 * (JDBC) and binlog values alike.
 *
 * <p>Temporal values never pass through a time zone: snapshot sessions run with {@code time_zone = '+00:00'} and
 * read DATE/DATETIME/TIMESTAMP as {@link LocalDate}/{@link LocalDateTime} (the driver parses the server's text and
 * applies no zone), TIMESTAMP then read as UTC, and TIME as text; the
 * binlog client delivers DATETIME as epoch micros of the wall clock read as UTC, and TIMESTAMP as true epoch micros.
 * Both phases therefore yield the same {@link LocalDateTime} and {@link Instant} whatever the server's or the JVM's
 * zone.
 */
final class Values {

  private static final long MICROS_PER_DAY = 86_400_000_000L;

  private Values() {
  }

  /** Reads column {@code index} (1-based) of the current row, refusing zero dates. */
  public static Object fromJdbc(ResultSet rs, int index, MySqlColumn c) throws SQLException {
    return fromJdbc(rs, index, c, false);
  }

  /**
   * Reads column {@code index} (1-based) of the current row; zero dates read as null with {@code zeroDatesAsNull},
   * else they are refused ({@link #zeroDate}).
   */
  public static Object fromJdbc(ResultSet rs, int index, MySqlColumn c, boolean zeroDatesAsNull)
      throws SQLException {
    switch (c.family()) {
      case TINYINT, SMALLINT, MEDIUMINT, INT, YEAR -> {
        long v = rs.getLong(index);
        return rs.wasNull() ? null : integer(c, v);
      }
      case BIGINT -> {
        if (c.unsigned()) {
          BigDecimal d = rs.getBigDecimal(index);
          return d == null ? null : d.setScale(0, RoundingMode.UNNECESSARY);
        }
        long v = rs.getLong(index);
        return rs.wasNull() ? null : v;
      }
      case DECIMAL -> {
        BigDecimal d = rs.getBigDecimal(index);
        return d == null ? null : d.setScale(c.type().scale(), RoundingMode.UNNECESSARY);
      }
      case FLOAT -> {
        // Selected as a double (see SnapshotReader.selectExpression): the narrowing is exact.
        double v = rs.getDouble(index);
        return rs.wasNull() ? null : exactFloat(c, v);
      }
      case DOUBLE -> {
        double v = rs.getDouble(index);
        return rs.wasNull() ? null : v;
      }
      case DECIMAL_AS_STRING -> {
        BigDecimal d = rs.getBigDecimal(index);
        return d == null ? null : d.setScale(c.length(), RoundingMode.UNNECESSARY).toPlainString();
      }
      case BIT -> {
        byte[] b = rs.getBytes(index);
        return b == null ? null : bits(c, b);
      }
      case BINARY, BLOB, GEOMETRY -> {
        return rs.getBytes(index);
      }
      case DATE -> {
        try {
          LocalDate d = rs.getObject(index, LocalDate.class);
          return d != null ? d : zeroOrNull(rs, index, c, zeroDatesAsNull);
        } catch (DateTimeException e) {
          return zeroInDate(rs, index, c, e, zeroDatesAsNull);
        }
      }
      case DATETIME -> {
        try {
          LocalDateTime d = rs.getObject(index, LocalDateTime.class);
          return d != null ? d : zeroOrNull(rs, index, c, zeroDatesAsNull);
        } catch (DateTimeException e) {
          return zeroInDate(rs, index, c, e, zeroDatesAsNull);
        }
      }
      case TIMESTAMP -> {
        // The session runs in UTC and LocalDateTime decoding applies no zone: the wall clock read is UTC.
        LocalDateTime utc = rs.getObject(index, LocalDateTime.class);
        return utc != null ? utc.toInstant(ZoneOffset.UTC) : zeroOrNull(rs, index, c, zeroDatesAsNull);
      }
      case JSON -> {
        // Only MySQL's JSON type maps here (MariaDB's is LONGTEXT): the same text as the binlog path gives.
        String s = rs.getString(index);
        return s == null ? null : JsonText.canonical(s);
      }
      default -> {
        return fromText(c, rs.getString(index));
      }
    }
  }

  /**
   * A null from the driver is SQL NULL or a zero date ({@code 0000-00-00}, which the driver reads as null): the
   * text tells them apart.
   */
  private static Object zeroOrNull(ResultSet rs, int index, MySqlColumn c, boolean zeroDatesAsNull)
      throws SQLException {
    String text = rs.getString(index);
    return text == null ? null : zeroDate(c, text, zeroDatesAsNull);
  }

  /**
   * A date with a zero month or day ({@code 2024-00-10}), which the driver cannot make a LocalDate of (its failure,
   * from {@code LocalDate.of}, ends in "): 0"): a zero date ({@link #zeroDate}). Any other invalid date is refused
   * with the column named.
   */
  private static Object zeroInDate(ResultSet rs, int index, MySqlColumn c, DateTimeException e,
      boolean zeroDatesAsNull) throws SQLException {
    if (e.getMessage() != null && e.getMessage().endsWith("): 0")) {
      String text;
      try {
        text = rs.getString(index);
      } catch (SQLException | RuntimeException unreadable) {
        text = "a zero month or day";
      }
      return zeroDate(c, text, zeroDatesAsNull);
    }
    throw SyncException.of(ErrorCode.VALUE_NOT_REPRESENTABLE, "column " + c.name() + " holds a date that is not a"
        + " calendar date (" + e.getMessage() + "), which no target date type holds; correct the value, then"
        + " resync the table", e);
  }

  /**
   * A zero date or zero-in-date value ({@code 0000-00-00}, {@code 2024-00-10}), which no target date type holds:
   * null under {@code ZeroDates.NULL} (documented lossy), else refused, which stops the table.
   */
  static Object zeroDate(MySqlColumn c, String text, boolean zeroDatesAsNull) {
    if (zeroDatesAsNull) {
      return null;
    }
    throw SyncException.of(ErrorCode.VALUE_NOT_REPRESENTABLE, "column " + c.name() + " holds the zero date "
        + text + ", which is not a calendar date and which no target date or timestamp type holds; correct the"
        + " value (e.g. UPDATE ... SET " + c.name() + " = NULL) or choose the lossy"
        + " MySqlSourceBuilder.zeroDates(ZeroDates.NULL), then resync the table", null);
  }

  private static Float exactFloat(MySqlColumn c, double v) {
    float f = (float) v;
    if (f != v && !Double.isNaN(v)) {
      throw SyncException.of(ErrorCode.UNDECODABLE_CHANGE,
          "FLOAT column " + c.name() + " read " + v + ", which is not a float value; the "
          + "snapshot must select the column as a double of the stored float", null);
    }
    return f;
  }

  /** Text-read families: strings, TIME and MariaDB's INET4/INET6/UUID (the server's text form). */
  private static Object fromText(MySqlColumn c, String s) {
    if (s == null) {
      return null;
    }
    return switch (c.family()) {
      case CHAR -> stripTrailingSpaces(s);
      case TIME -> time(c, s);
      default -> s;
    };
  }

  /**
   * Converts a binlog cell, as deserialized with {@code DATE_AND_TIME_AS_LONG_MICRO},
   * {@code CHAR_AND_BINARY_AS_BYTE_ARRAY} and {@code INVALID_DATE_AND_TIME_AS_MIN_VALUE}.
   *
   * @param raw      the cell; null for SQL NULL
   * @param typeCode the column's type code in the TABLE_MAP event
   */
  public static Object fromBinlog(Serializable raw, int typeCode, MySqlColumn c) {
    return fromBinlog(raw, typeCode, c, false);
  }

  /** As {@link #fromBinlog(Serializable, int, MySqlColumn)}; zero dates read as null with {@code zeroDatesAsNull}. */
  public static Object fromBinlog(Serializable raw, int typeCode, MySqlColumn c, boolean zeroDatesAsNull) {
    if (raw == null) {
      return null;
    }
    switch (c.family()) {
      case YEAR -> {
        // The binlog client adds 1900 to the stored byte, whose 0 is YEAR 0000 (1900 is not a YEAR value).
        int year = ((Number) raw).intValue();
        return integer(c, year == 1900 ? 0 : year);
      }
      case TINYINT, SMALLINT, MEDIUMINT, INT -> {
        if (raw instanceof Integer && c.type().kind() == DataType.Kind.INT && !c.unsigned()) {
          return raw; // already the documented class: no re-boxing on the hot path
        }
        long v = ((Number) raw).longValue();
        if (c.unsigned() || widened(typeCode, c)) {
          v &= unsignedMask(typeCode);
        }
        return integer(c, v);
      }
      case BIGINT -> {
        if (!c.unsigned() && raw instanceof Long) {
          return raw;
        }
        long v = ((Number) raw).longValue();
        return c.unsigned() ? new BigDecimal(Long.toUnsignedString(v)) : (Object) v;
      }
      case DECIMAL -> {
        if (raw instanceof Long l) { // BIGINT UNSIGNED, widened to DECIMAL(20,0)
          return new BigDecimal(Long.toUnsignedString(l));
        }
        return ((BigDecimal) raw).setScale(c.type().scale(), RoundingMode.UNNECESSARY);
      }
      case DECIMAL_AS_STRING -> {
        return ((BigDecimal) raw).setScale(c.length(), RoundingMode.UNNECESSARY).toPlainString();
      }
      case FLOAT -> {
        return raw instanceof Float ? raw : (Object) ((Number) raw).floatValue();
      }
      case DOUBLE -> {
        return raw instanceof Double ? raw : (Object) ((Number) raw).doubleValue();
      }
      case BIT -> {
        return fromBitSet(c, (BitSet) raw);
      }
      case CHAR -> {
        return stripTrailingSpaces(text((byte[]) raw, c));
      }
      case TEXT -> {
        return text((byte[]) raw, c);
      }
      case BINARY -> {
        byte[] b = (byte[]) raw;
        // The binlog drops BINARY(n)'s trailing zero padding, which the column (and a snapshot read) includes.
        return b.length < c.length() ? Arrays.copyOf(b, c.length()) : b;
      }
      case BLOB, GEOMETRY -> {
        return raw;
      }
      case INET4 -> {
        return MariaDbText.inet4((byte[]) raw);
      }
      case INET6 -> {
        return MariaDbText.inet6((byte[]) raw);
      }
      case UUID -> {
        return MariaDbText.uuid((byte[]) raw);
      }
      case ENUM -> {
        int i = ((Number) raw).intValue();
        return i == 0 ? "" : i <= c.members().size() ? c.members().get(i - 1) : String.valueOf(i);
      }
      case SET -> {
        return setValue(c, ((Number) raw).longValue());
      }
      case JSON -> {
        return JsonText.canonical(typeCode == ColumnType.JSON.getCode() ? json((byte[]) raw)
            : new String((byte[]) raw, c.charset()));
      }
      default -> {
        return temporal(c, ((Number) raw).longValue(), zeroDatesAsNull);
      }
    }
  }

  private static Object temporal(MySqlColumn c, long micros, boolean zeroDatesAsNull) {
    if (micros == Long.MIN_VALUE || (micros == 0 && c.family() == MySqlColumn.Family.TIMESTAMP)) {
      // A zero (or zero-in-date) value, as on the snapshot path; a TIMESTAMP's zero is epoch 0, below its range.
      return zeroDate(c, c.family() == MySqlColumn.Family.DATE ? "(0000-00-00 or a zero month or day)"
          : "(0000-00-00 00:00:00 or a zero month or day)", zeroDatesAsNull);
    }
    long seconds = Math.floorDiv(micros, 1_000_000L);
    int nanos = (int) Math.floorMod(micros, 1_000_000L) * 1000;
    return switch (c.family()) {
      case DATE -> LocalDate.ofEpochDay(Math.floorDiv(micros, MICROS_PER_DAY));
      case TIME -> {
        if (micros < 0 || micros >= MICROS_PER_DAY) {
          throw outOfRange(c, micros / 1e6 + " s");
        }
        yield LocalTime.ofNanoOfDay(micros * 1000);
      }
      case DATETIME -> LocalDateTime.ofEpochSecond(seconds, nanos, ZoneOffset.UTC);
      case TIMESTAMP -> Instant.ofEpochSecond(seconds, nanos);
      default -> throw new IllegalStateException("not temporal: " + c);
    };
  }

  private static LocalTime time(MySqlColumn c, String s) {
    if (s.startsWith("-") || s.indexOf(':') != 2 || num(s, 0, 2) > 23) {
      throw outOfRange(c, s);
    }
    return LocalTime.of(num(s, 0, 2), num(s, 3, 5), num(s, 6, 8), nanos(s, 8));
  }

  /** The fraction after the seconds at {@code from} ({@code .123} is 123 ms), in nanoseconds. */
  private static int nanos(String s, int from) {
    if (s.length() <= from + 1 || s.charAt(from) != '.') {
      return 0;
    }
    int digits = Math.min(9, s.length() - from - 1);
    int v = num(s, from + 1, from + 1 + digits);
    for (int i = digits; i < 9; i++) {
      v *= 10;
    }
    return v;
  }

  private static int num(String s, int from, int to) {
    int v = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        throw new java.time.format.DateTimeParseException("not a MySQL temporal value", s, i);
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }

  private static SyncException outOfRange(MySqlColumn c, String value) {
    return SyncException.of(ErrorCode.VALUE_NOT_REPRESENTABLE,
        "TIME value " + value + (c == null ? "" : " of column " + c.name())
        + " is outside 00:00:00-23:59:59, which the target's TIME (a time of day) cannot hold; correct the value or"
        + " change the column (e.g. to a DATETIME or an integer of seconds), then resync the table", null);
  }

  private static Object integer(MySqlColumn c, long v) {
    return switch (c.type().kind()) {
      case TINYINT -> (byte) v;
      case SMALLINT -> (short) v;
      case INT -> (int) v;
      case BIGINT -> v;
      default -> throw new IllegalStateException("not an integer column: " + c);
    };
  }

  /** A schema from a checkpoint lost the UNSIGNED flag; a logical type wider than the storage type implies it. */
  private static boolean widened(int typeCode, MySqlColumn c) {
    return switch (c.type().kind()) {
      case SMALLINT -> typeCode == ColumnType.TINY.getCode();
      case INT -> typeCode == ColumnType.SHORT.getCode();
      case BIGINT -> typeCode == ColumnType.LONG.getCode();
      default -> false;
    };
  }

  private static long unsignedMask(int typeCode) {
    if (typeCode == ColumnType.TINY.getCode()) {
      return 0xFFL;
    } else if (typeCode == ColumnType.SHORT.getCode()) {
      return 0xFFFFL;
    } else if (typeCode == ColumnType.INT24.getCode()) {
      return 0xFF_FFFFL;
    } else if (typeCode == ColumnType.LONG.getCode()) {
      return 0xFFFF_FFFFL;
    }
    return -1L;
  }

  private static Object bits(MySqlColumn c, byte[] b) {
    int width = (c.length() + 7) / 8;
    if (c.length() == 1) {
      return b.length > 0 && b[b.length - 1] != 0;
    }
    if (b.length == width) {
      return b;
    }
    byte[] out = new byte[width];
    int n = Math.min(b.length, width);
    System.arraycopy(b, b.length - n, out, width - n, n);
    return out;
  }

  private static Object fromBitSet(MySqlColumn c, BitSet bits) {
    if (c.length() == 1) {
      return bits.get(0);
    }
    byte[] out = new byte[(c.length() + 7) / 8];
    for (int i = bits.nextSetBit(0); i >= 0; i = bits.nextSetBit(i + 1)) {
      out[out.length - 1 - i / 8] |= (byte) (1 << (i % 8));
    }
    return out;
  }

  private static String setValue(MySqlColumn c, long mask) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 64; i++) {
      if ((mask & (1L << i)) != 0) {
        if (sb.length() > 0) {
          sb.append(',');
        }
        sb.append(i < c.members().size() ? c.members().get(i) : String.valueOf(i + 1));
      }
    }
    return sb.toString();
  }

  private static String json(byte[] binary) {
    try {
      return BinaryJson.text(binary);
    } catch (IOException e) {
      throw SyncException.of(ErrorCode.TRANSIENT, "cannot decode a binary JSON value from the binlog ("
          + new String(binary, StandardCharsets.ISO_8859_1).length() + " bytes)", e);
    }
  }

  /**
   * Text bytes in the column's charset. MySQL's latin1 is windows-1252 except for the five bytes windows-1252 leaves
   * undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D), which MySQL maps to U+0081.. as ISO-8859-1 does; Java's windows-1252
   * decodes them as U+FFFD, so those are decoded again byte by byte.
   */
  static String text(byte[] bytes, MySqlColumn c) {
    String s = new String(bytes, c.charset());
    if (c.charset().name().equals("Shift_JIS")) {
      // MySQL's sjis stores a backslash as 0x815F and reads it back as U+005C; Java reads 0x815F as U+FF3C, which
      // MySQL's sjis cannot hold.
      return s.replace('\uFF3C', '\\');
    }
    if (s.indexOf('\uFFFD') < 0 || !c.charset().name().equals("windows-1252")) {
      return s;
    }
    StringBuilder sb = new StringBuilder(bytes.length);
    for (byte b : bytes) {
      int u = b & 0xFF;
      sb.append(u == 0x81 || u == 0x8D || u == 0x8F || u == 0x90 || u == 0x9D ? (char) u
          : new String(new byte[] {b}, c.charset()).charAt(0));
    }
    return sb.toString();
  }

  private static String stripTrailingSpaces(String s) {
    int end = s.length();
    while (end > 0 && s.charAt(end - 1) == ' ') {
      end--;
    }
    return end == s.length() ? s : s.substring(0, end);
  }
}
