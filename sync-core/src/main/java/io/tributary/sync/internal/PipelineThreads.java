package io.tributary.sync.internal;

import io.tributary.sync.LogKeys;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.MDC;

/**
 * Every thread of a pipeline, its sources' included, comes from here: made by the host's factory when it gave one
 * (else a daemon thread), named {@code tributary-<pipeline>-<role>-<n>}, and running with the pipeline's MDC keys
 * ({@link LogKeys}) so every line it logs, through SLF4J or a bridged java.util.logging, names its pipeline.
 */
final class PipelineThreads {

  private final String pipeline;
  private final ThreadFactory host;
  private final AtomicInteger count = new AtomicInteger();

  PipelineThreads(String pipeline, ThreadFactory host) {
    this.pipeline = pipeline;
    this.host = host;
  }

  /** Threads for one role; {@code source} is null for threads that serve the whole pipeline. */
  ThreadFactory forRole(String role, String source) {
    return r -> {
      Runnable withKeys = () -> {
        MDC.put(LogKeys.PIPELINE, pipeline);
        if (source != null) {
          MDC.put(LogKeys.SOURCE, source);
        }
        try {
          r.run();
        } finally {
          MDC.clear(); // a host's pooled thread must not keep our keys
        }
      };
      Thread t = host != null ? host.newThread(withKeys) : new Thread(withKeys);
      if (host == null) {
        t.setDaemon(true);
      }
      t.setName("tributary-" + pipeline + "-" + role + "-" + count.incrementAndGet());
      return t;
    };
  }
}
