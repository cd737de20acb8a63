package io.tributary.mysql.internal;

import com.github.shyiko.mysql.binlog.BinaryLogClient;
import com.github.shyiko.mysql.binlog.event.EventType;
import com.github.shyiko.mysql.binlog.event.deserialization.EventDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.EventDeserializer.CompatibilityMode;
import com.github.shyiko.mysql.binlog.event.deserialization.NullEventDataDeserializer;
import io.tributary.mysql.MySqlPosition;
import io.tributary.sync.ErrorCode;
import io.tributary.sync.SyncException;
import io.tributary.sync.event.ChangeEvent;
import io.tributary.sync.event.Heartbeat;
import io.tributary.sync.event.SourcePosition;
import io.tributary.sync.event.TableId;
import io.tributary.sync.spi.LogStream;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A binlog read: one client thread decodes events into a bounded queue (a full queue blocks the thread, which stops
 * reading the socket, so a slow consumer slows the server's sender instead of growing memory); {@link #poll} drains
 * it in order and makes heartbeats while the log is idle.
 *
 * <p>Heartbeats come every {@code heartbeatInterval} while idle, and also as soon as the read has drained the log:
 * when the queue runs dry after progress, {@link #poll} asks the server for its log end ({@code SHOW MASTER
 * STATUS}, once per position reached and at most every 50 ms) and reports a heartbeat at once if the read is
 * there. The engine learns within milliseconds that a burst or backlog is done (a full sync's merge, the idle
 * commit and {@code awaitCaughtUp} wait for that), instead of one heartbeat interval later.
 */
public final class BinlogStream implements LogStream {

  private static final Logger LOG = LoggerFactory.getLogger(BinlogStream.class);
  private static final int MAX_BATCH = 2048;
  /** Quiet time after which an empty queue is worth asking the server whether the log end is reached. */
  private static final long QUIET_MILLIS = 5;
  /** Least time between two log-end probes: under a trickle of changes at most 20 cheap queries a second. */
  private static final long PROBE_SPACING_NANOS = 50_000_000;

  private final MySqlConfig config;
  private final Jdbc jdbc;
  private final MySqlPosition start;
  private final String gtidStart;
  private final BlockingQueue<List<Pending>> queue = new LinkedBlockingQueue<>();
  private final Semaphore room; // one permit per buffered event: bounds memory by queueCapacity events
  private final EventDecoder decoder;
  private final AtomicReference<SyncException> failure = new AtomicReference<>();
  private final AtomicReference<Throwable> clientError = new AtomicReference<>();
  private final CountDownLatch connected = new CountDownLatch(1);
  private volatile boolean closed;
  private volatile BinaryLogClient client;
  private volatile boolean eventsSeen;
  private Thread thread;
  private final io.tributary.sync.spi.SourceThreads threads;
  private long lastReturnNanos = System.nanoTime();
  /** The read progress last compared with the server's log end (or reported in a heartbeat): probe once per seq. */
  private long probedSeq = Long.MIN_VALUE;
  private long probedAtNanos = System.nanoTime() - PROBE_SPACING_NANOS;
  /**
   * Batches of the decoder's taken from the queue. The decoder moves its progress only after a hand-off, so a
   * progress counting fewer hand-offs is stale: it lies before events already returned (for a transaction of more
   * than {@link EventDecoder#HANDOFF_ROWS} rows, at its start, which reads as a boundary), and no heartbeat reports it.
   */
  private long taken;
  /** Kept for the probe (the pool has a slot for it), so it never queues behind snapshot readers' connections. */
  private volatile Connection probeConnection;

  /**
   * @param gtidStart a GTID set to start after (then {@code start} holds only that set), or null for file/offset
   */
  public BinlogStream(MySqlConfig config, Jdbc jdbc, Map<TableId, MySqlTable> tables, MySqlPosition start,
      String gtidStart, boolean mariaDb, long notBeforeMillis, io.tributary.sync.spi.SourceThreads threads) {
    this.config = config;
    this.threads = threads;
    this.jdbc = jdbc;
    this.start = start;
    this.gtidStart = gtidStart;
    this.room = new Semaphore(config.queueCapacity());
    this.decoder = new EventDecoder(config.name(), tables, start, mariaDb, notBeforeMillis,
        id -> Optional.ofNullable(new SchemaReader(config, jdbc).read(Set.of(id)).get(id)),
        id -> new SchemaReader(config, jdbc).longUniqueKeys(id), this::enqueue)
        .zeroDatesAsNull(config.zeroDatesAsNull());
  }

