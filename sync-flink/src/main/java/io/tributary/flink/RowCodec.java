package io.tributary.flink;

import io.tributary.sync.event.Row;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Rows on the wire, per item (source item or write operation): a row is written against a layout, the Java class of
 * each column (the classes {@code DataType} lists), sent once and kept while rows match it, so a chunk or batch of
 * one table pays no type tag per value: one mark byte per row, a null bitmap, then the non-null values, each by its
 * column's class. A row whose width or a value's class differs from the layout (another table in a log batch, a
 * column null until now, a source value of another class) sends a new layout first. Values are exact: decimals
 * keep their scale (an unscaled long when it fits, else its bytes), floats their bits, strings their UTF-16 (a
 * string with an unpaired surrogate, which UTF-8 cannot hold, goes as chars), temporals their nanoseconds.
 */
final class RowCodec {

  static final byte UNSET = 0, BOOL = 1, BYTE = 2, SHORT = 3, INT = 4, LONG = 5, DECIMAL = 6, FLOAT = 7, DOUBLE = 8,
      STRING = 9, BYTES = 10, DATE = 11, TIME = 12, DATETIME = 13, INSTANT = 14;
  private static final Class<?>[] CLASSES = {null, Boolean.class, Byte.class, Short.class, Integer.class,
      Long.class, BigDecimal.class, Float.class, Double.class, String.class, byte[].class, LocalDate.class,
      LocalTime.class, LocalDateTime.class, Instant.class};
  private static final byte NULL_ROW = 0, SAME_LAYOUT = 1, NEW_LAYOUT = 2;
  /** First byte of a decimal: its scale (0..127) and an unscaled long follow, or this: scale and bytes follow. */
  private static final byte WIDE_DECIMAL = -1;

  private RowCodec() {
  }

  /** Writes the rows of one item, in order; one per item (its layout is the item's). */
  static final class Out {
    private byte[] layout = new byte[0];

    void write(DataOutputView out, Row row) throws IOException {
      if (row == null) {
        out.writeByte(NULL_ROW);
        return;
      }
      Object[] v = row.values();
      int n = v.length;
      boolean same = n == layout.length;
      for (int i = 0; same && i < n; i++) {
        same = v[i] == null || v[i].getClass() == CLASSES[layout[i]];
      }
      if (same) {
        out.writeByte(SAME_LAYOUT);
      } else {
        relayout(v);
        out.writeByte(NEW_LAYOUT);
        out.writeInt(n);
        out.write(layout);
      }
      for (int i = 0; i < n; i += 8) {
        int bits = 0;
        for (int j = 0; j < 8 && i + j < n; j++) {
          bits |= v[i + j] == null ? 1 << j : 0;
        }
        out.writeByte(bits);
      }
      for (int i = 0; i < n; i++) {
        if (v[i] != null) {
          writeValue(out, layout[i], v[i]);
        }
      }
    }

    /** This row's classes; a null column keeps the class it had (rows of a table rarely change it). */
    private void relayout(Object[] v) {
      byte[] next = new byte[v.length];
      for (int i = 0; i < v.length; i++) {
        next[i] = v[i] != null ? code(v[i]) : i < layout.length ? layout[i] : UNSET;
      }
      layout = next;
    }
  }

  /** Reads what an {@link Out} wrote, in the same order. */
  static final class In {
    private byte[] layout = new byte[0];
    private byte[] nulls = new byte[8];

    Row read(Wire.In in) throws IOException {
      byte mark = in.readByte();
      if (mark == NULL_ROW) {
        return null;
      }
      if (mark == NEW_LAYOUT) {
        byte[] next = in.readBytes(in.readInt());
        for (byte c : next) {
          if (c < UNSET || c > INSTANT) {
            throw new IOException("corrupt row layout: class code " + c);
          }
        }
        layout = next;
      } else if (mark != SAME_LAYOUT) {
        throw new IOException("corrupt row mark " + mark);
      }
      int n = layout.length;
      int bytes = (n + 7) >>> 3;
      if (nulls.length < bytes) {
        nulls = new byte[bytes];
      }
      in.readFully(nulls, 0, bytes);
      Object[] v = new Object[n];
      for (int i = 0; i < n; i++) {
        if ((nulls[i >>> 3] & (1 << (i & 7))) == 0) {
          v[i] = readValue(in, layout[i]);
        }
      }
      return Row.of(v);
    }
  }

  static byte code(Object v) {
    for (byte c = BOOL; c < CLASSES.length; c++) {
      if (CLASSES[c] == v.getClass()) {
        return c;
      }
    }
    throw new IllegalArgumentException("unsupported value class " + v.getClass().getName()
        + "; sources must produce the classes listed in DataType");
  }

