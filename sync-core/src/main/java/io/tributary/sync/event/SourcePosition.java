package io.tributary.sync.event;

/**
 * A resumable position in one source's change log: binlog file/offset and GTID set for MySQL, an LSN for
 * PostgreSQL. Each source defines its own record and decodes it with
 * {@link io.tributary.sync.spi.ChangeSource#decodePosition(byte[])}, so checkpoints stay typed and checkpoint
 * stores stay opaque.
 *
 * <p>The position of an event is the position to resume from so that the next event read is the one right after
 * it (sources that emit several rows per log record include the row index, so a resume never repeats or skips a
 * row).
 */
public interface SourcePosition {

  /** Stable binary form, decoded by the source that produced it. */
  byte[] encode();

  /**
   * Whether resuming here starts inside a source transaction: some of its changes were delivered, the rest were
   * not. The engine commits only where every source's position is between transactions (see
   * {@link TransactionEnd}), so a checkpoint's positions normally answer false; true only for a transaction too large
   * for the buffer budget, which is committed in parts (and reported). Default false: a source that does not mark
   * transactions makes every event its own transaction.
   */
  default boolean insideTransaction() {
    return false;
  }

  /** Human-readable form for status and logs, e.g. {@code mysql-bin.000003:4711} or {@code 0/16B3748}. */
  @Override
  String toString();
}
