package io.tributary.flink;

import io.tributary.sync.ErrorCode;
import io.tributary.sync.SyncEvent;
import io.tributary.sync.SyncException;
import io.tributary.sync.event.RowFilter;
import io.tributary.sync.event.SourcePosition;
import io.tributary.sync.event.TableId;
import io.tributary.sync.event.TableSchema;
import io.tributary.sync.internal.FlinkHost;
import io.tributary.sync.internal.PipelineConfig;
import io.tributary.sync.spi.RowBatch;
import io.tributary.sync.spi.SnapshotChunk;
import io.tributary.sync.spi.TargetTable;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeutils.base.array.BytePrimitiveArraySerializer;
import org.apache.flink.api.java.tuple.Tuple3;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place the pipeline's decisions are made (parallelism 1): hosts the engine's {@code Decider} through
 * {@link FlinkHost}, feeds it the readers' items, and turns its write effects into {@link WriteOp}s by target and
 * shard for the writer subtasks ({@link WriteRouter}). Target DDL ({@code EnsureTable}) is decided here, once, and done by the target's writer
 * subtask in order with its writes. Each Flink barrier cuts a decider
 * checkpoint (batched rows go out before the barrier), and that state is this operator's Flink state; the decider's
 * own cuts only flush batches.
 */
final class DecisionOperator extends AbstractStreamOperator<Tuple3<String, Integer, byte[]>>
    implements OneInputStreamOperator<byte[], Tuple3<String, Integer, byte[]>>, io.tributary.sync.internal.HostExecutor,
    org.apache.flink.runtime.operators.coordination.OperatorEventHandler {

  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(DecisionOperator.class);
  private static final long TICK_MILLIS = 200;

  private final Definition definition;
  private transient PipelineConfig config;
  private transient FlinkHost host;
  private transient ListState<byte[]> deciderState;
  private transient ListState<byte[]> heldState;
  /** The decider's state as of the last cut (null: not started, or restored and not cut since). */
  private transient byte[] state;
  /** Items that came before every source's log was open (kept in state until then). */
  private transient List<byte[]> held;
  private transient Map<Integer, SourceItem.LogOpened> opened;
  private transient Map<TableId, List<SnapshotChunk>> plans;
  /** The decider's plan requests, answered after its current input (never re-entered). */
  private transient ArrayDeque<Runnable> deferred;
  private transient boolean running;
  private transient long lastTick;
  /** Whether chunk reads the decider asks for are ones the enumerator already has (its plan, a restore). */
  private transient boolean readsExpected;
  /** Decider checkpoint ids cut since the last barrier, and per Flink checkpoint the ones it covers. */
  private transient List<Long> cut;
  private transient java.util.TreeMap<Long, List<Long>> covered;
  /** Status as metrics, events to the definition's listeners. */
  private transient RunReporting reporting;
  /** Snapshots planned while the job runs, and operator commands ({@link SnapshotPlans}, {@link TableCommand}). */
  private final transient SnapshotPlans snapshotPlans;
  private transient ListState<byte[]> plansState;
  private transient List<PlanMessages.Answer> earlyAnswers;
  private transient Map<Long, String> commandIds;
  private transient WriteRouter router;
  /** Verifications of the job's tables ({@link TableCommand#verify}). */
  private transient FlinkVerifications verifications;
  private final transient org.apache.flink.api.common.operators.MailboxExecutor mailbox;

  DecisionOperator(Definition definition,
      org.apache.flink.streaming.api.operators.StreamOperatorParameters<Tuple3<String, Integer, byte[]>> parameters,
      SnapshotPlans snapshotPlans) {
    super(parameters);
    this.definition = definition;
    this.snapshotPlans = snapshotPlans;
    this.mailbox = parameters.getMailboxExecutor();
  }

  @Override
  public void initializeState(StateInitializationContext context) throws Exception {
    super.initializeState(context);
    deciderState = context.getOperatorStateStore().getListState(
        new ListStateDescriptor<>("tributary-decider", BytePrimitiveArraySerializer.INSTANCE));
    heldState = context.getOperatorStateStore().getListState(
        new ListStateDescriptor<>("tributary-held-items", BytePrimitiveArraySerializer.INSTANCE));
    plansState = context.getOperatorStateStore().getListState(
        new ListStateDescriptor<>("tributary-snapshot-plans", BytePrimitiveArraySerializer.INSTANCE));
    held = new ArrayList<>();
    state = null;
    if (context.isRestored()) {
      for (byte[] b : deciderState.get()) {
        state = b;
      }
      heldState.get().forEach(held::add);
      plansState.get().forEach(snapshotPlans::restore);
    }
  }

  @Override
  public void open() throws Exception {
    super.open();
    opened = new HashMap<>();
    plans = new HashMap<>();
    deferred = new ArrayDeque<>();
    cut = new ArrayList<>();
    covered = new java.util.TreeMap<>();
    earlyAnswers = new ArrayList<>();
    commandIds = new HashMap<>();
    config = Configs.of(definition);
    reporting = new RunReporting(config, getMetricGroup());
    router = new WriteRouter(config.writer(), op -> output.collect(new StreamRecord<>(op)));
    if (getRuntimeContext().getTaskInfo().getAttemptNumber() > 0) {
      reporting.failover(getRuntimeContext().getTaskInfo().getAttemptNumber());
    }
    host = FlinkHost.create(config, state, this);
    verifications = new FlinkVerifications(config, reporting, host, commandIds, mailbox);
    host.start(config.clock().millis());
    drain();
    snapshotPlans.askAgain();
    scheduleTick();
  }

  private void scheduleTick() {
    long at = getProcessingTimeService().getCurrentProcessingTime() + TICK_MILLIS;
    getProcessingTimeService().registerTimer(at, t -> {
      if (running) {
        host.tick(config.clock().millis());
        drain();
        reporting.publish(host, false);
      }
      scheduleTick();
    });
  }

  @Override
  public void processElement(StreamRecord<byte[]> element) {
    byte[] bytes = element.getValue();
    SourceItem item = SourceItem.decode(bytes, config.sources());
    if (!running) {
      if (item instanceof SourceItem.LogOpened o) {
        opened.put(o.sourceIndex(), o);
        if (opened.size() == config.sources().size()) {
          begin();
        }
      } else {
        held.add(bytes);
      }
      return;
    }
    apply(item, bytes);
  }

  /** Every source's log is open: the decider's run begins, and what came meanwhile is applied. */
  private void begin() {
    List<SourcePosition> starts = new ArrayList<>();
    for (int i = 0; i < config.sources().size(); i++) {
      SourceItem.LogOpened o = opened.get(i);
      starts.add(config.sources().get(i).decodePosition(o.position()));
      o.plans().forEach(p -> plans.put(p.table(), p.chunks()));
    }
    running = true;
    readsExpected = true;
    host.logsOpened(starts, System.nanoTime());
    drain();
    reporting.running(host);
    readsExpected = false;
    List<byte[]> replay = held;
    held = new ArrayList<>();
    for (byte[] b : replay) {
      SourceItem item = SourceItem.decode(b, config.sources());
      if (!(item instanceof SourceItem.LogOpened)) {
        apply(item, b);
      }
    }
    earlyAnswers.forEach(this::planned);
    earlyAnswers.clear();
  }

  private void apply(SourceItem item, byte[] bytes) {
    long now = config.clock().millis();
    if (now != lastTick) { // the decider's time stays current while items flow (as the local sink thread's)
      lastTick = now;
      host.tick(now);
    }
    if (item instanceof SourceItem.LogBatch b) {
      verifications.observe(b.sourceIndex(), b.events()); // before its writes go out
      host.logBatch(b.sourceIndex(), b.events(), b.polledAtNanos());
    } else if (item instanceof SourceItem.ChunkRows r) {
      if (!snapshotPlans.hold(r.table(), r.plan(), bytes)) {
        host.chunkRows(r.table(), snapshotPlans.generation(r.table(), r.plan(), host.generation(r.table())),
            r.index(), r.lowWatermark(), r.schema(), r.rows());
      }
    } else if (item instanceof SourceItem.ChunkDone d) {
      if (!snapshotPlans.hold(d.table(), d.plan(), bytes)) {
        host.chunkDone(d.table(), snapshotPlans.generation(d.table(), d.plan(), host.generation(d.table())),
            d.index(), d.schema(), d.lowWatermark(), d.highWatermark());
      }
    } else if (item instanceof SourceItem.Command c) {
      OperatorCommands.apply(c, snapshotPlans, host, commandIds, config.name(), verifications);
    } else if (item instanceof SourceItem.LogOpened o) {
      // A reader restarted alone while this operator went on: its log resumes where the reader's state says.
      LOG.info("[{}] log of source {} reopened", config.name(), o.sourceIndex());
    }
    drain();
  }

  private void drain() {
    Runnable r;
    while ((r = deferred.poll()) != null) {
      boolean before = readsExpected;
      readsExpected = true;
      r.run();
      readsExpected = before;
    }
  }

  // ---------------------------------------------------------------- checkpoints

  @Override
  public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
    super.prepareSnapshotPreBarrier(checkpointId);
    if (running) {
      host.checkpointNow(); // batched rows go out now, before the barrier: they belong to this checkpoint
      drain();
      verifications.barrier(checkpointId);
    }
    covered.put(checkpointId, cut);
    cut = new ArrayList<>();
  }

  @Override
  public void snapshotState(StateSnapshotContext context) throws Exception {
    super.snapshotState(context);
    deciderState.update(state == null ? List.of() : List.of(state));
    heldState.update(held);
    plansState.update(List.of(snapshotPlans.encode()));
    snapshotPlans.snapshotTaken();
  }

  @Override
  public void notifyCheckpointComplete(long checkpointId) throws Exception {
    super.notifyCheckpointComplete(checkpointId);
    var done = covered.headMap(checkpointId, true);
    long at = config.clock().millis();
    for (List<Long> ids : done.values()) {
      for (long id : ids) {
        host.committed(id, at); // the writers commit on this same notification
        reporting.committed(host, id, at);
      }
    }
    done.clear();
    verifications.checkpointCompleted(checkpointId);
    drain();
  }

  @Override
  public void close() throws Exception {
    try {
      super.close();
    } finally {
      if (verifications != null) {
        verifications.close();
      }
      if (reporting != null) {
        reporting.close();
      }
      if (config != null) {
        Configs.closeQuietly(config.writer()); // never opened: built by the definition only
        config.sources().forEach(Configs::closeQuietly);
      }
    }
  }

  // ---------------------------------------------------------------- the decider's effects

  @Override
  public void write(String target, String staging, RowBatch batch) {
    router.write(target, staging, batch); // encoded now: the decider reuses the batch
  }

  @Override
  public void mergeStaging(String target, String staging, RowFilter replaceScope) {
    router.merge(target, staging, replaceScope);
  }

  @Override
  public void dropStaging(String target, String staging) {
    router.drop(target, staging);
  }

  @Override
  public void deleteWhere(String target, RowFilter filter) {
    router.deleteWhere(target, filter);
  }

  /**
   * Answered here by the writer's read-only check ({@link TargetDdl}): a refusal stops the table; an accepted
   * layout is made by the target's writer subtask, in order with its writes.
   */
  @Override
  public RuntimeException ensureTable(TargetTable table, Map<String, String> renamedFrom) {
    RuntimeException refusal = TargetDdl.check(config.writer(), table, renamedFrom, config.name());
    if (refusal == null) {
      router.ensure(table, renamedFrom);
    }
    return refusal;
  }

  @Override
  public void planChunks(int sourceIndex, TableId table, long generation, TableSchema schema, RowFilter filter,
      int priority) {
    List<SnapshotChunk> plan = plans.remove(table);
    if (plan == null) { // not the fresh start's: the enumerator plans it (SnapshotPlans)
      snapshotPlans.request(sourceIndex, table, schema, filter, priority);
      return;
    }
    deferred.add(() -> host.chunksPlanned(table, generation, plan));
  }

  /** The enumerator planned a snapshot the decider asked for while the job runs (see {@link SnapshotPlans}). */
  @Override
  public void handleOperatorEvent(org.apache.flink.runtime.operators.coordination.OperatorEvent event) {
    Object message = PlanMessages.decode(event);
    if (message instanceof PlanMessages.RereadAdded r) {
      snapshotPlans.rereadAdded(r.id());
    } else if (message instanceof PlanMessages.Answer a && snapshotPlans.answered(a) != null) {
      if (running) {
        planned(a);
      } else {
        earlyAnswers.add(a);
      }
    }
  }

  private void planned(PlanMessages.Answer a) {
    deferred.add(() -> host.chunksPlanned(a.table(), host.generation(a.table()), a.chunks()));
    drain();
    for (byte[] b : snapshotPlans.release(a.plan())) {
      apply(SourceItem.decode(b, config.sources()), b);
    }
  }

  @Override
  public void prioritize(TableId table) {
    snapshotPlans.prioritize(table);
  }

  @Override
  public void cancelSnapshot(TableId table) {
    snapshotPlans.cancel(table);
  }

  @Override
  public void commandDone(long id, RuntimeException error) {
    OperatorCommands.done(id, error, commandIds, config.name());
    verifications.commandDone(id, error);
  }

  /**
   * A read the enumerator already has (its plan, a restore) needs nothing; any other is a re-read (the table's
   * layout changed during its sync), which goes to the enumerator as a new split ({@link SnapshotPlans#reread}).
   */
  @Override
  public void readChunk(int sourceIndex, SnapshotChunk chunk, long generation, TableSchema schema, int priority) {
    if (!readsExpected) {
      snapshotPlans.reread(sourceIndex, chunk, schema, priority);
    }
  }

  @Override
  public void reschema(TableId table, long generation, TableSchema schema) {
    snapshotPlans.reschema(table, schema);
  }

  @Override
  public void checkpoint(long id, byte[] encoded) {
    state = encoded;
    cut.add(id);
  }

  @Override
  public void emit(SyncEvent event) {
    reporting.emit(event);
  }

  @Override
  public void unsupported(String what) {
    throw SyncException.of(ErrorCode.RUNNER_UNSUPPORTED, what + ": not supported by the Flink runner yet", null);
  }
}
