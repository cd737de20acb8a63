package io.tributary.sync.spi;

import io.tributary.sync.event.ChangeEvent;
import io.tributary.sync.event.SourcePosition;
import java.time.Duration;
import java.util.List;

/**
 * An open read of one source's change log, from a start position, in log order.
 *
 * <p>Threading: {@link #poll} and {@link #startPosition} are called by the pipeline's one reader thread for this
 * source; {@link #acknowledge} by the checkpoint thread; {@link #close} by either, and must make a blocked
 * {@code poll} return.
 */
public interface LogStream extends AutoCloseable {

  /** The position the read started from, resolved (a concrete position even when started at "latest"). */
  SourcePosition startPosition();

  /**
   * The next events in log order, waiting at most {@code timeout} for the first one; empty when there is none.
   * While idle the stream returns {@link io.tributary.sync.event.Heartbeat}s at its heartbeat interval. The
   * returned list belongs to the caller.
   *
   * @throws io.tributary.sync.SyncException on a read failure; {@link io.tributary.sync.SyncException#isRetriable()}
   *     tells whether reopening from the last position may succeed
   */
  List<ChangeEvent> poll(Duration timeout) throws InterruptedException;

  /**
   * Everything up to and including {@code position} is durable in the target and covered by a saved checkpoint:
   * the source may release it (PostgreSQL confirms the flushed LSN on the slot). Never called with a position
   * the stream has not returned.
   */
  default void acknowledge(SourcePosition position) {
  }

  /** Stops reading and frees the connection; idempotent. */
  @Override
  void close();
}
