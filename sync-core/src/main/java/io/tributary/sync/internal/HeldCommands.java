package io.tributary.sync.internal;

import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

/**
 * Operator commands (resync, pause, resume, prioritize) on the sink thread: run at once between source transactions,
 * held until the next cut when one arrived inside a transaction (an operation commits, and a commit must not split a
 * transaction), and failed when the run ends before them. Why its own class: operator commands are inputs of the table
 * lifecycle job (issue 12), apart from the run loop that decides when they may run. Called only on the sink thread.
 */
final class HeldCommands {

  /** Operator commands that arrived inside a transaction; they run at the next cut, in order. */
  private final ArrayDeque<WorkItem.Command> held = new ArrayDeque<>();
  private final Runnable publishStatus;

  HeldCommands(Runnable publishStatus) {
    this.publishStatus = publishStatus;
  }

  /** Holds a command until the next cut. */
  void hold(WorkItem.Command c) {
    held.add(c);
  }

  /** Runs the held commands, in order (at a cut). */
  void runHeld() {
    WorkItem.Command next;
    while ((next = held.poll()) != null) {
      run(next);
    }
  }

  /** Runs an operator command now and completes its future. */
  void run(WorkItem.Command c) {
    try {
      c.action().run();
      // Before the caller hears of it: status() and awaitCaughtUp must see the operation's effect (a resync's
      // RESYNCING phase), not the status a checkpoint inside the operation published before the phase moved.
      publishStatus.run();
      c.done().complete(null);
    } catch (RuntimeException e) {
      c.done().completeExceptionally(e);
    }
  }

  /** Fails the held commands and those still queued: the run ended before they were applied. */
  void failPending(WorkQueue queue) {
    for (WorkItem.Command c : held) {
      c.done().completeExceptionally(new IllegalStateException("the pipeline run ended before the operation"
          + " was applied; retry it once the pipeline runs"));
    }
    held.clear();
    WorkItem item;
    try {
      while ((item = queue.poll(0, TimeUnit.MILLISECONDS)) != null) {
        if (item instanceof WorkItem.Command c) {
          c.done().completeExceptionally(new IllegalStateException("the pipeline run ended before the operation"
              + " was applied; retry it once the pipeline runs"));
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
