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
 * @param group null for a writer alone; else its part of a group of writers sharing targets by shard (the Flink
 *              runner's writer subtasks, see {@link WriteShards.Group})
 */
public record WriterContext(String pipelineName, long restoredCheckpointId, byte[] restoredCommittable,
    WriteShards.Group group) {

  public WriterContext {
    Objects.requireNonNull(pipelineName, "pipelineName");
  }

  /** A writer alone. */
  public WriterContext(String pipelineName, long restoredCheckpointId, byte[] restoredCommittable) {
    this(pipelineName, restoredCheckpointId, restoredCommittable, null);
  }
}
