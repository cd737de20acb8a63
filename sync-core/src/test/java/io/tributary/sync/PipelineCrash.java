package io.tributary.sync;

import java.time.Duration;

/** Test support for connector modules: abandons a pipeline as a process crash would (no final checkpoint). */
public final class PipelineCrash {

  private PipelineCrash() {
  }

  public static void kill(SyncPipeline pipeline) {
    pipeline.kill();
  }

  /**
   * Waits until the pipeline has completed {@code checkpoints} checkpoints (0: kill during start-up or the first
   * full sync), then {@code extra} more, then kills it.
   */
  public static void killAfter(SyncPipeline pipeline, int checkpoints, Duration extra) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 60_000;
    while (pipeline.status().lastCheckpointId() < checkpoints && System.currentTimeMillis() < deadline) {
      Thread.sleep(20);
    }
    Thread.sleep(extra.toMillis());
    pipeline.kill();
  }
}