  /** Events the stream yields before any read from the log (at its start position); call before {@link #start}. */
  public void first(List<io.tributary.sync.event.ChangeEvent> events) {
    if (events.isEmpty()) {
      return;
    }
    List<Pending> batch = events.stream().<Pending>map(Pending.Ready::new).toList();
    room.acquireUninterruptibly(permits(batch)); // at most the capacity, all free before the start
    queue.add(batch);
    taken--; // not the decoder's: its take does not count

  }

  /** Starts the client thread and waits until the server accepted the connection. */
  public BinlogStream start() {
    thread = threads.newThread("binlog", this::run);
    thread.start();
    try {
      boolean ok = connected.await(config.connectTimeout().toMillis() + 5000, TimeUnit.MILLISECONDS);
      SyncException f = failure.get();
      if (f != null) {
        close();
        throw f;
      }
      if (!ok) {
        close();
        throw SyncException.of(ErrorCode.SOURCE_UNREACHABLE,
            "source '" + config.name() + "': binlog connection to " + config.host() + ":"
            + config.port() + " not established within " + config.connectTimeout(), null);
      }
    } catch (InterruptedException e) {
      close();
      Thread.currentThread().interrupt();
      throw SyncException.of(ErrorCode.INTERRUPTED, "interrupted while connecting to the binlog", e);
    }
    LOG.info("source '{}': reading binlog from {}", config.name(), gtidStart != null ? "gtid " + gtidStart : start);
    return this;
  }

  private void run() {
    int ids = config.serverIdMax() - config.serverIdMin() + 1;
    int offset = ThreadLocalRandom.current().nextInt(ids);
    try {
      for (int attempt = 0; attempt < ids && !closed; attempt++) {
        long serverId = config.serverIdMin() + (offset + attempt) % ids;
        clientError.set(null);
        BinaryLogClient c = newClient(serverId);
        client = c;
        try {
          c.connect();
        } catch (IOException | RuntimeException e) {
          clientError.compareAndSet(null, e);
        }
        Throwable error = clientError.get();
        if (error != null && BinlogErrors.isServerIdConflict(error) && !eventsSeen && !closed) {
          LOG.warn("source '{}': server id {} is in use by another replica, trying another", config.name(), serverId);
          continue;
        }
        if (!closed) {
          fail(error != null ? BinlogErrors.classify(config.name(), error, position(), () -> Server.logEnd(jdbc))
              : SyncException.of(ErrorCode.CONNECTION_LOST,
                  "source '" + config.name() + "': the server closed the binlog connection at "
                  + position() + "; retriable: reopen the log from the last position", null));
        }
        return;
      }
      if (!closed) {
        fail(SyncException.of(ErrorCode.SERVER_ID_CONFLICT,
            "source '" + config.name() + "': every binlog client server id in "
            + config.serverIdMin() + "-" + config.serverIdMax() + " is used by another replica or sync task; "
            + "configure a free serverIdRange or stop the other clients", clientError.get()));
      }
    } finally {
      connected.countDown();
    }
  }

