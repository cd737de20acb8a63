package io.tributary.paimon.internal;

import io.tributary.paimon.TargetOwnedElsewhereException;
import io.tributary.sync.SchemaIncompatibleException;
import io.tributary.sync.event.Column;
import io.tributary.sync.spi.TargetTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.paimon.catalog.Catalog;
import org.apache.paimon.catalog.Identifier;
import org.apache.paimon.schema.Schema;
import org.apache.paimon.schema.SchemaChange;
import org.apache.paimon.table.FileStoreTable;
import org.apache.paimon.types.DataTypes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Catalog access: creates, evolves, finds and drops the target tables and their staging tables in one database.
 *
 * <p>Several pipelines may share a database, so everything a pipeline creates is marked as its own: table option
 * {@value #OWNER_OPTION} names the pipeline, and staging tables carry the pipeline in their name. A pipeline never
 * touches another pipeline's staging tables, and refuses a target table another pipeline owns (two writers on one
 * Paimon bucket conflict, and a full sync's overwrite would delete the other pipeline's rows).
 *
 * <p>A staging table {@code <target>__staging_<pipeline>__<name>} has the target's columns (non-key ones nullable, since a
 * tombstone carries only the key), plus {@code _seq BIGINT} as Paimon's {@code sequence.field} and
 * {@code _tombstone BOOLEAN}. Deletes are stored as rows with {@code _tombstone = true} rather than as Paimon
 * deletes: a Paimon delete record disappears at full compaction, after which a late snapshot row with a lower
 * sequence number would resurrect the key; a tombstone row keeps competing by {@code _seq} forever.
 */
public final class Tables {

  /** Sequence number column of a staging table. */
  public static final String SEQ = "_seq";
  /** Tombstone flag column of a staging table. */
  public static final String TOMBSTONE = "_tombstone";
  /** Infix between a target's name and a staging area's pipeline and name. */
  public static final String STAGING_INFIX = "__staging_";
  /** Table option naming the pipeline that created the table; recovery and ownership checks read it. */
  public static final String OWNER_OPTION = "tributary.pipeline";

  private static final Logger LOG = LoggerFactory.getLogger(Tables.class);

  private final Catalog catalog;
  private final String database;
  private final Map<String, String> tableOptions;
  private final String pipeline;
  /**
   * The owner recorded on (and required of) target tables: the pipeline, or the group of writers sharing the targets
   * by bucket (the Flink runner's writer subtasks). Staging tables are always the pipeline's own.
   */
  private final String owner;
  private final PendingRenames pendingRenames;

  public Tables(Catalog catalog, String database, Map<String, String> tableOptions, String pipeline) {
    this(catalog, database, tableOptions, pipeline, pipeline);
  }

  public Tables(Catalog catalog, String database, Map<String, String> tableOptions, String pipeline, String owner) {
    this.catalog = catalog;
    this.database = database;
    this.tableOptions = Map.copyOf(tableOptions);
    this.pipeline = pipeline;
    this.owner = owner;
    this.pendingRenames = new PendingRenames(catalog, database, pipeline);
  }

  /** The renames not yet covered by a committed checkpoint (see {@link PendingRenames}). */
  PendingRenames pendingRenames() {
    return pendingRenames;
  }

  /**
   * The staging table of a pipeline's staging area: {@code <target>__staging_<pipeline>__<staging>}, the pipeline
   * name reduced to {@code [A-Za-z0-9_]} (ownership is decided by {@link #OWNER_OPTION}, which holds the exact name).
   */
  public static String stagingName(String pipeline, String target, String staging) {
    return target + STAGING_INFIX + pipeline.replaceAll("[^A-Za-z0-9_]", "_") + "__" + staging;
  }

  String stagingName(String target, String staging) {
    return stagingName(pipeline, target, staging);
  }

  /**
   * The name an older Tributary gave a staging table ({@code <target>__staging_<staging>}), split back; null when
   * {@code name} is not a staging table name.
   */
  static String[] legacyParts(String name) {
    int i = name.indexOf(STAGING_INFIX);
    return i <= 0 ? null : new String[] {name.substring(0, i), name.substring(i + STAGING_INFIX.length())};
  }

