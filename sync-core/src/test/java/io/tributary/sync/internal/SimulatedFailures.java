package io.tributary.sync.internal;

import io.tributary.sync.ErrorCode;
import io.tributary.sync.SyncException;
import io.tributary.sync.event.ChangeEvent;
import io.tributary.sync.event.Column;
import io.tributary.sync.event.DataType;
import io.tributary.sync.event.Row;
import io.tributary.sync.event.TableId;
import io.tributary.sync.event.TableSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Writer and source failures of a {@link DeciderSimulation}, and what the supervisor does about them: a run that
 * dies of a failure the simulation injected restarts from the last checkpoint (a failover), handing the batches the
 * writer refused to the next run ({@link Input.WritesRefused}) as {@link Supervisor} does; a failure it did not
 * inject is a bug and fails the test. Injects: chunk reads failing (retriable, or table-stopping), a log poll failing
 * mid-transaction, the checkpoint's log position purged before a restart (the run opens the log through the real
 * {@link LostPositionRecovery}), values and columns the writer refuses ({@link SimulatedWriter}).
 */
final class SimulatedFailures {

  /** A failure the simulation injected (a {@link SyncException} with the code a real one would carry). */
  static final class Injected extends SyncException {
    private static final long serialVersionUID = 1L;

    Injected(ErrorCode code, String message) {
      super(code, message);
    }
  }

  /** Marks, in the queue of log pieces, where the log reader failed. */
  static final List<ChangeEvent> LOG_FAILED = new ArrayList<>(0);

  private final Random rnd;
  private final SimDimensions dims;
  private final SimulatedShards shards;
  private final StoppedTables stopped;
  private final List<RefusedBatches.Refusal> refusals = new ArrayList<>();
  private int checkpointsThisRun;
  /** Runs that died in a row without a checkpoint (the supervisor gives up after {@link #MAX_FAILOVERS}). */
  private int consecutive;
  private static final int MAX_FAILOVERS = 10;
  private boolean logDead;
  private int nextColumn = 1;
  int failovers;
  int refused;
  int lostPositions;

  SimulatedFailures(Random rnd, SimDimensions dims, SimulatedShards shards, StoppedTables stopped) {
    this.rnd = rnd;
    this.dims = dims;
    this.shards = shards;
    this.stopped = stopped;
  }

  // ---------------------------------------------------------------- the supervisor's side

  /** A run starts. */
  void runStarted() {
    checkpointsThisRun = 0;
    logDead = false;
    stopped.runEnded();
  }

  void checkpointTaken() {
    checkpointsThisRun++;
    consecutive = 0;
  }

  /** The process was killed: what the supervisor remembered (the refusals) is gone. */
  void killed() {
    refusals.clear();
    consecutive = 0;
  }

  /** The refusals the next run starts with (empty: none). */
  List<RefusedBatches.Refusal> refusals() {
    return List.copyOf(refusals);
  }

  /**
   * The run died of {@code e} (thrown by the decider or an effect): an injected failure is a failover, as the
   * supervisor's (refusals kept until a run checkpoints); anything else is rethrown.
   */
  void runDied(RuntimeException e) {
    boolean refusal = e instanceof RefusedBatches.Refused r && r.getCause() instanceof Injected;
    if (!refusal && !(e instanceof Injected)) {
      throw e;
    }
    if (checkpointsThisRun > 0) {
      refusals.clear(); // its checkpoints record the refused tables as stopped
    }
    if (refusal) {
      refusals.add(((RefusedBatches.Refused) e).refusal());
      refused++;
    }
    failovers++;
    if (++consecutive > MAX_FAILOVERS) { // the pipeline would fail: the injected failures never let a run through
      throw new AssertionError(consecutive + " runs in a row died before a checkpoint (the supervisor fails the"
          + " pipeline after " + MAX_FAILOVERS + "), the last of " + e, e);
    }
  }

  // ---------------------------------------------------------------- source failures

  /** Before a restart opens a log: sometimes the source purged it up to now, so the checkpoint's position is gone. */
  void maybePurgeLog(SimulatedSource source, boolean fromCheckpoint) {
    // Not under a merge target whose shards the extended fields do not tell apart: the re-sync after a lost position
    // upserts there, so rows deleted in the lost range stay (documented, as for offline).
    if (dims.sourceFailures() && fromCheckpoint && rnd.nextInt(6) == 0
        && source.tables().stream().allMatch(t -> shards.identifying(shards.targetOf(t)))) {
      source.db.purgeLogBefore(source.db.lastSeq() + 1);
    }
  }

