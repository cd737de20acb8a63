package io.tributary.examples.typematrix;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.HexFormat;

/** Renders values read back from Paimon in the canonical text forms the matrix compares with the source's. */
final class Canon {

  private Canon() {
  }

  /** Integers and the exact decimal digits (scale kept: {@code 1.50} stays {@code 1.50}). */
  static String number(Object v) {
    return v instanceof BigDecimal d ? d.toPlainString() : v.toString();
  }

  /** Upper-case hex of bytes, as MySQL's {@code HEX()}. */
  static String hex(Object v) {
    return HexFormat.of().withUpperCase().formatHex((byte[]) v);
  }

  /** Lower-case hex of bytes, as PostgreSQL's {@code encode(x, 'hex')}. */
  static String hexLower(Object v) {
    return HexFormat.of().formatHex((byte[]) v);
  }

  /** Upper-case hex of a string's UTF-8 bytes: byte-exact text. */
  static String utf8Hex(Object v) {
    return HexFormat.of().withUpperCase().formatHex(((String) v).getBytes(StandardCharsets.UTF_8));
  }

  static String lowerUtf8Hex(Object v) {
    return HexFormat.of().formatHex(((String) v).getBytes(StandardCharsets.UTF_8));
  }

  static String text(Object v) {
    return (String) v;
  }

  /** A float as the exact double it widens to (Java's shortest text of that double). */
  static String floatAsDouble(Object v) {
    return Double.toString((Float) v);
  }

  static String doubleText(Object v) {
    return Double.toString((Double) v);
  }

  /** Source text of a float or double, parsed and printed as Java's shortest text of the double. */
  static String parsedDouble(String s) {
    return Double.toString(Double.parseDouble(s));
  }

  /** Source text of a float4, printed as Java's shortest text of the float. */
  static String parsedFloat(String s) {
    return Float.toString(Float.parseFloat(s));
  }

  static String floatText(Object v) {
    return Float.toString((Float) v);
  }

  /** {@code HH:MM:SS} and exactly {@code fsp} fraction digits, as MySQL prints TIME(fsp). */
  static String mysqlTime(Object v, int fsp) {
    LocalTime t = (LocalTime) v;
    return String.format("%02d:%02d:%02d", t.getHour(), t.getMinute(), t.getSecond()) + fraction(t.getNano(), fsp);
  }

  /** {@code YYYY-MM-DD HH:MM:SS} and exactly {@code fsp} fraction digits, as MySQL prints DATETIME(fsp). */
  static String mysqlDateTime(Object v, int fsp) {
    LocalDateTime t = v instanceof Instant i ? LocalDateTime.ofInstant(i, ZoneOffset.UTC) : (LocalDateTime) v;
    return String.format("%04d-%02d-%02d %02d:%02d:%02d", t.getYear(), t.getMonthValue(), t.getDayOfMonth(),
        t.getHour(), t.getMinute(), t.getSecond()) + fraction(t.getNano(), fsp);
  }

  static String mysqlDate(Object v) {
    LocalDate d = (LocalDate) v;
    return String.format("%04d-%02d-%02d", d.getYear(), d.getMonthValue(), d.getDayOfMonth());
  }

  private static String fraction(int nanos, int fsp) {
    if (fsp == 0) {
      return nanos == 0 ? "" : ".<" + nanos + "ns>"; // a fraction in an fsp-0 column shows as a mismatch
    }
    String nine = String.format("%09d", nanos);
    String digits = nine.substring(0, fsp);
    return "." + digits + (nine.substring(fsp).matches("0*") ? "" : "<" + nine.substring(fsp) + ">");
  }

  /** PostgreSQL's ISO date: at least 4 year digits, years before 1 as {@code YYYY-MM-DD BC}. */
  static String pgDate(Object v) {
    LocalDate d = (LocalDate) v;
    int year = d.getYear() > 0 ? d.getYear() : 1 - d.getYear();
    return String.format("%04d-%02d-%02d", year, d.getMonthValue(), d.getDayOfMonth()) + (d.getYear() > 0 ? ""
        : " BC");
  }

  /** PostgreSQL's time: {@code HH:MM:SS} and the fraction without trailing zeros; {@code 24:00:00} as such. */
  static String pgTime(Object v) {
    LocalTime t = (LocalTime) v;
    if (t.equals(LocalTime.MAX)) {
      return "24:00:00";
    }
    return String.format("%02d:%02d:%02d", t.getHour(), t.getMinute(), t.getSecond()) + pgFraction(t.getNano());
  }

  private static String pgFraction(int nanos) {
    if (nanos == 0) {
      return "";
    }
    String s = String.format("%09d", nanos).replaceAll("0+$", "");
    return "." + s;
  }

  /** PostgreSQL's ISO timestamp; BC years suffixed. */
  static String pgTimestamp(Object v) {
    LocalDateTime t = (LocalDateTime) v;
    LocalTime time = t.toLocalTime();
    String day = pgDate(t.toLocalDate());
    String bc = day.endsWith(" BC") ? " BC" : "";
    return day.replace(" BC", "") + " " + pgTime(time) + bc;
  }

  /** PostgreSQL's ISO timestamptz in a UTC session: {@code ...+00}. */
  static String pgTimestamptz(Object v) {
    String s = pgTimestamp(LocalDateTime.ofInstant((Instant) v, ZoneOffset.UTC));
    return s.endsWith(" BC") ? s.replace(" BC", "+00 BC") : s + "+00";
  }
}
