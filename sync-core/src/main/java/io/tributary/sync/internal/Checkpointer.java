package io.tributary.sync.internal;

import io.tributary.sync.event.TableId;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes the run's checkpoints: flush the batches, prepare the writer's commit, save the checkpoint (positions, table
 * states, committable), commit, acknowledge the positions to the sources, and report a checkpoint that splits an open
 * source transaction. Why its own class: taking a checkpoint is the runtime's coordinator job (issue 12: flush,
 * prepare, save, commit, acknowledge), apart from deciding when to take one ({@link CommitPolicy}, the run's cut); the
 * checkpoint format and the order of these steps are unchanged. Called only on the sink thread.
 */
final class Checkpointer {

  private static final Logger LOG = LoggerFactory.getLogger(Checkpointer.class);
  private static final String FORCED_SPLIT = "a commit was needed inside the transaction (a schema change or a"
      + " table's restarted sync, applied at their place in the log)";

  private final PipelineConfig config;
  private final RunContext ctx;
  private final TrackingWriter writer;
  private final Batcher batcher;
  private final Map<TableId, TableRuntime> tables;
  private final List<LogReader> readers;
  private final Supplier<SourceCursors> cursors;
  private final Supplier<CommitPolicy> policy;
  private final PipelineRun run;
  /** The last checkpoint's positions and their times, published for the retention check's thread. */
  private volatile RetentionGuard.Checkpointed checkpointed;
  /** Why the checkpoint being cut splits the sources' open transactions, if it does. */
  private String splitReason = FORCED_SPLIT;
  private long checkpointId;
  private int checkpointsTaken;

  Checkpointer(PipelineConfig config, RunContext ctx, TrackingWriter writer, Batcher batcher,
      Map<TableId, TableRuntime> tables, List<LogReader> readers, Supplier<SourceCursors> cursors,
      Supplier<CommitPolicy> policy, PipelineRun run) {
    this.config = config;
    this.ctx = ctx;
    this.writer = writer;
    this.batcher = batcher;
    this.tables = tables;
    this.readers = readers;
    this.cursors = cursors;
    this.policy = policy;
    this.run = run;
  }

  /** The run starts after checkpoint {@code id} (restored, or the writer's last committed one). */
  void restoredAt(long id) {
    checkpointId = id;
  }

  /** The id of the last checkpoint taken or restored. */
  long id() {
    return checkpointId;
  }

  int taken() {
    return checkpointsTaken;
  }

  /** The last checkpoint's positions, or null before this run's first checkpoint. */
  RetentionGuard.Checkpointed checkpointed() {
    return checkpointed;
  }

  /** Why the checkpoints cut from here on split open transactions; null: the default (a commit was forced). */
  void splitReason(String reason) {
    splitReason = reason == null ? FORCED_SPLIT : reason;
  }

  /**
   * Takes a checkpoint now: flush, prepare, save, commit, acknowledge to the sources, then report and publish. The
   * caller chooses the moment (a cut, a merge, a command that must commit).
   */
  void checkpoint() {
    SourceCursors cursors = this.cursors.get();
    CommitPolicy policy = this.policy.get();
    long started = now();
    batcher.flushAll();
    long id = ++checkpointId;
    byte[] committable = writer.prepareCommit(id);
    Map<String, byte[]> saved = new LinkedHashMap<>();
    for (int i = 0; i < cursors.size(); i++) {
      saved.put(config.sources().get(i).name(), cursors.get(i).position.encode());
    }
    Map<TableId, Checkpoint.TableState> states = new LinkedHashMap<>();
    tables.values().forEach(t -> states.put(t.id, t.toState()));
    config.checkpointStore().save(config.name(),
        CheckpointCodec.encode(new Checkpoint(id, saved, states, committable)));
    writer.commit(id, committable);
    policy.cut(started, now());
    if (!cursors.atBoundary()) {
      reportSplit(id, cursors);
    }
    for (int i = 0; i < readers.size(); i++) {
      SourceCursors.Cursor c = cursors.get(i);
      c.committedSeq = c.seq;
      readers.get(i).stream().acknowledge(c.position);
    }
    checkpointsTaken++;
    checkpointed = new RetentionGuard.Checkpointed(cursors.positions(), cursors.positionTimes());
    Instant at = Instant.now(config.clock());
    tables.values().forEach(t -> t.committed(at));
    ctx.checkpointed(id, at, run);
    ctx.publish(run);
    LOG.debug("[{}] checkpoint {} in {} ms", config.name(), id, now() - started);
  }

  /** Reports the sources whose open transaction checkpoint {@code id} committed in part. */
  private void reportSplit(long id, SourceCursors cursors) {
    Instant at = Instant.now(config.clock());
    for (int i = 0; i < cursors.size(); i++) {
      SourceCursors.Cursor c = cursors.get(i);
      if (c.position != null && c.position.insideTransaction()) {
        c.splitTransactions++;
        String source = config.sources().get(i).name();
        LOG.warn("[{}] checkpoint {} splits the open transaction of source {} at {}: {}", config.name(), id, source,
            c.position, splitReason);
        ctx.emit(new io.tributary.sync.SyncEvent.TransactionSplit(config.name(), at, source,
            c.position.toString(), id, splitReason));
      }
    }
  }

  private long now() {
    return config.clock().millis();
  }
}
