package io.tributary.postgres.internal;

import io.tributary.sync.event.TableId;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Lets the chunk reads of a table share one {@link ExportedSnapshot} for up to {@link #MAX_AGE_MILLIS}, instead of
 * each paying for a temporary slot (~14 ms, which dominated reads of small chunks).
 *
 * <p>Why sharing keeps the low watermark sound: a snapshot's consistent point is exact for any read under it; what
 * a chunk additionally needs is that the engine stages every change at or after it for the chunk's sync. The
 * engine starts staging a table before it asks to plan its chunks, and a chunk restored from a checkpoint belongs
 * to a sync whose staging began before the run opened its log. So a snapshot whose creation began after the
 * table's latest {@link #invalidate} (called by planning) and the latest {@link #invalidateAll} (called by
 * {@code openLog}) serves every later read of that table; an older one is never handed out. A table rewritten
 * after a snapshot looks empty under it (rewriting DDL is not MVCC-safe), so {@link ChunkReader} checks for that
 * and takes a fresh snapshot.
 *
 * <p>A snapshot holds back the server's xmin while open: an unused one closes after {@link #IDLE_MILLIS}.
 */
final class SnapshotLeases implements AutoCloseable {

  static final long MAX_AGE_MILLIS = 5_000;
  static final long IDLE_MILLIS = 1_000;

  private final PgConfig config;
  private final Map<TableId, Lease> current = new HashMap<>();
  private final Map<TableId, Long> tableEpochs = new HashMap<>();
  private long epochs;
  private long allEpoch;
  private ScheduledExecutorService closer;
  private final java.util.concurrent.ThreadFactory threads;
  private boolean closed;

  /** One table's shared snapshot; {@link #close()} ends this reader's use. */
  final class Lease implements AutoCloseable {
    private final ExportedSnapshot snapshot;
    private final long createdNanos = System.nanoTime();
    private int users = 1;
    private long idleSince;
    private boolean retired;

    private Lease(ExportedSnapshot snapshot) {
      this.snapshot = snapshot;
    }

    String snapshotName() {
      return snapshot.snapshotName();
    }

    long consistentLsn() {
      return snapshot.consistentLsn();
    }

    @Override
    public void close() {
      release(this);
    }
  }

  SnapshotLeases(PgConfig config, java.util.concurrent.ThreadFactory threads) {
    this.config = config;
    this.threads = threads;
  }

  /** A snapshot for a read of {@code table}: the shared one if still fresh, else a new one (shared from now on). */
  Lease acquire(TableId table) {
    long epoch;
    synchronized (this) {
      Lease lease = current.get(table);
      if (lease != null && !expired(lease)) {
        lease.users++;
        return lease;
      }
      retire(current.remove(table));
      epoch = epoch(table);
    }
    ExportedSnapshot snapshot = ExportedSnapshot.create(config); // slow: outside the lock
    synchronized (this) {
      Lease lease = new Lease(snapshot);
      // Invalidated while being created: the snapshot may predate the new staging, so it serves this read only.
      if (!closed && epoch(table) == epoch) {
        retire(current.put(table, lease));
      } else {
        lease.retired = true;
      }
      return lease;
    }
  }

  /** The table's sync (re)starts: later reads must use a snapshot created from now on. */
  synchronized void invalidate(TableId table) {
    tableEpochs.put(table, ++epochs);
    retire(current.remove(table));
  }

  /** A new run opens the log: no snapshot created before it is handed out again. */
  synchronized void invalidateAll() {
    allEpoch = ++epochs;
    current.values().forEach(this::retire);
    current.clear();
  }

  private long epoch(TableId table) {
    return Math.max(allEpoch, tableEpochs.getOrDefault(table, 0L));
  }

  private boolean expired(Lease lease) {
    return System.nanoTime() - lease.createdNanos > TimeUnit.MILLISECONDS.toNanos(MAX_AGE_MILLIS);
  }

  private synchronized void release(Lease lease) {
    if (--lease.users > 0) {
      return;
    }
    if (lease.retired || expired(lease) || closed) {
      current.values().remove(lease);
      lease.snapshot.close();
      return;
    }
    long idleSince = System.nanoTime();
    lease.idleSince = idleSince;
    if (closer == null) {
      closer = Executors.newSingleThreadScheduledExecutor(threads);
    }
    closer.schedule(() -> closeIfIdle(lease, idleSince), IDLE_MILLIS, TimeUnit.MILLISECONDS);
  }

  private synchronized void closeIfIdle(Lease lease, long idleSince) {
    if (lease.users == 0 && lease.idleSince == idleSince && !lease.retired) {
      lease.retired = true;
      current.values().remove(lease);
      lease.snapshot.close();
    }
  }

  private void retire(Lease lease) {
    if (lease != null && !lease.retired) {
      lease.retired = true;
      if (lease.users == 0) {
        lease.snapshot.close();
      }
    }
  }

  @Override
  public synchronized void close() {
    closed = true;
    invalidateAll();
    if (closer != null) {
      closer.shutdownNow();
    }
  }
}
