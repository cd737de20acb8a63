package io.tributary.paimon.internal;

import io.tributary.sync.event.Row;
import io.tributary.sync.event.RowFilter;
import io.tributary.sync.spi.TargetTable;
import java.util.List;
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

  Result merge(TargetTable target, TableSink targetSink, TableSink staging, RowFilter replaceScope,
      long earlyIdentifier) {
    if (staging != null) {
      List<CommitMessage> messages;
      try {
        messages = staging.prepare(earlyIdentifier);
      } catch (Exception e) {
        throw retry.wrap("flush staging table " + staging.name(), e);
      }
      retry.call("commit staging table " + staging.name() + " before merging it",
          () -> staging.commit(earlyIdentifier, messages));
    }
    long deletes = 0;
    if (replaceScope != null) {
      deletes = retry.call("[" + pipeline + "] delete " + target.name() + " rows matching " + replaceScope,
          () -> ScopedDelete.apply(targetSink, target, replaceScope));
    }
    if (staging == null) {
      return new Result(deletes, 0, 0);
    }
    long[] counts = new long[2];
    RowConverter conv = staging.converter();
    int tombstonePos = staging.table().rowType().getFieldIndex(Tables.TOMBSTONE);
    Exception[] failure = {null};
    try {
      staging.readCommitted(internal -> {
        if (failure[0] != null) {
          return;
        }
        boolean tombstone = internal.getBoolean(tombstonePos);
        Row row = conv.toCore(internal);
        try {
          targetSink.writeUnremembered(row, tombstone);
        } catch (Exception e) {
          failure[0] = e;
        }
        counts[tombstone ? 1 : 0]++;
      });
    } catch (Exception e) {
      throw retry.wrap("read staging table " + staging.name(), e);
    }
    if (failure[0] != null) {
      throw retry.wrap("merge staging table " + staging.name() + " into " + target.name(), failure[0]);
    }
    return new Result(deletes, counts[0], counts[1]);
  }
}