  /**
   * The log restarted after the checkpoint's position was lost: a table whose schema changed incompatibly since
   * {@code restored} (a key column renamed, which no schema alone tells from a drop and an add, a key changed, a
   * column narrowed) may stop; its re-sync cannot follow.
   */
  void positionLost(Checkpoint restored) {
    for (Checkpoint.TableState t : restored.tables().values()) {
      TableSchema now = shards.sourceOf(t.id()).db.schema(t.id());
      if (io.tributary.sync.event.SchemaDiff.between(t.schema(), now).incompatibility().isPresent()) {
        stopped.mayStop(t.id(), ErrorCode.SCHEMA_INCOMPATIBLE);
      }
    }
  }

  /** Whether the log reader failed: its failure is queued, nothing more is read in this run. */
  boolean logDead() {
    return logDead;
  }

  /**
   * A poll's events, or, when it fails, those the reader handed over before the failure: they end inside a
   * transaction when the poll has one ({@link #LOG_FAILED} follows them).
   */
  List<ChangeEvent> polled(List<ChangeEvent> events) {
    if (!dims.sourceFailures() || events.size() < 2 || rnd.nextInt(40) != 0) {
      return events;
    }
    logDead = true;
    List<Integer> inside = new ArrayList<>();
    for (int i = 0; i < events.size(); i++) {
      if (events.get(i).position().insideTransaction()) {
        inside.add(i);
      }
    }
    int end = inside.isEmpty() ? rnd.nextInt(events.size()) : inside.get(rnd.nextInt(inside.size())) + 1;
    return events.subList(0, end);
  }

  /** What the log reader queues when its poll failed. */
  WorkItem.Failed logFailure() {
    return new WorkItem.Failed("log of a source", new Injected(ErrorCode.CONNECTION_LOST,
        "simulated connection reset while reading the log"));
  }

  /** A chunk read's failure (retriable, or stopping its table), replacing its end; null when it succeeds. */
  WorkItem.Failed chunkFailure(Effect.ReadChunk r) {
    if (!dims.sourceFailures() || rnd.nextInt(25) != 0) {
      return null;
    }
    TableId t = r.chunk().table();
    if (rnd.nextBoolean()) {
      return new WorkItem.Failed("snapshot of " + t, new Injected(ErrorCode.CONNECTION_LOST,
          "simulated connection reset while reading chunk " + r.chunk().index() + " of " + t), t);
    }
    stopped.mayStop(t, ErrorCode.LIMIT_EXCEEDED);
    return new WorkItem.Failed("snapshot of " + t, new Injected(ErrorCode.LIMIT_EXCEEDED,
        "simulated field over maxFieldBytes in chunk " + r.chunk().index() + " of " + t), t);
  }

  // ---------------------------------------------------------------- what the writer refuses, as source changes

  /** A step: a value the writer refuses, or a column it cannot hold (when the scenario has writer failures). */
  void step() {
    if (!dims.writerFailures()) {
      return;
    }
    TableId t = shards.randomTable(rnd);
    SimulatedSource source = shards.sourceOf(t);
    if (rnd.nextInt(3) == 0) {
      stopped.mayStop(t, ErrorCode.SCHEMA_INCOMPATIBLE);
      source.db.addColumn(t, Column.of(SimulatedWriter.UNSUPPORTED + nextColumn++, DataType.bigint()));
      source.record();
      return;
    }
    List<Row> rows = source.db.rows(t);
    TableSchema schema = source.db.schema(t);
    List<Integer> plain = new ArrayList<>();
    for (int i = 0; i < schema.columnCount(); i++) {
      if (!schema.primaryKey().contains(schema.columns().get(i).name())) {
        plain.add(i);
      }
    }
    if (rows.isEmpty() || plain.isEmpty()) {
      return;
    }
    Object[] values = rows.get(rnd.nextInt(rows.size())).values().clone();
    values[plain.get(rnd.nextInt(plain.size()))] = SimulatedWriter.POISON;
    stopped.mayStop(t, ErrorCode.VALUE_NOT_REPRESENTABLE);
    source.db.transaction(() -> source.db.update(t, values));
    source.record();
  }
}
