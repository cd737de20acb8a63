package io.tributary.flink;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * The split enumerator's checkpointed state: whether the fresh start's planning was done, and the splits not yet
 * assigned (assigned ones are in their readers' state; Flink hands back those assigned after the last checkpoint),
 * and the last plan per table made while the job ran (see {@link SnapshotPlans}), and the ids of the re-reads it
 * added as splits (so a re-read asked again after a restore is added once).
 */
record EnumeratorState(boolean planned, List<TributarySplit> unassigned, List<PlanMessages.Answer> plans,
    List<Long> rereads) {

  EnumeratorState(boolean planned, List<TributarySplit> unassigned, List<PlanMessages.Answer> plans) {
    this(planned, unassigned, plans, List.of());
  }

  static final class Serializer implements SimpleVersionedSerializer<EnumeratorState> {

    @Override
    public int getVersion() {
      return 3; // 2: plans made while running; splits of version 2; 3: re-read ids
    }

    @Override
    public byte[] serialize(EnumeratorState state) {
      return Bytes.of(out -> {
        out.writeBoolean(state.planned());
        out.writeInt(state.unassigned().size());
        for (TributarySplit s : state.unassigned()) {
          TributarySplit.Serializer.write(out, s);
        }
        out.writeInt(state.plans().size());
        for (PlanMessages.Answer a : state.plans()) {
          io.tributary.sync.internal.ValueCodec.writeBytes(out, PlanMessages.encode(a).bytes());
        }
        out.writeInt(state.rereads().size());
        for (long id : state.rereads()) {
          out.writeLong(id);
        }
      });
    }

    @Override
    public EnumeratorState deserialize(int version, byte[] data) throws IOException {
      if (version < 1 || version > 3) {
        throw new IOException("Tributary enumerator state of version " + version + ", this build reads 1 to 3");
      }
      return Bytes.read(data, in -> {
        boolean planned = in.readBoolean();
        int n = in.readInt();
        List<TributarySplit> splits = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
          splits.add(TributarySplit.Serializer.read(in, Math.min(version, 2)));
        }
        List<PlanMessages.Answer> plans = new ArrayList<>();
        for (int i = version == 1 ? 0 : in.readInt(); i > 0; i--) {
          plans.add((PlanMessages.Answer) PlanMessages.decode(
              new PlanMessages.Event(io.tributary.sync.internal.ValueCodec.readBytes(in))));
        }
        List<Long> rereads = new ArrayList<>();
        for (int i = version < 3 ? 0 : in.readInt(); i > 0; i--) {
          rereads.add(in.readLong());
        }
        return new EnumeratorState(planned, splits, plans, rereads);
      });
    }
  }
}