  /** The pipeline that created the table, or null for a table created before tables carried their owner. */
  static String owner(FileStoreTable table) {
    return table.options().get(OWNER_OPTION);
  }

  String database() {
    return database;
  }

  String pipeline() {
    return pipeline;
  }

  void createDatabase() throws Exception {
    catalog.createDatabase(database, true);
  }

  Optional<FileStoreTable> find(String name) throws Exception {
    try {
      return Optional.of((FileStoreTable) catalog.getTable(Identifier.create(database, name)));
    } catch (Catalog.TableNotExistException e) {
      return Optional.empty();
    }
  }

  /** The table as stored now (not as the catalog's cache holds it: a writer beside this one may have changed it). */
  FileStoreTable fresh(String name) throws Exception {
    catalog.invalidateTable(Identifier.create(database, name));
    return get(name);
  }

  FileStoreTable get(String name) throws Exception {
    return (FileStoreTable) catalog.getTable(Identifier.create(database, name));
  }

  /** Creates the table, or evolves it to {@code columns}; returns the current table. */
  FileStoreTable createOrEvolve(String name, List<Column> columns, List<String> primaryKey,
      Map<String, String> extraOptions, Set<String> bookkeeping) throws Exception {
    return createOrEvolve(name, columns, primaryKey, extraOptions, bookkeeping, Map.of(), pipeline);
  }

  /** {@link #createOrEvolve}, renaming columns first ({@code renamedFrom}: new name to old name, simultaneous). */
  FileStoreTable createOrEvolve(String name, List<Column> columns, List<String> primaryKey,
      Map<String, String> extraOptions, Set<String> bookkeeping, Map<String, String> renamedFrom, String owner)
      throws Exception {
    Optional<FileStoreTable> existing = find(name);
    if (existing.isPresent()) { // first, so an earlier run's uncheckpointed renames never meet this run's schema
      existing = Optional.of(pendingRenames.reconcile(name, existing.get()));
    }
    if (existing.isPresent() && !renamedFrom.isEmpty()) {
      List<SchemaChange> renames = ColumnRenamer.steps(existing.get().rowType(), renamedFrom);
      if (!renames.isEmpty()) {
        pendingRenames.record(name, existing.get(), renames);
        boolean renamedHere = true;
        try {
          for (SchemaChange rename : renames) {
            catalog.alterTable(Identifier.create(database, name), rename, false);
          }
        } catch (Exception e) {
          // A writer beside this one (same group) may have made the same renames at the same moment.
          if (ColumnRenamer.steps(fresh(name).rowType(), renamedFrom).isEmpty()) {
            LOG.info("[{}] columns {} of {} were renamed by a writer beside this one", pipeline, renamedFrom, name);
            renamedHere = false;
          } else if (!(e instanceof UnsupportedOperationException || e instanceof IllegalArgumentException
              || e instanceof IllegalStateException)) {
            throw e;
          } else {
            throw new SchemaIncompatibleException("Paimon refused to rename columns " + renamedFrom + " of " + name
                + ": " + e.getMessage() + "; re-create the target table and re-sync");
          }
        }
        if (renamedHere) {
          LOG.info("[{}] renamed columns of Paimon table {}.{}: {} (new name = old name)", pipeline, database, name,
              renamedFrom);
        }
        existing = find(name);
      }
    }
    if (existing.isEmpty()) {
      try {
        catalog.createTable(Identifier.create(database, name), newSchema(columns, primaryKey, extraOptions,
            bookkeeping, owner), true);
        LOG.info("[{}] created Paimon table {}.{} {} PK{}", pipeline, database, name, columns, primaryKey);
      } catch (RuntimeException e) {
        // A writer beside this one (same group) created it at the same moment: evolve it below.
        catalog.invalidateTable(Identifier.create(database, name));
        existing = find(name);
        if (existing.isEmpty()) {
          throw e;
        }
      }
      if (existing.isEmpty()) {
        return get(name);
      }
    }
    FileStoreTable t = existing.get();
    List<SchemaChange> changes = SchemaEvolver.changes(name, t.rowType(), t.primaryKeys(), columns, primaryKey,
        bookkeeping);
    if (changes.isEmpty()) {
      return t;
    }
    try {
      catalog.alterTable(Identifier.create(database, name), changes, false);
    } catch (Exception e) {
      // A writer beside this one (same group) may have made the same change at the same moment: then nothing is left.
      FileStoreTable now = fresh(name);
      if (SchemaEvolver.changes(name, now.rowType(), now.primaryKeys(), columns, primaryKey, bookkeeping).isEmpty()) {
        LOG.info("[{}] Paimon table {}.{} was evolved by a writer beside this one", pipeline, database, name);
        return now;
      }
      if (!(e instanceof UnsupportedOperationException || e instanceof IllegalArgumentException
          || e instanceof IllegalStateException)) {
        throw e;
      }
      // Paimon refuses some changes the core calls lossless; the table must stop, not the pipeline.
      throw new SchemaIncompatibleException("invalid modify column: Paimon refused to evolve " + name + " to "
          + columns + ": " + e.getMessage());
    }
    LOG.info("[{}] evolved Paimon table {}.{}: {} change(s) to {}", pipeline, database, name, changes.size(), columns);
    return get(name);
  }

