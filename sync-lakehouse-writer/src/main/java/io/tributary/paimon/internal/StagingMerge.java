package io.tributary.paimon.internal;

import io.tributary.sync.event.Row;
import io.tributary.sync.event.RowFilter;
import io.tributary.sync.spi.TargetTable;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import org.apache.paimon.table.sink.CommitMessage;

/**
 * Folds a staging table into its target inside the target's current checkpoint interval.
 *
 * <ol>
 *   <li>The staging table's uncommitted rows are committed to the (hidden) staging table under an identifier just
 *       above the last checkpoint, so Paimon can read them; {@link Recovery} rolls that back if the run dies
 *       before the next checkpoint is saved.</li>
 *   <li>Target rows in the replace scope are deleted ({@link ScopedDelete}).</li>
 *   <li>The staging table is read through Paimon's merge-on-read: with {@code sequence.field = _seq} it yields one
 *       row per key, the highest {@code _seq}, ties going to the later write. A winning tombstone becomes a delete
 *       of the key in the target, any other row an upsert.</li>
 * </ol>
 * Staged updates that left columns unchanged without their values are folded in from the side table (see
 * {@link StagedUnchanged}); they are few, and held in memory for the merge.
 * All target changes go into the target's writer and are published by the next commit as one snapshot, so readers
 * see the target before or after the merge, never half of it. Memory stays bounded: both reads stream.
 */
final class StagingMerge {

  /** What a merge wrote. */
  record Result(long scopeDeletes, long upserts, long tombstones) {}

  private final Retry retry;
  private final String pipeline;

  StagingMerge(Retry retry, String pipeline) {
    this.retry = retry;
    this.pipeline = pipeline;
  }

  Result merge(TargetTable target, TableSink targetSink, TableSink staging, TableSink side, RowFilter replaceScope,
      long earlyIdentifier) {
    commitEarly(staging, earlyIdentifier);
    commitEarly(side, earlyIdentifier);
    Map<Row, NavigableMap<Long, StagedUnchanged.Partial>> partials = Map.of();
    Map<Row, Row> before = Map.of();
    if (side != null) {
      try {
        partials = StagedUnchanged.read(side, target);
      } catch (Exception e) {
        throw retry.wrap("read staged updates with unchanged columns of " + target.name(), e);
      }
      if (!partials.isEmpty()) {
        requireReadable(targetSink, target, "look up the rows whose columns staged updates left unchanged in");
      }
      try {
        before = UnchangedColumns.current(targetSink, target, partials.keySet()); // before the scope's deletes
      } catch (Exception e) {
        throw retry.wrap("read the target rows of staged updates with unchanged columns of " + target.name(), e);
      }
    }
    long deletes = 0;
    if (replaceScope != null) {
      requireReadable(targetSink, target, "delete the rows of " + replaceScope + " from");
      deletes = retry.call("[" + pipeline + "] delete " + target.name() + " rows matching " + replaceScope,
          () -> ScopedDelete.apply(targetSink, target, replaceScope));
    }
    long[] counts = new long[2];
    Exception[] failure = {null};
    if (staging != null) {
      RowConverter conv = staging.converter();
      int tombstonePos = staging.table().rowType().getFieldIndex(Tables.TOMBSTONE);
      int seqPos = staging.table().rowType().getFieldIndex(Tables.SEQ);
      int[] key = target.primaryKeyIndexes();
      Map<Row, NavigableMap<Long, StagedUnchanged.Partial>> pending = partials;
      try {
        staging.readCommitted(internal -> {
          if (failure[0] != null) {
            return;
          }
          boolean tombstone = internal.getBoolean(tombstonePos);
          Row row = conv.toCore(internal);
          try {
            NavigableMap<Long, StagedUnchanged.Partial> later = pending.isEmpty() ? null
                : pending.remove(row.project(key));
            // equal _seq: one transaction, where a partial version still staged followed the complete one
            if (later != null && !later.tailMap(internal.getLong(seqPos), true).isEmpty()) {
              row = StagedUnchanged.fold(target, row.project(key), tombstone ? null : row,
                  later.tailMap(internal.getLong(seqPos), true).values());
              tombstone = false;
            }
            targetSink.writeUnremembered(row, tombstone);
          } catch (Exception e) {
            failure[0] = e;
          }
          counts[tombstone ? 1 : 0]++;
        });
      } catch (Exception e) {
        throw retry.wrap("read staging table " + staging.name(), e);
      }
    }
    if (failure[0] == null) {
      try {
        for (Map.Entry<Row, NavigableMap<Long, StagedUnchanged.Partial>> e : partials.entrySet()) {
          targetSink.writeUnremembered(StagedUnchanged.fold(target, e.getKey(), before.get(e.getKey()),
              e.getValue().values()), false);
          counts[0]++;
        }
      } catch (Exception e) {
        failure[0] = e;
      }
    }
    if (failure[0] != null) {
      throw retry.wrap("merge staging table " + (staging == null ? side.name() : staging.name()) + " into "
          + target.name(), failure[0]);
    }
    return new Result(deletes, counts[0], counts[1]);
  }

  /**
   * Refuses to read the target while it holds direct snapshot rows written since the last prepare: the interval log
   * does not keep them (see {@link TableSink#writeDirect}), so a lookup or scoped delete would miss them. The pipeline
   * checkpoints right before a merge, so this only fails when a caller breaks that contract.
   */
  private static void requireReadable(TableSink targetSink, TargetTable target, String what) {
    if (targetSink.directSincePrepare()) {
      throw new IllegalStateException("cannot " + what + " " + target.name() + " at a merge: snapshot rows were"
          + " written straight into it since the last checkpoint and are not readable yet; the pipeline must"
          + " checkpoint right before mergeStaging when anything was written since the last checkpoint");
    }
  }

  /** Commits a staging table's uncommitted rows under {@code identifier}, so Paimon can read them. */
  private void commitEarly(TableSink staging, long identifier) {
    if (staging == null) {
      return;
    }
    List<CommitMessage> messages;
    try {
      messages = staging.prepare(identifier);
    } catch (Exception e) {
      throw retry.wrap("flush staging table " + staging.name(), e);
    }
    retry.call("commit staging table " + staging.name() + " before merging it",
        () -> staging.commit(identifier, messages));
  }
}
