package io.tributary.sync.internal;

import io.tributary.sync.event.RowFilter;
import io.tributary.sync.event.TableId;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The durability of acknowledged catch-ups and re-syncs in a {@link DeciderSimulation}: once a command's future
 * completes ({@link Effect.CompleteCommand} without an error), the checkpoint taken by the command (its cancellation
 * commits the staging drop, with the table already re-syncing) holds it, so a crash from then on resumes it; until
 * then the command is not acknowledged (its future fails when the run ends: retry it). Checked at every restart:
 * a table whose acknowledged catch-up or re-sync no commit showed finished yet restarts syncing, with the same row
 * filter.
 */
final class SyncDurability {

  private final Supplier<String> replay;
  /** Commands sent and not completed, by id. */
  private final Map<Long, WorkItem.Command> sent = new HashMap<>();
  /** Per table: the filter of its acknowledged, unfinished catch-up ({@link RowFilter#all()}: a re-sync). */
  private final Map<TableId, RowFilter> running = new HashMap<>();
  private int checks;
  /** The last checkpoint seen committed. */
  private long lastSeen;

  SyncDurability(Supplier<String> replay) {
    this.replay = replay;
  }

  int checks() {
    return checks;
  }

  void sent(WorkItem.Command c) {
    if (c.op() == WorkItem.Command.Op.RESYNC || c.op() == WorkItem.Command.Op.RESUME) {
      sent.put(c.id(), c);
    }
  }

  /**
   * Command {@code done} completed; {@code cut} is the last checkpoint its input took before (null: none), which a
   * re-sync command takes for itself; {@code tables} is the decider's state after the whole input, where a later
   * command of the same input (deferred to the same transaction end) may have replaced the sync already, without
   * being acknowledged (seed 14385384: a catch-up acknowledged, a full re-sync decided, a crash before its checkpoint).
   */
  void completed(Effect.CompleteCommand done, Effect.TakeCheckpoint cut, Map<TableId, TableRuntime> tables) {
    WorkItem.Command c = sent.remove(done.id());
    TableRuntime t = c == null || done.error() != null ? null : tables.get(c.tables().get(0));
    Checkpoint.TableState own = t == null || cut == null ? null : cut.tables().get(t.id);
    if (own != null) {
      if (own.phase().staging()) {
        running.put(t.id, own.snapshotFilter());
      }
    } else if (t != null && t.phase.staging()) {
      running.put(t.id, t.snapshotFilter);
    }
  }

  /** A commit shows each table's phase: a sync no longer running (merged, stopped, re-planned) is done with. */
  void committed(Effect.TakeCheckpoint c) {
    lastSeen = c.id();
    prune(c.tables());
  }

  private void prune(Map<TableId, Checkpoint.TableState> tables) {
    running.entrySet().removeIf(e -> {
      Checkpoint.TableState s = tables.get(e.getKey());
      return s == null || !s.phase().staging() || !s.snapshotFilter().equals(e.getValue());
    });
  }

  /** The run ended: its unacknowledged commands are gone (their futures failed). */
  void runEnded() {
    sent.clear();
  }

  /** The selection changed ({@code t} added or removed, or offline): {@code t}'s sync (or every one) is moot. */
  void selectionChanged(SimulatedShards.Change change, TableId t) {
    if (change == SimulatedShards.Change.OFFLINE) {
      running.clear();
    } else if (change != SimulatedShards.Change.NONE) {
      running.remove(t);
    }
  }

  /** Right after {@link Decider#restore}: every acknowledged, unfinished sync resumes with its filter. */
  void restored(Checkpoint restored, Map<TableId, TableRuntime> tables) {
    if (restored != null && restored.id() > lastSeen) {
      prune(restored.tables()); // saved, then a crash before its commit was seen: its phases are as good
    }
    running.forEach((id, filter) -> {
      checks++;
      Checkpoint.TableState s = restored == null ? null : restored.tables().get(id);
      TableRuntime t = tables.get(id);
      if (s == null || t == null || !s.phase().staging() || !t.phase.staging() || !filter.equals(s.snapshotFilter())
          || !filter.equals(t.snapshotFilter)) {
        throw new AssertionError(replay.get() + ": the acknowledged " + (filter instanceof RowFilter.All ? "re-sync"
            : "catch-up with filter " + filter) + " of " + id + " was not resumed after the restart: the checkpoint"
            + " has " + (s == null ? "no state" : s.phase() + " with filter " + s.snapshotFilter()) + ", the run "
            + (t == null ? "no table" : t.phase + " with filter " + t.snapshotFilter));
      }
    });
  }
}
