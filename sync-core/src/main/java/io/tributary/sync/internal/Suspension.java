package io.tributary.sync.internal;

import java.util.ArrayDeque;
import java.util.function.Consumer;

/**
 * The decider waiting for the answer to an {@link Effect.EnsureTable}: a target the writer refuses to evolve stops
 * the table that changed it, so nothing that depends on the new layout (routes, rows written by them, a checkpoint
 * of the new schema) may be decided before the answer. The decider emits nothing while it waits; the work that was
 * to follow is kept here, in order, and runs once the answer is in (the runtime answers at once, before any other
 * input). Decider-internal: no threads, just deferred steps of the same single-threaded state machine.
 */
final class Suspension {

  private Consumer<RuntimeException> answer;
  private ArrayDeque<Runnable> after = new ArrayDeque<>();
  /** The decider failed: nothing deferred runs any more. */
  private boolean abandoned;

  boolean active() {
    return answer != null;
  }

  /** Waits for the answer to the EnsureTable just emitted; {@code k} gets the refusal, or null. */
  void await(Consumer<RuntimeException> k) {
    if (abandoned) {
      return;
    }
    if (answer != null) {
      throw new IllegalStateException("two EnsureTable effects outstanding");
    }
    answer = k;
  }

  /** Runs {@code next} now if nothing is awaited, else after the answer and whatever it starts. */
  void then(Runnable next) {
    if (abandoned) {
      return;
    }
    if (answer != null) {
      after.add(next);
    } else {
      next.run();
    }
  }

  /** The answer arrived: runs its continuation, then the deferred steps, until one waits again. */
  void answer(RuntimeException refusal) {
    Consumer<RuntimeException> k = answer;
    if (k == null) {
      throw new IllegalStateException("an EnsureTable answer nobody waits for");
    }
    answer = null;
    ArrayDeque<Runnable> rest = after;
    after = new ArrayDeque<>();
    k.accept(refusal);
    while (!rest.isEmpty() && !abandoned) {
      if (answer != null) {
        after.addAll(rest); // what the step that waits again deferred runs first
        return;
      }
      rest.poll().run();
    }
  }

  /** The decider failed ({@link Effect.Fail}): what waits and what was deferred never runs. */
  void abandon() {
    abandoned = true;
    answer = null;
    after.clear();
  }
}
