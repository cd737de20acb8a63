package io.tributary.mysql;

import io.tributary.sync.event.SourcePosition;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;

/**
 * A resumable MySQL/MariaDB binlog position.
 *
 * <p>A resume connects at {@code file:position}, which is always an event-group boundary (the start of a
 * transaction, or the end of the last one), then skips {@code skipEvents} whole rows events and {@code skipRows}
 * rows of the next one. Resuming inside a transaction this way never repeats or skips a row: the binlog client must
 * see the transaction's TABLE_MAP events, so reading cannot start at the rows event itself.
 *
 * @param file       binlog file name, e.g. {@code mysql-bin.000003}
 * @param position   byte offset of an event-group boundary in {@code file}
 * @param gtids      the GTID set executed before {@code position} (MySQL {@code uuid:1-5} or MariaDB
 *                   {@code domain-server-seq} flavour); empty when unknown. A resume on the same server uses
 *                   file/offset; on another server (a failover) it starts after this set.
 * @param skipEvents rows events of the transaction at {@code position} already delivered
 * @param skipRows   rows of the next rows event already delivered
 * @param server     the server the position was read on ({@code server_uuid=...} on MySQL, {@code server_id=...}
 *                   on MariaDB, then {@code @host:port}); empty when unknown (positions of format 1, written before
 *                   servers were recorded, and positions made by hand)
 * @param transaction the GTID of the transaction the skip counts belong to; empty at a boundary or when the log
 *                    has no GTIDs. A read started elsewhere (after a GTID set, where other replication domains'
 *                    transactions may come first) applies the skip counts to this transaction alone.
 */
public record MySqlPosition(String file, long position, String gtids, int skipEvents, long skipRows, String server,
    String transaction) implements SourcePosition {

  /** Format 1 had no {@code server} and {@code transaction}; format 2 appends them. Both decode. */
  private static final int FORMAT_1 = 1;
  private static final int FORMAT = 2;

  public MySqlPosition {
    Objects.requireNonNull(file, "file");
    gtids = gtids == null ? "" : gtids;
    server = server == null ? "" : server;
    transaction = transaction == null ? "" : transaction;
    if (position < 0 || skipEvents < 0 || skipRows < 0) {
      throw new IllegalArgumentException("negative position field in " + file + ":" + position + " skip "
          + skipEvents + "/" + skipRows);
    }
  }

  /** A position whose server is unknown. */
  public MySqlPosition(String file, long position, String gtids, int skipEvents, long skipRows) {
    this(file, position, gtids, skipEvents, skipRows, "", "");
  }

  /** A position outside a GTID transaction, read on {@code server}. */
  public MySqlPosition(String file, long position, String gtids, int skipEvents, long skipRows, String server) {
    this(file, position, gtids, skipEvents, skipRows, server, "");
  }

  /** A position at an event-group boundary with nothing to skip. */
  public static MySqlPosition of(String file, long position) {
    return new MySqlPosition(file, position, "", 0, 0);
  }

  /** The binlog file's numeric suffix ({@code mysql-bin.000042} is 42), the high half of a sequence number. */
  public static long fileIndex(String file) {
    int dot = file.lastIndexOf('.');
    try {
      return Long.parseLong(file.substring(dot + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("binlog file name without a numeric suffix: " + file, e);
    }
  }

  /** The sequence number of the byte offset {@code offset} in {@code file}: file index in the high 32 bits. */
  public static long seq(String file, long offset) {
    return fileIndex(file) << 32 | offset;
  }

  /** This boundary with skip counts for a resume inside its transaction. */
  public MySqlPosition withSkip(int events, long rows) {
    return new MySqlPosition(file, position, gtids, events, rows, server, transaction);
  }

  /** This position as the start of the transaction {@code gtid} (see {@link #transaction()}). */
  public MySqlPosition inTransaction(String gtid) {
    return new MySqlPosition(file, position, gtids, skipEvents, skipRows, server, gtid);
  }

  /** This position as read on {@code server} (see {@link #server()}). */
  public MySqlPosition onServer(String server) {
    return new MySqlPosition(file, position, gtids, skipEvents, skipRows, server, transaction);
  }

  /** Whether a resume here starts inside the transaction at {@link #position()} (it skips some of its rows). */
  @Override
  public boolean insideTransaction() {
    return skipEvents > 0 || skipRows > 0;
  }

  /** The sequence number of this position's offset (meaningful at event-group boundaries). */
  public long seq() {
    return seq(file, position);
  }

  @Override
  public byte[] encode() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(FORMAT);
      out.writeUTF(file);
      out.writeLong(position);
      out.writeUTF(gtids);
      out.writeInt(skipEvents);
      out.writeLong(skipRows);
      out.writeUTF(server);
      out.writeUTF(transaction);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** Decodes {@link #encode()}'s output. */
  public static MySqlPosition decode(byte[] encoded) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(encoded))) {
      int format = in.readByte();
      if (format != FORMAT && format != FORMAT_1) {
        throw new IllegalArgumentException("not a MySQL position (format byte " + format + ")");
      }
      MySqlPosition p = new MySqlPosition(in.readUTF(), in.readLong(), in.readUTF(), in.readInt(), in.readLong());
      return format == FORMAT_1 ? p : p.onServer(in.readUTF()).inTransaction(in.readUTF());
    } catch (IOException e) {
      throw new IllegalArgumentException("not a MySQL position: " + e.getMessage(), e);
    }
  }

  /**
   * {@code file:position}, plus {@code +events/rows} when inside a transaction, the GTID set and the server when
   * known.
   */
  @Override
  public String toString() {
    return file + ':' + position + (skipEvents > 0 || skipRows > 0 ? "+" + skipEvents + "/" + skipRows
        + (transaction.isEmpty() ? "" : " of " + transaction) : "")
        + (gtids.isEmpty() ? "" : " gtids=" + gtids) + (server.isEmpty() ? "" : " on " + server);
  }
}
