package io.tributary.sync.testing;

import io.tributary.sync.PipelineState;
import io.tributary.sync.PipelineStatus;
import io.tributary.sync.SyncPipeline;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

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
   * full sync), then {@code extra} more time, then kills it. The extra time is the crash's random moment, as a
   * {@code kill -9} comes at a time and not at a step of the engine: nothing waits for it to have happened. (A crash
   * at a chosen point of progress instead: {@link #killAt}.) If the checkpoints do not come within two minutes, or
   * the pipeline stops running, it is killed then.
   */
  public static void killAfter(SyncPipeline pipeline, int checkpoints, Duration extra) throws InterruptedException {
    awaitQuietly(() -> pipeline.status().lastCheckpointId() >= checkpoints || !running(pipeline));
    Thread.sleep(extra.toMillis());
    kill(pipeline);
  }

  /**
   * Kills the pipeline once it has completed {@code checkpoints} checkpoints and read {@code records} records (log
   * events and snapshot rows) in this run: a crash at a seeded point of its progress rather than of the clock. A
   * pipeline that stops running first (a crash injected elsewhere, a failure) is killed then.
   */
  public static void killAt(SyncPipeline pipeline, long checkpoints, long records) {
    awaitQuietly(() -> {
      PipelineStatus s = pipeline.status();
      return s.lastCheckpointId() >= checkpoints && s.recordsRead() >= records || !running(pipeline);
    });
    kill(pipeline);
  }

  private static boolean running(SyncPipeline pipeline) {
    PipelineState state = pipeline.status().state();
    return state == PipelineState.STARTING || state == PipelineState.RUNNING || state == PipelineState.CREATED;
  }

  private static void awaitQuietly(java.util.concurrent.Callable<Boolean> done) {
    try {
      Awaitility.await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(5)).until(done);
    } catch (ConditionTimeoutException e) {
      // the crash comes anyway: the test after it shows whether the pipeline got where it should have
    }
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
