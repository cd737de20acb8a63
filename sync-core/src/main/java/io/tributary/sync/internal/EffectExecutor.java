package io.tributary.sync.internal;

import io.tributary.sync.SchemaIncompatibleException;
import io.tributary.sync.SyncException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Executes the {@link Decider}'s effects in order over the writer ({@link TrackingWriter}), the snapshot workers,
 * the {@link CheckpointCoordinator} and the engine ({@link RunContext}). A written batch is cleared, which hands it
 * back to the decider. Status publication and command completion are collected and done by the run once the
 * decider and the runtime agree again (after the input's effects), never in between. The decider's log lines are
 * logged here, and its {@link Effect.Fail} ends the run by throwing its cause. Sink thread only.
 */
final class EffectExecutor {

  private final TrackingWriter writer;
  private final CheckpointCoordinator coordinator;
  private final RunContext ctx;
  private final BooleanSupplier killed;
  private SnapshotWorkers snapshots;
  private boolean publish;
  private final List<Effect.CompleteCommand> completed = new ArrayList<>();

  EffectExecutor(TrackingWriter writer, CheckpointCoordinator coordinator, RunContext ctx, BooleanSupplier killed) {
    this.writer = writer;
    this.coordinator = coordinator;
    this.ctx = ctx;
    this.killed = killed;
  }

  void snapshots(SnapshotWorkers workers) {
    this.snapshots = workers;
  }

  /**
   * Writes {@code e}'s rows when it is a {@link Effect.Write} or {@link Effect.WriteStaging} (true then): a refused
   * batch becomes its typed refusal, and the batch is cleared for the decider to reuse. Shared with the simulator.
   */
  static boolean writeRows(TrackingWriter writer, Effect e) {
    if (e instanceof Effect.Write w) {
      try {
        writer.write(w.target(), w.batch());
      } catch (SyncException ex) {
        throw RefusedBatches.refusedOr(ex, w.target(), null);
      }
      w.batch().clear();
      return true;
    } else if (e instanceof Effect.WriteStaging w) {
      try {
        writer.writeStaging(w.target(), w.staging(), w.batch());
      } catch (SyncException ex) {
        throw RefusedBatches.refusedOr(ex, w.target(), w.staging());
      }
      w.batch().clear();
      return true;
    }
    return false;
  }

  /**
   * Executes {@code effects} in order; returns the answer to a closing {@link Effect.EnsureTable} (which the decider
   * needs before anything else), or null. Stops early once the run is killed, as a crash would.
   */
  Input execute(List<Effect> effects) {
    for (int i = 0, n = effects.size(); i < n; i++) {
      Effect e = effects.get(i);
      if (writeRows(writer, e)) {
        continue; // the hot path: rows, written
      }
      if (e instanceof Effect.Log l) {
        log(l);
      } else if (e instanceof Effect.Fail f) {
        throw f.cause(); // the run ends as it did when the decider threw: supervision restarts or fails it
      } else if (killed.getAsBoolean()) {
        return null;
      } else if (e instanceof Effect.EnsureTable t) {
        try {
          if (t.renamedFrom().isEmpty()) {
            writer.ensureTable(t.table());
          } else {
            writer.ensureTable(t.table(), t.renamedFrom());
          }
          return new Input.TableEnsured(null);
        } catch (SchemaIncompatibleException ex) {
          return new Input.TableEnsured(ex);
        }
      } else {
        other(e);
      }
    }
    return null;
  }

  private void other(Effect e) {
    if (e instanceof Effect.TakeCheckpoint c) {
      coordinator.take(c);
      publish = true;
    } else if (e instanceof Effect.MergeStaging m) {
      writer.mergeStaging(m.target(), m.staging(), m.replaceScope());
    } else if (e instanceof Effect.DropStaging d) {
      writer.dropStaging(d.target(), d.staging());
    } else if (e instanceof Effect.DeleteWhere d) {
      writer.deleteWhere(d.target(), d.filter());
    } else if (e instanceof Effect.PlanChunks p) {
      snapshots.plan(p.sourceIndex(), p.table(), p.generation(), p.schema(), p.filter(), p.priority());
    } else if (e instanceof Effect.ReadChunk r) {
      snapshots.read(r.sourceIndex(), r.chunk(), r.generation(), r.schema(), r.priority());
    } else if (e instanceof Effect.Reschema r) {
      snapshots.reschema(r.table(), r.generation(), r.schema());
    } else if (e instanceof Effect.CancelSnapshot c) {
      if (snapshots != null) { // tables stopped while their targets are planned, before the workers exist
        snapshots.cancel(c.table());
      }
    } else if (e instanceof Effect.Prioritize p) {
      snapshots.prioritize(p.table());
    } else if (e instanceof Effect.Emit m) {
      ctx.emit(m.event());
    } else if (e instanceof Effect.PublishStatus) {
      publish = true;
    } else if (e instanceof Effect.CompleteCommand c) {
      completed.add(c);
    } else {
      throw new IllegalStateException("effect " + e + " cannot be executed here");
    }
  }

  /** Logs the decider's line with the MDC keys of the table it is about, as the decider logged it itself. */
  static void log(Effect.Log l) {
    if (l.table() == null) {
      log(LoggerFactory.getLogger(l.logger()), l);
      return;
    }
    try (var keys = TableLogKeys.put(l.table())) {
      log(LoggerFactory.getLogger(l.logger()), l);
    }
  }

  private static void log(Logger logger, Effect.Log l) {
    switch (l.level()) {
      case ERROR -> logger.error(l.format(), l.args());
      case WARN -> logger.warn(l.format(), l.args());
      case INFO -> logger.info(l.format(), l.args());
      case DEBUG -> logger.debug(l.format(), l.args());
      case TRACE -> logger.trace(l.format(), l.args());
    }
  }

  /** Whether a status publication is due (and forgets it). */
  boolean takePublish() {
    boolean p = publish;
    publish = false;
    return p;
  }

  /** The commands completed since the last call (and forgets them). */
  List<Effect.CompleteCommand> takeCompleted() {
    if (completed.isEmpty()) {
      return List.of();
    }
    List<Effect.CompleteCommand> out = List.copyOf(completed);
    completed.clear();
    return out;
  }
}
