package io.tributary.sync.internal;

import io.tributary.sync.PipelineStatus;
import io.tributary.sync.TablePhase;
import io.tributary.sync.event.TableId;
import io.tributary.sync.spi.SnapshotChunk;
import java.util.HashMap;
import java.util.Map;

/**
 * Per-table lag and snapshot progress for status: read lag, end-to-end latency, percent done and an ETA from the
 * rate observed since the sync began. Used on the sink thread only (it remembers where each sync started).
 */
final class TableProgress {

  /** Where a sync's progress stood when status first saw it: the origin of its rate. */
  private record Start(long generation, int chunks, long at, double percent) {
  }

  private final Map<TableId, Start> starts = new HashMap<>();

  /** @param sourceTime the commit time of the newest event the table's source delivered, or -1 */
  static PipelineStatus.Lag lag(RunView.Table t, long sourceTime, long now) {
    long read = Math.max(t.readCommitTime(), sourceTime);
    long readLag = read < 0 ? -1 : Math.max(0, now - read);
    if (t.phase() == TablePhase.PAUSED || t.phase() == TablePhase.PENDING || t.phase() == TablePhase.BLACKLISTED) {
      return new PipelineStatus.Lag(readLag, -1);
    }
    long invisible = t.oldestInvisibleCommitTime();
    return new PipelineStatus.Lag(readLag, invisible < 0 ? readLag : Math.max(0, now - invisible));
  }

  PipelineStatus.SnapshotProgress snapshot(RunView.Table t, long now) {
    if (!t.phase().staging()) {
      starts.remove(t.id());
      return switch (t.phase()) {
        case BLACKLISTED -> PipelineStatus.SnapshotProgress.NONE;
        case PENDING -> new PipelineStatus.SnapshotProgress(0, -1, -1);
        default -> PipelineStatus.SnapshotProgress.DONE;
      };
    }
    long estimate = 0;
    long estimatedDone = 0;
    for (SnapshotChunk c : t.chunks()) {
      if (estimate >= 0) {
        estimate = c.estimatedRows() < 0 ? -1 : estimate + c.estimatedRows();
        estimatedDone += t.done().get(c.index()) ? Math.max(0, c.estimatedRows()) : 0;
      }
    }
    int total = t.chunks().size();
    estimate = total == 0 ? -1 : estimate;
    double percent;
    if (total > 0 && t.snapshotComplete()) {
      percent = 100;
    } else if (total == 0) {
      percent = 0;
    } else if (estimate > 0) {
      // Rows read so far (a resumed sync's earlier chunks count by their estimate); an estimate can be low, so
      // below 100 until the last chunk is done.
      percent = Math.min(99, 100.0 * Math.max(t.snapshotRows(), estimatedDone) / estimate);
    } else {
      percent = 100.0 * t.done().cardinality() / total;
    }
    Start start = starts.get(t.id());
    if (start == null || start.generation() != t.generation() || start.chunks() != total) {
      start = new Start(t.generation(), total, now, percent);
      starts.put(t.id(), start);
    }
    long eta = -1;
    if (percent >= 100) {
      eta = 0;
    } else if (percent > start.percent() && now > start.at()) {
      double perMilli = (percent - start.percent()) / (now - start.at());
      eta = Math.round((100 - percent) / perMilli);
    }
    return new PipelineStatus.SnapshotProgress(percent, eta, estimate);
  }

  /** Forgets tables no longer in the run. */
  void retain(java.util.Set<TableId> tables) {
    starts.keySet().retainAll(tables);
  }
}
