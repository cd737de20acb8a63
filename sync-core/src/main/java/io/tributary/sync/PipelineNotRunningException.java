package io.tributary.sync;

/**
 * An operation that needs a running pipeline (resync, catch-up, pause, resume, prioritize, awaiting it) was asked of
 * one that is not: not started yet, starting, stopped or failed. The message names the state and what to do.
 */
public class PipelineNotRunningException extends IllegalStateException {

  private static final long serialVersionUID = 1L;

  private final PipelineState state;

  public PipelineNotRunningException(String message, PipelineState state) {
    super(message);
    this.state = state;
  }

  /** The pipeline's state when the operation was refused. */
  public PipelineState state() {
    return state;
  }
}
