package io.tributary.flink;

import io.tributary.sync.event.RowFilter;
import io.tributary.sync.event.TableId;
import io.tributary.sync.event.TableSchema;
import io.tributary.sync.internal.FlinkHost;
import io.tributary.sync.internal.ValueCodec;
import io.tributary.sync.spi.SnapshotChunk;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.runtime.operators.coordination.OperatorEvent;

/**
 * What the decision operator and the split enumerator tell each other while the job runs (through {@link
 * PlanCoordinator}): the decider's requests to plan a table's snapshot (a table added on restore, a re-sync, a
 * catch-up, a resume), to read a table first, to read a chunk again or read queued chunks with a new layout (a
 * schema change during the sync), and the enumerator's plans and acknowledgements. Encoded, so a Flink event carries bytes
 * only.
 */
final class PlanMessages {

  private PlanMessages() {
  }

  /** Plan {@code plan} of {@code table}: its chunks become splits, and the chunk list goes back ({@link Answer}). */
  record Request(long plan, int sourceIndex, TableId table, TableSchema schema, RowFilter filter, int priority) {
  }

  /** The chunks of plan {@code plan} (their splits are the enumerator's by now). */
  record Answer(long plan, TableId table, List<SnapshotChunk> chunks) {
  }

  /** Unassigned chunks of {@code table} go first. */
  record Prioritize(TableId table) {
  }

  /** {@code table}'s snapshot was abandoned: its unassigned chunks are dropped. */
  record Cancel(TableId table) {
  }

  /**
   * Read chunk {@code chunk} again (the decider's re-read after a layout change during the sync), as a split of plan
   * {@code plan} laid out by {@code schema}; {@code id} makes it idempotent (asked again after a restore).
   */
  record Reread(long id, long plan, int sourceIndex, SnapshotChunk chunk, TableSchema schema, int priority) {
  }

  /** The enumerator holds re-read {@code id} as a split (in its state from its next checkpoint on). */
  record RereadAdded(long id) {
  }

  /** Unassigned chunks of {@code table}'s plan {@code plan} are read with {@code schema} (the decider's Reschema). */
  record Reschema(TableId table, long plan, TableSchema schema) {
  }

  /** A message as a Flink operator event. */
  record Event(byte[] bytes) implements OperatorEvent {
  }

  static Event encode(Object message) {
    return new Event(Bytes.of(out -> {
      if (message instanceof Request r) {
        out.writeByte(1);
        out.writeLong(r.plan());
        out.writeInt(r.sourceIndex());
        ValueCodec.writeTableId(out, r.table());
        Bytes.writeSchema(out, r.schema());
        out.writeBoolean(r.filter() != null);
        if (r.filter() != null) {
          FlinkHost.writeFilter(out, r.filter());
        }
        out.writeInt(r.priority());
      } else if (message instanceof Answer a) {
        out.writeByte(2);
        out.writeLong(a.plan());
        ValueCodec.writeTableId(out, a.table());
        out.writeInt(a.chunks().size());
        for (SnapshotChunk c : a.chunks()) {
          Bytes.writeChunk(out, c);
        }
      } else if (message instanceof Prioritize p) {
        out.writeByte(3);
        ValueCodec.writeTableId(out, p.table());
      } else if (message instanceof Cancel c) {
        out.writeByte(4);
        ValueCodec.writeTableId(out, c.table());
      } else if (message instanceof Reread r) {
        out.writeByte(5);
        out.writeLong(r.id());
        out.writeLong(r.plan());
        out.writeInt(r.sourceIndex());
        Bytes.writeChunk(out, r.chunk());
        Bytes.writeSchema(out, r.schema());
        out.writeInt(r.priority());
      } else if (message instanceof RereadAdded a) {
        out.writeByte(6);
        out.writeLong(a.id());
      } else if (message instanceof Reschema r) {
        out.writeByte(7);
        ValueCodec.writeTableId(out, r.table());
        out.writeLong(r.plan());
        Bytes.writeSchema(out, r.schema());
      } else {
        throw new IllegalArgumentException("not a plan message: " + message);
      }
    }));
  }

  static Object decode(OperatorEvent event) {
    if (!(event instanceof Event e)) {
      throw new IllegalArgumentException("not a Tributary plan event: " + event);
    }
    return Bytes.read(e.bytes(), in -> {
      byte kind = in.readByte();
      switch (kind) {
        case 1:
          return new Request(in.readLong(), in.readInt(), ValueCodec.readTableId(in), Bytes.readSchema(in),
              in.readBoolean() ? FlinkHost.readFilter(in) : null, in.readInt());
        case 2: {
          long plan = in.readLong();
          TableId table = ValueCodec.readTableId(in);
          int n = in.readInt();
          List<SnapshotChunk> chunks = new ArrayList<>(n);
          for (int i = 0; i < n; i++) {
            chunks.add(Bytes.readChunk(in));
          }
          return new Answer(plan, table, chunks);
        }
        case 3:
          return new Prioritize(ValueCodec.readTableId(in));
        case 4:
          return new Cancel(ValueCodec.readTableId(in));
        case 5:
          return new Reread(in.readLong(), in.readLong(), in.readInt(), Bytes.readChunk(in), Bytes.readSchema(in),
              in.readInt());
        case 6:
          return new RereadAdded(in.readLong());
        case 7:
          return new Reschema(ValueCodec.readTableId(in), in.readLong(), Bytes.readSchema(in));
        default:
          throw new IOException("unknown plan message kind " + kind);
      }
    });
  }
}
