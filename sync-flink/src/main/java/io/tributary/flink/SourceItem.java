package io.tributary.flink;

import io.tributary.sync.event.ChangeEvent;
import io.tributary.sync.event.Row;
import io.tributary.sync.event.TableId;
import io.tributary.sync.event.TableSchema;
import io.tributary.sync.internal.FlinkHost;
import io.tributary.sync.internal.ValueCodec;
import io.tributary.sync.spi.ChangeSource;
import io.tributary.sync.spi.SnapshotChunk;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * What the source readers send the decision operator: the items the local engine's log reader and snapshot workers
 * put on its work queue, as bytes (version byte first; the decision operator's state holds some, so every earlier
 * version is still read). Positions travel encoded and are decoded by the decision operator with its own source
 * instances. Rows go by {@link RowCodec} (a layout per item, no tag per value), table names once per item.
 */
sealed interface SourceItem {

  /**
   * 3: rows by {@link RowCodec}, table names once per item ({@link ItemFields}). Still read: 2 (values tagged by
   * class; chunk items carry their plan; commands) and 1 (chunk items of the fresh start's plan).
   */
  byte VERSION = 3;

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
    return Wire.of(out -> {
      out.writeByte(VERSION);
      ItemFields.Out fields = new ItemFields.Out();
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
          EventCodec.write(out, fields, e);
        }
      } else if (item instanceof ChunkRows r) {
        out.writeByte(3);
        fields.table(out, r.table());
        out.writeLong(r.plan());
        out.writeInt(r.index());
        out.writeLong(r.lowWatermark());
        Bytes.writeSchema(out, r.schema());
        out.writeInt(r.rows().size());
        for (Row row : r.rows()) {
          fields.row(out, row);
        }
      } else if (item instanceof ChunkDone d) {
        out.writeByte(4);
        fields.table(out, d.table());
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
          fields.table(out, t);
        }
        out.writeBoolean(c.filter() != null);
        if (c.filter() != null) {
          FlinkHost.writeFilter(out, c.filter());
        }
      }
    });
  }

  static SourceItem decode(byte[] data, List<ChangeSource> sources) {
    return Wire.read(data, in -> {
      byte v = in.readByte();
      if (v < 1 || v > VERSION) {
        throw new IOException("source item of version " + v + ", this build reads 1 to " + VERSION
            + " (state saved by a newer build cannot be restored by this one)");
      }
      ItemFields.In fields = new ItemFields.In(v < 3);
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
            events.add(EventCodec.read(in, fields, sources.get(source)));
          }
          return new LogBatch(source, polled, events);
        }
        case 3: {
          TableId table = fields.table(in);
          long plan = v == 1 ? 0 : in.readLong();
          int index = in.readInt();
          long low = in.readLong();
          TableSchema schema = Bytes.readSchema(in);
          int n = in.readInt();
          List<Row> rows = new ArrayList<>(n);
          for (int i = 0; i < n; i++) {
            rows.add(fields.row(in));
          }
          return new ChunkRows(table, plan, index, low, schema, rows);
        }
        case 4: {
          TableId table = fields.table(in);
          long plan = v == 1 ? 0 : in.readLong();
          return new ChunkDone(table, plan, in.readInt(), Bytes.readSchema(in), in.readLong(), in.readLong());
        }
        case 5: {
          String id = in.readUTF();
          String op = in.readUTF();
          int n = in.readInt();
          List<TableId> tables = new ArrayList<>(n);
          for (int i = 0; i < n; i++) {
            tables.add(fields.table(in));
          }
          return new Command(id, op, tables, in.readBoolean() ? FlinkHost.readFilter(in) : null);
        }
        default:
          throw new IOException("unknown source item kind " + kind);
      }
    });
  }

  static void writePlans(DataOutput out, List<TablePlan> plans) throws IOException {
    out.writeInt(plans.size());
    for (TablePlan p : plans) {
      ValueCodec.writeTableId(out, p.table());
      out.writeInt(p.chunks().size());
      for (SnapshotChunk c : p.chunks()) {
        Bytes.writeChunk(out, c);
      }
    }
  }

  static List<TablePlan> readPlans(DataInput in) throws IOException {
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
}
