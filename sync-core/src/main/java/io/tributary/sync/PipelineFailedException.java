package io.tributary.sync;

import java.util.Objects;

/**
 * Thrown to a caller waiting on a pipeline ({@link SyncPipeline#awaitCaughtUp}, {@link SyncPipeline#awaitRunning})
 * when the pipeline has failed: it carries the failure as its cause and the failure's {@link ErrorCode}, the same as
 * {@link PipelineStatus#failureCause()} and {@link PipelineStatus#failureCode()}.
 */
public class PipelineFailedException extends SyncException {

  private static final long serialVersionUID = 1L;

  private final String pipeline;

  public PipelineFailedException(String pipeline, ErrorCode code, Throwable cause) {
    super(code, "pipeline " + pipeline + " failed [" + code + "]: " + (cause.getMessage() == null ? cause.toString()
        : cause.getMessage()) + " (fix: " + code.fix() + ")", Objects.requireNonNull(cause, "cause"));
    this.pipeline = pipeline;
  }

  /** The failed pipeline's name. */
  public String pipeline() {
    return pipeline;
  }
}
