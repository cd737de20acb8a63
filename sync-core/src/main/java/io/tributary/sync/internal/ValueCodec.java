package io.tributary.sync.internal;

import io.tributary.sync.event.Column;
import io.tributary.sync.event.DataType;
import io.tributary.sync.event.Row;
import io.tributary.sync.event.TableId;
import io.tributary.sync.event.TableSchema;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Binary encoding of values, rows and schemas for checkpoints (chunk bounds, schemas at the checkpoint position)
 * and of the size of a value as a key or field (for the configured limits). Values are tagged by their Java class,
 * so decoding needs no schema.
 */
public final class ValueCodec {

  private static final byte NULL = 0, BOOL = 1, BYTE = 2, SHORT = 3, INT = 4, LONG = 5, DECIMAL = 6, FLOAT = 7,
      DOUBLE = 8, STRING = 9, BYTES = 10, DATE = 11, TIME = 12, DATETIME = 13, INSTANT = 14;

  private ValueCodec() {
  }

  public static void writeValue(DataOutput out, Object v) throws IOException {
    if (v == null) {
      out.writeByte(NULL);
    } else if (v instanceof Boolean b) {
      out.writeByte(BOOL);
      out.writeBoolean(b);
    } else if (v instanceof Byte b) {
      out.writeByte(BYTE);
      out.writeByte(b);
    } else if (v instanceof Short s) {
      out.writeByte(SHORT);
      out.writeShort(s);
    } else if (v instanceof Integer i) {
      out.writeByte(INT);
      out.writeInt(i);
    } else if (v instanceof Long l) {
      out.writeByte(LONG);
      out.writeLong(l);
    } else if (v instanceof BigDecimal d) {
      out.writeByte(DECIMAL);
      out.writeInt(d.scale());
      writeBytes(out, d.unscaledValue().toByteArray());
    } else if (v instanceof Float f) {
      out.writeByte(FLOAT);
      out.writeFloat(f);
    } else if (v instanceof Double d) {
      out.writeByte(DOUBLE);
      out.writeDouble(d);
    } else if (v instanceof String s) {
      out.writeByte(STRING);
      writeBytes(out, s.getBytes(StandardCharsets.UTF_8));
    } else if (v instanceof byte[] b) {
      out.writeByte(BYTES);
      writeBytes(out, b);
    } else if (v instanceof LocalDate d) {
      out.writeByte(DATE);
      out.writeLong(d.toEpochDay());
    } else if (v instanceof LocalTime t) {
      out.writeByte(TIME);
      out.writeLong(t.toNanoOfDay());
    } else if (v instanceof LocalDateTime t) {
      out.writeByte(DATETIME);
      out.writeLong(t.toLocalDate().toEpochDay());
      out.writeLong(t.toLocalTime().toNanoOfDay());
    } else if (v instanceof Instant t) {
      out.writeByte(INSTANT);
      out.writeLong(t.getEpochSecond());
      out.writeInt(t.getNano());
    } else {
      throw new IllegalArgumentException("unsupported value class " + v.getClass().getName()
          + "; sources must produce the classes listed in DataType");
    }
  }

  public static Object readValue(DataInput in) throws IOException {
    byte tag = in.readByte();
    return switch (tag) {
      case NULL -> null;
      case BOOL -> in.readBoolean();
      case BYTE -> in.readByte();
      case SHORT -> in.readShort();
      case INT -> in.readInt();
      case LONG -> in.readLong();
      case DECIMAL -> {
        int scale = in.readInt();
        yield new BigDecimal(new BigInteger(readBytes(in)), scale);
      }
      case FLOAT -> in.readFloat();
      case DOUBLE -> in.readDouble();
      case STRING -> new String(readBytes(in), StandardCharsets.UTF_8);
      case BYTES -> readBytes(in);
      case DATE -> LocalDate.ofEpochDay(in.readLong());
      case TIME -> LocalTime.ofNanoOfDay(in.readLong());
      case DATETIME -> LocalDateTime.of(LocalDate.ofEpochDay(in.readLong()), LocalTime.ofNanoOfDay(in.readLong()));
      case INSTANT -> Instant.ofEpochSecond(in.readLong(), in.readInt());
      default -> throw new IOException("corrupt value tag " + tag);
    };
  }

