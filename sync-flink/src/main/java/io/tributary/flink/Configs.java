package io.tributary.flink;

import io.tributary.sync.SyncPipeline;
import io.tributary.sync.internal.FlinkHost;
import io.tributary.sync.internal.PipelineConfig;

final class Configs {

  private Configs() {
  }

  /** The configuration {@code definition} builds, with new source and writer instances (no I/O). */
  static PipelineConfig of(Definition definition) {
    return FlinkHost.config(definition.configure(SyncPipeline.builder()));
  }

  static void closeQuietly(AutoCloseable c) {
    try {
      if (c != null) {
        c.close();
      }
    } catch (Exception e) {
      org.slf4j.LoggerFactory.getLogger(Configs.class).debug("closing {}: {}", c, e.toString());
    }
  }
}
