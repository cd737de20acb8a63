package io.tributary.sync.internal;

import io.tributary.sync.SyncEvent;
import io.tributary.sync.spi.SyncListener;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the pipeline's events to its listeners on one notifier thread, in order, so a slow or failing listener
 * never stalls the data or the engine's lock. Why its own class: event delivery is a service the engine's operations,
 * its supervision and its runs all use, and none of their decisions.
 */
final class ListenerNotifier {

  private static final Logger LOG = LoggerFactory.getLogger(ListenerNotifier.class);

  private final PipelineConfig config;
  private final ExecutorService notifier;

  ListenerNotifier(PipelineConfig config, ThreadFactory threads) {
    this.config = config;
    this.notifier = Executors.newSingleThreadExecutor(threads);
  }

  /** Queues {@code event} for every listener; after {@link #shutdown()} it is logged at DEBUG and dropped. */
  void emit(SyncEvent event) {
    for (SyncListener l : config.listeners()) {
      try {
        notifier.execute(() -> {
          try {
            l.onEvent(event);
          } catch (RuntimeException e) {
            LOG.warn("[{}] listener failed on {}: {}", config.name(), event.getClass().getSimpleName(),
                e.toString());
          }
        });
      } catch (java.util.concurrent.RejectedExecutionException e) {
        LOG.debug("[{}] listener event after close: {}", config.name(), event);
      }
    }
  }

  void shutdown() {
    notifier.shutdown();
  }
}
