package io.tributary.flink;

import io.tributary.sync.event.TableId;
import io.tributary.sync.event.TableSchema;
import io.tributary.sync.internal.FlinkHost;
import io.tributary.sync.internal.ValueCodec;
import io.tributary.sync.spi.SnapshotChunk;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Binary helpers over the engine's value codec: every record this runner ships or keeps is bytes it versions. */
final class Bytes {

  private Bytes() {
  }

  interface Writer {
    void write(DataOutputStream out) throws IOException;
  }

  interface Reader<T> {
    T read(DataInputStream in) throws IOException;
  }

  static byte[] of(Writer w) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
      DataOutputStream out = new DataOutputStream(bytes);
      w.write(out);
      out.flush();
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static <T> T read(byte[] data, Reader<T> r) {
    try {
      return r.read(new DataInputStream(new ByteArrayInputStream(data)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void writeNullable(DataOutput out, byte[] b) throws IOException {
    out.writeBoolean(b != null);
    if (b != null) {
      ValueCodec.writeBytes(out, b);
    }
  }

  static byte[] readNullable(DataInput in) throws IOException {
    return in.readBoolean() ? ValueCodec.readBytes(in) : null;
  }

  static void writeNullableUtf(DataOutput out, String s) throws IOException {
    out.writeBoolean(s != null);
    if (s != null) {
      out.writeUTF(s);
    }
  }

  static String readNullableUtf(DataInput in) throws IOException {
    return in.readBoolean() ? in.readUTF() : null;
  }

  static void writeChunk(DataOutput out, SnapshotChunk c) throws IOException {
    ValueCodec.writeTableId(out, c.table());
    out.writeInt(c.index());
    ValueCodec.writeRow(out, c.lowerInclusive());
    ValueCodec.writeRow(out, c.upperExclusive());
    FlinkHost.writeFilter(out, c.filter());
    out.writeLong(c.estimatedRows());
  }

  static SnapshotChunk readChunk(DataInput in) throws IOException {
    TableId table = ValueCodec.readTableId(in);
    int index = in.readInt();
    return new SnapshotChunk(table, index, ValueCodec.readRow(in), ValueCodec.readRow(in), FlinkHost.readFilter(in),
        in.readLong());
  }

  static void writeSchema(DataOutput out, TableSchema schema) throws IOException {
    ValueCodec.writeSchema(out, schema);
  }

  static TableSchema readSchema(DataInput in) throws IOException {
    return ValueCodec.readSchema(in);
  }
}
