package io.tributary.sync.testing;

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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Delegates to a source, but holds every chunk read of index {@code >= open} at its start (before its watermark)
 * until {@link #release()}: a test can then change the table while the sync is certainly in its middle, and the
 * held reads run after the change, as chunk reads queued at planning do on a busy server.
 */
public final class GatedSnapshotSource implements ChangeSource {

  private final ChangeSource delegate;
  private final int open;
  private final CountDownLatch gate = new CountDownLatch(1);
  private final AtomicInteger held = new AtomicInteger();

  public GatedSnapshotSource(ChangeSource delegate, int open) {
    this.delegate = delegate;
    this.open = open;
  }

  /** Reads waiting at the gate now. */
  public int held() {
    return held.get();
  }

  public void release() {
    gate.countDown();
  }

  @Override
  public void readChunk(SnapshotChunk chunk, TableSchema schema, SnapshotSink sink) throws InterruptedException {
    if (chunk.index() >= open && gate.getCount() > 0) {
      held.incrementAndGet();
      try {
        gate.await();
      } finally {
        held.decrementAndGet();
      }
    }
    delegate.readChunk(chunk, schema, sink);
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
  public List<SnapshotChunk> planChunks(TableSchema table, RowFilter filter, int chunkSize) {
    return delegate.planChunks(table, filter, chunkSize);
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
