package io.tributary.sync.internal;

import io.tributary.sync.PipelineState;
import io.tributary.sync.event.TableId;
import java.util.concurrent.CompletableFuture;

/**
 * The engine's table-level entry points: operator commands (re-sync, catch-up, pause, resume, prioritise), handed as
 * data to the running pipeline's decider in order with the data, and the verification's view of a table, read from
 * the last published {@link RunView} (no command to the sink thread). Why its own class: these calls only need the
 * current run and the status, not the engine's lifecycle; {@link PipelineEngine} keeps its public methods and
 * delegates. Any thread.
 */
final class TableCommands {

  private final PipelineConfig config;
  private final EngineState life;
  private final StatusTracker status;

  TableCommands(PipelineConfig config, EngineState life, StatusTracker status) {
    this.config = config;
    this.life = life;
    this.status = status;
  }

  CompletableFuture<Void> resync(TableId table, io.tributary.sync.event.RowFilter filter) {
    return command(WorkItem.Command.Op.RESYNC, java.util.List.of(table), filter);
  }

  CompletableFuture<Void> pause(TableId table) {
    return command(WorkItem.Command.Op.PAUSE, java.util.List.of(table), null);
  }

  CompletableFuture<Void> resume(TableId table) {
    return command(WorkItem.Command.Op.RESUME, java.util.List.of(table), null);
  }

  CompletableFuture<Void> prioritize(java.util.List<TableId> tables) {
    return command(WorkItem.Command.Op.PRIORITIZE, java.util.List.copyOf(tables), null);
  }

  /**
   * A table's route, phase and scope for verification, from the decider's last published state (immutable, so no
   * command to the sink thread is needed, and none asks for a commit).
   */
  CompletableFuture<VerifyView> verifyView(TableId table) {
    synchronized (life.lock) {
      if (life.run == null || life.state != PipelineState.RUNNING) {
        return CompletableFuture.failedFuture(life.notRunning());
      }
    }
    RunView view = status.lastView();
    if (view == null) {
      return CompletableFuture.failedFuture(life.notRunning());
    }
    try {
      return CompletableFuture.completedFuture(VerifyView.of(config, view, table));
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /** Hands an operator command, as data, to the running pipeline's decider (in order with the data). */
  private CompletableFuture<Void> command(WorkItem.Command.Op op, java.util.List<TableId> tables,
      io.tributary.sync.event.RowFilter filter) {
    PipelineRun r;
    synchronized (life.lock) {
      r = life.run;
      if (r == null || life.state != PipelineState.RUNNING) {
        return CompletableFuture.failedFuture(life.notRunning());
      }
    }
    return r.submit(op, tables, filter);
  }
}
