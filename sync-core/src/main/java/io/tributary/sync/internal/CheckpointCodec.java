package io.tributary.sync.internal;

import io.tributary.sync.ErrorCode;
import io.tributary.sync.SyncException;
import io.tributary.sync.TablePhase;
import io.tributary.sync.event.RowFilter;
import io.tributary.sync.event.TableId;
import io.tributary.sync.event.TableSchema;
import io.tributary.sync.spi.SnapshotChunk;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Versioned binary form of {@link Checkpoint}; checkpoint stores keep the bytes opaque. */
final class CheckpointCodec {

  private static final int MAGIC = 0x54524942; // "TRIB"
  private static final int VERSION = 1;

  private CheckpointCodec() {
  }

  public static byte[] encode(Checkpoint cp) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      DataOutputStream out = new DataOutputStream(bytes);
      out.writeInt(MAGIC);
      out.writeInt(VERSION);
      out.writeLong(cp.id());
      out.writeInt(cp.positions().size());
      for (Map.Entry<String, byte[]> e : cp.positions().entrySet()) {
        out.writeUTF(e.getKey());
        ValueCodec.writeBytes(out, e.getValue());
      }
      out.writeInt(cp.tables().size());
      for (Checkpoint.TableState t : cp.tables().values()) {
        writeTable(out, t);
      }
      out.writeBoolean(cp.committable() != null);
      if (cp.committable() != null) {
        ValueCodec.writeBytes(out, cp.committable());
      }
      // Appended after the committable: a checkpoint without them (written before they existed) ends here.
      out.writeInt(cp.formerMembers().size());
      for (Map.Entry<TableId, String> e : cp.formerMembers().entrySet()) {
        ValueCodec.writeTableId(out, e.getKey());
        out.writeUTF(e.getValue());
      }
      // Appended after the former members, likewise: the discovery positions of tables new to their run.
      List<Checkpoint.TableState> discovered = cp.tables().values().stream().filter(t -> t.discovery() != null)
          .toList();
      out.writeInt(discovered.size());
      for (Checkpoint.TableState t : discovered) {
        ValueCodec.writeTableId(out, t.id());
        out.writeLong(t.discovery().from());
        out.writeLong(t.discovery().until());
      }
      out.flush();
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static Checkpoint decode(byte[] data) {
    try {
      DataInputStream in = new DataInputStream(new ByteArrayInputStream(data));
      if (in.readInt() != MAGIC) {
        throw new SyncException(ErrorCode.CHECKPOINT_UNREADABLE, "not a Tributary checkpoint (bad magic); clear the"
            + " checkpoint store entry");
      }
      int version = in.readInt();
      if (version != VERSION) {
        throw new SyncException(ErrorCode.CHECKPOINT_UNREADABLE, "checkpoint format version " + version + " is not"
            + " supported by this build (supports " + VERSION + ")");
      }
      long id = in.readLong();
      int np = in.readInt();
      Map<String, byte[]> positions = new LinkedHashMap<>();
      for (int i = 0; i < np; i++) {
        positions.put(in.readUTF(), ValueCodec.readBytes(in));
      }
      int nt = in.readInt();
      Map<TableId, Checkpoint.TableState> tables = new LinkedHashMap<>();
      for (int i = 0; i < nt; i++) {
        Checkpoint.TableState t = readTable(in);
        tables.put(t.id(), t);
      }
      byte[] committable = in.readBoolean() ? ValueCodec.readBytes(in) : null;
      Map<TableId, String> former = new LinkedHashMap<>();
      if (in.available() > 0) { // absent from checkpoints written before former members were recorded
        int nf = in.readInt();
        for (int i = 0; i < nf; i++) {
          former.put(ValueCodec.readTableId(in), in.readUTF());
        }
      }
      if (in.available() > 0) { // absent from checkpoints written before discovery positions were recorded
        int nd = in.readInt();
        for (int i = 0; i < nd; i++) {
          TableId table = ValueCodec.readTableId(in);
          Checkpoint.Discovery d = new Checkpoint.Discovery(in.readLong(), in.readLong());
          tables.computeIfPresent(table, (k, t) -> new Checkpoint.TableState(t.id(), t.phase(), t.schema(),
              t.chunks(), t.done(), t.highWatermark(), t.mergeScope(), t.snapshotFilter(), t.reason(),
              t.reasonCode(), d));
        }
      }
      return new Checkpoint(id, positions, tables, committable, former);
    } catch (IOException e) {
      throw new SyncException(ErrorCode.CHECKPOINT_UNREADABLE, "corrupt checkpoint: " + e, e);
    }
  }

