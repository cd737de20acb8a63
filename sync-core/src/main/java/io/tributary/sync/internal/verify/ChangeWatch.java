package io.tributary.sync.internal.verify;

import io.tributary.sync.event.ChangeEvent;
import io.tributary.sync.event.Heartbeat;
import io.tributary.sync.event.Row;
import io.tributary.sync.event.RowChange;
import io.tributary.sync.event.TableId;
import io.tributary.sync.event.TableSchema;
import io.tributary.sync.event.TransactionEnd;
import io.tributary.sync.spi.ChangeSource;
import io.tributary.sync.spi.ForwardingChangeSource;
import io.tributary.sync.spi.ForwardingLogStream;
import io.tributary.sync.spi.LogStream;
import io.tributary.sync.spi.StartPosition;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Which keys of a table the source's log changed at or after a chunk read's low watermark: such a key may differ
 * legitimately between the read and the target (the target shows a later state); any other key that differs is a
 * real mismatch. It watches the log as the pipeline's reader threads poll it (each source is wrapped when the
 * pipeline is built), so every change the target can show has been seen by the time the target is read. Costs one
 * volatile write per poll while no verification runs.
 */
public final class ChangeWatch {

  /**
   * One verification's record of a table's changes: per key (hash of its key values in key order) the highest seq
   * of a change seen since registration, and the seq of the latest change that touched every key (a schema change,
   * truncate, a row laid out by another schema). Seen on the reader thread, asked on the verifier's.
   */
  final class Registration implements AutoCloseable {
    private final TableId table;
    private final int[] keyIndexes;
    private final int columns;
    /** The highest seq of a change the source's reader had polled when this began: those were not recorded. */
    private volatile long registeredAfter = Long.MAX_VALUE;
    private final Map<Long, Long> keys = new ConcurrentHashMap<>();
    private volatile long everything = Long.MIN_VALUE;
    private volatile long prunedBelow = Long.MIN_VALUE;

    Registration(TableSchema schema) {
      this.table = schema.id();
      this.keyIndexes = schema.primaryKeyIndexes();
      this.columns = schema.columnCount();
    }

    /**
     * Whether this record covers every change with seq {@code >= low}: they were all polled after registration and
     * none was pruned. A read under an older snapshot (PostgreSQL shares one for a few seconds) cannot be judged.
     */
    boolean covers(long low) {
      return low > registeredAfter && low >= prunedBelow;
    }

    /** Whether the log changed the key at or after {@code low}. */
    boolean changedSince(long keyHash, long low) {
      Long seq = keys.get(keyHash);
      return everything >= low || seq != null && seq >= low;
    }

    /** Forgets changes before {@code low}: later reads have low watermarks at least this (else they are not judged). */
    void prune(long low) {
      if (low > prunedBelow) {
        prunedBelow = low;
        keys.values().removeIf(seq -> seq < low);
      }
    }

    private void observe(ChangeEvent e) {
      if (e instanceof RowChange c) {
        key(c.before(), c.seq());
        key(c.after(), c.seq());
      } else if (!(e instanceof Heartbeat) && !(e instanceof TransactionEnd)) {
        everything = Math.max(everything, e.seq()); // schema change, truncate, drop: every key may have changed
      }
    }

    private void key(Row row, long seq) {
      if (row == null) {
        return;
      }
      if (row.size() != columns) {
        everything = Math.max(everything, seq); // another layout: the key's position is not known
        return;
      }
      keys.merge(RowHash.of(row.project(keyIndexes)), seq, Math::max);
    }

    @Override
    public void close() {
      registrations.remove(this);
    }
  }

  private final List<Registration> registrations = new CopyOnWriteArrayList<>();
  /** Per source, the highest seq of a change its reader has polled. */
  private final Map<String, AtomicLong> polled = new ConcurrentHashMap<>();

  /**
   * Starts recording a table's changes; {@code schema} is the layout its log rows have now (the table's current
   * schema), {@code source} its source's name.
   */
  Registration register(TableSchema schema, String source) {
    Registration r = new Registration(schema);
    registrations.add(r);
    // Read after adding: a poll that missed this registration published its seq before it looked (see watched).
    r.registeredAfter = polled.computeIfAbsent(source, s -> new AtomicLong(Long.MIN_VALUE)).get();
    return r;
  }

  /** The source, with its log streams watched. */
  public ChangeSource wrap(ChangeSource source) {
    AtomicLong seen = polled.computeIfAbsent(source.name(), s -> new AtomicLong(Long.MIN_VALUE));
    return new ForwardingChangeSource(source) {
      @Override
      public LogStream openLog(StartPosition start, Map<TableId, TableSchema> schemas) {
        return watched(super.openLog(start, schemas), seen);
      }

      @Override
      public LogStream restartLog(Map<TableId, TableSchema> schemas) {
        return watched(super.restartLog(schemas), seen);
      }
    };
  }

  private LogStream watched(LogStream stream, AtomicLong seen) {
    return new ForwardingLogStream(stream) {
      @Override
      public List<ChangeEvent> poll(Duration timeout) throws InterruptedException {
        List<ChangeEvent> events = super.poll(timeout);
        observe(seen, events);
        return events;
      }
    };
  }

  /**
   * Records {@code events} of source {@code source}'s log, for a runtime that sees the log otherwise than by polling
   * a wrapped source (the Flink runner's decision operator, before it applies them). Call in log order, before the
   * events' changes can reach the target.
   */
  public void observe(String source, List<ChangeEvent> events) {
    observe(polled.computeIfAbsent(source, s -> new AtomicLong(Long.MIN_VALUE)), events);
  }

  private void observe(AtomicLong seen, List<ChangeEvent> events) {
    if (events.isEmpty()) {
      return;
    }
    // Published before looking at the registrations: one added later reads at least this, so it never counts on
    // these changes, which it may not see. Heartbeats change nothing and do not count (an idle log's next read has
    // a low watermark equal to its heartbeat's seq).
    long changed = Long.MIN_VALUE;
    for (ChangeEvent e : events) {
      if (!(e instanceof Heartbeat) && !(e instanceof TransactionEnd)) {
        changed = Math.max(changed, e.seq());
      }
    }
    if (changed != Long.MIN_VALUE) {
      seen.accumulateAndGet(changed, Math::max);
    }
    for (Registration r : registrations) {
      for (ChangeEvent e : events) {
        if (r.table.equals(table(e))) {
          r.observe(e);
        }
      }
    }
  }

  private static TableId table(ChangeEvent e) {
    if (e instanceof RowChange c) {
      return c.table();
    } else if (e instanceof io.tributary.sync.event.SchemaChange s) {
      return s.table();
    } else if (e instanceof io.tributary.sync.event.TableTruncated t) {
      return t.table();
    } else if (e instanceof io.tributary.sync.event.TableDropped d) {
      return d.table();
    } else if (e instanceof io.tributary.sync.event.TableNeedsResync r) {
      return r.table();
    }
    return null;
  }
}
