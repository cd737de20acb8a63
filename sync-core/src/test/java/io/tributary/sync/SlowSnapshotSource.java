package io.tributary.sync;

import io.tributary.sync.event.Row;
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
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Delegates to a source but delivers snapshot rows slowly (pauses between rows), as a real server streaming a
 * large chunk does, so concurrent writes land inside chunk reads and the watermark logic is exercised.
 */
final class SlowSnapshotSource implements ChangeSource {

  private final ChangeSource delegate;
  private final long seed;

  SlowSnapshotSource(ChangeSource delegate, long seed) {
    this.delegate = delegate;
    this.seed = seed;
  }

  @Override
  public String name() {
    return delegate.name();
  }

  @Override
  public List<TableSchema> discoverTables() {
    return delegate.discoverTables();
  }

  @Override
  public PreflightReport preflight(Collection<TableSchema> tables) {
    return delegate.preflight(tables);
  }

  @Override
  public LogStream openLog(StartPosition start, Map<TableId, TableSchema> schemas) {
    return delegate.openLog(start, schemas);
  }

  @Override
  public java.util.OptionalLong logEnd() {
    return delegate.logEnd();
  }

  @Override
  public List<SnapshotChunk> planChunks(TableSchema table, RowFilter filter, int chunkSize) {
    return delegate.planChunks(table, filter, chunkSize);
  }

  @Override
  public void readChunk(SnapshotChunk chunk, TableSchema schema, SnapshotSink sink) throws InterruptedException {
    Random random = new Random(seed ^ chunk.index());
    delegate.readChunk(chunk, schema, new SnapshotSink() {
      @Override
      public void lowWatermark(long seq) {
        sink.lowWatermark(seq);
      }

      @Override
      public void accept(Row row) throws InterruptedException {
        if (random.nextInt(4) == 0) {
          Thread.sleep(1);
        }
        sink.accept(row);
      }

      @Override
      public void highWatermark(long seq) {
        sink.highWatermark(seq);
      }
    });
  }

  @Override
  public SourcePosition decodePosition(byte[] encoded) {
    return delegate.decodePosition(encoded);
  }

  @Override
  public void close() {
    delegate.close();
  }
}
