package io.tributary.postgres.internal;

import io.tributary.postgres.PostgresPosition;
import io.tributary.sync.ErrorCode;
import io.tributary.sync.SyncException;
import io.tributary.sync.event.ChangeEvent;
import io.tributary.sync.event.Heartbeat;
import io.tributary.sync.event.RowChange;
import io.tributary.sync.event.SchemaChange;
import io.tributary.sync.event.TableNeedsResync;
import io.tributary.sync.event.TableTruncated;
import io.tributary.sync.event.SourcePosition;
import io.tributary.sync.event.TableId;
import io.tributary.sync.event.TableSchema;
import io.tributary.sync.event.TransactionEnd;
import io.tributary.sync.spi.LogStream;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pgoutput stream of one slot. {@code seq} of every change is its transaction's commit LSN (pgoutput sends
 * transactions whole, in commit order); positions count row changes within the transaction (see
 * {@link PostgresPosition}). The slot's confirmed flush LSN moves only in {@link #acknowledge}: the stream reports
 * the slot's own confirmed LSN as flushed until then, and never a keepalive's WAL end (see {@link ReplicationChannel}).
 *
 * <p>Threading: {@link #poll} on the reader thread; {@link #acknowledge} and {@link #close} from any thread. A lock
 * serialises use of the connection; {@code poll} never blocks inside it (it reads without waiting and sleeps
 * outside), so {@code close} unblocks a polling reader within milliseconds.
 */
final class PgLogStream implements LogStream {

  private static final Logger LOG = LoggerFactory.getLogger(PgLogStream.class);
  private static final int MAX_BATCH = 4096;
  /**
   * Quiet time after which progress not yet reported in a heartbeat is reported at once: the engine learns within
   * milliseconds that the log is drained (idle commit, merge hand-over, {@code awaitCaughtUp}), not one heartbeat
   * interval later. Under load messages keep coming and no such heartbeat is made.
   */
  private static final long QUIET_NANOS = 5_000_000;

  private final PgConfig config;
  private final Connection connection;
  private final ReplicationChannel stream;
  private final Relations relations;
  private final PostgresPosition start;
  /**
   * The server's WAL insert position when the stream was opened: no heartbeat claims the log idle before the read
   * has reached it (a keepalive reports the walsender there), so a start behind a backlog (a checkpoint, a custom
   * LSN) never looks caught up before the backlog has been sent.
   */
  private final long openLsn;
  private final long heartbeatNanos;
  private final SlotManager slots;
  /** Set when the stream reads binary values: a captured column without a binary decoder makes it fail over. */
  private final BinaryValues binary;
  private final ReentrantLock lock = new ReentrantLock();
  private final AtomicLong acknowledged = new AtomicLong();
  private volatile boolean closed;
  /** A decoding failure held back so the events decoded before it are delivered first. */
  private SyncException failure;

  // reader-thread state
  private long appliedAck;
  private boolean inTx;
  private long txLsn;
  private long txMillis;
  private int txIndex;
  private int txSkip;
  /** The open transaction handed over events: its Commit is marked with a {@link TransactionEnd}. */
  private boolean txDelivered;
  private PostgresPosition last;
  private long lastReturnNanos = System.nanoTime();
  private long lastMessageNanos = System.nanoTime();
  /** The LSN the latest heartbeat reported. */
  private long heartbeatLsn = -1;
  private long lastSlotCheckNanos = System.nanoTime();

  private PgLogStream(PgConfig config, Connection connection, ReplicationChannel stream, Relations relations,
      SlotManager slots, PostgresPosition start, long confirmedFlush, long openLsn, BinaryValues binary) {
    this.slots = slots;
    this.binary = binary;
    this.openLsn = openLsn;
    this.config = config;
    this.connection = connection;
    this.stream = stream;
    this.relations = relations;
    this.start = start;
    this.last = start;
    this.heartbeatNanos = config.heartbeatInterval().toNanos();
    this.acknowledged.set(confirmedFlush);
    this.appliedAck = confirmedFlush;
  }

  /** Starts replication at {@code start}, waiting up to the configured time while another process holds the slot. */
  /** A position of this read: it names the cluster and timeline the start names (see {@link LogOpener}). */
  private PostgresPosition pos(long lsn, int skip) {
    return new PostgresPosition(lsn, skip, start.system(), start.timeline());
  }

  static PgLogStream start(PgConfig config, TypeRegistry types, SlotManager slots, PostgresPosition start,
      long confirmedFlush, Map<TableId, TableSchema> schemas, BinaryValues binary) {
    long deadline = System.nanoTime() + config.slotActiveTimeout().toNanos();
    long openLsn = slots.walEnd();
    while (true) {
      Connection c = null;
      try {
        c = java.sql.DriverManager.getConnection(config.jdbcUrl(), config.replicationProperties());
        // Reports the slot's own confirmed LSN as flushed (PgJDBC's stream would report the start LSN, and later
        // keepalive WAL ends), so that only acknowledge() ever moves it.
        ReplicationChannel stream = ReplicationChannel.start(c, config.slotName(), start.lsn(),
            config.publicationName(), confirmedFlush, config.statusInterval(), binary != null);
        LOG.info("[{}] streaming slot {} from {}{}", config.name(), config.slotName(), start,
            binary != null ? " (binary values)" : "");
        return new PgLogStream(config, c, stream, new Relations(config.name(), config.database(), types, schemas),
            slots, start, confirmedFlush, openLsn, binary);
      } catch (SQLException e) {
        closeQuietly(c);
        if (Errors.isSlotActive(e) && System.nanoTime() < deadline) {
          LOG.info("[{}] slot {} is in use by another process, waiting: {}", config.name(), config.slotName(),
              e.getMessage());
          sleep(500);
          continue;
        }
        if (Errors.isSlotActive(e)) {
          throw SyncException.of(ErrorCode.REPLICATION_SLOT_BUSY,
              "replication slot " + config.slotName() + " is still in use after waiting "
              + config.slotActiveTimeout().toSeconds() + " s (" + e.getMessage() + "): stop the other pipeline or "
              + "process reading it, or end it with SELECT pg_terminate_backend(active_pid) FROM "
              + "pg_replication_slots WHERE slot_name = '" + config.slotName() + "'", e);
        }
        throw Errors.classify("cannot start replication from slot " + config.slotName() + " at " + start, e);
      }
    }
  }

  @Override
  public SourcePosition startPosition() {
    return start;
  }

  @Override
  public List<ChangeEvent> poll(Duration timeout) throws InterruptedException {
    List<ChangeEvent> out = new ArrayList<>();
    long deadline = System.nanoTime() + timeout.toNanos();
    int sleepMillis = 1;
    if (failure != null) {
      throw failure;
    }
    while (!closed) {
      boolean read;
      lock.lock();
      try {
        if (closed) {
          break;
        }
        applyAcknowledged();
        ByteBuffer buffer = stream.readPending();
        read = buffer != null;
        if (read) {
          try {
            handle(PgOutput.decode(buffer), out);
          } catch (RuntimeException e) {
            SyncException error = e instanceof SyncException se ? se
                : SyncException.of(ErrorCode.UNDECODABLE_CHANGE,
                    "cannot decode a pgoutput message after " + last + ": " + e, e);
            if (out.isEmpty()) {
              throw error;
            }
            failure = error;
            break;
          }
        } else if (!inTx) {
          // A keepalive's WAL end: every transaction committed before it has been sent.
          long serverLsn = stream.lastReceiveLsn();
          if (serverLsn > last.lsn()) {
            last = pos(serverLsn, 0);
          }
        }
      } catch (SQLException e) {
        if (closed) {
          break;
        }
        throw Errors.classify("replication stream of slot " + config.slotName() + " failed after " + last, e);
      } finally {
        lock.unlock();
      }
      if (read) {
        lastMessageNanos = System.nanoTime();
        sleepMillis = 1;
        if (out.size() >= MAX_BATCH) {
          break;
        }
        continue;
      }
      long now = System.nanoTime();
      if (!out.isEmpty()) {
        break;
      }
      if (!inTx && last.lsn() >= openLsn && (now - lastReturnNanos >= heartbeatNanos
          || last.lsn() > heartbeatLsn && now - lastMessageNanos >= QUIET_NANOS)) {
        heartbeatLsn = last.lsn();
        out.add(new Heartbeat(last.lsn(), last, System.currentTimeMillis()));
        checkSlot(now);
        break;
      }
      if (now >= deadline) {
        return out;
      }
      Thread.sleep(Math.min(sleepMillis, Math.max(1, (deadline - now) / 1_000_000)));
      sleepMillis = Math.min(sleepMillis * 2, 10);
    }
    if (!out.isEmpty()) {
      lastReturnNanos = System.nanoTime();
    }
    return out;
  }

  private void handle(PgOutput.Message message, List<ChangeEvent> out) {
    if (message instanceof PgOutput.Begin b) {
      inTx = true;
      txLsn = b.finalLsn();
      txMillis = b.commitMillis();
      txIndex = 0;
      txSkip = start.skip() > 0 && start.lsn() == txLsn ? start.skip() : 0;
      txDelivered = txSkip > 0; // a resume inside this transaction: its end is marked
    } else if (message instanceof PgOutput.Commit c) {
      inTx = false;
      last = pos(c.endLsn(), 0);
      if (txDelivered) {
        // The engine commits only between transactions: this is where it may, with the position after the commit.
        out.add(new TransactionEnd(txLsn, last, txMillis));
        txDelivered = false;
      }
    } else if (message instanceof PgOutput.Relation r) {
      TableSchema changed = relations.onRelation(r);
      if (binary != null) {
        refuseUndecodable(r);
      }
      if (changed != null) {
        PostgresPosition at = pos(txLsn, Math.max(txIndex, txSkip));
        LOG.info("[{}] schema of {} changed at {}: {}", config.name(), changed.id(), at, changed.columns());
        out.add(new SchemaChange(changed.id(), changed, null, txLsn, at, txMillis));
        txDelivered = true;
      }
    } else if (message instanceof PgOutput.Change c) {
      int index = txIndex++;
      Relations.Rel rel = relations.get(c.relationOid());
      if (index < txSkip || !rel.captured()) {
        return;
      }
      PostgresPosition at = pos(txLsn, index + 1);
      last = at;
      txDelivered = true;
      try {
        out.add(change(c, rel, at));
      } catch (SyncException e) {
        if (e.code() != ErrorCode.VALUE_NOT_REPRESENTABLE) {
          throw e;
        }
        // A value no target holds: this table stops (its row is skipped), the transaction's other rows go on.
        out.add(TableNeedsResync.valueRefused(rel.id(), "a row of " + rel.id() + " was refused: " + e.getMessage(),
            txLsn, at, txMillis));
      }
    } else if (message instanceof PgOutput.Truncate t) {
      int index = txIndex++;
      if (index < txSkip) {
        return;
      }
      PostgresPosition at = pos(txLsn, index + 1);
      for (int oid : t.relationOids()) {
        Relations.Rel rel = relations.get(oid);
        if (rel.captured()) {
          last = at;
          txDelivered = true;
          out.add(new TableTruncated(rel.id(), txLsn, at, txMillis));
        }
      }
    }
  }

  /**
   * A captured table now has a column without a binary decoder (pgoutput sends a Relation message before its first
   * change): binary values are refused for this source and the stream fails over, before any value of it is read.
   */
  private void refuseUndecodable(PgOutput.Relation r) {
    Relations.Rel rel = relations.get(r.oid());
    if (!rel.captured()) {
      return;
    }
    for (int i = 0; i < rel.binary().length; i++) {
      if (rel.binary()[i] == null) {
        String why = "column " + r.columns().get(i).name() + " of " + rel.id() + " is of type "
            + relations.typeName(r.columns().get(i).typeOid()) + ", which has no binary decoder";
        binary.refuse(why);
        throw SyncException.of(ErrorCode.TRANSIENT, why + ": the log is reopened from the last checkpoint with text"
            + " values", null);
      }
    }
  }

  private ChangeEvent change(PgOutput.Change c, Relations.Rel rel, PostgresPosition at) {
    return switch (c.op()) {
      case 'I' -> RowChange.insert(rel.id(), Relations.row(rel, c.newTuple(), null, txLsn), txLsn, at, txMillis);
      case 'U' -> {
        PgOutput.Tuple old = c.oldKind() == 'O' ? c.oldTuple() : null;
        yield RowChange.update(rel.id(),
            c.oldTuple() == null ? null : Relations.before(rel, c.oldTuple(), txLsn),
            Relations.row(rel, c.newTuple(), old, txLsn), Relations.unchanged(c.newTuple(), old), txLsn, at,
            txMillis);
      }
      default -> RowChange.delete(rel.id(), Relations.before(rel, c.oldTuple(), txLsn), txLsn, at, txMillis);
    };
  }

  /** At most once a minute, while idle: warn before max_slot_wal_keep_size invalidates the slot. */
  private void checkSlot(long now) {
    if (now - lastSlotCheckNanos < TimeUnit.MINUTES.toNanos(1)) {
      return;
    }
    lastSlotCheckNanos = now;
    try {
      SlotManager.SlotInfo info = slots.slot();
      if (info != null) {
        LogOpener.warnIfNearInvalidation(config, info);
      }
    } catch (SyncException e) {
      LOG.debug("[{}] slot check failed: {}", config.name(), e.getMessage());
    }
  }

  private void applyAcknowledged() throws SQLException {
    long ack = acknowledged.get();
    if (ack > appliedAck) {
      stream.confirm(ack);
      appliedAck = ack;
      LOG.debug("[{}] confirmed {} to slot {}", config.name(), Lsn.format(ack), config.slotName());
    }
  }

  @Override
  public void acknowledge(SourcePosition position) {
    if (!(position instanceof PostgresPosition p)) {
      throw new IllegalArgumentException("not a PostgreSQL position: " + position);
    }
    acknowledged.accumulateAndGet(p.lsn(), Math::max);
    // Send it now when the reader is not using the connection; otherwise the reader sends it on its next read.
    if (lock.tryLock()) {
      try {
        if (!closed) {
          applyAcknowledged();
        }
      } catch (SQLException e) {
        LOG.debug("[{}] could not send the acknowledgement now, the reader will: {}", config.name(), e.toString());
      } finally {
        lock.unlock();
      }
    }
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    lock.lock();
    try {
      closeQuietly(connection);
      LOG.info("[{}] closed stream of slot {} at {}", config.name(), config.slotName(), last);
    } finally {
      lock.unlock();
    }
  }

  private static void closeQuietly(Connection c) {
    if (c != null) {
      try {
        c.close();
      } catch (SQLException ignored) {
        // closing a broken replication connection
      }
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw SyncException.of(ErrorCode.INTERRUPTED, "interrupted while waiting for the replication slot", e);
    }
  }
}
