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
   * Kills the pipeline once it has completed {@code checkpoints} checkpoints and read {@code records} records (log
   * events and snapshot rows) in this run: a crash at a seeded point of its progress rather than of the clock. A
   * pipeline that stops running first (a crash injected elsewhere, a failure) is killed then.
   *
   * @return the status that met the condition, read right before the kill: the crash lands at least that far (its
   *     phase, checkpoint and records tell a test where it crashed; the run may have moved on a little since)
   */
  public static PipelineStatus killAt(SyncPipeline pipeline, long checkpoints, long records) {
    PipelineStatus[] at = new PipelineStatus[1];
    awaitQuietly(() -> {
      PipelineStatus s = pipeline.status();
      at[0] = s;
      return s.lastCheckpointId() >= checkpoints && s.recordsRead() >= records || !running(pipeline);
    });
    kill(pipeline);
    return at[0];
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
