package io.tributary.sync.internal;

import io.tributary.sync.PipelineState;
import io.tributary.sync.PipelineStatus;
import io.tributary.sync.SyncEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Status, checkpoint events and latency alerts of a {@link FlinkHost}'s decider: what {@code PipelineEngine} and its
 * {@link StatusTracker} give an embedded pipeline ({@code SyncPipeline.status()}, its listeners' checkpoint and
 * latency events), for a host that runs the decider itself. Same tracker, same rules; the host has no reader
 * latency or work-queue figures of its own: a source's read latency is unknown (-1), its buffered bytes 0.
 * Single-threaded for
 * {@link #publish} and {@link #committed}; {@link #status} may be read from any thread.
 */
public final class FlinkStatus {

  private final PipelineConfig config;
  private final StatusTracker tracker;

  public FlinkStatus(PipelineConfig config) {
    this.config = config;
    this.tracker = new StatusTracker(config);
  }

  /** Publishes the decider's state now (as the embedded run does after an input's effects). */
  public void publish(FlinkHost host) {
    tracker.publish(view(host));
  }

  /** The decider's view, with each source's read latency unknown (the readers run elsewhere). */
  private RunView view(FlinkHost host) {
    RunView v = host.view();
    List<Long> unknown = new ArrayList<>();
    v.sources().forEach(s -> unknown.add(-1L));
    return v.withRuntime(new RunView.Runtime(0, List.copyOf(unknown), 0), false);
  }

  /**
   * The decider's checkpoint {@code id} is committed in the target at {@code at} (call after the decider was told):
   * the status records it, and the events an embedded pipeline emits for it come back, in order: the
   * {@link SyncEvent.CheckpointCompleted} and the latency alerts it raises or clears.
   */
  public List<SyncEvent> committed(FlinkHost host, long id, Instant at) {
    tracker.checkpointed(id, at);
    RunView view = view(host);
    tracker.publish(view);
    List<SyncEvent> out = new ArrayList<>();
    out.add(new SyncEvent.CheckpointCompleted(config.name(), at, id, 0));
    out.addAll(tracker.latencyAlerts(view, at));
    return out;
  }

  /**
   * What a verification of {@code table} needs, from the last published state (immutable: callable on any thread, as
   * the embedded engine's query is).
   *
   * @throws IllegalStateException when nothing was published yet (the decider has not started)
   */
  public VerifyView verifyView(io.tributary.sync.event.TableId table) {
    RunView view = tracker.lastView();
    if (view == null) {
      throw new IllegalStateException("the job's decider has not started yet");
    }
    return VerifyView.of(config, view, table);
  }

  /** The latest published status, as {@code SyncPipeline.status()} shows it in {@code state}. */
  public PipelineStatus status(PipelineState state) {
    return tracker.current(state);
  }
}
