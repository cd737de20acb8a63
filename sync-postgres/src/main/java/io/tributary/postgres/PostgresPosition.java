package io.tributary.postgres;

import io.tributary.postgres.internal.Lsn;
import io.tributary.sync.event.SourcePosition;
import java.nio.ByteBuffer;

/**
 * A resumable position in a PostgreSQL logical replication stream.
 *
 * <p>{@code skip == 0}: every transaction whose commit record lies before {@code lsn} has been delivered, none at or
 * after it. {@code skip > 0}: {@code lsn} is the commit LSN of a transaction whose first {@code skip} row changes
 * (insert, update and delete messages, counted over all tables of the transaction) have been delivered. Resuming
 * starts replication at {@code lsn} and drops those {@code skip} changes, so nothing is repeated or skipped.
 *
 * @param lsn  where replication restarts, and the LSN confirmed to the slot when this position is acknowledged
 * @param skip row changes of the transaction committed at {@code lsn} already delivered; 0 between transactions
 */
public record PostgresPosition(long lsn, int skip) implements SourcePosition {

  private static final byte VERSION = 1;

  public PostgresPosition {
    if (skip < 0) {
      throw new IllegalArgumentException("skip must be >= 0, got " + skip);
    }
  }

  /** A position between transactions at {@code lsn}. */
  public static PostgresPosition at(long lsn) {
    return new PostgresPosition(lsn, 0);
  }

  /** Whether a resume here starts inside the transaction committed at {@link #lsn()} (it skips some changes). */
  @Override
  public boolean insideTransaction() {
    return skip > 0;
  }

  @Override
  public byte[] encode() {
    return ByteBuffer.allocate(13).put(VERSION).putLong(lsn).putInt(skip).array();
  }

  /** Decodes {@link #encode()}'s form; throws {@link IllegalArgumentException} for anything else. */
  public static PostgresPosition decode(byte[] encoded) {
    if (encoded == null || encoded.length != 13 || encoded[0] != VERSION) {
      throw new IllegalArgumentException("not an encoded PostgreSQL position (expected 13 bytes, version 1): "
          + (encoded == null ? "null" : encoded.length + " bytes"));
    }
    ByteBuffer buffer = ByteBuffer.wrap(encoded, 1, 12);
    return new PostgresPosition(buffer.getLong(), buffer.getInt());
  }

  /** {@code 0/16B3748}, or {@code 0/16B3748+3} inside a transaction. */
  @Override
  public String toString() {
    return Lsn.format(lsn) + (skip == 0 ? "" : "+" + skip);
  }
}
