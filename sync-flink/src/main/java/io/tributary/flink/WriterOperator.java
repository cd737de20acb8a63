package io.tributary.flink;

import io.tributary.sync.internal.PipelineConfig;
import io.tributary.sync.internal.ValueCodec;
import io.tributary.sync.spi.ChangeWriter;
import io.tributary.sync.spi.WriteShards;
import io.tributary.sync.spi.WriterContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeutils.base.array.BytePrimitiveArraySerializer;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.api.java.tuple.Tuple3;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A writer subtask: owns a {@link ChangeWriter} built from the definition, for the targets keyed to it, and runs the
 * writer's two-phase commit on Flink's checkpoints: {@code prepareCommit(n)} at barrier {@code n} (the committable
 * goes into Flink state), {@code commit(n)} when checkpoint {@code n} completes, and after a restore the writer's
 * own {@code open} re-commits the restored committable if it was not committed (idempotent: the writer skips what is
 * committed). While a prepared commit waits for completion, and after a merge until the next commit, operations are
 * held (in state across barriers) and applied in order afterwards: the writer SPI's order (prepare, commit, then the
 * next write; a checkpoint right after each merge) is kept exactly as the local engine keeps it. A layout change
 * of a target it already writes ({@link WriteOp.Ensure}, checked by the decision operator) waits the same way for
 * the commit of the writes before it, so a table's layout changes at a commit boundary, as in the local engine.
 *
 * <p>Each subtask writes as its own pipeline name {@code <name>-w<subtask>} (the Paimon writer's commit user and
 * staging owner derive from it), so one subtask's recovery never drops another's files. The subtasks share the
 * targets shard by shard (a Paimon table's buckets spread over them, {@link WriteRouting}): the writer joins the
 * group {@code <name>-writers}, which owns the targets, knowing which shards are its own. The writer parallelism must
 * therefore stay the same across restores (a bucket's writes and staging belong to the subtask it was routed to).
 */
final class WriterOperator extends AbstractStreamOperator<Void>
    implements OneInputStreamOperator<Tuple3<String, Integer, byte[]>, Void> {

  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(WriterOperator.class);

  private final Definition definition;
  private transient ListState<byte[]> commitState;
  private transient ListState<byte[]> heldState;
  private transient ListState<byte[]> targetState;
  private transient WriterIdentity identity;
  private transient PipelineConfig config;
  private transient ChangeWriter writer;
  /** The last prepared checkpoint and its committable (kept after its commit: a restore re-commits idempotently). */
  private transient long preparedId;
  private transient byte[] committable;
  private transient boolean pending;
  private transient boolean mergedSinceCommit;
  /** A merge waits (held) for the commit of the writes before it. */
  private transient boolean mergeWaits;
  private transient boolean dirty;
  private transient List<Tuple2<String, byte[]>> held;
  /** The layout of each target of this subtask (its last Ensure), re-applied on open before held operations. */
  private transient Map<String, byte[]> targets;

  WriterOperator(Definition definition) {
    this.definition = definition;
  }

  @Override
  public void initializeState(StateInitializationContext context) throws Exception {
    super.initializeState(context);
    var store = context.getOperatorStateStore();
    commitState = store.getListState(new ListStateDescriptor<>("tributary-commit",
        BytePrimitiveArraySerializer.INSTANCE));
    heldState = store.getListState(new ListStateDescriptor<>("tributary-held-ops",
        BytePrimitiveArraySerializer.INSTANCE));
    targetState = store.getListState(new ListStateDescriptor<>("tributary-targets",
        BytePrimitiveArraySerializer.INSTANCE));
    held = new ArrayList<>();
    targets = new LinkedHashMap<>();
    config = Configs.of(definition); // built here (no I/O): the identity check names the pipeline
    var task = getRuntimeContext().getTaskInfo();
    identity = WriterIdentity.restore(context, config.name(), task.getIndexOfThisSubtask(),
        task.getNumberOfParallelSubtasks());
    if (context.isRestored()) {
      for (byte[] b : commitState.get()) {
        Bytes.read(b, in -> {
          preparedId = in.readLong();
          committable = Bytes.readNullable(in);
          return null;
        });
      }
      for (byte[] b : heldState.get()) {
        held.add(decodeKeyed(b));
      }
      for (byte[] b : targetState.get()) {
        Tuple2<String, byte[]> t = decodeKeyed(b);
        targets.put(t.f0, t.f1);
      }
    }
  }

  @Override
  public void open() throws Exception {
    super.open();
    writer = config.writer();
    int subtask = getRuntimeContext().getTaskInfo().getIndexOfThisSubtask();
    int parallelism = getRuntimeContext().getTaskInfo().getNumberOfParallelSubtasks();
    WriteShards.Group group = new WriteShards.Group(config.name() + "-writers",
        (target, shard) -> WriteRouting.subtask(target, shard, parallelism) == subtask);
    // Restores the last prepared checkpoint: committed now if it was not (exactly once).
    writer.open(new WriterContext(config.name() + "-w" + subtask, preparedId, committable, group));
    for (Map.Entry<String, byte[]> t : targets.entrySet()) {
      WriteOp.decode(t.getValue()).applyTo(writer, t.getKey());
    }
    List<Tuple2<String, byte[]>> replay = held;
    held = new ArrayList<>();
    replay.forEach(this::handle);
  }

  @Override
  public void processElement(StreamRecord<Tuple3<String, Integer, byte[]>> element) {
    Tuple3<String, Integer, byte[]> op = element.getValue();
    if (WriteRouting.applies(op.f1, getRuntimeContext().getTaskInfo().getNumberOfParallelSubtasks())) {
      handle(Tuple2.of(op.f0, op.f2)); // a table-level operation once, for the first of this subtask's shards
    }
  }

  private void handle(Tuple2<String, byte[]> op) {
    if (pending || mergedSinceCommit || mergeWaits) {
      held.add(op);
      return;
    }
    WriteOp decoded = WriteOp.decode(op.f1);
    boolean relayout = decoded instanceof WriteOp.Ensure && targets.containsKey(op.f0);
    if (dirty && (decoded instanceof WriteOp.Merge || relayout)) {
      // The writer SPI merges only over committed writes (ChangeWriter.mergeStaging), and a layout changes only at
      // a commit boundary (no writer holds rows of two layouts of a table, as in the embedded engine): the decider's
      // cut before either is a flush here, so it and everything after it wait for the next checkpoint's commit.
      mergeWaits = true;
      held.add(op);
      return;
    }
    decoded.applyTo(writer, op.f0);
    if (decoded instanceof WriteOp.Ensure) {
      targets.put(op.f0, op.f1);
    } else {
      dirty = true;
    }
    if (decoded instanceof WriteOp.Merge || decoded instanceof WriteOp.Drop) {
      // The writer SPI wants a checkpoint right after a merge, and the engine commits a drop before the staging area
      // is written again (Paimon refuses a write to a staging area dropped since the last commit; a restored re-sync
      // drops and writes again at once): later ops wait for the next commit.
      mergedSinceCommit = true;
    }
  }

  @Override
  public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
    super.prepareSnapshotPreBarrier(checkpointId);
    if (!pending && dirty) {
      committable = writer.prepareCommit(checkpointId);
      preparedId = checkpointId;
      pending = true;
      dirty = false;
    }
  }

  @Override
  public void snapshotState(StateSnapshotContext context) throws Exception {
    super.snapshotState(context);
    commitState.update(preparedId == 0 ? List.of() : List.of(Bytes.of(out -> {
      out.writeLong(preparedId);
      Bytes.writeNullable(out, committable);
    })));
    List<byte[]> ops = new ArrayList<>(held.size());
    held.forEach(h -> ops.add(encodeKeyed(h)));
    heldState.update(ops);
    List<byte[]> ts = new ArrayList<>(targets.size());
    targets.forEach((k, v) -> ts.add(encodeKeyed(Tuple2.of(k, v))));
    targetState.update(ts);
    identity.snapshot();
  }

  @Override
  public void notifyCheckpointComplete(long checkpointId) throws Exception {
    super.notifyCheckpointComplete(checkpointId);
    if (pending && preparedId <= checkpointId) {
      writer.commit(preparedId, committable);
      pending = false;
      mergedSinceCommit = false;
      mergeWaits = false;
      LOG.debug("[{}] writer committed checkpoint {}", config.name(), preparedId);
      List<Tuple2<String, byte[]>> replay = held;
      held = new ArrayList<>();
      replay.forEach(this::handle);
    } else if (!pending && mergedSinceCommit && !dirty) {
      mergedSinceCommit = false;
    }
  }

  @Override
  public void close() throws Exception {
    try {
      super.close();
    } finally {
      Configs.closeQuietly(writer);
      if (config != null) {
        config.sources().forEach(Configs::closeQuietly);
      }
    }
  }

  private static byte[] encodeKeyed(Tuple2<String, byte[]> t) {
    return Bytes.of(out -> {
      out.writeUTF(t.f0);
      ValueCodec.writeBytes(out, t.f1);
    });
  }

  private static Tuple2<String, byte[]> decodeKeyed(byte[] b) {
    return Bytes.read(b, in -> Tuple2.of(in.readUTF(), ValueCodec.readBytes(in)));
  }
}