  private static void writeTable(DataOutput out, Checkpoint.TableState t) throws IOException {
    ValueCodec.writeTableId(out, t.id());
    out.writeUTF(t.phase().name());
    ValueCodec.writeSchema(out, t.schema());
    out.writeInt(t.chunks().size());
    for (SnapshotChunk c : t.chunks()) {
      out.writeInt(c.index());
      ValueCodec.writeRow(out, c.lowerInclusive());
      ValueCodec.writeRow(out, c.upperExclusive());
      writeFilter(out, c.filter());
    }
    ValueCodec.writeBytes(out, t.done().toByteArray());
    out.writeLong(t.highWatermark());
    out.writeBoolean(t.mergeScope() != null);
    if (t.mergeScope() != null) {
      writeFilter(out, t.mergeScope());
    }
    writeFilter(out, t.snapshotFilter());
    // The code rides in the reason's field (CODE NUL reason), so checkpoints without one still read.
    out.writeUTF(t.reason() == null ? "" : t.reasonCode() == null ? t.reason()
        : t.reasonCode().name() + '\0' + t.reason());
  }

  private static Checkpoint.TableState readTable(DataInput in) throws IOException {
    TableId id = ValueCodec.readTableId(in);
    TablePhase phase = TablePhase.valueOf(in.readUTF());
    TableSchema schema = ValueCodec.readSchema(in);
    int nc = in.readInt();
    List<SnapshotChunk> chunks = new ArrayList<>(nc);
    for (int i = 0; i < nc; i++) {
      int index = in.readInt();
      chunks.add(new SnapshotChunk(id, index, ValueCodec.readRow(in), ValueCodec.readRow(in), readFilter(in)));
    }
    BitSet done = BitSet.valueOf(ValueCodec.readBytes(in));
    long hw = in.readLong();
    RowFilter scope = in.readBoolean() ? readFilter(in) : null;
    RowFilter snapshotFilter = readFilter(in);
    String reason = in.readUTF();
    ErrorCode code = null;
    int nul = reason.indexOf('\0');
    if (nul > 0) {
      code = ErrorCode.valueOf(reason.substring(0, nul));
      reason = reason.substring(nul + 1);
    }
    return new Checkpoint.TableState(id, phase, schema, chunks, done, hw, scope, snapshotFilter,
        reason.isEmpty() ? null : reason, reason.isEmpty() ? null : code != null ? code : ErrorCode.TABLE_NEEDS_RESYNC);
  }

  static void writeFilter(DataOutput out, RowFilter f) throws IOException {
    if (f instanceof RowFilter.All) {
      out.writeByte(0);
    } else if (f instanceof RowFilter.Compare c) {
      out.writeByte(1);
      out.writeUTF(c.column());
      out.writeUTF(c.op().name());
      ValueCodec.writeValue(out, c.value());
    } else if (f instanceof RowFilter.IsNull n) {
      out.writeByte(2);
      out.writeUTF(n.column());
    } else if (f instanceof RowFilter.And a) {
      out.writeByte(3);
      writeFilters(out, a.filters());
    } else if (f instanceof RowFilter.Or o) {
      out.writeByte(4);
      writeFilters(out, o.filters());
    } else if (f instanceof RowFilter.Not n) {
      out.writeByte(5);
      writeFilter(out, n.filter());
    }
  }

  private static void writeFilters(DataOutput out, List<RowFilter> filters) throws IOException {
    out.writeInt(filters.size());
    for (RowFilter f : filters) {
      writeFilter(out, f);
    }
  }

  static RowFilter readFilter(DataInput in) throws IOException {
    byte tag = in.readByte();
    return switch (tag) {
      case 0 -> RowFilter.all();
      case 1 -> new RowFilter.Compare(in.readUTF(), RowFilter.Compare.Op.valueOf(in.readUTF()),
          ValueCodec.readValue(in));
      case 2 -> RowFilter.isNull(in.readUTF());
      case 3 -> new RowFilter.And(readFilters(in));
      case 4 -> new RowFilter.Or(readFilters(in));
      case 5 -> RowFilter.not(readFilter(in));
      default -> throw new IOException("corrupt filter tag " + tag);
    };
  }

  private static List<RowFilter> readFilters(DataInput in) throws IOException {
    int n = in.readInt();
    List<RowFilter> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(readFilter(in));
    }
    return out;
  }
}
