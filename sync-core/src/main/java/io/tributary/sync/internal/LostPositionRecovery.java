package io.tributary.sync.internal;

import io.tributary.sync.SyncEvent;
import io.tributary.sync.SyncMode;
import io.tributary.sync.TablePhase;
import io.tributary.sync.event.RowFilter;
import io.tributary.sync.event.TableId;
import io.tributary.sync.event.TableSchema;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code onLostLogPosition(RESYNC)}: when a source's checkpoint position is gone from the server, its log restarts
 * at the current position (the runtime's part, {@link LogOpener}) and every table of that source is re-synced through
 * the ordinary staging path (targets keep their rows until each re-sync's atomic overwrite): this class, the
 * {@link Decider}'s part, effects only, on {@link Input.LogsOpened}.
 *
 * <p>Order matters for crash safety: every table of the source is put into {@code RESYNCING} (with a fresh, empty
 * chunk plan) <em>before</em> the first checkpoint that records the new position. A checkpoint therefore never pairs
 * the new position with a table that has not yet re-read the gap; a crash anywhere in the recovery resumes the
 * re-syncs (or, before that checkpoint, finds the old position lost again and starts the recovery over).
 */
final class LostPositionRecovery {

  /**
   * A source whose checkpoint position was gone: its log restarted at {@code restartedAt}. {@code schemas} are its
   * tables' schemas as the source has them now: a schema change in the lost range is in no log the pipeline reads.
   */
  record Lost(int sourceIndex, String source, String lostFrom, String restartedAt, String cause,
      Map<TableId, TableSchema> schemas) {
  }

  private LostPositionRecovery() {
  }

  /**
   * Decider side (effects only): puts every table of each lost source that carries changes into a full re-sync
   * with the schema the source has now ({@link LostSchemaChanges}), checkpoints (so the new position is recorded
   * together with the re-syncs and schemas), alerts, then evolves the targets of tables whose schema changed in the
   * lost range (each waits for the writer's answer: the caller defers the rest, such as scheduling every staging
   * table's snapshot, through {@link Suspension}). Paused and stopped tables are not re-synced (their way back is a
   * re-sync anyway), but take the present schema too, which that re-sync reads by.
   */
  static void resyncLostSources(PipelineConfig config, List<Lost> lost, TableSet ts, Batcher batcher,
      Runnable checkpoint, Instant now) {
    if (lost.isEmpty()) {
      return;
    }
    List<SyncEvent> alerts = new ArrayList<>();
    List<TableRuntime> evolved = new ArrayList<>();
    for (Lost l : lost) {
      List<TableId> resynced = new ArrayList<>();
      for (TableRuntime t : ts.tables.values()) {
        if (t.sourceIndex != l.sourceIndex()) {
          continue;
        }
        TableSchema present = l.schemas().get(t.id);
        if (t.phase == TablePhase.BLACKLISTED) {
          t.schema = present == null ? t.schema : present; // as a change in the log would (SchemaChanges)
          continue;
        }
        if (t.phase != TablePhase.PAUSED) { // paused: the way back is a re-sync anyway, by the present schema
          prepare(config, ts, batcher, t, l);
        }
        if (LostSchemaChanges.adopt(config, ts, t, present)) {
          evolved.add(t);
        }
        if (t.phase == TablePhase.RESYNCING) {
          resynced.add(t.id);
        }
      }
      alerts.add(new SyncEvent.LogPositionLost(config.name(), now, l.source(), l.lostFrom(),
          l.restartedAt(), resynced, l.cause()));
    }
    // The re-syncs, the present schemas and the new positions become durable together (a restart from here plans
    // the targets by those schemas); only then is the recovery announced and are the targets evolved.
    checkpoint.run();
    alerts.forEach(a -> ts.out().add(new Effect.Emit(a)));
    LostSchemaChanges.replan(ts, evolved, 0);
  }

  /** As {@code TableSet.resync(id, null)}, without its per-table checkpoint (one follows for all of them). */
  private static void prepare(PipelineConfig config, TableSet ts, Batcher batcher, TableRuntime t, Lost l) {
    RowFilter scope = ts.planner.replaceScope(t.id, ts.members(t.target), config.mode() == SyncMode.MIRROR);
    if (scope == null) {
      ts.out().warn(LostPositionRecovery.class, "[{}] re-sync of {} after the lost position merges without"
          + " overwriting: its extended fields do not tell its rows apart in {}; rows deleted at the source during the"
          + " lost range may remain", config.name(), t.id, t.target);
    }
    ts.mergeCandidates.remove(t);
    batcher.discardStaged(t);
    t.forgetSnapshot();
    t.mergeScope = scope;
    t.snapshotFilter = RowFilter.all();
    // Staging of a sync interrupted by the loss is stale (its log changes after the lost position are missing).
    ts.out().add(new Effect.DropStaging(t.target, t.staging));
    t.reason = "re-sync after the lost log position of source " + l.source() + " (changes from " + l.lostFrom()
        + " to " + l.restartedAt() + " were not in the log)";
    ts.setPhase(t, TablePhase.RESYNCING);
  }
}
