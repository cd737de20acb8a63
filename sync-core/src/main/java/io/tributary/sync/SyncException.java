package io.tributary.sync;

import java.util.Objects;

/**
 * The root of run-time failures of a pipeline. Messages say what went wrong, the offending value, and what to do;
 * {@link #code()} is the stable {@link ErrorCode} a host switches on.
 *
 * <p>{@link #isRetriable()} tells the pipeline whether a failover (reconnect and resume from the last checkpoint,
 * with backoff) may succeed; it follows the code's {@link ErrorCode#action() action}. A non-retriable failure fails
 * the pipeline or, for table-level causes, stops the table.
 */
public class SyncException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final ErrorCode code;

  public SyncException(ErrorCode code, String message, Throwable cause) {
    super(message, cause);
    this.code = Objects.requireNonNull(code, "code");
  }

  public SyncException(ErrorCode code, String message) {
    this(code, message, null);
  }

  /**
   * A failure without a specific code: {@link ErrorCode#TRANSIENT} when retriable, else {@link ErrorCode#INTERNAL}.
   *
   * @deprecated give the failure its {@link ErrorCode}: {@link #SyncException(ErrorCode, String, Throwable)}
   */
  @Deprecated
  public SyncException(String message, Throwable cause, boolean retriable) {
    this(retriable ? ErrorCode.TRANSIENT : ErrorCode.INTERNAL, message, cause);
  }

  /** @deprecated give the failure its {@link ErrorCode}: {@link #SyncException(ErrorCode, String)} */
  @Deprecated
  public SyncException(String message, boolean retriable) {
    this(message, null, retriable);
  }

  /** A failure with this code; {@code cause} may be null. */
  public static SyncException of(ErrorCode code, String message, Throwable cause) {
    return new SyncException(code, message, cause);
  }

  /**
   * A failure worth a failover, not classified further.
   *
   * @deprecated give the failure its {@link ErrorCode}: {@link #of(ErrorCode, String, Throwable)}
   */
  @Deprecated
  public static SyncException retriable(String message, Throwable cause) {
    return new SyncException(ErrorCode.TRANSIENT, message, cause);
  }

  /**
   * A failure that will recur, not classified further.
   *
   * @deprecated give the failure its {@link ErrorCode}: {@link #of(ErrorCode, String, Throwable)}
   */
  @Deprecated
  public static SyncException fatal(String message, Throwable cause) {
    return new SyncException(ErrorCode.INTERNAL, message, cause);
  }

  /** The stable code: what kind of failure this is and what to do about it ({@link ErrorCode#fix()}). */
  public ErrorCode code() {
    return code;
  }

  public boolean isRetriable() {
    return code.retriable();
  }
}
