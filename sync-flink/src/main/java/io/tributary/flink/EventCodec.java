package io.tributary.flink;

import io.tributary.sync.ErrorCode;
import io.tributary.sync.event.ChangeEvent;
import io.tributary.sync.event.ColumnMask;
import io.tributary.sync.event.Heartbeat;
import io.tributary.sync.event.Row;
import io.tributary.sync.event.RowChange;
import io.tributary.sync.event.SchemaChange;
import io.tributary.sync.event.SourcePosition;
import io.tributary.sync.event.TableDropped;
import io.tributary.sync.event.TableId;
import io.tributary.sync.event.TableNeedsResync;
import io.tributary.sync.event.TableSchema;
import io.tributary.sync.event.TableTruncated;
import io.tributary.sync.event.TransactionEnd;
import io.tributary.sync.spi.ChangeSource;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.core.memory.DataOutputView;

/**
 * The change events of a {@link SourceItem.LogBatch}: kind byte, fields, then seq, position (the source's own bytes,
 * decoded with the decision operator's source instance) and commit time. Rows and table names go through the item's
 * {@link ItemFields}, the only part whose encoding differs between versions.
 */
final class EventCodec {

  private EventCodec() {
  }

  static void write(DataOutputView out, ItemFields.Out fields, ChangeEvent e) throws IOException {
    if (e instanceof RowChange r) {
      out.writeByte(1);
      fields.table(out, r.table());
      out.writeByte(r.op().ordinal());
      fields.row(out, r.before());
      fields.row(out, r.after());
      writeMask(out, r.unchanged());
    } else if (e instanceof TransactionEnd) {
      out.writeByte(2);
    } else if (e instanceof Heartbeat) {
      out.writeByte(3);
    } else if (e instanceof SchemaChange s) {
      out.writeByte(4);
      fields.table(out, s.table());
      Bytes.writeSchema(out, s.newSchema());
      Bytes.writeNullableUtf(out, s.ddl());
      writeNames(out, s.renamedFrom());
    } else if (e instanceof TableTruncated t) {
      out.writeByte(5);
      fields.table(out, t.table());
    } else if (e instanceof TableDropped d) {
      out.writeByte(6);
      fields.table(out, d.table());
      Bytes.writeNullableUtf(out, d.ddl());
    } else if (e instanceof TableNeedsResync r) {
      out.writeByte(7);
      fields.table(out, r.table());
      out.writeBoolean(r.newSchema() != null);
      if (r.newSchema() != null) {
        Bytes.writeSchema(out, r.newSchema());
      }
      out.writeUTF(r.reason());
      Bytes.writeNullableUtf(out, r.ddl());
      out.writeUTF(r.code().name());
    } else {
      throw new IllegalArgumentException("no wire form for change event " + e.getClass().getName());
    }
    out.writeLong(e.seq());
    Bytes.writeNullable(out, e.position() == null ? null : e.position().encode());
    out.writeLong(e.commitTimeMillis());
  }

  static ChangeEvent read(Wire.In in, ItemFields.In fields, ChangeSource source) throws IOException {
    byte kind = in.readByte();
    switch (kind) {
      case 1: {
        TableId table = fields.table(in);
        RowChange.Op op = RowChange.Op.values()[in.readByte()];
        Row before = fields.row(in);
        Row after = fields.row(in);
        ColumnMask unchanged = readMask(in);
        return new RowChange(table, op, before, after, in.readLong(), position(in, source), in.readLong(), unchanged);
      }
      case 2:
        return new TransactionEnd(in.readLong(), position(in, source), in.readLong());
      case 3:
        return new Heartbeat(in.readLong(), position(in, source), in.readLong());
      case 4: {
        TableId table = fields.table(in);
        TableSchema schema = Bytes.readSchema(in);
        String ddl = Bytes.readNullableUtf(in);
        Map<String, String> renamed = readNames(in);
        return new SchemaChange(table, schema, ddl, in.readLong(), position(in, source), in.readLong(), renamed);
      }
      case 5:
        return new TableTruncated(fields.table(in), in.readLong(), position(in, source), in.readLong());
      case 6: {
        TableId table = fields.table(in);
        String ddl = Bytes.readNullableUtf(in);
        return new TableDropped(table, ddl, in.readLong(), position(in, source), in.readLong());
      }
      case 7: {
        TableId table = fields.table(in);
        TableSchema schema = in.readBoolean() ? Bytes.readSchema(in) : null;
        String reason = in.readUTF();
        String ddl = Bytes.readNullableUtf(in);
        ErrorCode code = ErrorCode.valueOf(in.readUTF());
        return new TableNeedsResync(table, schema, reason, ddl, in.readLong(), position(in, source), in.readLong(),
            code);
      }
      default:
        throw new IOException("unknown change event kind " + kind);
    }
  }

  /** A column mask as its indexes, -1 for none (as every version wrote it). */
  static void writeMask(DataOutputView out, ColumnMask mask) throws IOException {
    int[] indexes = mask == null ? null : mask.indexes();
    out.writeInt(indexes == null ? -1 : indexes.length);
    if (indexes != null) {
      for (int i : indexes) {
        out.writeInt(i);
      }
    }
  }

  static ColumnMask readMask(Wire.In in) throws IOException {
    int n = in.readInt();
    if (n < 0) {
      return null;
    }
    int[] indexes = new int[n];
    for (int i = 0; i < n; i++) {
      indexes[i] = in.readInt();
    }
    return ColumnMask.of(indexes);
  }

  static void writeNames(DataOutputView out, Map<String, String> names) throws IOException {
    out.writeInt(names.size());
    for (Map.Entry<String, String> r : names.entrySet()) {
      out.writeUTF(r.getKey());
      out.writeUTF(r.getValue());
    }
  }

  static Map<String, String> readNames(Wire.In in) throws IOException {
    int n = in.readInt();
    Map<String, String> names = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      names.put(in.readUTF(), in.readUTF());
    }
    return names;
  }

  private static SourcePosition position(Wire.In in, ChangeSource source) throws IOException {
    byte[] b = Bytes.readNullable(in);
    return b == null ? null : source.decodePosition(b);
  }
}
