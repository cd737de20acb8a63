package io.tributary.paimon.internal;

import io.tributary.sync.ErrorCode;
import io.tributary.sync.SyncException;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retries idempotent storage operations (commits, catalog calls, reads) with exponential backoff. Failures caused by
 * an {@link IOException} anywhere in the cause chain count as transient; when they persist they surface as a
 * retriable {@link SyncException} so the pipeline fails over from its last checkpoint. Anything else is fatal at once.
 *
 * <p>Writes into a Paimon writer are not retried here: a failed flush leaves the writer's state unknown, so the
 * pipeline must fail over and replay from the checkpoint instead.
 */
public final class Retry {

  private static final Logger LOG = LoggerFactory.getLogger(Retry.class);

  private final String pipeline;
  private final int attempts;
  private final Duration backoff;

  public Retry(String pipeline, int attempts, Duration backoff) {
    this.pipeline = pipeline;
    this.attempts = attempts;
    this.backoff = backoff;
  }

  /** Runs {@code action}, retrying transient failures. */
  public <T> T call(String what, Callable<T> action) {
    long sleep = backoff.toMillis();
    for (int attempt = 1; ; attempt++) {
      try {
        return action.call();
      } catch (SyncException e) {
        throw e;
      } catch (Exception e) {
        if (!isTransient(e)) {
          throw SyncException.of(ErrorCode.STORAGE_FAILED, "[" + pipeline + "] " + what + " failed: " + e, e);
        }
        if (attempt >= attempts) {
          throw SyncException.of(ErrorCode.STORAGE_UNAVAILABLE, "[" + pipeline + "] " + what + " failed " + attempts
              + " times with a storage error; the pipeline will fail over and retry from its checkpoint: " + e, e);
        }
        LOG.warn("[{}] {} failed (attempt {}/{}), retrying in {} ms: {}", pipeline, what, attempt, attempts, sleep,
            e.toString());
        sleepQuietly(sleep);
        sleep = Math.min(sleep * 2, 30_000);
      }
    }
  }

  /** Runs {@code action}, retrying transient failures. */
  public void run(String what, ThrowingRunnable action) {
    call(what, () -> {
      action.run();
      return null;
    });
  }

  /** Wraps a failure of a non-retried operation: storage errors are retriable (fail over), others fatal. */
  public SyncException wrap(String what, Exception e) {
    if (e instanceof SyncException se) {
      return se;
    }
    String message = "[" + pipeline + "] " + what + " failed: " + e;
    return SyncException.of(isTransient(e) ? ErrorCode.STORAGE_UNAVAILABLE : ErrorCode.STORAGE_FAILED, message, e);
  }

  static boolean isTransient(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof IOException) {
        return true;
      }
    }
    return false;
  }

  private static void sleepQuietly(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException ie) {
      Thread.currentThread().interrupt();
      throw SyncException.of(ErrorCode.INTERRUPTED, "interrupted while waiting to retry a storage operation", ie);
    }
  }

  /** A storage action without a result. */
  @FunctionalInterface
  public interface ThrowingRunnable {
    void run() throws Exception;
  }
}
