package io.tributary.sync.spi;

import java.util.Objects;

/**
 * What a writer learns when a pipeline run opens it.
 *
 * @param pipelineName the pipeline's name; writers derive a stable commit user from it
 * @param restoredCheckpointId the id of the checkpoint the run resumes from, or 0 for a fresh start
 * @param restoredCommittable the committable saved with that checkpoint (from {@link ChangeWriter#prepareCommit}),
 *                            or null; the writer must make sure it is committed (idempotently) before returning
 *                            from {@link ChangeWriter#open}
 */
public record WriterContext(String pipelineName, long restoredCheckpointId, byte[] restoredCommittable) {

  public WriterContext {
    Objects.requireNonNull(pipelineName, "pipelineName");
  }
}