  private Schema newSchema(List<Column> columns, List<String> primaryKey, Map<String, String> extraOptions,
      Set<String> bookkeeping, String owner) {
    return newSchema(columns, primaryKey, tableOptions, extraOptions, bookkeeping, owner);
  }

  /** The Paimon schema of a new table (also what {@link PaimonBuckets} routes a target not created yet by). */
  static Schema newSchema(List<Column> columns, List<String> primaryKey, Map<String, String> tableOptions,
      Map<String, String> extraOptions, Set<String> bookkeeping, String owner) {
    Schema.Builder b = Schema.newBuilder();
    for (Column c : columns) {
      b.column(c.name(), TypeMapping.toPaimon(c.type()), TypeMapping.description(c.type()));
    }
    for (String extra : bookkeeping) {
      b.column(extra, extra.equals(SEQ) ? DataTypes.BIGINT().notNull() : DataTypes.BOOLEAN().notNull());
    }
    b.primaryKey(primaryKey).options(tableOptions).options(extraOptions).option(OWNER_OPTION, owner);
    return b.build();
  }

  /**
   * Creates or evolves a target table this pipeline owns. A table of another pipeline is refused; a table without an
   * owner (created by an older Tributary, or by hand) is claimed.
   */
  FileStoreTable createOrEvolveTarget(TargetTable target) throws Exception {
    return createOrEvolveTarget(target, Map.of());
  }

  FileStoreTable createOrEvolveTarget(TargetTable target, Map<String, String> renamedFrom) throws Exception {
    Optional<FileStoreTable> existing = find(target.name());
    if (existing.isPresent()) {
      requireOwnedOrClaim(existing.get(), target.name());
    }
    FileStoreTable t = createOrEvolve(target.name(), target.columns(), target.primaryKey(), Map.of(), Set.of(),
        renamedFrom, owner);
    requireOwnedOrClaim(t, target.name()); // another pipeline may have created it in between
    return t;
  }

  private void requireOwnedOrClaim(FileStoreTable table, String name) throws Exception {
    String current = owner(table);
    if (current == null) {
      catalog.alterTable(Identifier.create(database, name), SchemaChange.setOption(OWNER_OPTION, owner), false);
      current = owner(get(name));
      LOG.info("[{}] claimed Paimon table {}.{}, which had no owning pipeline", pipeline, database, name);
    }
    if (!owner.equals(current)) {
      throw new TargetOwnedElsewhereException(database + "." + name, current, owner);
    }
  }

  FileStoreTable createOrEvolveStaging(TargetTable target, String stagingTable) throws Exception {
    return createOrEvolveStaging(target, stagingTable, Map.of());
  }

