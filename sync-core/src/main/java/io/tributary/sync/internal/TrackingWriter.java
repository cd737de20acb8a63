package io.tributary.sync.internal;

import io.tributary.sync.event.RowFilter;
import io.tributary.sync.spi.ChangeWriter;
import io.tributary.sync.spi.RowBatch;
import io.tributary.sync.spi.TargetTable;
import io.tributary.sync.spi.WriterContext;
import java.util.Set;

/**
 * The run's view of the writer: delegates every call and remembers whether anything was written since the last
 * commit, so "caught up" can require that every change, merge and delete is committed, not only handed over.
 */
final class TrackingWriter implements ChangeWriter {

  private final ChangeWriter delegate;
  private boolean uncommitted;

  TrackingWriter(ChangeWriter delegate) {
    this.delegate = delegate;
  }

  /** Whether a write, merge or delete was made since the last commit. */
  boolean uncommitted() {
    return uncommitted;
  }

  @Override
  public Set<Capability> capabilities() {
    return delegate.capabilities();
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
  public void write(String target, RowBatch batch) {
    uncommitted = true;
    delegate.write(target, batch);
  }

  @Override
  public void writeStaging(String target, String staging, RowBatch batch) {
    uncommitted = true;
    delegate.writeStaging(target, staging, batch);
  }

  @Override
  public void mergeStaging(String target, String staging, RowFilter replaceScope) {
    uncommitted = true;
    delegate.mergeStaging(target, staging, replaceScope);
  }

  @Override
  public void dropStaging(String target, String staging) {
    uncommitted = true;
    delegate.dropStaging(target, staging);
  }

  @Override
  public void deleteWhere(String target, RowFilter filter) {
    uncommitted = true;
    delegate.deleteWhere(target, filter);
  }

  @Override
  public byte[] prepareCommit(long checkpointId) {
    return delegate.prepareCommit(checkpointId);
  }

  @Override
  public void commit(long checkpointId, byte[] committable) {
    delegate.commit(checkpointId, committable);
    uncommitted = false;
  }

  @Override
  public void close() {
    delegate.close();
  }
}
