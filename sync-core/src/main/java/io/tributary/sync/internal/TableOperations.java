package io.tributary.sync.internal;

import io.tributary.sync.SyncMode;
import io.tributary.sync.TablePhase;
import io.tributary.sync.event.RowFilter;
import io.tributary.sync.event.TableId;
import java.util.Map;

/**
 * The operator's table operations that restart or stop a table's sync: re-sync, catch-up, pause, resume (and the
 * cancellation they share, which commits the staging area's drop). Part of the {@link Decider}'s table lifecycle, on
 * top of {@link TableSet}; a re-sync of a stopped table waits for its target's evolution ({@link Suspension}).
 */
final class TableOperations {

  private final TableSet ts;

  TableOperations(TableSet ts) {
    this.ts = ts;
  }

  /**
   * Re-syncs a table (filter null: staging, then overwrite of the table's rows) or catches it up (filter given:
   * read the matching source rows, delete the matching target rows, merge). Log changes of the table are staged
   * meanwhile, so nothing is lost; a blacklisted table is brought back if its schema fits the target again.
   *
   * <p>A catch-up only repairs a table whose target is otherwise current: it is refused for a paused or stopped
   * table (their targets miss changes outside the filter too: resume or re-sync them), is part of a running full
   * sync already, and turns a running catch-up into a full re-sync (restarting it drops the log changes it staged,
   * of rows outside its filter too). Replacing a running sync by a narrower one lost every row outside the filter
   * (an initial sync loaded only the filter's rows, and the table streamed on).
   */
  void resync(TableId id, RowFilter asked) {
    TableRuntime t = ts.require(id);
    RowFilter filter = asked;
    if (filter != null) {
      CatchUpFilters.requireColumns(t.id, t.schema, filter);
      if (t.phase == TablePhase.PAUSED || t.phase == TablePhase.BLACKLISTED) {
        throw new IllegalStateException("catch-up of " + id + " refused: the table is " + t.phase + ", so its target"
            + " may miss changes outside the filter too; " + (t.phase == TablePhase.PAUSED ? "resume" : "re-sync")
            + " it instead (a full re-sync)");
      }
      if (t.phase.staging() && t.snapshotFilter instanceof RowFilter.All) {
        ts.out().info(TableOperations.class, "[{}] catch-up of {} with filter {}: its running full sync covers it",
            ts.config.name(), id, filter);
        return;
      }
      if (t.phase.staging()) {
        // A running catch-up staged the log's changes of every row: restarted, it drops them, so only a full
        // re-sync brings back those outside the filters.
        ts.out().info(TableOperations.class, "[{}] catch-up of {} with filter {} while its catch-up with filter {} runs:"
            + " re-syncing it whole",
            ts.config.name(), id, filter, t.snapshotFilter);
        filter = null;
      }
    }
    startResync(t, filter);
  }

  private void startResync(TableRuntime t, RowFilter filter) {
    TableId id = t.id;
    RowFilter tableScope = ts.planner.replaceScope(t.id, ts.members(t.target),
        ts.config.mode() == SyncMode.MIRROR);
    RowFilter scope;
    if (filter == null) {
      scope = tableScope;
      if (scope == null) {
        ts.out().warn(TableOperations.class, "[{}] re-sync of {} merges without overwriting: its extended fields"
            + " do not tell its rows apart in {}; rows deleted at the source while not captured may remain",
            ts.config.name(), id, t.target);
      }
    } else {
      if (tableScope == null) {
        throw new IllegalStateException("catch-up of " + id + " needs to delete its matching target rows, but in"
            + " virtual table " + t.target + " its rows cannot be told apart from other shards': configure"
            + " extendedFields(...) that identify the source table");
      }
      scope = tableScope instanceof RowFilter.All ? filter : RowFilter.and(tableScope, filter);
    }
    boolean wasBlacklisted = t.phase == TablePhase.BLACKLISTED;
    // The new sync first, then the cancellation, whose checkpoint records it: a restart from there runs this sync
    // again. Recorded the other way round, a streaming table's checkpoint could pair its target with a schema the
    // target has not caught up with (a renamed column re-synced to fill it: empty for good after a crash).
    t.reason = null;
    t.reasonCode = null;
    t.mergeScope = scope;
    t.snapshotFilter = filter == null ? RowFilter.all() : filter;
    ts.setPhase(t, TablePhase.RESYNCING);
    cancelSync(t);
    if (wasBlacklisted) {
      ts.replanTarget(t.target, t, Map.of(), renamed -> {
        if (t.phase != TablePhase.BLACKLISTED) {
          startSync(t, filter);
        }
      });
      return;
    }
    startSync(t, filter);
  }

  private void startSync(TableRuntime t, RowFilter filter) {
    TableId id = t.id;
    ts.out().info(TableOperations.class, "[{}] {} of {} started{}", ts.config.name(),
        filter == null ? "re-sync" : "catch-up", id, filter == null ? "" : " with filter " + filter);
    ts.scheduleSnapshot(t, false);
  }

  /** Stops writing a table's changes; a running (re-)sync of it is cancelled. */
  void pause(TableId id) {
    TableRuntime t = ts.require(id);
    if (t.phase == TablePhase.BLACKLISTED) {
      throw new IllegalStateException("table " + id + " is stopped (" + t.reason + "); re-sync it instead");
    }
    // Paused first, so the cancellation's checkpoint records it: recorded as still syncing, a restart resumed a
    // catch-up whose staged log changes (of rows outside its filter too) the cancellation had dropped.
    ts.setPhase(t, TablePhase.PAUSED);
    cancelSync(t);
  }

  /** Resumes a paused table by re-fetching its data (a re-sync), so no change made while paused is missed. */
  void resume(TableId id) {
    TableRuntime t = ts.require(id);
    if (t.phase != TablePhase.PAUSED) {
      throw new IllegalStateException("table " + id + " is " + t.phase + ", not PAUSED");
    }
    resync(id, null);
  }

  void cancelSync(TableRuntime t) {
    ts.out().add(new Effect.CancelSnapshot(t.id));
    ts.batcher.discardStaged(t);
    ts.mergeCandidates.remove(t);
    // Forget the progress before the drop is committed: a checkpoint must never pair finished chunks with a dropped
    // staging area (a restart would skip those chunks' rows).
    t.forgetSnapshot();
    ts.out().add(new Effect.DropStaging(t.target, t.staging));
    // Commit the drop now: a writer may refuse to reuse a staging area within the commit that dropped it (Paimon).
    ts.checkpointer.run();
  }

}
