package io.tributary.sync.spi;

import java.time.Duration;

/**
 * How long a log position stays on the server before it is discarded (a purged binlog, WAL a slot can no longer
 * hold): the answer of {@link ChangeSource#logRetention}. Used for the retention alert, which warns before a
 * checkpoint position is lost.
 *
 * @param lost      the position is already gone
 * @param bytesLeft how many more bytes of log the server may write before the position is discarded; -1 when no
 *                  size limit applies or it is unknown
 * @param timeLeft  a lower bound of the time until the position may be discarded; null when no time limit applies
 *                  or it is unknown
 * @param detail    the facts behind the answer, for the operator (settings, files, sizes)
 */
public record LogRetention(boolean lost, long bytesLeft, Duration timeLeft, String detail) {

  public LogRetention {
    detail = detail == null ? "" : detail;
  }

  /** The position is gone. */
  public static LogRetention gone(String detail) {
    return new LogRetention(true, 0, Duration.ZERO, detail);
  }
}
