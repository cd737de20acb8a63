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
import io.tributary.sync.internal.ValueCodec;
import io.tributary.sync.spi.ChangeSource;
import io.tributary.sync.spi.SnapshotChunk;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the source readers send the decision operator: the items the local engine's log reader and snapshot workers
 * put on its work queue, as bytes (version byte first). Positions travel encoded and are decoded by the decision
 * operator with its own source instances.
 */
sealed interface SourceItem {

  /** 2: chunk items carry their plan; commands. Version 1 (chunk items of the fresh start's plan) is still read. */
  byte VERSION = 2;

  /** A table's chunk plan, made by the split enumerator at the job's fresh start. */
  record TablePlan(TableId table, List<SnapshotChunk> chunks) {
  }

  /** A source's log split was opened at {@code position}; on a fresh start it carries the source's chunk plans. */
  record LogOpened(int sourceIndex, byte[] position, List<TablePlan> plans) implements SourceItem {
  }

  /** Whole source transactions, in log order (one larger than the budget may come in parts). */
  record LogBatch(int sourceIndex, long polledAtNanos, List<ChangeEvent> events) implements SourceItem {
  }

  /** Rows of chunk {@code index} of plan {@code plan} (0: the fresh start's; see {@link SnapshotPlans}). */
  record ChunkRows(TableId table, long plan, int index, long lowWatermark, TableSchema schema, List<Row> rows)
      implements SourceItem {
  }

  record ChunkDone(TableId table, long plan, int index, TableSchema schema, long lowWatermark, long highWatermark)
      implements SourceItem {
  }

  /** An operator command from the job's control input ({@link TableCommand}); {@code op} names the decider's. */
  record Command(String id, String op, List<TableId> tables, io.tributary.sync.event.RowFilter filter)
      implements SourceItem {
  }

  static byte[] encode(SourceItem item) {
    return Bytes.of(out -> {
      out.writeByte(VERSION);
      if (item instanceof LogOpened o) {
        out.writeByte(1);
        out.writeInt(o.sourceIndex());
        ValueCodec.writeBytes(out, o.position());
        writePlans(out, o.plans());
      } else if (item instanceof LogBatch b) {
        out.writeByte(2);
        out.writeInt(b.sourceIndex());
        out.writeLong(b.polledAtNanos());
        out.writeInt(b.events().size());
        for (ChangeEvent e : b.events()) {
          writeEvent(out, e);
        }
      } else if (item instanceof ChunkRows r) {
        out.writeByte(3);
        ValueCodec.writeTableId(out, r.table());
        out.writeLong(r.plan());
        out.writeInt(r.index());
        out.writeLong(r.lowWatermark());
        Bytes.writeSchema(out, r.schema());
        out.writeInt(r.rows().size());
        for (Row row : r.rows()) {
          ValueCodec.writeRow(out, row);
        }
      } else if (item instanceof ChunkDone d) {
        out.writeByte(4);
        ValueCodec.writeTableId(out, d.table());
        out.writeLong(d.plan());
        out.writeInt(d.index());
        Bytes.writeSchema(out, d.schema());
        out.writeLong(d.lowWatermark());
        out.writeLong(d.highWatermark());
      } else if (item instanceof Command c) {
        out.writeByte(5);
        out.writeUTF(c.id());
        out.writeUTF(c.op());
        out.writeInt(c.tables().size());
        for (TableId t : c.tables()) {
          ValueCodec.writeTableId(out, t);
        }
        out.writeBoolean(c.filter() != null);
        if (c.filter() != null) {
          io.tributary.sync.internal.FlinkHost.writeFilter(out, c.filter());
        }
      }
    });
  }

  static SourceItem decode(byte[] data, List<ChangeSource> sources) {
    return Bytes.read(data, in -> {
      byte v = in.readByte();
      if (v != VERSION && v != 1) {
        throw new IOException("source item of version " + v + ", this build reads " + VERSION);
      }
      byte kind = in.readByte();
      switch (kind) {
        case 1:
          return new LogOpened(in.readInt(), ValueCodec.readBytes(in), readPlans(in));
        case 2: {
          int source = in.readInt();
          long polled = in.readLong();
          int n = in.readInt();
          List<ChangeEvent> events = new ArrayList<>(n);
          for (int i = 0; i < n; i++) {
            events.add(readEvent(in, sources.get(source)));
          }
          return new LogBatch(source, polled, events);
        }
        case 3: {
          TableId table = ValueCodec.readTableId(in);
          long plan = v == 1 ? 0 : in.readLong();
          int index = in.readInt();
          long low = in.readLong();
          TableSchema schema = Bytes.readSchema(in);
          int n = in.readInt();
          List<Row> rows = new ArrayList<>(n);
          for (int i = 0; i < n; i++) {
            rows.add(ValueCodec.readRow(in));
          }
          return new ChunkRows(table, plan, index, low, schema, rows);
        }
        case 4: {
          TableId table = ValueCodec.readTableId(in);
          long plan = v == 1 ? 0 : in.readLong();
          return new ChunkDone(table, plan, in.readInt(), Bytes.readSchema(in), in.readLong(), in.readLong());
        }
        case 5: {
          String id = in.readUTF();
          String op = in.readUTF();
          int n = in.readInt();
          List<TableId> tables = new ArrayList<>(n);
          for (int i = 0; i < n; i++) {
            tables.add(ValueCodec.readTableId(in));
          }
          return new Command(id, op, tables,
              in.readBoolean() ? io.tributary.sync.internal.FlinkHost.readFilter(in) : null);
        }
        default:
          throw new IOException("unknown source item kind " + kind);
      }
    });
  }

