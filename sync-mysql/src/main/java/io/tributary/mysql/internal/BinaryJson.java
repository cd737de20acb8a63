package io.tributary.mysql.internal;

import com.github.shyiko.mysql.binlog.event.deserialization.json.JsonBinary;
import com.github.shyiko.mysql.binlog.event.deserialization.json.JsonFormatter;
import com.github.shyiko.mysql.binlog.event.deserialization.json.JsonStringFormatter;
import java.io.IOException;

/**
 * MySQL's binary JSON from the binlog, printed as the server prints the value (what the snapshot reads). The
 * binlog library gets temporal values wrong: a negative TIME decodes to nonsense (it takes remainders of the
 * negative packed number), a TIME over 99 hours trips its two-digit assertion, and DATETIME/TIME lose the six
 * fractional digits the server always prints ({@code "12:34:56.000000"}); a double prints as its exact binary
 * expansion ({@code 1.5e300} as 301 digits) where the server prints the shortest round-trip digits; an opaque
 * value loses the {@code base64:typeNN:} prefix the server prints.
 */
final class BinaryJson {

  private BinaryJson() {
  }

  static String text(byte[] binary) throws IOException {
    if (binary.length == 0 || (binary[0] & 0xff) > 0x0f) {
      return JsonBinary.parseAsString(binary); // not a binary value (empty, or JSON text): the library's handling
    }
    Formatter f = new Formatter();
    new Reader(binary).parse(f);
    return f.getString();
  }

  /**
   * A double as MySQL's JSON printing gives it (checked on 8.0.31): the shortest digits that read back as the same
   * double; positional between 1e-15 and 1e15 (and above when the digits go past the point), else {@code 1.5e300}.
   */
  static String doubleText(double d) {
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      throw new IllegalArgumentException("JSON holds no " + d);
    }
    String sign = d < 0 || (d == 0 && 1 / d < 0) ? "-" : "";
    if (d == 0) {
      return sign + "0.0";
    }
    java.math.BigDecimal exact = new java.math.BigDecimal(Math.abs(d));
    java.math.BigDecimal shortest = exact;
    for (int p = 1; p <= 17; p++) {
      java.math.BigDecimal r = exact.round(new java.math.MathContext(p, java.math.RoundingMode.HALF_EVEN));
      if (r.doubleValue() == Math.abs(d)) {
        shortest = r;
        break;
      }
    }
    shortest = shortest.stripTrailingZeros();
    String digits = shortest.unscaledValue().toString();
    int len = digits.length();
    int decpt = len - shortest.scale(); // digits before the decimal point
    int exp = decpt - 1;
    StringBuilder out = new StringBuilder(sign);
    if (exp >= -15 && exp < 15 || exp >= 15 && len > decpt) {
      if (decpt <= 0) {
        out.append("0.").append("0".repeat(-decpt)).append(digits);
      } else if (decpt >= len) {
        out.append(digits).append("0".repeat(decpt - len)).append(".0");
      } else {
        out.append(digits, 0, decpt).append('.').append(digits, decpt, len);
      }
    } else {
      out.append(digits.charAt(0));
      if (len > 1) {
        out.append('.').append(digits, 1, len);
      }
      out.append('e').append(exp);
    }
    return out.toString();
  }

  /** Decodes a TIME's packed form ({@code (h << 12 | m << 6 | s) << 24 | micros}, negated when negative). */
  private static final class Reader extends JsonBinary {
    Reader(byte[] bytes) {
      super(bytes);
    }

    @Override
    protected void parseTime(JsonFormatter formatter) throws IOException {
      long raw = readInt64();
      boolean negative = raw < 0;
      long packed = Math.abs(raw);
      long hms = packed >> 24;
      ((Formatter) formatter).time(negative, (int) (hms >> 12), (int) (hms >> 6) & 63, (int) hms & 63,
          (int) (packed & 0xFFFFFF));
    }
  }

  private static final class Formatter extends JsonStringFormatter {
    void time(boolean negative, int hour, int minute, int second, int micros) {
      super.value(String.format("%s%02d:%02d:%02d.%06d", negative ? "-" : "", hour, minute, second, micros));
    }

    @Override
    public void valueTime(int hour, int minute, int second, int micros) {
      time(hour < 0, Math.abs(hour), minute, second, micros);
    }

    @Override
    public void value(double d) {
      String text = doubleText(d);
      // The parent appends a BigDecimal's toPlainString() as it is: the one way to write raw number text into it.
      super.value(new java.math.BigDecimal(0) {
        @Override
        public String toPlainString() {
          return text;
        }
      });
    }

    /** MySQL prints an opaque value (e.g. a VARBINARY in JSON_OBJECT) with its field type, the library without. */
    @Override
    public void valueOpaque(com.github.shyiko.mysql.binlog.event.deserialization.ColumnType type, byte[] value) {
      super.value("base64:type" + type.getCode() + ":" + java.util.Base64.getEncoder().encodeToString(value));
    }

    @Override
    public void valueDatetime(int year, int month, int day, int hour, int minute, int second, int micros) {
      super.value(String.format("%04d-%02d-%02d %02d:%02d:%02d.%06d", year, month, day, hour, minute, second,
          micros));
    }
  }
}
