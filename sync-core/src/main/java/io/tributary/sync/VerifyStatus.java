package io.tributary.sync;

import io.tributary.sync.event.TableId;
import java.time.Instant;
import java.util.List;

/**
 * A table's latest verification, in {@link PipelineStatus#verifications()}.
 *
 * @param table        the source table
 * @param state        where it stands
 * @param chunksDone   key ranges compared so far (those of a resumed run included)
 * @param chunksTotal  key ranges planned (grows while a resumed run plans the rest), 0 before planning
 * @param mismatches   mismatched chunks found so far
 * @param failure      why it failed, when {@code state == FAILED}
 * @param startedAt    when it started
 * @param finishedAt   when it finished or failed, else null
 */
public record VerifyStatus(TableId table, State state, int chunksDone, int chunksTotal,
    List<VerifyReport.ChunkMismatch> mismatches, String failure, Instant startedAt, Instant finishedAt) {

  public VerifyStatus {
    mismatches = List.copyOf(mismatches);
  }

  /** A verification's state. */
  public enum State {
    /** Comparing chunks. */
    VERIFYING,
    /** Catching up mismatched chunks, then comparing them again. */
    REPAIRING,
    /** Finished; the report's {@code clean()} tells the outcome. */
    DONE,
    /** Stopped by an error (the pipeline stopped, the table left STREAMING, ...); a later verify resumes. */
    FAILED
  }
}
