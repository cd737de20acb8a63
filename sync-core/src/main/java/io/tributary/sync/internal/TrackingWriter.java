package io.tributary.sync.internal;

import io.tributary.sync.event.RowFilter;
import io.tributary.sync.spi.ChangeWriter;
import io.tributary.sync.spi.ForwardingChangeWriter;
import io.tributary.sync.spi.RowBatch;

/**
 * The run's view of the writer: remembers whether anything was written since the last commit, so "caught up" can
 * require that every change, merge and delete is committed, not only handed over.
 */
final class TrackingWriter extends ForwardingChangeWriter {

  private boolean uncommitted;

  TrackingWriter(ChangeWriter delegate) {
    super(delegate);
  }

  /** Whether a write, merge or delete was made since the last commit. */
  boolean uncommitted() {
    return uncommitted;
  }

  @Override
  public void write(String target, RowBatch batch) {
    uncommitted = true;
    super.write(target, batch);
  }

  @Override
  public void writeStaging(String target, String staging, RowBatch batch) {
    uncommitted = true;
    super.writeStaging(target, staging, batch);
  }

  @Override
  public void mergeStaging(String target, String staging, RowFilter replaceScope) {
    uncommitted = true;
    super.mergeStaging(target, staging, replaceScope);
  }

  @Override
  public void dropStaging(String target, String staging) {
    uncommitted = true;
    super.dropStaging(target, staging);
  }

  @Override
  public void deleteWhere(String target, RowFilter filter) {
    uncommitted = true;
    super.deleteWhere(target, filter);
  }

  @Override
  public void commit(long checkpointId, byte[] committable) {
    super.commit(checkpointId, committable);
    uncommitted = false;
  }
}
