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
import io.tributary.sync.spi.LogStream;
import io.tributary.sync.spi.StartPosition;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Which keys of a table the source's log changed while a chunk was being compared: a key the log changed between the
 * chunk's source read and the target read may differ legitimately, any other key that differs is a real mismatch.
 * It watches the log as the pipeline's reader threads return it (each source is wrapped when the pipeline is built),
 * so it sees every change before the sink commits it: every change the target read can show beyond the source read
 * is seen while the window is open. Costs one volatile read per poll while no window is open.
 */
public final class ChangeWatch {

  /** One comparison's window on one table: opened before the source read, closed after the target read. */
  final class Window implements AutoCloseable {
    private final TableId table;
    private final int[] keyIndexes;
    private final int columns;
    private final Set<Long> keys = ConcurrentHashMap.newKeySet();
    private volatile boolean everything;

    Window(TableSchema schema) {
      this.table = schema.id();
      this.keyIndexes = schema.primaryKeyIndexes();
      this.columns = schema.columnCount();
    }

    /** Whether the log changed this key (a hash of its key values, in key order) while the window was open. */
    boolean changed(long keyHash) {
      return everything || keys.contains(keyHash);
    }

    void observe(ChangeEvent e) {
      if (e instanceof RowChange c) {
        key(c.before());
        key(c.after());
      } else if (!(e instanceof Heartbeat) && !(e instanceof TransactionEnd)) {
        everything = true; // a schema change, truncate, drop: no key can be judged in this window
      }
    }

    private void key(Row row) {
      if (row == null) {
        return;
      }
      if (row.size() != columns) {
        everything = true; // laid out by another schema than the window's: the key's position is not known
        return;
      }
      keys.add(RowHash.of(row.project(keyIndexes)));
    }

    @Override
    public void close() {
      windows.remove(this);
    }
  }

  private final List<Window> windows = new CopyOnWriteArrayList<>();

  /** Opens a window on a table; {@code schema} is the layout its log rows have (the table's current schema). */
  Window open(TableSchema schema) {
    Window w = new Window(schema);
    windows.add(w);
    return w;
  }

  /** The source, with its log streams watched. */
  public ChangeSource wrap(ChangeSource source) {
    return new ForwardingChangeSource(source) {
      @Override
      public LogStream openLog(StartPosition start, Map<TableId, TableSchema> schemas) {
        return watched(super.openLog(start, schemas));
      }

      @Override
      public LogStream restartLog(Map<TableId, TableSchema> schemas) {
        return watched(super.restartLog(schemas));
      }
    };
  }

  private LogStream watched(LogStream stream) {
    return new LogStream() {
      @Override
      public io.tributary.sync.event.SourcePosition startPosition() {
        return stream.startPosition();
      }

      @Override
      public List<ChangeEvent> poll(Duration timeout) throws InterruptedException {
        List<ChangeEvent> events = stream.poll(timeout);
        if (!windows.isEmpty()) {
          for (Window w : windows) {
            for (ChangeEvent e : events) {
              if (table(e) != null && table(e).equals(w.table)) {
                w.observe(e);
              }
            }
          }
        }
        return events;
      }

      @Override
      public void acknowledge(io.tributary.sync.event.SourcePosition position) {
        stream.acknowledge(position);
      }

      @Override
      public void close() {
        stream.close();
      }
    };
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
