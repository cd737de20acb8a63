package io.tributary.sync.internal;

import io.tributary.sync.ErrorCode;
import io.tributary.sync.SchemaIncompatibleException;
import io.tributary.sync.SyncMode;
import io.tributary.sync.TablePhase;
import io.tributary.sync.event.SchemaChange;
import io.tributary.sync.event.SchemaDiff;
import io.tributary.sync.spi.SchemaEvolutionPolicy;

/**
 * Applies a source table's schema change: diffs the new schema against the table's, asks the evolution policy, and
 * applies (at a commit boundary, with target re-planning and renames), ignores, stops the table or fails the pipeline
 * (an {@link Effect.Fail}: the caller returns at once).
 * Why its own class: schema-change handling is a decision of its own on top of the table operations in {@link
 * TableSet} (which it uses for re-planning, blacklisting and re-syncs); apart, both stay small and the later pure
 * decider (issue 12) takes the rules over as is. Part of the {@link Decider}; called before the position moves. The
 * target's evolution may wait for the writer's answer: the caller defers the rest through {@link Suspension}.
 */
final class SchemaChanges {

  private final PipelineConfig config;
  private final TableSet ts;
  private final Runnable checkpointer;
  private final Effects out;

  SchemaChanges(PipelineConfig config, TableSet ts, Runnable checkpointer) {
    this.config = config;
    this.ts = ts;
    this.out = ts.out();
    this.checkpointer = checkpointer;
  }

  /** Applies a table's schema change by the evolution policy: apply (at a commit), ignore, stop the table, fail. */
  void onSchemaChange(SchemaChange s) {
    TableRuntime t = ts.tables.get(s.table());
    if (t == null || t.beforeDiscovery(s.seq())) {
      return; // replayed history of a table new to the run: its discovered schema has it already
    }
    // A table discovered with today's schema whose log replays a DDL that may be older (logged while its schema was
    // read, or, from a source that cannot tell its log positions, anywhere in the replay): its changes staged before
    // this one were read by today's layout but may be laid out by an older one (a moved column or new key of the same
    // width misreads them silently), so its running sync starts over from here, by the layout this change reports.
    // Even when the change equals today's schema: the rows before it had the layout before it.
    boolean unsure = t.layoutUnsure || t.duringDiscovery(s.seq());
    boolean misread = unsure && t.phase.staging();
    t.layoutUnsure = false;
    if (t.phase == TablePhase.STREAMING && t.duringDiscovery(s.seq())) {
      // Added without a full sync: its changes since its discovery went to the target by the discovered layout, and
      // some may have been laid out by the one before this DDL. Nothing left to restart: only a re-sync mends it.
      t.schema = s.newSchema();
      ts.blacklist(t, ErrorCode.TABLE_NEEDS_RESYNC, t.id + " was added to the selection without a full sync and"
          + " changed its schema" + (s.ddl() == null ? "" : " (`" + s.ddl() + "`)") + " at " + s.position()
          + " while this run read its schema: its changes written since then may be laid out by the schema before;"
          + " re-sync the table");
      return;
    }
    SchemaDiff diff = SchemaDiff.between(t.schema, s.newSchema(), s.renamedFrom());
    if (t.phase == TablePhase.BLACKLISTED) {
      t.schema = s.newSchema();
      return;
    }
    if (diff.isEmpty()) {
      // Same names, types, order and key (e.g. an index or comment change): nothing positional changes, but the
      // route is re-derived anyway so it always describes the schema rows are decoded with.
      adopt(t, s);
      t.route = new TableRoute(t.schema, ts.targets.get(t.target), ts.planner.extendedFields());
      if (misread) {
        ts.ops.resync(t.id, null);
      }
      return;
    }
    SchemaEvolutionPolicy.Decision decision = config.schemaEvolution().decide(t.id, diff);
    if (diff.keyChanged() && decision == SchemaEvolutionPolicy.Decision.IGNORE) {
      // Target rows are keyed by the old key: writing on would merge rows the source now keeps apart (or the other
      // way round), so a key change can be applied, stop the table or fail the pipeline, never be ignored.
      decision = SchemaEvolutionPolicy.Decision.STOP_TABLE;
    }
    out.info(SchemaChanges.class, "[{}] schema change of {}: {} -> {}", config.name(), t.id, diff, decision);
    switch (decision) {
      case APPLY -> {
        // Schema changes happen at a commit boundary, so no writer ever holds rows of two layouts of a table.
        boolean renames = !diff.renamedFrom().isEmpty();
        if (renames && !ts.canRename() && t.phase != TablePhase.PAUSED && resyncable(t)) {
          refillFirst(t, s, diff);
          return;
        }
        if (renames) {
          checkpointer.run();
        }
        boolean widen = adopt(t, s) || misread;
        if (!renames) {
          // The checkpoint at the DDL's position holds the new schema before the target evolves: a restart plans the
          // target by the schema it already has (or is about to get), never by the old one, which would bring a
          // dropped column back empty until the replayed DDL drops it again. Renames keep the old order: re-planned
          // at start without the rename, the target would drop and re-add the column (see "Column renames").
          if (widen) {
            ts.ops.resync(t.id, null); // its checkpoint is that one
          } else {
            checkpointer.run();
          }
        }
        ts.replanTarget(t.target, t, diff.renamedFrom(), renamed -> {
          if (renamed) {
            // The target's columns are renamed already; until a checkpoint holds the new schema, a restart would
            // plan the target by the old names (dropping the renamed columns). Shrink that window to milliseconds.
            // A catch-up by a renamed column becomes a full re-sync only now: its checkpoint holds the new schema.
            if (widen && t.phase.staging()) {
              ts.ops.resync(t.id, null);
            } else {
              checkpointer.run();
            }
          } else if (!diff.renamedFrom().isEmpty() && t.phase != TablePhase.BLACKLISTED
              && t.phase != TablePhase.PAUSED) { // resume re-syncs a paused table anyway
            refillRenamed(t, diff);
          }
        });
      }
      case IGNORE -> {
        boolean widen = adopt(t, s) || misread;
        t.route = new TableRoute(t.schema, ts.targets.get(t.target), ts.planner.extendedFields());
        if (widen) {
          ts.ops.resync(t.id, null);
        }
      }
      case STOP_TABLE -> {
        t.schema = s.newSchema();
        ts.blacklist(t, ErrorCode.SCHEMA_INCOMPATIBLE,
            diff.incompatibility().orElse("schema change stopped the table: " + diff));
      }
      case FAIL_PIPELINE -> ts.fail(new SchemaIncompatibleException(ErrorCode.SCHEMA_CHANGE_REFUSED,
          "schema change of " + t.id + " failed the"
          + " pipeline (policy failPipeline): " + diff + (s.ddl() == null ? "" : " by " + s.ddl())));
    }
  }

