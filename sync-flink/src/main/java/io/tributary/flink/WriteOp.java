package io.tributary.flink;

import io.tributary.sync.event.Column;
import io.tributary.sync.event.ColumnMask;
import io.tributary.sync.event.DataType;
import io.tributary.sync.event.Row;
import io.tributary.sync.event.RowFilter;
import io.tributary.sync.internal.FlinkHost;
import io.tributary.sync.spi.ChangeWriter;
import io.tributary.sync.spi.RowBatch;
import io.tributary.sync.spi.TargetTable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.core.memory.DataOutputView;

/**
 * What the decision operator asks a writer subtask to do with one target, as bytes (version byte first; the writer
 * subtasks' state holds some, so version 1 is still read): the decider's write effects, with the batch copied out of
 * the decider's reused buffer by the encoding itself. Rows go by {@link RowCodec} since version 2.
 */
sealed interface WriteOp {

  /** 2: rows by {@link RowCodec}; 1 (values tagged by class) is still read. */
  byte VERSION = 2;

  /** The target was created or evolved (by the decision operator): this writer learns its layout. */
  record Ensure(TargetTable table, Map<String, String> renamedFrom) implements WriteOp {
  }

  /** Rows for the target ({@code staging} null) or one of its staging areas. */
  record Write(String staging, RowBatch batch) implements WriteOp {
  }

  record Merge(String staging, RowFilter replaceScope) implements WriteOp {
  }

  record Drop(String staging) implements WriteOp {
  }

  record DeleteWhere(RowFilter filter) implements WriteOp {
  }

  /** Applies this operation to {@code target} of {@code writer}. */
  default void applyTo(ChangeWriter writer, String target) {
    if (this instanceof Ensure e) {
      if (e.renamedFrom().isEmpty()) {
        writer.ensureTable(e.table());
      } else {
        writer.ensureTable(e.table(), e.renamedFrom());
      }
    } else if (this instanceof Write w) {
      if (w.staging() == null) {
        writer.write(target, w.batch());
      } else {
        writer.writeStaging(target, w.staging(), w.batch());
      }
    } else if (this instanceof Merge m) {
      writer.mergeStaging(target, m.staging(), m.replaceScope());
    } else if (this instanceof Drop d) {
      writer.dropStaging(target, d.staging());
    } else if (this instanceof DeleteWhere d) {
      writer.deleteWhere(target, d.filter());
    }
  }

  static byte[] encode(WriteOp op) {
    return Wire.of(out -> {
      out.writeByte(VERSION);
      if (op instanceof Ensure e) {
        out.writeByte(1);
        writeTable(out, e.table());
        EventCodec.writeNames(out, e.renamedFrom());
      } else if (op instanceof Write w) {
        out.writeByte(2);
        Bytes.writeNullableUtf(out, w.staging());
        writeBatch(out, w.batch());
      } else if (op instanceof Merge m) {
        out.writeByte(3);
        out.writeUTF(m.staging());
        out.writeBoolean(m.replaceScope() != null);
        if (m.replaceScope() != null) {
          FlinkHost.writeFilter(out, m.replaceScope());
        }
      } else if (op instanceof Drop d) {
        out.writeByte(4);
        out.writeUTF(d.staging());
      } else if (op instanceof DeleteWhere d) {
        out.writeByte(5);
        FlinkHost.writeFilter(out, d.filter());
      }
    });
  }

  static WriteOp decode(byte[] data) {
    return Wire.read(data, in -> {
      byte v = in.readByte();
      if (v < 1 || v > VERSION) {
        throw new IOException("write operation of version " + v + ", this build reads 1 to " + VERSION
            + " (state saved by a newer build cannot be restored by this one)");
      }
      byte kind = in.readByte();
      switch (kind) {
        case 1: {
          TargetTable table = readTable(in);
          return new Ensure(table, EventCodec.readNames(in));
        }
        case 2:
          return new Write(Bytes.readNullableUtf(in), readBatch(in, new ItemFields.In(v < 2)));
        case 3:
          return new Merge(in.readUTF(), in.readBoolean() ? FlinkHost.readFilter(in) : null);
        case 4:
          return new Drop(in.readUTF());
        case 5:
          return new DeleteWhere(FlinkHost.readFilter(in));
        default:
          throw new IOException("unknown write operation kind " + kind);
      }
    });
  }

  private static void writeTable(DataOutputView out, TargetTable t) throws IOException {
    out.writeUTF(t.name());
    out.writeInt(t.columns().size());
    for (Column c : t.columns()) {
      out.writeUTF(c.name());
      DataType type = c.type();
      out.writeUTF(type.kind().name());
      out.writeInt(type.precision());
      out.writeInt(type.scale());
      out.writeBoolean(type.nullable());
    }
    out.writeInt(t.primaryKey().size());
    for (String k : t.primaryKey()) {
      out.writeUTF(k);
    }
  }

  private static TargetTable readTable(Wire.In in) throws IOException {
    String name = in.readUTF();
    int n = in.readInt();
    List<Column> columns = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      String column = in.readUTF();
      DataType.Kind kind = DataType.Kind.valueOf(in.readUTF());
      columns.add(Column.of(column, new DataType(kind, in.readInt(), in.readInt(), in.readBoolean())));
    }
    int k = in.readInt();
    List<String> pk = new ArrayList<>(k);
    for (int i = 0; i < k; i++) {
      pk.add(in.readUTF());
    }
    return new TargetTable(name, columns, pk);
  }

  private static void writeBatch(DataOutputView out, RowBatch b) throws IOException {
    ItemFields.Out fields = new ItemFields.Out();
    out.writeInt(b.size());
    for (int i = 0; i < b.size(); i++) {
      ColumnMask unchanged = b.unchanged(i);
      Row from = b.unchangedFrom(i);
      int flags = (b.isDelete(i) ? 1 : 0) | (b.isSnapshot(i) ? 2 : 0) | (unchanged != null ? 4 : 0)
          | (from != null ? 8 : 0);
      out.writeByte(flags);
      fields.row(out, b.row(i));
      out.writeLong(b.seq(i));
      if (unchanged != null) {
        EventCodec.writeMask(out, unchanged);
      }
      if (from != null) {
        fields.row(out, from);
      }
    }
  }

  private static RowBatch readBatch(Wire.In in, ItemFields.In fields) throws IOException {
    int n = in.readInt();
    RowBatch b = new RowBatch(n);
    for (int i = 0; i < n; i++) {
      int flags = in.readByte();
      Row row = fields.row(in);
      long seq = in.readLong();
      ColumnMask unchanged = (flags & 4) != 0 ? EventCodec.readMask(in) : null;
      Row from = (flags & 8) != 0 ? fields.row(in) : null;
      if ((flags & 1) != 0) {
        b.delete(row, seq);
      } else if ((flags & 2) != 0) {
        b.upsertSnapshot(row, seq);
      } else if (from != null) {
        b.upsertMoved(row, seq, unchanged, from);
      } else {
        b.upsert(row, seq, unchanged);
      }
    }
    return b;
  }
}
