package io.tributary.sync.internal;

import io.tributary.sync.event.TableId;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The wider dimensions of one {@link DeciderSimulation} scenario, in one place so the simulation's own loop changes
 * little: which are on ({@link SimDimensions}), their steps (catch-ups and prioritisations, the schema changes of the
 * corruption issue, values and columns the writer refuses), the failures and what the supervisor does about them
 * ({@link SimulatedFailures}), the writer ({@link SimulatedWriter}) and the stopped tables' invariants ({@link
 * StoppedTables}).
 */
final class WiderScenario {

  final SimDimensions dims;
  final StoppedTables stopped;
  final SimulatedFailures failures;
  final SimulatedOperator operator;
  final SimulatedSchemaChanges schemas;
  /** The writer's renames not yet covered by a checkpoint, across runs (see {@link SimulatedWriter}). */
  final java.util.List<SimulatedWriter.PendingRename> pendingRenames = new java.util.ArrayList<>();
  private final Random rnd;
  int catchUps;

  /**
   * The wider dimensions of a scenario over {@code shards} (mirror or merge mode, one or more sources); {@code
   * enabled} false draws none, and consumes no random numbers in {@link #step}.
   */
  WiderScenario(Random rnd, SimulatedShards shards, boolean schemaChanges, boolean enabled) {
    this.rnd = rnd;
    this.dims = enabled ? SimDimensions.draw(rnd, schemaChanges) : new SimDimensions(false, false, false, false, false);
    this.stopped = new StoppedTables(shards);
    this.failures = new SimulatedFailures(rnd, dims, shards, stopped);
    this.operator = new SimulatedOperator(rnd, shards);
    this.schemas = new SimulatedSchemaChanges(rnd, shards, dims, stopped);
  }

  /** Whether the scenario has any wider dimension. */
  boolean active() {
    return dims.count() > 0;
  }

  /**
   * Maybe takes this step (about 1 in 25 when the scenario has a wider dimension): a catch-up or prioritisation
   * ({@code apply}ed with the next command id), a schema change, or a value or column the writer refuses. {@code
   * streaming} tells the tables the decider has streaming (an operator catches up those); with catch-ups on, more
   * steps are {@code runtimeWork} (a snapshot task run, an item delivered, the log read and delivered).
   */
  boolean step(LongSupplier nextCommandId, Consumer<Input> apply, java.util.function.Predicate<TableId> streaming,
      Runnable runtimeWork) {
    if (dims.catchUp() && rnd.nextInt(10) == 0) {
      // More runtime work than the plain scenarios do: a catch-up is of a streaming table (after the initial sync)
      // and is to finish (merge, once the log passed its reads) before the scenario does.
      runtimeWork.run();
      return true;
    }
    if (dims.count() == 0 || rnd.nextInt(25) != 0) {
      return false;
    }
    int r = rnd.nextInt(10);
    if (r < 4) {
      if (dims.catchUp()) {
        WorkItem.Command c = operator.next(nextCommandId.getAsLong(), streaming);
        if (c.op() == WorkItem.Command.Op.RESYNC) {
          catchUps++;
          stopped.resyncAsked(c.tables().get(0), c.id());
        }
        apply.accept(c);
      }
    } else if (r < 7) {
      schemas.step();
    } else {
      failures.step();
    }
    return true;
  }
}
