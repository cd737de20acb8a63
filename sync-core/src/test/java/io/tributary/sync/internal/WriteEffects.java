package io.tributary.sync.internal;

import io.tributary.sync.SchemaIncompatibleException;

/**
 * The writer's effects in a {@link DeciderSimulation} run, executed as {@link EffectExecutor} executes them: writes
 * and staged writes (a writer's refusal becomes {@link RefusedBatches.Refused}, which kills the run), merges, drops,
 * deletes, and a target's creation or evolution, whose answer ({@link Input.TableEnsured}, with the writer's refusal
 * if it refused) goes back to the decider before anything else.
 */
final class WriteEffects {

  private final MergeInvariant invariant;
  private int merges;

  WriteEffects(MergeInvariant invariant) {
    this.invariant = invariant;
  }

  /** How many staging merges ran. */
  int merges() {
    return merges;
  }

  /**
   * Executes {@code e} with {@code writer} if it is a writer's effect: true then; {@code answer} receives the
   * decider's answer to an {@link Effect.EnsureTable}.
   */
  boolean execute(Effect e, TrackingWriter writer, java.util.function.Consumer<Input> answer) {
    if (EffectExecutor.writeRows(writer, e)) {
      return true;
    } else if (e instanceof Effect.MergeStaging m) {
      merges++;
      writer.mergeStaging(m.target(), m.staging(), m.replaceScope());
    } else if (e instanceof Effect.DropStaging d) {
      writer.dropStaging(d.target(), d.staging());
    } else if (e instanceof Effect.DeleteWhere d) {
      writer.deleteWhere(d.target(), d.filter());
    } else if (e instanceof Effect.EnsureTable t) {
      try {
        writer.ensureTable(t.table(), t.renamedFrom());
        invariant.evolved(t.table(), t.renamedFrom()); // sim-merge
        answer.accept(new Input.TableEnsured(null));
      } catch (SchemaIncompatibleException refused) { // as EffectExecutor answers it
        answer.accept(new Input.TableEnsured(refused));
      }
    } else {
      return false;
    }
    return true;
  }
}
