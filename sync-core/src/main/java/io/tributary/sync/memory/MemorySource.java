package io.tributary.sync.memory;

import io.tributary.sync.event.ChangeEvent;
import io.tributary.sync.event.Heartbeat;
import io.tributary.sync.event.Row;
import io.tributary.sync.event.RowFilter;
import io.tributary.sync.event.SourcePosition;
import io.tributary.sync.event.TableId;
import io.tributary.sync.event.TableSchema;
import io.tributary.sync.spi.ChangeSource;
import io.tributary.sync.spi.LogStream;
import io.tributary.sync.spi.PreflightCheck;
import io.tributary.sync.spi.PreflightReport;
import io.tributary.sync.spi.SnapshotChunk;
import io.tributary.sync.spi.SnapshotSink;
import io.tributary.sync.spi.StartPosition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;

/**
 * A {@link ChangeSource} over a {@link MemoryDatabase}. Chunk reads copy the chunk's rows under the database lock,
 * so the low watermark (the next log sequence number at that instant) is exact by construction.
 */
public final class MemorySource implements ChangeSource {

  private static final int MAX_POLL = 2048;

  private final MemoryDatabase db;

  MemorySource(MemoryDatabase db) {
    this.db = db;
  }

  public MemoryDatabase database() {
    return db;
  }

  @Override
  public String name() {
    return db.sourceName();
  }

  @Override
  public List<TableSchema> discoverTables() {
    return db.schemas();
  }

  @Override
  public PreflightReport preflight(Collection<TableSchema> tables) {
    List<PreflightCheck> checks = new ArrayList<>();
    for (TableSchema t : tables) {
      checks.add(t.hasPrimaryKey()
          ? PreflightCheck.ok("primary key of " + t.id(), t.primaryKey().toString())
          : PreflightCheck.failed("primary key of " + t.id(), "none",
              "add a primary key to the table or exclude it from the pipeline"));
    }
    return new PreflightReport(name(), checks);
  }

  @Override
  public LogStream openLog(StartPosition start, Map<TableId, TableSchema> schemas) {
    long from;
    boolean inside = false;
    if (start instanceof StartPosition.Latest) {
      from = db.log().size();
    } else if (start instanceof StartPosition.Earliest) {
      from = db.log().firstAvailableIndex();
    } else if (start instanceof StartPosition.At at) {
      if (!(at.position() instanceof MemoryPosition p)) {
        throw new IllegalArgumentException("memory source " + name() + " cannot start at " + at.position());
      }
      from = p.nextIndex();
      inside = p.insideTransaction();
    } else if (start instanceof StartPosition.Timestamp ts) {
      from = db.log().indexAt(ts.instant().toEpochMilli());
    } else if (start instanceof StartPosition.Spec spec) {
      try {
        from = Long.parseLong(spec.text().trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("memory source positions are log indexes (e.g. \"42\"), got \""
            + spec.text() + "\"", e);
      }
    } else {
      throw new IllegalArgumentException("unknown start position " + start);
    }
    if (from < db.log().firstAvailableIndex()) { // as a real server refuses a purged binlog or a released slot at once
      throw new io.tributary.sync.PositionUnavailableException("memory log position " + from + " was purged; the"
          + " oldest available is " + db.log().firstAvailableIndex() + ": restart from a newer position and re-sync the"
          + " affected tables", null);
    }
    return new Stream(new MemoryPosition(from, inside));
  }

  @Override
  public List<SnapshotChunk> planChunks(TableSchema table, RowFilter filter, int chunkSize) {
    db.lock().lock();
    try {
      MemoryTable t = db.table(table.id());
      List<SnapshotChunk> chunks = new ArrayList<>();
      if (!table.primaryKey().equals(t.schema.primaryKey())) { // planned by another key: one chunk, read as none
        chunks.add(new SnapshotChunk(table.id(), 0, null, null, filter, t.rows.size()));
        return chunks;
      }
      Row lower = null;
      int n = 0;
      for (Row key : t.rows.keySet()) {
        if (n > 0 && n % chunkSize == 0) {
          chunks.add(new SnapshotChunk(table.id(), chunks.size(), lower, key, filter, chunkSize));
          lower = key;
        }
        n++;
      }
      // Exact counts at planning (rows in the key range; a filter may read fewer).
      long last = n == 0 ? 0 : n - (long) chunks.size() * chunkSize;
      chunks.add(new SnapshotChunk(table.id(), chunks.size(), lower, null, filter, last));
      return chunks;
    } finally {
      db.lock().unlock();
    }
  }

  @Override
  public void readChunk(SnapshotChunk chunk, TableSchema schema, SnapshotSink sink) throws InterruptedException {
    List<Row> rows = new ArrayList<>();
    long lowWatermark;
    db.lock().lock();
    try {
      MemoryTable t = db.table(chunk.table());
      lowWatermark = db.log().size() + 1;
      // A renamed key, or a key changed since the schema was taken (the chunk's bounds are of the old key): no rows
      // (see ChangeSource); the engine learns of the change from the log, which precedes the read.
      int keySize = t.schema.primaryKey().size();
      boolean keyGone = schema.primaryKey().stream().anyMatch(k -> t.schema.indexOf(k) < 0)
          || !schema.primaryKey().equals(t.schema.primaryKey())
          || chunk.lowerInclusive() != null && chunk.lowerInclusive().size() != keySize
          || chunk.upperExclusive() != null && chunk.upperExclusive().size() != keySize;
      NavigableMap<Row, Row> range = keyGone ? new java.util.TreeMap<>() : t.rows;
      if (!keyGone && chunk.lowerInclusive() != null) {
        range = range.tailMap(chunk.lowerInclusive(), true);
      }
      if (!keyGone && chunk.upperExclusive() != null) {
        range = range.headMap(chunk.upperExclusive(), false);
      }
      int[] from = new int[schema.columnCount()];
      for (int i = 0; i < from.length; i++) {
        from[i] = t.schema.indexOf(schema.columns().get(i).name());
      }
      for (Row r : range.values()) {
        if (chunk.filter().test(t.schema, r)) {
          Object[] values = new Object[from.length];
          for (int i = 0; i < from.length; i++) {
            values[i] = from[i] < 0 ? null : r.get(from[i]);
          }
          rows.add(Row.of(values));
        }
      }
    } finally {
      db.lock().unlock();
    }
    sink.lowWatermark(lowWatermark);
    for (Row r : rows) {
      sink.accept(r);
    }
    sink.highWatermark(db.lastSeq() + 1);
  }

  /** One past the last log entry: the log holds every write made before the call, with a smaller seq. */
  @Override
  public java.util.OptionalLong logEnd() {
    return java.util.OptionalLong.of(db.lastSeq() + 1);
  }

  @Override
  public SourcePosition decodePosition(byte[] encoded) {
    return MemoryPosition.decode(encoded);
  }

  @Override
  public void close() {
  }

  private final class Stream implements LogStream {
    private final MemoryPosition start;
    private long next;
    private volatile boolean closed;

    Stream(MemoryPosition start) {
      this.start = start;
      this.next = start.nextIndex();
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
      List<ChangeEvent> events = db.log().read(next, MAX_POLL, timeout.toNanos());
      if (events.isEmpty()) {
        return List.of(new Heartbeat(next + 1, new MemoryPosition(next), db.clock().millis()));
      }
      next += events.size();
      return events;
    }

    @Override
    public void close() {
      closed = true;
    }
  }
}
