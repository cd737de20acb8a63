package io.tributary.sync.spi;

import io.tributary.sync.event.SchemaDiff;
import io.tributary.sync.event.TableId;

/**
 * Decides what a source table's schema change does to the pipeline. Called on the pipeline's sink thread when the
 * change reaches it in log order, before any later row of the table.
 *
 * <p>Built-ins: {@link #evolve()} (the default), {@link #ignore()}, {@link #failPipeline()}, {@link #stopTable()}.
 */
@FunctionalInterface
public interface SchemaEvolutionPolicy {

  /** What to do with a schema change. */
  enum Decision {
    /**
     * Evolve the target (add, drop, widen, rename columns). A rename renames the target column, keeping its values,
     * when the writer can ({@link ChangeWriter.Capability#RENAME_COLUMN}) and no other source table of the same
     * virtual table uses either name; otherwise the new name is added, the old column is no longer written by this
     * table, and the table is re-synced to fill the new column (when its rows can be told apart).
     */
    APPLY,
    /**
     * Keep the target's schema: new columns are not written, dropped ones are written as null (a renamed column
     * counts as both; a renamed key column stops the table, since rows could not be keyed).
     */
    IGNORE,
    /** Stop syncing this table alone (it is blacklisted with the reason); other tables go on. */
    STOP_TABLE,
    /** Fail the whole pipeline with the reason. */
    FAIL_PIPELINE
  }

  Decision decide(TableId table, SchemaDiff diff);

  /**
   * Applies compatible changes (add/drop/rename columns, key columns included, lossless widening) and stops the table, alone, on an incompatible
   * one ({@code pk column different}, {@code pk column type mismatch}, {@code invalid modify column}), as the
   * operating manual describes.
   */
  static SchemaEvolutionPolicy evolve() {
    return (table, diff) -> diff.incompatibility().isPresent() ? Decision.STOP_TABLE : Decision.APPLY;
  }

  /** Leaves target schemas alone; an incompatible change still stops the table, since rows could not be keyed. */
  static SchemaEvolutionPolicy ignore() {
    return (table, diff) -> diff.incompatibility().isPresent() ? Decision.STOP_TABLE : Decision.IGNORE;
  }

  /** Fails the pipeline on any schema change. */
  static SchemaEvolutionPolicy failPipeline() {
    return (table, diff) -> Decision.FAIL_PIPELINE;
  }

  /** Stops the changed table on any schema change; other tables go on. */
  static SchemaEvolutionPolicy stopTable() {
    return (table, diff) -> Decision.STOP_TABLE;
  }
}
