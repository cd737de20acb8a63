package io.tributary.sync;

import io.tributary.sync.event.TableId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A consistent snapshot of a pipeline's state and metrics (published by the pipeline at least every 200 ms and at
 * every transition).
 *
 * @param name             pipeline name
 * @param state            life-cycle state
 * @param phase            the operating manual's phase: initialization, full sync, incremental
 * @param failure          why the pipeline failed (the cause's message), when {@code state == FAILED}
 * @param failureCause     the failure itself when {@code state == FAILED} (a {@link SyncException} unless a bug);
 *                         otherwise the latest failover's cause while failing over (until a checkpoint), else null
 * @param failureCode      the code (its action and fix) of {@code failureCause}, else null
 * @param tables           per source table
 * @param sources          per source
 * @param recordsRead      changes and snapshot rows read since start
 * @param recordsWritten   rows handed to the writer since start
 * @param readRate         records read per second over the last window
 * @param writeRate        records written per second over the last window
 * @param failovers        failovers since start
 * @param lastCheckpointId id of the last completed checkpoint, 0 if none
 * @param lastCheckpointAt when it completed, or null
 * @param bufferedBytes    estimated bytes of changes and snapshot rows waiting between readers and the writer
 *                         (bounded by {@code bufferMemoryBytes})
 * @param verifications    per table, its latest verification since the pipeline was built (running or finished)
 */
public record PipelineStatus(String name, PipelineState state, Phase phase, String failure, Throwable failureCause,
    ErrorCode failureCode, List<TableStatus> tables,
    Map<String, SourceStatus> sources, long recordsRead, long recordsWritten, double readRate, double writeRate,
    int failovers, long lastCheckpointId, Instant lastCheckpointAt, long bufferedBytes,
    Map<TableId, VerifyStatus> verifications) {

  public PipelineStatus {
    verifications = Map.copyOf(verifications);
  }

  /** A status without verifications. */
  public PipelineStatus(String name, PipelineState state, Phase phase, String failure, Throwable failureCause,
      ErrorCode failureCode, List<TableStatus> tables, Map<String, SourceStatus> sources, long recordsRead,
      long recordsWritten, double readRate, double writeRate, int failovers, long lastCheckpointId,
      Instant lastCheckpointAt, long bufferedBytes) {
    this(name, state, phase, failure, failureCause, failureCode, tables, sources, recordsRead, recordsWritten,
        readRate, writeRate, failovers, lastCheckpointId, lastCheckpointAt, bufferedBytes, Map.of());
  }

  /** This status with these verifications. */
  public PipelineStatus withVerifications(Map<TableId, VerifyStatus> value) {
    return new PipelineStatus(name, state, phase, failure, failureCause, failureCode, tables, sources, recordsRead,
        recordsWritten, readRate, writeRate, failovers, lastCheckpointId, lastCheckpointAt, bufferedBytes, value);
  }

  /** A table's latest verification. */
  public Optional<VerifyStatus> verification(TableId id) {
    return Optional.ofNullable(verifications.get(id));
  }

  /** The phases the manual's monitoring shows. */
  public enum Phase {
    /** Not running. */
    NONE,
    /** Discovering tables, preflight, opening logs. */
    INITIALIZATION,
    /** At least one table is in full sync. */
    FULL_SYNC,
    /** Every table streams (or is paused or stopped). */
    INCREMENTAL
  }

  public Optional<TableStatus> table(TableId id) {
    return tables.stream().filter(t -> t.table().equals(id)).findFirst();
  }

  /**
   * One source table's progress.
   *
   * @param table            the source table
   * @param target           its target table
   * @param phase            its phase
   * @param reason           why it is blacklisted, or why the pipeline re-syncs it by itself (a lost log
   *                         position), else null
   * @param reasonCode       the code of that reason (its action is {@code TABLE_STOPPED}), else null
   * @param chunksDone       snapshot chunks finished in the current (re-)sync
   * @param chunksTotal      snapshot chunks planned in the current (re-)sync (0 before planning)
   * @param snapshotRows     snapshot rows read in the current (re-)sync
   * @param inserts          insert changes read from the log
   * @param updates          update changes read from the log
   * @param deletes          delete changes read from the log
   * @param rowsWritten      rows handed to the writer (target and staging)
   * @param lastPosition     the log position of the table's latest change read, or null
   * @param lastWriteTime    when the table's target was last committed with its changes, or null
   * @param dataLatencyMillis commit-to-visible: source commit to visible in the target, measured when the target was
   *                          last committed with this table's changes, for the latest change in that commit (a
   *                          change staged by a full sync counts from the merge that shows it); -1 if none
   * @param lag              how far behind the source the table is now
   * @param snapshot         progress of the current (re-)sync
   */
  public record TableStatus(TableId table, String target, TablePhase phase, String reason, ErrorCode reasonCode,
      int chunksDone,
      int chunksTotal, long snapshotRows, long inserts, long updates, long deletes, long rowsWritten,
      String lastPosition, Instant lastWriteTime, long dataLatencyMillis, Lag lag, SnapshotProgress snapshot) {

    /** This status {@code millis} later: the lags grow by it (for a reader between two publications). */
    public TableStatus aged(long millis) {
      return millis <= 0 ? this : new TableStatus(table, target, phase, reason, reasonCode, chunksDone, chunksTotal,
          snapshotRows, inserts, updates, deletes, rowsWritten, lastPosition, lastWriteTime, dataLatencyMillis,
          lag.aged(millis), snapshot);
    }
  }

  /**
   * A table's lag now, read from the pipeline's clock; -1 when unknown (nothing read yet, or the figure does not
   * apply: a paused, pending or stopped table has no end-to-end latency).
   *
   * @param readMillis      source read lag: now minus the commit time of the newest change of the table read from
   *                        the log, or of its source's newest event or heartbeat when that is newer (a quiet table
   *                        on a caught-up source is not lagging)
   * @param endToEndMillis  end-to-end latency: now minus the source commit time of the oldest change read but not
   *                        yet visible in the target (changes staged by a full sync count until its merge), or the
   *                        read lag when the target shows everything read
   */
  public record Lag(long readMillis, long endToEndMillis) {
    public static final Lag UNKNOWN = new Lag(-1, -1);

    Lag aged(long millis) {
      return new Lag(readMillis < 0 ? -1 : readMillis + millis, endToEndMillis < 0 ? -1 : endToEndMillis + millis);
    }
  }

  /**
   * Progress of a table's current (re-)sync.
   *
   * @param percent       0..100: snapshot rows read against the source's row estimate when every planned chunk
   *                      has one, else chunks done against chunks planned; 100 only once every chunk is done (and
   *                      for a table streaming with no sync running), 0 before planning; -1 for a stopped table
   * @param etaMillis     time left at the rate observed since the sync began (pipeline clock), 0 when done, -1 when
   *                      not yet known
   * @param estimatedRows the source's estimate of the rows to read, -1 when it gives none
   */
  public record SnapshotProgress(double percent, long etaMillis, long estimatedRows) {
    public static final SnapshotProgress NONE = new SnapshotProgress(-1, -1, -1);
    public static final SnapshotProgress DONE = new SnapshotProgress(100, 0, -1);
  }

  /**
   * One source's log reading.
   *
   * @param name               source name
   * @param position           position of the last change written (what a checkpoint saves), or null
   * @param committedSeq       every change with a lower sequence number is committed to the target
   * @param readLatencyMillis  wall-clock now minus the commit time of the latest change or heartbeat read
   * @param splitTransactions  source transactions this run committed in parts (each also reported as a
   *                           {@link io.tributary.sync.SyncEvent.TransactionSplit}); 0 unless a transaction outgrew
   *                           the buffer budget or a commit was needed inside one
   */
  public record SourceStatus(String name, String position, long committedSeq, long readLatencyMillis,
      long splitTransactions) {
  }
}
