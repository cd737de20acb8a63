package io.tributary.benchmarks.core;

import io.tributary.sync.event.RowFilter;
import io.tributary.sync.spi.ChangeWriter;
import io.tributary.sync.spi.RowBatch;
import io.tributary.sync.spi.TargetTable;
import io.tributary.sync.spi.WriterContext;

/** A writer that only counts rows and consumes them lightly (so the JIT cannot drop the work before it). */
public final class CountingWriter implements ChangeWriter {

  public volatile long rows;
  long checksum;

  @Override
  public void open(WriterContext context) {
  }

  @Override
  public void ensureTable(TargetTable table) {
  }

  @Override
  public void write(String target, RowBatch batch) {
    for (int i = 0; i < batch.size(); i++) {
      checksum += batch.row(i).size() + (batch.isDelete(i) ? 1 : 0);
    }
    rows += batch.size();
  }

  @Override
  public void writeStaging(String target, String staging, RowBatch batch) {
    write(target, batch);
  }

  @Override
  public void mergeStaging(String target, String staging, RowFilter replaceScope) {
  }

  @Override
  public void dropStaging(String target, String staging) {
  }

  @Override
  public void deleteWhere(String target, RowFilter filter) {
  }

  @Override
  public byte[] prepareCommit(long checkpointId) {
    return new byte[0];
  }

  @Override
  public void commit(long checkpointId, byte[] committable) {
  }

  @Override
  public void close() {
  }
}
