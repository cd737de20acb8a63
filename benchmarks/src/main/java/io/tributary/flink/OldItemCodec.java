package io.tributary.flink;

import io.tributary.sync.event.ChangeEvent;
import io.tributary.sync.event.ColumnMask;
import io.tributary.sync.event.Row;
import io.tributary.sync.event.RowChange;
import io.tributary.sync.event.SourcePosition;
import io.tributary.sync.event.TableId;
import io.tributary.sync.event.TableSchema;
import io.tributary.sync.event.TransactionEnd;
import io.tributary.sync.internal.ValueCodec;
import io.tributary.sync.spi.ChangeSource;
import io.tributary.sync.spi.RowBatch;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The runner's item encoding as it was before the wire format change (6fb63e0: source items version 2, write
 * operations version 1), copied for {@code FlinkItemCodecBenchmark} so both are measured in one run: streams over
 * byte arrays, every value tagged by its class ({@link ValueCodec}), every table named in full. Only the item kinds
 * that carry rows (chunk rows, log batches of row changes and transaction ends, writes).
 */
public final class OldItemCodec {

  private OldItemCodec() {
  }

  interface Body {
    void write(DataOutputStream out) throws IOException;
  }

  static byte[] of(Body w) {
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

  static byte[] encode(SourceItem item) {
    return of(out -> {
      out.writeByte(2);
      if (item instanceof SourceItem.LogBatch b) {
        out.writeByte(2);
        out.writeInt(b.sourceIndex());
        out.writeLong(b.polledAtNanos());
        out.writeInt(b.events().size());
        for (ChangeEvent e : b.events()) {
          if (e instanceof RowChange r) {
            out.writeByte(1);
            ValueCodec.writeTableId(out, r.table());
            out.writeByte(r.op().ordinal());
            ValueCodec.writeRow(out, r.before());
            ValueCodec.writeRow(out, r.after());
            int[] unchanged = r.unchanged() == null ? null : r.unchanged().indexes();
            out.writeInt(unchanged == null ? -1 : unchanged.length);
            if (unchanged != null) {
              for (int i : unchanged) {
                out.writeInt(i);
              }
            }
          } else {
            out.writeByte(2);
          }
          out.writeLong(e.seq());
          byte[] p = e.position() == null ? null : e.position().encode();
          out.writeBoolean(p != null);
          if (p != null) {
            ValueCodec.writeBytes(out, p);
          }
          out.writeLong(e.commitTimeMillis());
        }
      } else if (item instanceof SourceItem.ChunkRows r) {
        out.writeByte(3);
        ValueCodec.writeTableId(out, r.table());
        out.writeLong(r.plan());
        out.writeInt(r.index());
        out.writeLong(r.lowWatermark());
        ValueCodec.writeSchema(out, r.schema());
        out.writeInt(r.rows().size());
        for (Row row : r.rows()) {
          ValueCodec.writeRow(out, row);
        }
      } else {
        throw new IllegalArgumentException("not measured: " + item);
      }
    });
  }

  static SourceItem decode(byte[] data, List<ChangeSource> sources) {
    try {
      DataInputStream in = new DataInputStream(new ByteArrayInputStream(data));
      in.readByte();
      byte kind = in.readByte();
      if (kind == 2) {
        int source = in.readInt();
        long polled = in.readLong();
        int n = in.readInt();
        List<ChangeEvent> events = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
          byte k = in.readByte();
          if (k == 1) {
            TableId table = ValueCodec.readTableId(in);
            RowChange.Op op = RowChange.Op.values()[in.readByte()];
            Row before = ValueCodec.readRow(in);
            Row after = ValueCodec.readRow(in);
            int u = in.readInt();
            ColumnMask unchanged = null;
            if (u >= 0) {
              int[] idx = new int[u];
              for (int j = 0; j < u; j++) {
                idx[j] = in.readInt();
              }
              unchanged = ColumnMask.of(idx);
            }
            events.add(new RowChange(table, op, before, after, in.readLong(), position(in, sources.get(source)),
                in.readLong(), unchanged));
          } else {
            events.add(new TransactionEnd(in.readLong(), position(in, sources.get(source)), in.readLong()));
          }
        }
        return new SourceItem.LogBatch(source, polled, events);
      }
      TableId table = ValueCodec.readTableId(in);
      long plan = in.readLong();
      int index = in.readInt();
      long low = in.readLong();
      TableSchema schema = ValueCodec.readSchema(in);
      int n = in.readInt();
      List<Row> rows = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        rows.add(ValueCodec.readRow(in));
      }
      return new SourceItem.ChunkRows(table, plan, index, low, schema, rows);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static SourcePosition position(DataInputStream in, ChangeSource source) throws IOException {
    return in.readBoolean() ? source.decodePosition(ValueCodec.readBytes(in)) : null;
  }

  static byte[] encode(WriteOp.Write w) {
    return of(out -> {
      out.writeByte(1);
      out.writeByte(2);
      out.writeBoolean(w.staging() != null);
      if (w.staging() != null) {
        out.writeUTF(w.staging());
      }
      RowBatch b = w.batch();
      out.writeInt(b.size());
      for (int i = 0; i < b.size(); i++) {
        ColumnMask unchanged = b.unchanged(i);
        Row from = b.unchangedFrom(i);
        int flags = (b.isDelete(i) ? 1 : 0) | (b.isSnapshot(i) ? 2 : 0) | (unchanged != null ? 4 : 0)
            | (from != null ? 8 : 0);
        out.writeByte(flags);
        ValueCodec.writeRow(out, b.row(i));
        out.writeLong(b.seq(i));
        if (unchanged != null) {
          int[] idx = unchanged.indexes();
          out.writeInt(idx.length);
          for (int x : idx) {
            out.writeInt(x);
          }
        }
        if (from != null) {
          ValueCodec.writeRow(out, from);
        }
      }
    });
  }

  static WriteOp.Write decodeWrite(byte[] data) {
    try {
      DataInputStream in = new DataInputStream(new ByteArrayInputStream(data));
      in.readByte();
      in.readByte();
      String staging = in.readBoolean() ? in.readUTF() : null;
      int n = in.readInt();
      RowBatch b = new RowBatch(n);
      for (int i = 0; i < n; i++) {
        int flags = in.readByte();
        Row row = ValueCodec.readRow(in);
        long seq = in.readLong();
        ColumnMask unchanged = null;
        if ((flags & 4) != 0) {
          int[] idx = new int[in.readInt()];
          for (int j = 0; j < idx.length; j++) {
            idx[j] = in.readInt();
          }
          unchanged = ColumnMask.of(idx);
        }
        Row from = (flags & 8) != 0 ? ValueCodec.readRow(in) : null;
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
      return new WriteOp.Write(staging, b);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
