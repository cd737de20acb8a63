package io.tributary.sync.spi;

import io.tributary.sync.event.RowFilter;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Owns target tables: creates and evolves them, applies batched upserts and deletes by primary key, keeps staging
 * areas for full sync, and commits in two phases tied to checkpoint ids.
 *
 * <h2>Commit protocol</h2>
 * Every write since the last {@link #prepareCommit} becomes visible together at the {@link #commit} of the next
 * checkpoint, atomically: readers of a target see a commit whole or not at all. The pipeline calls
 * {@code prepareCommit(n)}, saves checkpoint {@code n} with the returned committable, calls {@code commit(n, c)},
 * and only then lets the source release its log. After a crash, the next run's {@link #open} receives the last
 * saved checkpoint's id and committable and must commit it if it was not committed (exactly once); anything written
 * after it and not in a saved checkpoint is discarded (it will be read again).
 *
 * <h2>Staging</h2>
 * A full (or re-, or catch-up) sync writes a source table's snapshot rows and, meanwhile, its log changes into a
 * staging area named by the pipeline, each row with its sequence number. {@link #mergeStaging} then folds the
 * staging area into the target keeping, per primary key, the row with the highest sequence number (later writes
 * win ties; a delete that wins removes the key), optionally replacing the target rows in a scope first (INSERT
 * OVERWRITE semantics). The merge is part of the next commit, so readers never see half of it.
 *
 * <h2>Unchanged columns</h2>
 * An upsert may leave columns without values ({@link RowBatch#unchanged}: PostgreSQL's unchanged TOASTed values under
 * {@code REPLICA IDENTITY DEFAULT}). A writer stores the key's current value there: in {@link #write}, from an
 * earlier row of the key in the batch or since the last commit, else the target; in a staging area, resolved at
 * {@link #mergeStaging} against the key's newest earlier staged version by sequence number, else the target's row
 * before the merge. It never stores the nulls found at those positions; a writer that cannot honour this refuses the
 * batch with an exception.
 *
 * <p>Threading: the pipeline calls a writer from one thread at a time (its sink thread), in the order given.
 */
public interface ChangeWriter extends AutoCloseable {

  /** Optional abilities a writer declares; the pipeline refuses configurations that need a missing one. */
  enum Capability {
    /** {@link #ensureTable} can add nullable columns to an existing table. */
    ADD_COLUMN,
    /** {@link #ensureTable} can drop columns. */
    DROP_COLUMN,
    /** {@link #ensureTable} can widen a column's type losslessly. */
    WIDEN_COLUMN,
    /** {@link #mergeStaging} with a replace scope and {@link #deleteWhere}. */
    DELETE_BY_FILTER,
    /**
     * {@link #ensureTable(TargetTable, Map)} renames columns keeping their values. Without it the pipeline evolves a
     * renamed column as a drop plus an add (the column's earlier values are lost).
     */
    RENAME_COLUMN,
    /** {@link #scan} reads a target's committed rows back ({@code SyncPipeline.verify} needs it). */
    SCAN
  }

  /** The abilities this writer has; all but {@link Capability#RENAME_COLUMN} and {@link Capability#SCAN} by default. */
  default Set<Capability> capabilities() {
    return EnumSet.complementOf(EnumSet.of(Capability.RENAME_COLUMN, Capability.SCAN));
  }

  /**
   * Reads the committed rows of a target that match {@code filter}, as a reader of the target sees them now (writes
   * not yet committed are not seen), each laid out by {@code table}'s columns (matched by name; a column the stored
   * table lacks reads as null), with the Java values of {@link io.tributary.sync.event.DataType}. Rows come in no
   * particular order. A writer should push the filter down where it can (a key range skips files); it must not
   * deliver rows that do not match. Called by verification on its own thread, concurrently with the sink thread's
   * calls: it must only read. Only called on writers declaring {@link Capability#SCAN}.
   *
   * @param table  the target's layout as the pipeline planned it
   * @param filter rows to read, on the target's column names
   * @param rows   receives each row, on the calling thread
   */
  default void scan(TargetTable table, RowFilter filter, java.util.function.Consumer<io.tributary.sync.event.Row> rows) {
    throw new UnsupportedOperationException(getClass().getName() + " does not declare SCAN");
  }

  /**
   * Starts a pipeline run: recovers the restored checkpoint's commit if needed and drops uncommitted leftovers of
   * an earlier run.
   */
  void open(WriterContext context);

  /**
   * After {@link #open}: the highest checkpoint id this pipeline has committed to the target, or 0 when unknown.
   * A pipeline starting without a checkpoint (first start, or after offline) numbers its checkpoints above it, so
   * writers that skip already-committed ids (as Paimon does per commit user) never drop a new commit.
   */
  default long lastCommittedCheckpointId() {
    return 0;
  }

  /**
   * Makes the target table exist with this schema: creates it, or evolves it (add, drop, widen columns).
   *
   * @throws io.tributary.sync.SchemaIncompatibleException when the existing table cannot be evolved to it (e.g. a
   *     different primary key or a narrowing type change); the pipeline then stops the affected source tables
   */
  void ensureTable(TargetTable table);

  /**
   * {@link #ensureTable(TargetTable)}, where each column of {@code table} named as a key of {@code renamedFrom} is the
   * existing table's column named by its value, renamed with its values (in the target and in every staging area of
   * it, which must stay mergeable). The renames are simultaneous: {@code {a=b, b=a}} swaps two columns. A rename
   * already made (the old name absent, the new one present) is skipped, so a replay after a crash is harmless.
   * Called only by pipelines of writers declaring {@link Capability#RENAME_COLUMN}, with a non-empty map.
   *
   * @throws io.tributary.sync.SchemaIncompatibleException as {@link #ensureTable(TargetTable)}
   */
  default void ensureTable(TargetTable table, Map<String, String> renamedFrom) {
    throw new UnsupportedOperationException(getClass().getName() + " does not declare RENAME_COLUMN");
  }

  /**
   * Refuses, as {@link #ensureTable(TargetTable, Map)} would, a layout the existing target cannot be evolved to,
   * without changing anything. A host that runs the DDL elsewhere (the Flink runner: in the target's writer subtask,
   * in order with its writes) asks this first, so a refusal stops the table instead of failing the job. Read-only;
   * callable before {@link #open} and from any thread. The default accepts everything: such a writer's refusals
   * surface from {@code ensureTable} itself.
   *
   * @param renamedFrom new name to old name, empty for none
   * @throws io.tributary.sync.SchemaIncompatibleException when {@code ensureTable} would refuse the layout
   */
  default void checkTable(TargetTable table, Map<String, String> renamedFrom) {
  }

  /**
   * How {@code table}'s rows may be spread over writers of a group working side by side (see {@link WriteShards});
   * read-only, callable before {@link #open} and from any thread, like {@link #checkTable}. The default is one shard.
   * A writer answering more than one must honour {@link WriterContext#group}.
   */
  default WriteShards shards(TargetTable table) {
    return WriteShards.ONE;
  }

  /** Applies upserts and deletes to the target table, in batch order. */
  void write(String target, RowBatch batch);

  /**
   * Appends rows (with their sequence numbers) and tombstones to a staging area of the target; creates it. Snapshot
   * chunks' rows are marked ({@link RowBatch#isSnapshot}): a writer may write them straight into a target that held
   * no rows when the staging area's first write came (nothing there to keep unaffected or to replace), provided the
   * merge then applies every staged log change over them. That keeps the sequence rule: the newest staged log change
   * of a key is the key's newest state, whether or not the snapshot already reflects it (see docs/design.md).
   */
  void writeStaging(String target, String staging, RowBatch batch);

  /**
   * Folds a staging area into the target (highest sequence number per key wins) and drops the staging area, in the
   * next commit. The pipeline checkpoints right after a merge, before any other call on the target, so a writer
   * need not remember the merge's output for a later scoped delete of the same interval; and right before a merge
   * when anything was written since the last checkpoint, so a merge finds every earlier write committed and a writer
   * need not remember the rows of the interval for the merge's lookups and scoped deletes.
   *
   * @param replaceScope target rows to delete before the merge: {@link RowFilter#all()} to overwrite the table,
   *                     a filter on extended fields to overwrite one source table's rows, or null for an upsert
   *                     merge that deletes nothing else
   */
  void mergeStaging(String target, String staging, RowFilter replaceScope);

  /** Drops a staging area without merging it (e.g. a re-sync was cancelled); no-op when absent. */
  void dropStaging(String target, String staging);

  /** Deletes the target rows matching {@code filter}, in the next commit. */
  void deleteWhere(String target, RowFilter filter);

  /** Flushes everything written since the last prepare and returns what {@link #commit} needs to publish it. */
  byte[] prepareCommit(long checkpointId);

  /** Publishes checkpoint {@code checkpointId}'s writes; a no-op if it is already committed. */
  void commit(long checkpointId, byte[] committable);

  /**
   * The factory for every thread this writer starts from now on (e.g. a table format's compaction workers), so a
   * host's {@code SyncPipeline.builder().threadFactory(...)} covers them too; the threads carry the pipeline's MDC
   * key. Called once, when the pipeline is built. The default ignores it: a writer without threads needs nothing.
   */
  default void useThreadFactory(java.util.concurrent.ThreadFactory threads) {
  }

  /** Releases resources; uncommitted writes are discarded. Idempotent. */
  @Override
  void close();
}
