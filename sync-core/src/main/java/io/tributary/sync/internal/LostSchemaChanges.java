package io.tributary.sync.internal;

import io.tributary.sync.ErrorCode;
import io.tributary.sync.SchemaIncompatibleException;
import io.tributary.sync.TablePhase;
import io.tributary.sync.event.SchemaDiff;
import io.tributary.sync.event.TableSchema;
import io.tributary.sync.spi.SchemaEvolutionPolicy;
import java.util.List;

/**
 * Schema changes made in a lost log range ({@link LostPositionRecovery}): no log the pipeline reads holds their DDL,
 * so a table re-synced after the loss takes its present schema (found when the log restarted) by the evolution
 * policy, as a change in the log would be: applied (its target evolves), ignored (the target keeps its columns),
 * the table stopped, or the pipeline failed. Without this the re-sync read and wrote by the checkpoint's schema:
 * an added column stayed out of the target for good, a primary-key change was never noticed. Part of the {@link
 * Decider}; no renames can be told from a schema alone, so a renamed column is a drop and an add (the full re-sync
 * fills it).
 */
final class LostSchemaChanges {

  private LostSchemaChanges() {
  }

  /**
   * Takes {@code present} (null: unknown) as re-synced table {@code t}'s schema, before the recovery's checkpoint;
   * returns whether its target must evolve ({@link #replan}, after that checkpoint). May stop the table instead.
   */
  static boolean adopt(PipelineConfig config, TableSet ts, TableRuntime t, TableSchema present) {
    if (present == null || present.equals(t.schema)) {
      return false;
    }
    SchemaDiff diff = SchemaDiff.between(t.schema, present);
    SchemaEvolutionPolicy.Decision decision = config.schemaEvolution().decide(t.id, diff);
    if (diff.keyChanged() && decision == SchemaEvolutionPolicy.Decision.IGNORE) {
      decision = SchemaEvolutionPolicy.Decision.STOP_TABLE; // rows could not be keyed (see SchemaChanges)
    }
    ts.out().info(LostSchemaChanges.class, "[{}] schema change of {} in the lost log range: {} -> {}", config.name(),
        t.id, diff, decision);
    t.schema = present;
    switch (decision) {
      case APPLY -> {
        return !diff.isEmpty();
      }
      case IGNORE -> t.route = new TableRoute(t.schema, ts.targets.get(t.target), ts.planner.extendedFields());
      case STOP_TABLE -> ts.blacklist(t, ErrorCode.SCHEMA_INCOMPATIBLE, diff.incompatibility()
          .orElse("schema change in the lost log range stopped the table: " + diff));
      case FAIL_PIPELINE -> ts.fail(new SchemaIncompatibleException(ErrorCode.SCHEMA_CHANGE_REFUSED,
          "schema change of " + t.id + " in the lost log range failed the pipeline (policy failPipeline): " + diff));
    }
    return false;
  }

  /** Evolves the targets of {@code tables} from {@code i} on, one after another (each waits for its answer). */
  static void replan(TableSet ts, List<TableRuntime> tables, int i) {
    if (i == tables.size()) {
      return;
    }
    TableRuntime t = tables.get(i);
    if (t.phase != TablePhase.BLACKLISTED) {
      ts.replanTarget(t.target, t); // a target the writer refuses stops this table alone
    }
    ts.suspension().then(() -> replan(ts, tables, i + 1));
  }
}
