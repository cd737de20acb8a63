package io.tributary.postgres.internal;

import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyDual;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;

/**
 * One {@code START_REPLICATION ... LOGICAL} on a replication connection, spoken over PgJDBC's COPY BOTH channel:
 * XLogData and keepalive messages in, standby status updates out. The flushed LSN it reports (which the server
 * stores as the slot's {@code confirmed_flush_lsn}) is only ever the one given to {@link #confirm}.
 *
 * <p>Why not PgJDBC's {@code PGReplicationStream}: on a keepalive, once the flushed LSN it last reported covers the
 * last message received, its {@code V3PGReplicationStream.processKeepAliveMessage} (42.7) sets the flushed LSN to the
 * keepalive's WAL end by itself, and the next status update confirms it. Whenever the captured tables are quiet while
 * other tables are written, that moves the slot past the engine's last checkpoint, and a crash or failover then
 * finds its checkpoint's position released. The driver offers no switch for it, so the protocol (three message
 * layouts) is spoken here.
 *
 * <p>Not thread-safe: the caller serialises use.
 */
final class ReplicationChannel {

  /** 2000-01-01T00:00:00Z, PostgreSQL's epoch, in Unix microseconds. */
  private static final long PG_EPOCH_MICROS = 946_684_800_000_000L;

  private final CopyDual copy;
  private final long statusIntervalNanos;
  private final byte[] status = new byte[34];
  /** As PgJDBC's last received LSN: the last XLogData's start, or a later keepalive WAL end. */
  private long received;
  /** The highest {@link #received}: what status updates report as written. */
  private long written;
  private long flushed;
  private long lastStatusNanos;

  private ReplicationChannel(CopyDual copy, long startLsn, long confirmed, Duration statusInterval) {
    this.copy = copy;
    this.received = startLsn;
    this.written = startLsn;
    this.flushed = confirmed;
    this.statusIntervalNanos = statusInterval.toNanos();
    this.lastStatusNanos = System.nanoTime() - statusIntervalNanos; // the first read reports at once
  }

  /**
   * Starts replication from {@code slot} at {@code startLsn} with pgoutput's options; status updates report
   * {@code confirmed} (the slot's own confirmed LSN) as flushed until {@link #confirm} raises it.
   */
  static ReplicationChannel start(Connection connection, String slot, long startLsn, String publication,
      long confirmed, Duration statusInterval) throws SQLException {
    return start(connection, slot, startLsn, publication, confirmed, statusInterval, false);
  }

  /** As above; {@code binary} asks for values in their types' binary format (PostgreSQL 14+). */
  static ReplicationChannel start(Connection connection, String slot, long startLsn, String publication,
      long confirmed, Duration statusInterval, boolean binary) throws SQLException {
    String sql = "START_REPLICATION SLOT " + Sql.ident(slot) + " LOGICAL " + Lsn.format(startLsn)
        + " (\"proto_version\" '1', \"publication_names\" " + Sql.literal(publication)
        + (binary ? ", \"binary\" 'true'" : "") + ")";
    CopyDual copy = connection.unwrap(PGConnection.class).getCopyAPI().copyDual(sql);
    return new ReplicationChannel(copy, startLsn, confirmed, statusInterval);
  }

  /**
   * The payload of the next XLogData message, or null when none is waiting; never blocks. Answers keepalives that
   * ask for a reply and sends a status update every status interval.
   */
  ByteBuffer readPending() throws SQLException {
    while (true) {
      if (!copy.isActive()) {
        throw new PSQLException("the server ended the replication stream", PSQLState.CONNECTION_DOES_NOT_EXIST);
      }
      byte[] bytes = copy.readFromCopy(false);
      if (bytes == null) {
        statusIfDue();
        return null;
      }
      ByteBuffer message = ByteBuffer.wrap(bytes);
      byte kind = message.get();
      if (kind == 'w') { // XLogData: start, WAL end, send time, payload
        received = message.getLong();
        written = Math.max(written, received);
        message.getLong();
        message.getLong();
        statusIfDue();
        return message.slice();
      }
      if (kind != 'k') {
        throw new PSQLException("unexpected replication message type " + (char) kind, PSQLState.PROTOCOL_VIOLATION);
      }
      // Keepalive: WAL end, send time, reply requested. The WAL end is what lastReceiveLsn reports; it is never
      // confirmed here.
      received = Math.max(received, message.getLong());
      written = Math.max(written, received);
      message.getLong();
      if (message.get() != 0) {
        sendStatus();
      } else {
        statusIfDue();
      }
    }
  }

  /** The server's WAL end from the last keepalive, or the start of the last XLogData message if later. */
  long lastReceiveLsn() {
    return received;
  }

  /** Reports {@code lsn} as flushed (the slot's confirmed LSN) now, if it is beyond what was reported. */
  void confirm(long lsn) throws SQLException {
    if (lsn > flushed) {
      flushed = lsn;
      sendStatus();
    }
  }

  private void statusIfDue() throws SQLException {
    if (System.nanoTime() - lastStatusNanos >= statusIntervalNanos) {
      sendStatus();
    }
  }

  /** Standby status update: written, flushed, applied, clock, no reply wanted. Applied = flushed, as confirmed. */
  private void sendStatus() throws SQLException {
    ByteBuffer b = ByteBuffer.wrap(status);
    b.put((byte) 'r').putLong(Math.max(written, flushed)).putLong(flushed).putLong(flushed)
        .putLong(System.currentTimeMillis() * 1000 - PG_EPOCH_MICROS).put((byte) 0);
    copy.writeToCopy(status, 0, status.length);
    copy.flushCopy();
    lastStatusNanos = System.nanoTime();
  }
}
