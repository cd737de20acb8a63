package io.tributary.sync.testing;

import io.tributary.sync.SyncPipeline;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.time.Duration;

/**
 * Test support for connector modules: abandons a pipeline as a process crash would (no final checkpoint).
 *
 * <p>{@code SyncPipeline.kill()} is package-private on purpose (a crash is not an API), and this fixture cannot sit
 * in {@code io.tributary.sync}: that package belongs to the named module {@code io.tributary.sync}, so a test-jar
 * class in it would be invisible to tests running on the module path. It calls the method reflectively instead;
 * tests of a named module open the package to the class path in their test JVM only
 * ({@code --add-opens io.tributary.sync/io.tributary.sync=ALL-UNNAMED}, see sync-postgres' pom).
 */
public final class PipelineCrash {

  private static final Method KILL = killMethod();

  private PipelineCrash() {
  }

  public static void kill(SyncPipeline pipeline) {
    try {
      KILL.invoke(pipeline);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(e.getCause());
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
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
    kill(pipeline);
  }

  private static Method killMethod() {
    try {
      Method m = SyncPipeline.class.getDeclaredMethod("kill");
      m.setAccessible(true);
      return m;
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException("SyncPipeline.kill() is gone: update this crash fixture", e);
    }
  }
}
