package io.tributary.benchmarks.core;

import io.tributary.sync.event.ChangeEvent;
import io.tributary.sync.event.DataType;
import io.tributary.sync.event.Heartbeat;
import io.tributary.sync.event.Row;
import io.tributary.sync.event.RowChange;
import io.tributary.sync.event.RowFilter;
import io.tributary.sync.event.SourcePosition;
import io.tributary.sync.event.TableId;
import io.tributary.sync.event.TableSchema;
import io.tributary.sync.spi.ChangeSource;
import io.tributary.sync.spi.LogStream;
import io.tributary.sync.spi.PreflightReport;
import io.tributary.sync.spi.SnapshotChunk;
import io.tributary.sync.spi.SnapshotSink;
import io.tributary.sync.spi.StartPosition;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A source whose log is a pre-built list of row changes over a few tables, served in batches with no other work:
 * what is measured downstream is the engine alone (routing, extended fields, batching, checkpoints).
 */
final class GeneratedSource implements ChangeSource {

  record Position(long index) implements SourcePosition {
    @Override
    public byte[] encode() {
      return ByteBuffer.allocate(8).putLong(index).array();
    }
  }

  static final int TABLES = 4;

  private final List<TableSchema> schemas = new ArrayList<>();
  private final List<ChangeEvent> events;

  GeneratedSource(int count, long seed) {
    for (int t = 0; t < TABLES; t++) {
      schemas.add(TableSchema.builder(TableId.of("gen", "db_" + t, "orders")).primaryKey("id", DataType.bigint())
          .column("customer", DataType.varchar(32)).column("qty", DataType.intType())
          .column("amount", DataType.decimal(12, 2)).column("status", DataType.varchar(16)).build());
    }
    Random random = new Random(seed);
    String[] customers = new String[1000];
    for (int i = 0; i < customers.length; i++) {
      customers[i] = "customer-" + i;
    }
    events = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      TableId table = schemas.get(i % TABLES).id();
      Row row = Row.of((long) random.nextInt(200_000), customers[random.nextInt(1000)], random.nextInt(100),
          BigDecimal.valueOf(random.nextInt(1_000_000), 2), random.nextBoolean() ? "NEW" : "PAID");
      Position p = new Position(i + 1);
      int op = random.nextInt(10);
      events.add(op < 6 ? RowChange.insert(table, row, i + 1, p, 0)
          : op < 9 ? RowChange.update(table, row, row, i + 1, p, 0) : RowChange.delete(table, row, i + 1, p, 0));
    }
  }

  int size() {
    return events.size();
  }

  @Override
  public String name() {
    return "gen";
  }

  @Override
  public List<TableSchema> discoverTables() {
    return schemas;
  }

  @Override
  public PreflightReport preflight(Collection<TableSchema> tables) {
    return new PreflightReport(name(), List.of());
  }

  @Override
  public LogStream openLog(StartPosition start, Map<TableId, TableSchema> schemas) {
    return new LogStream() {
      private int next;
      private volatile boolean closed;

      @Override
      public SourcePosition startPosition() {
        return new Position(0);
      }

      @Override
      public List<ChangeEvent> poll(Duration timeout) throws InterruptedException {
        if (closed) {
          return List.of();
        }
        if (next >= events.size()) {
          Thread.sleep(Math.min(timeout.toMillis(), 5));
          return List.of(new Heartbeat(next + 1, new Position(next), System.currentTimeMillis()));
        }
        int end = Math.min(events.size(), next + 4096);
        List<ChangeEvent> batch = events.subList(next, end);
        next = end;
        return batch;
      }

      @Override
      public void close() {
        closed = true;
      }
    };
  }

  @Override
  public List<SnapshotChunk> planChunks(TableSchema table, RowFilter filter, int chunkSize) {
    return List.of(new SnapshotChunk(table.id(), 0, null, null, filter));
  }

  @Override
  public void readChunk(SnapshotChunk chunk, TableSchema schema, SnapshotSink sink) {
    sink.lowWatermark(1);
    sink.highWatermark(1);
  }

  @Override
  public SourcePosition decodePosition(byte[] encoded) {
    return new Position(ByteBuffer.wrap(encoded).getLong());
  }

  @Override
  public void close() {
  }
}
