package io.tributary.flink;

import io.tributary.sync.event.TableSchema;
import io.tributary.sync.spi.SnapshotChunk;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.connector.source.SourceSplit;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/** A split of the Tributary source: one source server's log, or one snapshot chunk of a table. */
sealed interface TributarySplit extends SourceSplit {

  int sourceIndex();

  /**
   * Source {@code sourceIndex}'s log from {@code position} (encoded), opened with the captured tables' schemas; on a
   * fresh start it carries the source's chunk plans until its reader has sent them on.
   */
  record Log(int sourceIndex, byte[] position, List<TableSchema> schemas, List<SourceItem.TablePlan> plans)
      implements TributarySplit {
    @Override
    public String splitId() {
      return "log-" + sourceIndex;
    }
  }

  /**
   * One chunk of a table's snapshot, read whole (a chunk cut short by a failure is read again from its start), of
   * plan {@code plan} (0: the fresh start's; later ones: a table added on restore, a re-sync, see {@link
   * SnapshotPlans}).
   */
  record Chunk(int sourceIndex, SnapshotChunk chunk, TableSchema schema, int priority, long plan)
      implements TributarySplit {
    @Override
    public String splitId() {
      return "chunk-" + chunk.table() + "#" + chunk.index() + (plan == 0 ? "" : "@" + plan);
    }
  }

  /** Versioned binary form of the splits (Flink keeps them in readers' and the enumerator's state). */
  final class Serializer implements SimpleVersionedSerializer<TributarySplit> {

    static final Serializer INSTANCE = new Serializer();

    @Override
    public int getVersion() {
      return 2; // 2: a chunk's plan
    }

    @Override
    public byte[] serialize(TributarySplit split) {
      return Bytes.of(out -> write(out, split));
    }

    @Override
    public TributarySplit deserialize(int version, byte[] data) throws IOException {
      if (version != 1 && version != 2) {
        throw new IOException("Tributary split of version " + version + ", this build reads 1 and 2");
      }
      return Bytes.read(data, in -> read(in, version));
    }

    static void write(DataOutputStream out, TributarySplit split) throws IOException {
      out.writeInt(split.sourceIndex());
      if (split instanceof Log l) {
        out.writeByte(1);
        io.tributary.sync.internal.ValueCodec.writeBytes(out, l.position());
        out.writeInt(l.schemas().size());
        for (TableSchema s : l.schemas()) {
          Bytes.writeSchema(out, s);
        }
        SourceItem.writePlans(out, l.plans());
      } else if (split instanceof Chunk c) {
        out.writeByte(2);
        Bytes.writeChunk(out, c.chunk());
        Bytes.writeSchema(out, c.schema());
        out.writeInt(c.priority());
        out.writeLong(c.plan());
      }
    }

    static TributarySplit read(DataInputStream in) throws IOException {
      return read(in, 2);
    }

    static TributarySplit read(DataInputStream in, int version) throws IOException {
      int source = in.readInt();
      byte kind = in.readByte();
      if (kind == 1) {
        byte[] position = io.tributary.sync.internal.ValueCodec.readBytes(in);
        int n = in.readInt();
        List<TableSchema> schemas = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
          schemas.add(Bytes.readSchema(in));
        }
        return new Log(source, position, schemas, SourceItem.readPlans(in));
      }
      if (kind == 2) {
        return new Chunk(source, Bytes.readChunk(in), Bytes.readSchema(in), in.readInt(),
            version == 1 ? 0 : in.readLong());
      }
      throw new IOException("unknown split kind " + kind);
    }
  }
}
