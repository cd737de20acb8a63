package io.tributary.sync;

/** Life cycle of a pipeline. {@code STOPPED} keeps checkpoints; {@code FAILED} holds the cause in the status. */
public enum PipelineState {
  CREATED, STARTING, RUNNING, STOPPING, STOPPED, FAILED;

  /** Whether the pipeline can be started from this state. */
  public boolean canStart() {
    return this == CREATED || this == STOPPED || this == FAILED;
  }
}
