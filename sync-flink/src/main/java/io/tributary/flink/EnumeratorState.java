package io.tributary.flink;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * The split enumerator's checkpointed state: whether the fresh start's planning was done, and the splits not yet
 * assigned (assigned ones are in their readers' state; Flink hands back those assigned after the last checkpoint).
 */
record EnumeratorState(boolean planned, List<TributarySplit> unassigned) {

  static final class Serializer implements SimpleVersionedSerializer<EnumeratorState> {

    @Override
    public int getVersion() {
      return 1;
    }

    @Override
    public byte[] serialize(EnumeratorState state) {
      return Bytes.of(out -> {
        out.writeBoolean(state.planned());
        out.writeInt(state.unassigned().size());
        for (TributarySplit s : state.unassigned()) {
          TributarySplit.Serializer.write(out, s);
        }
      });
    }

    @Override
    public EnumeratorState deserialize(int version, byte[] data) throws IOException {
      if (version != 1) {
        throw new IOException("Tributary enumerator state of version " + version + ", this build reads 1");
      }
      return Bytes.read(data, in -> {
        boolean planned = in.readBoolean();
        int n = in.readInt();
        List<TributarySplit> splits = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
          splits.add(TributarySplit.Serializer.read(in));
        }
        return new EnumeratorState(planned, splits);
      });
    }
  }
}
