package io.tributary.flink;

import io.tributary.sync.SyncEvent;
import io.tributary.sync.spi.SyncListener;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the pipeline's events to the definition's listeners (alert webhooks are listeners too) on one thread of
 * the decision operator's task, in order, as the embedded engine's notifier does: a slow or failing listener never
 * holds the decider. At least once: a restore re-applies what came after the restored checkpoint, and the events
 * of that stretch are delivered again.
 */
final class EventDelivery implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EventDelivery.class);

  private final String pipeline;
  private final List<SyncListener> listeners;
  private final ExecutorService thread;

  EventDelivery(String pipeline, List<SyncListener> listeners) {
    this.pipeline = pipeline;
    this.listeners = List.copyOf(listeners);
    this.thread = listeners.isEmpty() ? null : Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "tributary-events-" + pipeline);
      t.setDaemon(true);
      return t;
    });
  }

  void emit(SyncEvent event) {
    if (thread == null) {
      return;
    }
    try {
      thread.execute(() -> {
        for (SyncListener l : listeners) {
          try {
            l.onEvent(event);
          } catch (RuntimeException e) {
            LOG.warn("[{}] listener failed on {}: {}", pipeline, event.getClass().getSimpleName(), e.toString());
          }
        }
      });
    } catch (RejectedExecutionException e) {
      LOG.debug("[{}] event after close: {}", pipeline, event);
    }
  }

  /** Events queued so far are still delivered; none after. */
  @Override
  public void close() {
    if (thread != null) {
      thread.shutdown();
    }
  }
}
