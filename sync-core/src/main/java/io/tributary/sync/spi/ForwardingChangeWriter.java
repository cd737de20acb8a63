package io.tributary.sync.spi;

import io.tributary.sync.event.RowFilter;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A {@link ChangeWriter} that forwards every call to another: extend it and override only what a decorator changes
 * (metrics, latency tracking, fault injection in tests), so new SPI methods never have to be forwarded by hand.
 */
public abstract class ForwardingChangeWriter implements ChangeWriter {

  private final ChangeWriter delegate;

  protected ForwardingChangeWriter(ChangeWriter delegate) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
  }

  protected ChangeWriter delegate() {
    return delegate;
  }

  @Override
  public Set<Capability> capabilities() {
    return delegate.capabilities();
  }

  @Override
  public void scan(TargetTable table, RowFilter filter, java.util.function.Consumer<io.tributary.sync.event.Row> rows) {
    delegate.scan(table, filter, rows);
  }

  @Override
  public void open(WriterContext context) {
    delegate.open(context);
  }

  @Override
  public long lastCommittedCheckpointId() {
    return delegate.lastCommittedCheckpointId();
  }

  @Override
  public void ensureTable(TargetTable table) {
    delegate.ensureTable(table);
  }

  @Override
  public void ensureTable(TargetTable table, Map<String, String> renamedFrom) {
    delegate.ensureTable(table, renamedFrom);
  }

  @Override
  public void checkTable(TargetTable table, Map<String, String> renamedFrom) {
    delegate.checkTable(table, renamedFrom);
  }

  @Override
  public WriteShards shards(TargetTable table) {
    return delegate.shards(table);
  }

  @Override
  public void write(String target, RowBatch batch) {
    delegate.write(target, batch);
  }

  @Override
  public void writeStaging(String target, String staging, RowBatch batch) {
    delegate.writeStaging(target, staging, batch);
  }

  @Override
  public void mergeStaging(String target, String staging, RowFilter replaceScope) {
    delegate.mergeStaging(target, staging, replaceScope);
  }

  @Override
  public void dropStaging(String target, String staging) {
    delegate.dropStaging(target, staging);
  }

  @Override
  public void deleteWhere(String target, RowFilter filter) {
    delegate.deleteWhere(target, filter);
  }

  @Override
  public byte[] prepareCommit(long checkpointId) {
    return delegate.prepareCommit(checkpointId);
  }

  @Override
  public void commit(long checkpointId, byte[] committable) {
    delegate.commit(checkpointId, committable);
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