  /**
   * A rename the writer cannot make ({@code RENAME_COLUMN} missing) reaches the target as a drop and an add, which
   * loses the column's values at once: the refill re-sync is therefore started, and checkpointed with the new
   * schema, before the target evolves. A restart from that checkpoint plans the target by the new schema and
   * resumes the re-sync; re-syncing after the evolution left a window in which a crash restarted from the
   * checkpoint before the change, with the table streaming and the renamed column's values gone for good (found by
   * the decider simulation).
   */
  private void refillFirst(TableRuntime t, SchemaChange s, SchemaDiff diff) {
    out.info(SchemaChanges.class, "[{}] {} renamed {}; the writer cannot rename columns: re-syncing {} to fill the"
        + " new columns", config.name(), t.id, diff.renames(), t.id);
    adopt(t, s); // a running catch-up becomes a full re-sync here in any case
    ts.ops.resync(t.id, null);
    ts.replanTarget(t.target, t, diff.renamedFrom(), renamed -> { });
  }

  private boolean resyncable(TableRuntime t) {
    return ts.planner.replaceScope(t.id, ts.members(t.target), config.mode() == SyncMode.MIRROR) != null;
  }

  /**
   * Renamed columns that could not be renamed in the target (another shard of the virtual table uses a name, or the
   * writer cannot rename) are new, empty columns there: the table is re-synced so they hold its rows' values, and in
   * a virtual table its rows no longer hold them in the old column. Without extended fields telling its rows apart,
   * a re-sync could not replace them, so they keep their old values until written again (logged).
   */
  private void refillRenamed(TableRuntime t, SchemaDiff diff) {
    if (ts.planner.replaceScope(t.id, ts.members(t.target), config.mode() == SyncMode.MIRROR) == null) {
      out.warn(SchemaChanges.class, "[{}] {} renamed {} but {} could not follow as a rename, and its rows cannot be"
          + " re-synced alone (configure identifying extendedFields): rows written before keep the values in the old"
          + " columns", config.name(), t.id, diff.renames(), t.target);
      return;
    }
    out.info(SchemaChanges.class, "[{}] {} renamed {}; {} could not follow as a rename: re-syncing {} to fill the new"
        + " columns", config.name(), t.id, diff.renames(), t.target, t.id);
    ts.ops.resync(t.id, null); // whole: a running catch-up is re-synced whole anyway (see TableOperations.resync)
  }

  /**
   * Takes the new schema; a running sync re-reads the chunks whose rows may lack it ({@link ChunkRereads}). Returns
   * whether a running catch-up's filter names a column the table no longer has (renamed or dropped): read and
   * deleted by that filter, rows would match by a column that reads null everywhere, so the caller re-syncs the
   * table whole, where its checkpoint may hold the new schema (after a rename of the target, not before).
   */
  private boolean adopt(TableRuntime t, SchemaChange s) {
    boolean layoutChanged = !t.schema.equals(s.newSchema());
    t.schema = s.newSchema();
    if (t.phase.staging() && !CatchUpFilters.fits(t.schema, t.snapshotFilter)) {
      out.info(SchemaChanges.class, "[{}] the catch-up of {} filters by {}, naming a column {} no longer has:"
          + " re-syncing it whole", config.name(), t.id, t.snapshotFilter, t.id);
      return true;
    }
    int reread = layoutChanged
        ? ChunkRereads.afterSchemaChange(t, s.seq(), ts.out(), ts.priority(t, false)) : 0;
    if (reread > 0) {
      out.info(SchemaChanges.class, "[{}] {} changed during its sync: re-reading {} chunk(s) read after the change",
          config.name(), t.id, reread);
    }
    return false;
  }
}
