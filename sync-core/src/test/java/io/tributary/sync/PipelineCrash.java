package io.tributary.sync;

/** Test support for connector modules: abandons a pipeline as a process crash would (no final checkpoint). */
public final class PipelineCrash {

  private PipelineCrash() {
  }

  public static void kill(SyncPipeline pipeline) {
    pipeline.kill();
  }
}
