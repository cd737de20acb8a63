package io.tributary.sync.spi;

import io.tributary.sync.SyncEvent;

/**
 * Receives a pipeline's {@link SyncEvent}s: phase changes, checkpoints, failovers, stopped tables, latency alerts
 * and failure. Called on the pipeline's notifier thread, one event at a time in order; a slow or failing listener
 * delays only other listeners' events, never the pipeline. Exceptions are logged and ignored.
 */
@FunctionalInterface
public interface SyncListener {

  void onEvent(SyncEvent event);
}