  static void writeValue(DataOutputView out, byte code, Object v) throws IOException {
    switch (code) {
      case BOOL -> out.writeBoolean((Boolean) v);
      case BYTE -> out.writeByte((Byte) v);
      case SHORT -> out.writeShort((Short) v);
      case INT -> out.writeInt((Integer) v);
      case LONG -> out.writeLong((Long) v);
      case DECIMAL -> writeDecimal(out, (BigDecimal) v);
      case FLOAT -> out.writeInt(Float.floatToRawIntBits((Float) v));
      case DOUBLE -> out.writeLong(Double.doubleToRawLongBits((Double) v));
      case STRING -> writeString(out, (String) v);
      case BYTES -> {
        byte[] b = (byte[]) v;
        out.writeInt(b.length);
        out.write(b);
      }
      case DATE -> out.writeLong(((LocalDate) v).toEpochDay());
      case TIME -> out.writeLong(((LocalTime) v).toNanoOfDay());
      case DATETIME -> {
        LocalDateTime t = (LocalDateTime) v;
        out.writeLong(t.toLocalDate().toEpochDay());
        out.writeLong(t.toLocalTime().toNanoOfDay());
      }
      case INSTANT -> {
        Instant t = (Instant) v;
        out.writeLong(t.getEpochSecond());
        out.writeInt(t.getNano());
      }
      default -> throw new IllegalStateException("no class for code " + code);
    }
  }

  static Object readValue(Wire.In in, byte code) throws IOException {
    return switch (code) {
      case BOOL -> in.readBoolean();
      case BYTE -> in.readByte();
      case SHORT -> in.readShort();
      case INT -> in.readInt();
      case LONG -> in.readLong();
      case DECIMAL -> readDecimal(in);
      case FLOAT -> Float.intBitsToFloat(in.readInt());
      case DOUBLE -> Double.longBitsToDouble(in.readLong());
      case STRING -> readString(in);
      case BYTES -> in.readBytes(in.readInt());
      case DATE -> LocalDate.ofEpochDay(in.readLong());
      case TIME -> LocalTime.ofNanoOfDay(in.readLong());
      case DATETIME -> LocalDateTime.of(LocalDate.ofEpochDay(in.readLong()), LocalTime.ofNanoOfDay(in.readLong()));
      case INSTANT -> Instant.ofEpochSecond(in.readLong(), in.readInt());
      default -> throw new IOException("corrupt row: a non-null value in a column of no class (code " + code + ")");
    };
  }

  private static void writeDecimal(DataOutputView out, BigDecimal d) throws IOException {
    int scale = d.scale();
    if (scale >= 0 && scale <= Byte.MAX_VALUE && d.precision() <= 18) {
      out.writeByte(scale);
      out.writeLong(d.movePointRight(scale).longValueExact()); // the unscaled value, without a BigInteger
    } else {
      out.writeByte(WIDE_DECIMAL);
      out.writeInt(scale);
      byte[] b = d.unscaledValue().toByteArray();
      out.writeInt(b.length);
      out.write(b);
    }
  }

  private static BigDecimal readDecimal(Wire.In in) throws IOException {
    byte first = in.readByte();
    if (first >= 0) {
      return BigDecimal.valueOf(in.readLong(), first);
    }
    int scale = in.readInt();
    return new BigDecimal(new BigInteger(in.readBytes(in.readInt())), scale);
  }

  /** UTF-8, or (length below zero) the chars of a string UTF-8 cannot hold exactly. */
  private static void writeString(DataOutputView out, String s) throws IOException {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    if (hasQuestionMark(b) && hasUnpairedSurrogate(s)) { // UTF-8 made '?' of each unpaired surrogate
      out.writeInt(-1 - s.length());
      for (int i = 0; i < s.length(); i++) {
        out.writeChar(s.charAt(i));
      }
      return;
    }
    out.writeInt(b.length);
    out.write(b);
  }

  private static String readString(Wire.In in) throws IOException {
    int n = in.readInt();
    if (n >= 0) {
      return in.readUtf8(n);
    }
    if (-1 - n > in.available() / 2) {
      throw new IOException("corrupt string of " + (-1 - n) + " chars, " + in.available() + " bytes left");
    }
    char[] c = new char[-1 - n];
    for (int i = 0; i < c.length; i++) {
      c[i] = in.readChar();
    }
    return new String(c);
  }

  private static boolean hasQuestionMark(byte[] b) {
    for (byte x : b) {
      if (x == '?') {
        return true;
      }
    }
    return false;
  }

  private static boolean hasUnpairedSurrogate(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return true;
      }
    }
    return false;
  }
}
