package io.tributary.sync;

/**
 * The root of run-time failures of a pipeline. Messages say what went wrong, the offending value, and what to do.
 *
 * <p>{@link #isRetriable()} tells the pipeline whether a failover (reconnect and resume from the last checkpoint,
 * with backoff) may succeed; a non-retriable failure fails the pipeline or, for table-level causes, stops the table.
 */
public class SyncException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final boolean retriable;

  public SyncException(String message, Throwable cause, boolean retriable) {
    super(message, cause);
    this.retriable = retriable;
  }

  public SyncException(String message, boolean retriable) {
    this(message, null, retriable);
  }

  /** A failure worth a failover: a lost connection, a timeout, a storage hiccup. */
  public static SyncException retriable(String message, Throwable cause) {
    return new SyncException(message, cause, true);
  }

  /** A failure that will recur until an operator acts, as the message says. */
  public static SyncException fatal(String message, Throwable cause) {
    return new SyncException(message, cause, false);
  }

  public boolean isRetriable() {
    return retriable;
  }
}
