package io.tributary.benchmarks.e2e;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;

/**
 * Waits for this JVM's Paimon compactions to finish, so a Paimon phase's CPU counts the compaction its writes
 * caused. Both sides of the comparison leave one running when their rows become visible: the raw write's last
 * commits trigger one, and Tributary's hand-over compaction of a filled table starts at the checkpoint after the
 * merge and runs in the background ({@code FillCompaction.steady}). Compaction threads are recognized by name:
 * Paimon's own ({@code <thread>-compaction-...}) and Tributary's ({@code ...-compaction}).
 */
final class Compactions {

  /** Idle this long (longer than the suite's commit interval, after which the next checkpoint starts one). */
  private static final long QUIET_NANOS = 600_000_000L;
  private static final long POLL_MILLIS = 20;

  private Compactions() {
  }

  /** Returns once no compaction thread has run for {@link #QUIET_NANOS}; throws after {@code timeoutSeconds}. */
  static void awaitIdle(long timeoutSeconds) throws InterruptedException {
    var threads = ManagementFactory.getThreadMXBean();
    long deadline = System.nanoTime() + timeoutSeconds * 1_000_000_000L;
    long quietSince = System.nanoTime();
    while (System.nanoTime() - quietSince < QUIET_NANOS) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("compactions still running after " + timeoutSeconds + " s");
      }
      Thread.sleep(POLL_MILLIS);
      for (ThreadInfo t : threads.getThreadInfo(threads.getAllThreadIds(), 12)) {
        if (t != null && t.getThreadName().contains("compaction") && working(t)) {
          quietSince = System.nanoTime();
          break;
        }
      }
    }
  }

  /** Runnable or blocked outside the pool's queue (a thread waiting for its next task is idle). */
  private static boolean working(ThreadInfo t) {
    if (t.getThreadState() == Thread.State.RUNNABLE) {
      return true;
    }
    for (StackTraceElement frame : t.getStackTrace()) {
      String c = frame.getClassName();
      if (c.endsWith("ThreadPoolExecutor") && frame.getMethodName().equals("getTask")) {
        return false;
      }
      if (c.endsWith("LinkedBlockingQueue") || c.endsWith("DelayedWorkQueue")) {
        return false;
      }
    }
    return true;
  }
}
