package io.tributary.sync.internal;

import io.tributary.sync.SyncEvent;
import java.time.Instant;
import java.util.concurrent.ThreadFactory;

/** What a {@link PipelineRun} reports to its engine. Called on the sink thread. */
interface RunContext {

  ThreadFactory threads(String role);

  /** Threads working for one source: their log lines carry its name too. */
  ThreadFactory threads(String role, String source);

  void emit(SyncEvent event);

  /** Initialization is over; data flows. */
  void running();

  /** Checkpoint {@code id} was committed at {@code at}; {@code view} is the run's state after it. */
  void checkpointed(long id, Instant at, RunView view);

  /** Publishes the status of a run: the decider's state and the runtime's, as {@code view}. */
  void publish(RunView view);
}
