package io.tributary.sync;

import java.time.Duration;
import java.util.Objects;

/**
 * How {@link SyncPipeline#verify(io.tributary.sync.event.TableId, VerifyOptions)} runs. Immutable; start from
 * {@link #defaults()} and change what differs:
 *
 * <pre>{@code
 * pipeline.verify(table, VerifyOptions.defaults().withRepair(true).withMaxRowsPerSecond(50_000));
 * }</pre>
 *
 * @param repair           after comparing, fix the mismatched chunks through the catch-up path and check them again
 * @param maxRowsPerSecond rows read per second, source and target together (a throttle on the load verify adds to
 *                         both); 0 for no limit
 * @param chunkSize        rows per compared key range; 0 for the pipeline's {@code snapshotChunkSize}
 * @param rechecks         how many times the keys that differ in a chunk are compared again before the chunk is
 *                         reported: a key written while the chunk was being compared differs legitimately once
 * @param resume           continue an unfinished verification of the table from its last finished chunk (kept in the
 *                         pipeline's checkpoint store beside, not inside, its checkpoint); false starts over
 * @param commitTimeout    how long to wait for the pipeline to commit past a chunk's source read before giving up
 */
public record VerifyOptions(boolean repair, long maxRowsPerSecond, int chunkSize, int rechecks, boolean resume,
    Duration commitTimeout) {

  public VerifyOptions {
    if (maxRowsPerSecond < 0) {
      throw new IllegalArgumentException("maxRowsPerSecond must be >= 0 (0: no limit), got " + maxRowsPerSecond);
    }
    if (chunkSize < 0) {
      throw new IllegalArgumentException("chunkSize must be >= 0 (0: the pipeline's), got " + chunkSize);
    }
    if (rechecks < 0) {
      throw new IllegalArgumentException("rechecks must be >= 0, got " + rechecks);
    }
    Objects.requireNonNull(commitTimeout, "commitTimeout");
    if (commitTimeout.isNegative() || commitTimeout.isZero()) {
      throw new IllegalArgumentException("commitTimeout must be positive, got " + commitTimeout);
    }
  }

  /** Compare only, unthrottled, chunks of the pipeline's snapshot size, 5 rechecks, resuming, 5 min commit wait. */
  public static VerifyOptions defaults() {
    return new VerifyOptions(false, 0, 0, 5, true, Duration.ofMinutes(5));
  }

  public VerifyOptions withRepair(boolean value) {
    return new VerifyOptions(value, maxRowsPerSecond, chunkSize, rechecks, resume, commitTimeout);
  }

  public VerifyOptions withMaxRowsPerSecond(long value) {
    return new VerifyOptions(repair, value, chunkSize, rechecks, resume, commitTimeout);
  }

  public VerifyOptions withChunkSize(int value) {
    return new VerifyOptions(repair, maxRowsPerSecond, value, rechecks, resume, commitTimeout);
  }

  public VerifyOptions withRechecks(int value) {
    return new VerifyOptions(repair, maxRowsPerSecond, chunkSize, value, resume, commitTimeout);
  }

  public VerifyOptions withResume(boolean value) {
    return new VerifyOptions(repair, maxRowsPerSecond, chunkSize, rechecks, value, commitTimeout);
  }

  public VerifyOptions withCommitTimeout(Duration value) {
    return new VerifyOptions(repair, maxRowsPerSecond, chunkSize, rechecks, resume, value);
  }
}
