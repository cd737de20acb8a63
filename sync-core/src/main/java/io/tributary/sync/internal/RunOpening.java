package io.tributary.sync.internal;

import io.tributary.sync.SyncMode;
import io.tributary.sync.TablePhase;
import io.tributary.sync.event.TableId;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * The decider's start of a run ({@link Input.Start}, {@link Input.LogsOpened}): every target planned one after
 * another (each waits for the writer's answer), then, once the logs are open, the sources whose positions were lost
 * re-synced ({@link LostPositionRecovery}), leftover staging of tables synced from nothing dropped, and every staging
 * table's snapshot scheduled. Part of the {@link Decider}: effects only.
 */
final class RunOpening {

  private final PipelineConfig config;
  private final TableSet ts;
  private final Batcher batcher;
  private final SourceCursors cursors;
  private final Checkpointer checkpointer;
  private final LongSupplier now;
  /** Tables this run syncs from nothing (no checkpoint state): see {@link #dropLeftoverStaging()}. */
  private final Set<TableId> fresh = new HashSet<>();
  /** Former members selected again (merge mode): warned about at the start when their sync cannot overwrite. */
  private final List<TableRuntime> rejoined = new java.util.ArrayList<>();

  RunOpening(PipelineConfig config, TableSet ts, Batcher batcher, SourceCursors cursors, Checkpointer checkpointer,
      LongSupplier now) {
    this.config = config;
    this.ts = ts;
    this.batcher = batcher;
    this.cursors = cursors;
    this.checkpointer = checkpointer;
    this.now = now;
  }

  /**
   * After the tables were restored: those without checkpoint state are synced from nothing. In merge mode the
   * checkpoint's tables this run no longer selects become former members of their virtual tables (their rows stay
   * there, and no other shard's replace scope may match them) and, until a checkpoint has forgotten them, still
   * shape their targets.
   */
  void restored(Checkpoint restored) {
    ts.tables.keySet().stream().filter(id -> restored == null || !restored.tables().containsKey(id))
        .forEach(fresh::add);
    if (restored != null) { // the log replays from before their discovery (a fresh start opens it after)
      fresh.forEach(id -> {
        TableRuntime t = ts.tables.get(id);
        t.layoutUnsure = t.discovery == null; // a source that cannot tell its positions: the first DDL restarts it
      });
    }
    if (restored == null || config.mode() != SyncMode.MERGE) {
      return;
    }
    restored.formerMembers().forEach((id, target) -> {
      if (!ts.tables.containsKey(id)) {
        ts.formerMembers.put(id, target);
      } else {
        rejoined.add(ts.tables.get(id));
      }
    });
    for (Checkpoint.TableState state : restored.tables().values()) {
      if (!ts.tables.containsKey(state.id())) {
        ts.formerMembers.put(state.id(), TableSelection.virtualTableOf(config, state.id()));
        if (state.phase() != TablePhase.BLACKLISTED) {
          ts.retiring.put(state.id(), state.schema());
        }
      }
    }
  }

  /** The run starts: plan every target, one at a time. */
  void start() {
    for (TableRuntime t : rejoined) {
      if (fresh.contains(t.id) && ts.planner.replaceScope(t.id, ts.members(t.target), false) == null) {
        ts.out().warn(RunOpening.class, "[{}] {} is back in the selection: its sync merges without overwriting, as"
            + " its extended fields do not tell its rows apart in {}; its rows deleted at the source while it was"
            + " not captured may remain", config.name(), t.id, t.target);
      }
    }
    rejoined.clear();
    planTargets(ts.targetNames(), 0);
  }

  /** Every log is open: recover lost positions, drop leftover staging, schedule the snapshots. */
  void logsOpened(Input.LogsOpened o) {
    cursors.opened(o.starts(), o.openedNanos());
    LostPositionRecovery.resyncLostSources(config, o.lost(), ts, batcher, checkpointer::checkpoint,
        Instant.ofEpochMilli(now.getAsLong()));
    ts.suspension().then(() -> { // after the targets of schemas changed in a lost log range evolved
      if (!dropLeftoverStaging() && !ts.retiring.isEmpty()) {
        checkpointer.checkpoint();
      }
      // The tables that left the selection are forgotten by a checkpoint now: a restart no longer resumes them, so
      // their targets may lose the columns only they had (a re-plan from here on). Before it, a restart from the
      // last checkpoint would resume one streaming into a target that lost its values.
      ts.retiring.clear();
      for (TableRuntime t : ts.tables.values()) {
        if (t.phase.staging()) {
          ts.scheduleSnapshot(t, false);
        }
      }
      ts.out().info(Decider.class, "[{}] run started at checkpoint {} with {} tables", config.name(),
          checkpointer.id(), ts.tables.size());
    });
  }

  /** Plans the targets one after another (each waits for the writer's answer), then the syncs' replace scopes. */
  private void planTargets(List<String> targets, int i) {
    if (i == targets.size()) {
      initScopes(config, ts);
      return;
    }
    ts.replanTarget(targets.get(i), null);
    ts.suspension().then(() -> planTargets(targets, i + 1));
  }

  /**
   * A table synced from nothing (a first start, a start after offline, a table new to the selection) must not merge
   * a staging area an earlier run left: a sync abandoned by offline, or by the table's removal from the selection,
   * holds rows the source may have deleted since. Its staging is dropped, and the drop committed before the sync
   * writes to it again (a writer may refuse to reuse a staging area within the commit that dropped it).
   */
  private boolean dropLeftoverStaging() {
    boolean dropped = false;
    for (TableId id : fresh) {
      TableRuntime t = ts.tables.get(id);
      if (t != null && t.phase.staging() && t.chunks.isEmpty()) {
        ts.out().add(new Effect.DropStaging(t.target, t.staging));
        dropped = true;
      }
    }
    fresh.clear();
    if (dropped) {
      checkpointer.checkpoint();
    }
    return dropped;
  }

  /** The selected tables with their state restored from {@code restored} (null: a fresh start). Pure. */
  static void restoreTables(PipelineConfig config, Checkpoint restored, TableSelection selection,
      Map<TableId, TableRuntime> tables) {
    for (TableSelection.Selected sel : selection.tables()) {
      Checkpoint.TableState state = restored == null ? null : restored.tables().get(sel.schema().id());
      TableRuntime t;
      if (state != null) {
        t = new TableRuntime(sel.schema().id(), sel.sourceIndex(), sel.target(), state.schema(), state.phase());
        t.reason = state.reason();
        t.reasonCode = state.reasonCode();
        t.chunks = state.chunks();
        t.done = state.done();
        t.highWatermark = state.highWatermark();
        t.mergeScope = state.mergeScope();
        t.snapshotFilter = state.snapshotFilter();
        t.discovery = state.discovery();
      } else {
        t = new TableRuntime(sel.schema().id(), sel.sourceIndex(), sel.target(), sel.schema(),
            config.fullSync() ? TablePhase.SNAPSHOTTING : TablePhase.STREAMING);
        t.discovery = restored == null ? null : selection.discovery(sel.sourceIndex());
      }
      tables.put(t.id, t);
    }
  }

  /**
   * The replace scope of tables about to start their sync (after the targets are planned). A restored sync's scope
   * was derived from the members of its day: once another table whose rows it would match has joined the target, it
   * merges without replacing (an upsert), or it would delete that table's rows.
   */
  static void initScopes(PipelineConfig config, TableSet ts) {
    boolean mirror = config.mode() == SyncMode.MIRROR;
    for (TableRuntime t : ts.tables.values()) {
      if (t.phase == TablePhase.SNAPSHOTTING && t.mergeScope == null && t.chunks.isEmpty()) {
        t.mergeScope = ts.planner.replaceScope(t.id, ts.members(t.target), mirror);
      } else if (!mirror && t.phase.staging() && t.mergeScope != null
          && ts.planner.replaceScope(t.id, ts.members(t.target), false) == null) {
        ts.out().warn(RunOpening.class, "[{}] the sync of {} merges without overwriting: another table now in {}"
            + " shares its extended field values; rows deleted at the source while not captured may remain",
            config.name(), t.id, t.target);
        t.mergeScope = null;
      }
    }
  }
}