  public static void writeRow(DataOutput out, Row row) throws IOException {
    if (row == null) {
      out.writeInt(-1);
      return;
    }
    out.writeInt(row.size());
    for (int i = 0; i < row.size(); i++) {
      writeValue(out, row.get(i));
    }
  }

  public static Row readRow(DataInput in) throws IOException {
    int n = in.readInt();
    if (n < 0) {
      return null;
    }
    Object[] values = new Object[n];
    for (int i = 0; i < n; i++) {
      values[i] = readValue(in);
    }
    return Row.of(values);
  }

  public static void writeBytes(DataOutput out, byte[] b) throws IOException {
    out.writeInt(b.length);
    out.write(b);
  }

  public static byte[] readBytes(DataInput in) throws IOException {
    byte[] b = new byte[in.readInt()];
    in.readFully(b);
    return b;
  }

  public static void writeTableId(DataOutput out, TableId id) throws IOException {
    out.writeUTF(id.source());
    out.writeUTF(id.database());
    out.writeUTF(id.schema());
    out.writeUTF(id.table());
  }

  public static TableId readTableId(DataInput in) throws IOException {
    return new TableId(in.readUTF(), in.readUTF(), in.readUTF(), in.readUTF());
  }

  public static void writeSchema(DataOutput out, TableSchema schema) throws IOException {
    writeTableId(out, schema.id());
    out.writeInt(schema.columns().size());
    for (Column c : schema.columns()) {
      out.writeUTF(c.name());
      DataType t = c.type();
      out.writeUTF(t.kind().name());
      out.writeInt(t.precision());
      out.writeInt(t.scale());
      out.writeBoolean(t.nullable());
    }
    out.writeInt(schema.primaryKey().size());
    for (String pk : schema.primaryKey()) {
      out.writeUTF(pk);
    }
  }

  public static TableSchema readSchema(DataInput in) throws IOException {
    TableId id = readTableId(in);
    int n = in.readInt();
    List<Column> columns = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      String name = in.readUTF();
      DataType.Kind kind = DataType.Kind.valueOf(in.readUTF());
      columns.add(Column.of(name, new DataType(kind, in.readInt(), in.readInt(), in.readBoolean())));
    }
    int k = in.readInt();
    List<String> pk = new ArrayList<>(k);
    for (int i = 0; i < k; i++) {
      pk.add(in.readUTF());
    }
    return new TableSchema(id, columns, pk);
  }

  /**
   * The size of a value as stored in a key or field: bytes for strings (UTF-8) and binaries, the fixed width of
   * numbers and temporals. Used for the primary-key and field-size limits.
   */
  public static int encodedSize(Object v) {
    if (v == null) {
      return 0;
    }
    if (v instanceof String s) {
      return utf8Length(s);
    }
    if (v instanceof byte[] b) {
      return b.length;
    }
    if (v instanceof BigDecimal d) {
      return d.unscaledValue().bitLength() / 8 + 1;
    }
    if (v instanceof Byte || v instanceof Boolean) {
      return 1;
    }
    if (v instanceof Short) {
      return 2;
    }
    if (v instanceof Integer || v instanceof Float || v instanceof LocalDate) {
      return 4;
    }
    if (v instanceof LocalDateTime || v instanceof Instant) {
      return 12;
    }
    return 8;
  }

  /** Rough heap footprint of a row, for the buffer memory budget. */
  public static long estimateHeapBytes(Row row) {
    if (row == null) {
      return 0;
    }
    long size = 32 + 8L * row.size();
    for (int i = 0; i < row.size(); i++) {
      Object v = row.get(i);
      if (v instanceof String s) {
        size += 40 + s.length();
      } else if (v instanceof byte[] b) {
        size += 16 + b.length;
      } else if (v != null) {
        size += 24;
      }
    }
    return size;
  }

  private static int utf8Length(String s) {
    int n = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        n++;
      } else if (c < 0x800) {
        n += 2;
      } else if (Character.isHighSurrogate(c)) {
        n += 4;
        i++;
      } else {
        n += 3;
      }
    }
    return n;
  }
}