  static void writePlans(DataOutputStream out, List<TablePlan> plans) throws IOException {
    out.writeInt(plans.size());
    for (TablePlan p : plans) {
      ValueCodec.writeTableId(out, p.table());
      out.writeInt(p.chunks().size());
      for (SnapshotChunk c : p.chunks()) {
        Bytes.writeChunk(out, c);
      }
    }
  }

  static List<TablePlan> readPlans(DataInputStream in) throws IOException {
    int n = in.readInt();
    List<TablePlan> plans = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      TableId table = ValueCodec.readTableId(in);
      int k = in.readInt();
      List<SnapshotChunk> chunks = new ArrayList<>(k);
      for (int j = 0; j < k; j++) {
        chunks.add(Bytes.readChunk(in));
      }
      plans.add(new TablePlan(table, chunks));
    }
    return plans;
  }

  private static void writeEvent(DataOutputStream out, ChangeEvent e) throws IOException {
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
    } else if (e instanceof TransactionEnd) {
      out.writeByte(2);
    } else if (e instanceof Heartbeat) {
      out.writeByte(3);
    } else if (e instanceof SchemaChange s) {
      out.writeByte(4);
      ValueCodec.writeTableId(out, s.table());
      Bytes.writeSchema(out, s.newSchema());
      Bytes.writeNullableUtf(out, s.ddl());
      out.writeInt(s.renamedFrom().size());
      for (Map.Entry<String, String> r : s.renamedFrom().entrySet()) {
        out.writeUTF(r.getKey());
        out.writeUTF(r.getValue());
      }
    } else if (e instanceof TableTruncated t) {
      out.writeByte(5);
      ValueCodec.writeTableId(out, t.table());
    } else if (e instanceof TableDropped d) {
      out.writeByte(6);
      ValueCodec.writeTableId(out, d.table());
      Bytes.writeNullableUtf(out, d.ddl());
    } else if (e instanceof TableNeedsResync r) {
      out.writeByte(7);
      ValueCodec.writeTableId(out, r.table());
      out.writeBoolean(r.newSchema() != null);
      if (r.newSchema() != null) {
        Bytes.writeSchema(out, r.newSchema());
      }
      out.writeUTF(r.reason());
      Bytes.writeNullableUtf(out, r.ddl());
      out.writeUTF(r.code().name());
    }
    out.writeLong(e.seq());
    Bytes.writeNullable(out, e.position() == null ? null : e.position().encode());
    out.writeLong(e.commitTimeMillis());
  }

  private static ChangeEvent readEvent(DataInputStream in, ChangeSource source) throws IOException {
    byte kind = in.readByte();
    switch (kind) {
      case 1: {
        TableId table = ValueCodec.readTableId(in);
        RowChange.Op op = RowChange.Op.values()[in.readByte()];
        Row before = ValueCodec.readRow(in);
        Row after = ValueCodec.readRow(in);
        int n = in.readInt();
        ColumnMask unchanged = null;
        if (n >= 0) {
          int[] idx = new int[n];
          for (int i = 0; i < n; i++) {
            idx[i] = in.readInt();
          }
          unchanged = ColumnMask.of(idx);
        }
        return new RowChange(table, op, before, after, in.readLong(), position(in, source), in.readLong(), unchanged);
      }
      case 2:
        return new TransactionEnd(in.readLong(), position(in, source), in.readLong());
      case 3:
        return new Heartbeat(in.readLong(), position(in, source), in.readLong());
      case 4: {
        TableId table = ValueCodec.readTableId(in);
        TableSchema schema = Bytes.readSchema(in);
        String ddl = Bytes.readNullableUtf(in);
        int n = in.readInt();
        Map<String, String> renamed = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
          renamed.put(in.readUTF(), in.readUTF());
        }
        return new SchemaChange(table, schema, ddl, in.readLong(), position(in, source), in.readLong(), renamed);
      }
      case 5:
        return new TableTruncated(ValueCodec.readTableId(in), in.readLong(), position(in, source), in.readLong());
      case 6: {
        TableId table = ValueCodec.readTableId(in);
        String ddl = Bytes.readNullableUtf(in);
        return new TableDropped(table, ddl, in.readLong(), position(in, source), in.readLong());
      }
      case 7: {
        TableId table = ValueCodec.readTableId(in);
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

  private static SourcePosition position(DataInputStream in, ChangeSource source) throws IOException {
    byte[] b = Bytes.readNullable(in);
    return b == null ? null : source.decodePosition(b);
  }
}
