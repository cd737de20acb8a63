package io.tributary.sync.spi;

import io.tributary.sync.event.RowFilter;
import io.tributary.sync.event.SourcePosition;
import io.tributary.sync.event.TableId;
import io.tributary.sync.event.TableSchema;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.function.Predicate;

/**
 * A {@link ChangeSource} that forwards every call, default methods included, to another: extend it and override
 * only what a decorator changes (throttling or gating snapshot reads, failure injection in tests, metrics), so a
 * new SPI method never silently falls back to its default in a decorator.
 */
public abstract class ForwardingChangeSource implements ChangeSource {

  private final ChangeSource delegate;

  protected ForwardingChangeSource(ChangeSource delegate) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
  }

  protected ChangeSource delegate() {
    return delegate;
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
  public List<TableSchema> discoverTables(Predicate<TableId> selected) {
    return delegate.discoverTables(selected);
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
  public java.util.Optional<LogRetention> logRetention(io.tributary.sync.event.SourcePosition position,
      long positionTimeMillis) {
    return delegate.logRetention(position, positionTimeMillis);
  }

  @Override
  public LogStream restartLog(Map<TableId, TableSchema> schemas) {
    return delegate.restartLog(schemas);
  }

  @Override
  public List<SnapshotChunk> planChunks(TableSchema table, RowFilter filter, int chunkSize) {
    return delegate.planChunks(table, filter, chunkSize);
  }

  @Override
  public void readChunk(SnapshotChunk chunk, TableSchema schema, SnapshotSink sink) throws InterruptedException {
    delegate.readChunk(chunk, schema, sink);
  }

  @Override
  public OptionalLong logEnd() {
    return delegate.logEnd();
  }

  @Override
  public SourcePosition decodePosition(byte[] encoded) {
    return delegate.decodePosition(encoded);
  }

  @Override
  public boolean isRetriable(Throwable error) {
    return delegate.isRetriable(error);
  }

  @Override
  public void releaseServerState() {
    delegate.releaseServerState();
  }

  @Override
  public void useThreadFactory(java.util.concurrent.ThreadFactory threads) {
    delegate.useThreadFactory(threads);
  }

  @Override
  public void close() {
    delegate.close();
  }
}