  private BinaryLogClient newClient(long serverId) {
    BinaryLogClient c = new BinaryLogClient(config.host(), config.port(), config.user(), config.password());
    c.setServerId(serverId);
    c.setThreadFactory(r -> threads.newThread("binlog-client", r)); // keepalive and connect-timeout threads
    c.setKeepAlive(false); // a dropped connection surfaces as a retriable failure; the engine resumes exactly
    c.setHeartbeatInterval(config.heartbeatInterval().toMillis());
    c.setConnectTimeout(config.connectTimeout().toMillis());
    if (gtidStart != null) {
      c.setGtidSet(gtidStart);
    } else {
      c.setBinlogFilename(start.file());
      c.setBinlogPosition(start.position());
    }
    EventDeserializer d = new EventDeserializer();
    ProlepticRows rows = new ProlepticRows(); // before setCompatibilityMode, which configures its deserializers
    rows.register(d);
    d.setCompatibilityMode(CompatibilityMode.DATE_AND_TIME_AS_LONG_MICRO,
        CompatibilityMode.CHAR_AND_BINARY_AS_BYTE_ARRAY, CompatibilityMode.INVALID_DATE_AND_TIME_AS_MIN_VALUE);
    // Compressed transactions are refused by EventDecoder with the fix; never decompressed, so no zstd is needed.
    d.setEventDataDeserializer(EventType.TRANSACTION_PAYLOAD, new NullEventDataDeserializer());
    // MariaDB's compressed columns: the standard table map reader fails on their type codes. As both halves of the
    // library's wrapper, this reader serves the rows decoding (which needs the codes replaced) and the listener.
    var tableMaps = rows.recording(new CompressedColumns.Deserializer());
    d.setEventDataDeserializer(EventType.TABLE_MAP, new EventDeserializer.EventDataWrapper.Deserializer(tableMaps,
        tableMaps));
    d.setEventDataDeserializer(EventType.PARTIAL_UPDATE_ROWS_EVENT, new PartialUpdateRows.Deserializer());
    c.setEventDeserializer(d);
    c.registerEventListener(event -> {
      if (closed || failure.get() != null) {
        return;
      }
      eventsSeen = true;
      try {
        decoder.handle(event);
      } catch (InterruptedException e) {
        if (!closed) {
          fail(SyncException.of(ErrorCode.INTERRUPTED, "binlog reader interrupted", e));
        }
        disconnect(c);
      } catch (SyncException e) {
        fail(e);
        disconnect(c);
      } catch (RuntimeException e) {
        // A decoding failure recurs on every retry: report it as fatal with where it happened.
        fail(SyncException.of(ErrorCode.UNDECODABLE_CHANGE,
            "source '" + config.name() + "': cannot decode the binlog event after "
            + position() + ": " + e + ". Check that the schemas given for the start position match the log, or "
            + "re-sync the affected tables from a newer position", e));
        disconnect(c);
      }
    });
    c.registerLifecycleListener(new BinaryLogClient.AbstractLifecycleListener() {
      @Override
      public void onConnect(BinaryLogClient client) {
        connected.countDown();
      }

      @Override
      public void onCommunicationFailure(BinaryLogClient client, Exception ex) {
        clientError.compareAndSet(null, ex);
      }

      @Override
      public void onEventDeserializationFailure(BinaryLogClient client, Exception ex) {
        clientError.compareAndSet(null, ex);
      }
    });
    return c;
  }

  private void enqueue(List<Pending> events) throws InterruptedException {
    int permits = permits(events);
    while (!room.tryAcquire(permits, 100, TimeUnit.MILLISECONDS)) {
      if (closed) {
        throw new InterruptedException("log stream closed");
      }
    }
    queue.add(events);
  }

  private int permits(List<Pending> batch) {
    int n = 0;
    for (Pending p : batch) {
      n += p.size();
    }
    return Math.max(1, Math.min(n, config.queueCapacity()));
  }

  private void fail(SyncException e) {
    if (failure.compareAndSet(null, e)) {
      LOG.warn("source '{}': binlog read failed: {}", config.name(), e.getMessage());
    }
  }

  private MySqlPosition position() {
    return decoder.progress().position();
  }

  /** Test seam: see {@link EventDecoder.HandOffHook}. */
  void afterHandOff(EventDecoder.HandOffHook hook) {
    decoder.hook(hook);
  }

  @Override
  public SourcePosition startPosition() {
    return start;
  }

