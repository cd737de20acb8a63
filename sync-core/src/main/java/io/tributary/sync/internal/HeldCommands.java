package io.tributary.sync.internal;

import java.util.ArrayDeque;

/**
 * Operator commands (resync, pause, resume, prioritize) as data: run at once between source transactions, held
 * until the next cut when one arrived inside a transaction (an operation commits, and a commit must not split a
 * transaction). Each ends with a {@link Effect.CompleteCommand} after a {@link Effect.PublishStatus}, so the caller
 * sees the operation's effect in the status. Part of the {@link Decider}.
 */
final class HeldCommands {

  /** Operator commands that arrived inside a transaction; they run at the next cut, in order. */
  private final ArrayDeque<WorkItem.Command> held = new ArrayDeque<>();
  private final TableSet ts;
  private final Effects out;
  private final Suspension suspension;

  HeldCommands(TableSet ts) {
    this.ts = ts;
    this.out = ts.out();
    this.suspension = ts.suspension();
  }

  /** Holds a command until the next cut. */
  void hold(WorkItem.Command c) {
    held.add(c);
  }

  /** Runs the held commands, in order (at a cut); one that waits for a target's evolution defers the rest. */
  void runHeld() {
    WorkItem.Command next;
    while (!suspension.active() && (next = held.poll()) != null) {
      run(next);
    }
    if (suspension.active() && !held.isEmpty()) {
      suspension.then(this::runHeld);
    }
  }

  /** Runs an operator command now; it completes once its effects (and any answer they wait for) are through. */
  void run(WorkItem.Command c) {
    try {
      switch (c.op()) {
        case RESYNC -> ts.ops.resync(c.tables().get(0), c.filter());
        case PAUSE -> ts.ops.pause(c.tables().get(0));
        case RESUME -> ts.ops.resume(c.tables().get(0));
        case PRIORITIZE -> c.tables().forEach(ts::prioritize);
      }
    } catch (RuntimeException e) {
      suspension.then(() -> out.add(new Effect.CompleteCommand(c.id(), e)));
      return;
    }
    suspension.then(() -> {
      out.add(Effect.PublishStatus.INSTANCE);
      out.add(new Effect.CompleteCommand(c.id(), null));
    });
  }
}
