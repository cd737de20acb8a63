package io.tributary.postgres;

import io.tributary.postgres.internal.Lsn;
import io.tributary.sync.event.SourcePosition;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
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
 * @param skip     row changes of the transaction committed at {@code lsn} already delivered; 0 between transactions
 * @param system   the cluster's {@code system_identifier} (IDENTIFY_SYSTEM) the position was read on; empty when
 *                 unknown (version 1 positions, written before clusters were recorded, and positions made by hand)
 * @param timeline the cluster's timeline when the read started; 0 when unknown
 */
public record PostgresPosition(long lsn, int skip, String system, int timeline) implements SourcePosition {

  /** Version 1 (13 bytes) had no system and timeline; version 2 appends them. Both decode. */
  private static final byte VERSION_1 = 1;
  private static final byte VERSION = 2;

  public PostgresPosition {
    if (skip < 0) {
      throw new IllegalArgumentException("skip must be >= 0, got " + skip);
    }
    system = system == null ? "" : system;
  }

  /** A position whose cluster is unknown. */
  public PostgresPosition(long lsn, int skip) {
    this(lsn, skip, "", 0);
  }

  /** This position as read on cluster {@code system} at {@code timeline}. */
  public PostgresPosition on(String system, int timeline) {
    return new PostgresPosition(lsn, skip, system, timeline);
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
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(48);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(VERSION);
      out.writeLong(lsn);
      out.writeInt(skip);
      out.writeUTF(system);
      out.writeInt(timeline);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** Decodes {@link #encode()}'s form; throws {@link IllegalArgumentException} for anything else. */
  public static PostgresPosition decode(byte[] encoded) {
    if (encoded != null && encoded.length == 13 && encoded[0] == VERSION_1) {
      ByteBuffer buffer = ByteBuffer.wrap(encoded, 1, 12);
      return new PostgresPosition(buffer.getLong(), buffer.getInt());
    }
    if (encoded == null || encoded.length < 15 || encoded[0] != VERSION) {
      throw new IllegalArgumentException("not an encoded PostgreSQL position (expected version 1 or 2): "
          + (encoded == null ? "null" : encoded.length + " bytes"));
    }
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(encoded, 1, encoded.length - 1))) {
      return new PostgresPosition(in.readLong(), in.readInt(), in.readUTF(), in.readInt());
    } catch (IOException e) {
      throw new IllegalArgumentException("not an encoded PostgreSQL position: " + e.getMessage(), e);
    }
  }

  /** {@code 0/16B3748}, or {@code 0/16B3748+3} inside a transaction; then the cluster and timeline when known. */
  @Override
  public String toString() {
    return Lsn.format(lsn) + (skip == 0 ? "" : "+" + skip)
        + (system.isEmpty() ? "" : " on system " + system + " timeline " + timeline);
  }
}