  @Override
  public List<ChangeEvent> poll(Duration timeout) throws InterruptedException {
    if (closed) {
      return List.of();
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    List<ChangeEvent> out = new ArrayList<>();
    List<Pending> first = queue.poll(Math.min(timeout.toMillis(), QUIET_MILLIS), TimeUnit.MILLISECONDS);
    while (first == null && !closed && System.nanoTime() < deadline) {
      if (failure.get() != null) {
        break;
      }
      Heartbeat drained = drainedHeartbeat();
      if (drained != null) {
        out.add(drained);
        return out;
      }
      first = queue.poll(Math.min(Math.max(1, (deadline - System.nanoTime()) / 1_000_000), 50),
          TimeUnit.MILLISECONDS);
    }
    if (first != null) {
      List<Pending> batch = first;
      do {
        taken++;
        try {
          for (Pending p : batch) {
            p.expand(out);
          }
        } catch (RuntimeException e) {
          // A conversion failure recurs on every retry: fatal, with where it happened.
          SyncException f = e instanceof SyncException s ? s : SyncException.of(ErrorCode.UNDECODABLE_CHANGE,
              "source '" + config.name()
              + "': cannot decode binlog rows near " + position() + ": " + e + ". Check that the schemas given for "
              + "the start position match the log, or re-sync the affected tables", e);
          fail(f);
          throw f;
        } finally {
          room.release(permits(batch));
        }
      } while (out.size() < MAX_BATCH && (batch = queue.poll()) != null);
      lastReturnNanos = System.nanoTime();
      return out;
    }
    // Read progress before checking emptiness: everything up to it was enqueued, and we alone take from the queue.
    EventDecoder.Progress p = decoder.progress();
    if (!queue.isEmpty()) {
      return out;
    }
    SyncException f = failure.get();
    if (f != null && !closed) {
      throw f;
    }
    if (!closed && current(p) && System.nanoTime() - lastReturnNanos >= config.heartbeatInterval().toNanos()) {
      lastReturnNanos = System.nanoTime();
      probedSeq = p.seq();
      out.add(new Heartbeat(p.seq(), p.position(), System.currentTimeMillis()));
    }
    return out;
  }

  /**
   * A heartbeat when the queue is empty and the read has reached the server's log end, asked once per progress
   * reached; null otherwise (not there yet, already reported, or the server could not be asked: the timed
   * heartbeat still comes).
   */
  private Heartbeat drainedHeartbeat() {
    EventDecoder.Progress p = decoder.progress(); // before the emptiness check: everything up to it was enqueued
    if (p.seq() == probedSeq || !current(p) || !queue.isEmpty() || closed
        || System.nanoTime() - probedAtNanos < PROBE_SPACING_NANOS) {
      return null;
    }
    probedSeq = p.seq();
    probedAtNanos = System.nanoTime();
    long end;
    try {
      if (probeConnection == null) {
        probeConnection = jdbc.connection();
        if (closed) { // close() ran meanwhile and will not see this connection
          closeProbeConnection();
          return null;
        }
      }
      end = Server.logEnd(probeConnection, jdbc).seq();
    } catch (SQLException | RuntimeException e) {
      LOG.debug("source '{}': log end probe failed: {}", config.name(), e.toString());
      closeProbeConnection();
      return null;
    }
    if (p.seq() < end) {
      return null;
    }
    lastReturnNanos = System.nanoTime();
    return new Heartbeat(p.seq(), p.position(), System.currentTimeMillis());
  }

  /** Whether {@code p} covers every batch taken: not read between a hand-off and its progress update. */
  private boolean current(EventDecoder.Progress p) {
    return p.handOffs() >= taken;
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    closeProbeConnection();
    BinaryLogClient c = client;
    if (c != null) {
      disconnect(c);
    }
    connected.countDown();
    if (thread != null && thread != Thread.currentThread()) {
      try {
        thread.join(5000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    LOG.info("source '{}': binlog read closed at {}", config.name(), decoder.progress().position());
  }

  private void closeProbeConnection() {
    Connection c = probeConnection;
    probeConnection = null;
    if (c != null) {
      try {
        c.close();
      } catch (SQLException e) {
        LOG.debug("closing the log end probe's connection: {}", e.toString());
      }
    }
  }

  private static void disconnect(BinaryLogClient c) {
    try {
      c.disconnect();
    } catch (IOException | RuntimeException e) {
      LOG.debug("disconnect failed", e);
    }
  }
}