  FileStoreTable createOrEvolveStaging(TargetTable target, String stagingTable, Map<String, String> renamedFrom)
      throws Exception {
    if (target.indexOf(SEQ) >= 0 || target.indexOf(TOMBSTONE) >= 0) {
      throw new IllegalArgumentException("target " + target.name() + " has a column named " + SEQ + " or "
          + TOMBSTONE + ", which its staging table needs for itself; rename the column in the target schema");
    }
    Optional<FileStoreTable> existing = find(stagingTable);
    String owner = existing.isPresent() ? owner(existing.get()) : null;
    if (owner != null && !owner.equals(pipeline)) {
      throw new TargetOwnedElsewhereException(database + "." + stagingTable, owner, pipeline);
    }
    return createOrEvolve(stagingTable, stagingColumns(target), target.primaryKey(),
        STAGING_OPTIONS, orderedBookkeeping(), renamedFrom, pipeline);
  }

  /** Column of a staging area's side table naming the columns a staged update left without values. */
  public static final String UNCHANGED = "_unchanged";
  /** Suffix of a staging table's side table (see {@link #createOrEvolveStagedUnchanged}). */
  public static final String UNCHANGED_SUFFIX = "__unchanged";

  /**
   * The side table of a staging table for updates that leave columns unchanged without their values: the staging
   * columns plus {@value #UNCHANGED} (the mask, as {@code "1,5"}), keyed by the target key and {@code _seq} so that
   * every version survives until the merge folds them in order (see {@code StagingMerge}).
   */
  FileStoreTable createOrEvolveStagedUnchanged(TargetTable target, String name) throws Exception {
    if (target.indexOf(UNCHANGED) >= 0) {
      throw new IllegalArgumentException("target " + target.name() + " has a column named " + UNCHANGED
          + ", which its staging side table needs for itself; rename the column in the target schema");
    }
    List<String> key = new ArrayList<>(target.primaryKey());
    key.add(SEQ);
    return createOrEvolve(name, stagedUnchangedColumns(target), key, Map.of("merge-engine", "deduplicate",
        "write-only", "true", "sort-spill-threshold", "10"), orderedBookkeeping());
  }

  /** The staging columns plus {@value #UNCHANGED}. */
  static List<Column> stagedUnchangedColumns(TargetTable target) {
    List<Column> out = new ArrayList<>(stagingColumns(target));
    out.add(Column.of(UNCHANGED, io.tributary.sync.event.DataType.string()));
    return out;
  }

  /**
   * A staging table is written during a full sync and read once, by its merge: it is never compacted
   * ({@code write-only}), about 40% less CPU for a full sync into Paimon, and the merge's read spills to disk beyond
   * 10 sorted runs per bucket ({@code sort-spill-threshold}), so a long re-sync's many checkpoint flushes cannot
   * exhaust memory. Tombstones are rows with a flag, not Paimon deletes, so no compaction could drop them either.
   */
  static final Map<String, String> STAGING_OPTIONS = Map.of("sequence.field", SEQ, "merge-engine", "deduplicate",
      "write-only", "true", "sort-spill-threshold", "10");

  private static Set<String> orderedBookkeeping() {
    return new java.util.LinkedHashSet<>(List.of(SEQ, TOMBSTONE));
  }

  /** The target's columns with non-key columns nullable, as stored in a staging table. */
  static List<Column> stagingColumns(TargetTable target) {
    List<Column> out = new ArrayList<>(target.columns().size());
    for (Column c : target.columns()) {
      out.add(target.primaryKey().contains(c.name()) ? c : Column.of(c.name(), c.type().withNullable(true)));
    }
    return out;
  }

  void drop(String name) throws Exception {
    catalog.dropTable(Identifier.create(database, name), true);
    LOG.info("[{}] dropped Paimon table {}.{}", pipeline, database, name);
  }

  List<String> listTables() throws Exception {
    return catalog.listTables(database);
  }

  /** All staging tables of the database, of every pipeline (callers check {@link #owner}). */
  List<String> listStagingTables() throws Exception {
    List<String> out = new ArrayList<>();
    for (String t : listTables()) {
      if (t.contains(STAGING_INFIX)) {
        out.add(t);
      }
    }
    return out;
  }
}
