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
 */
public record PipelineStatus(String name, PipelineState state, Phase phase, String failure, Throwable failureCause,
    ErrorCode failureCode, List<TableStatus> tables,
    Map<String, SourceStatus> sources, long recordsRead, long recordsWritten, double readRate, double writeRate,
    int failovers, long lastCheckpointId, Instant lastCheckpointAt, long bufferedBytes) {

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
   * @param dataLatencyMillis source commit to visible in the target for the latest committed change, -1 if none
   */
  public record TableStatus(TableId table, String target, TablePhase phase, String reason, ErrorCode reasonCode,
      int chunksDone,
      int chunksTotal, long snapshotRows, long inserts, long updates, long deletes, long rowsWritten,
      String lastPosition, Instant lastWriteTime, long dataLatencyMillis) {
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
