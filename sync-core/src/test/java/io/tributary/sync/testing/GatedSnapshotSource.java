package io.tributary.sync.testing;

import io.tributary.sync.event.TableSchema;
import io.tributary.sync.spi.ChangeSource;
import io.tributary.sync.spi.ForwardingChangeSource;
import io.tributary.sync.spi.SnapshotChunk;
import io.tributary.sync.spi.SnapshotSink;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Delegates to a source, but holds every chunk read of index {@code >= open} at its start (before its watermark)
 * until {@link #release()}: a test can then change the table while the sync is certainly in its middle, and the
 * held reads run after the change, as chunk reads queued at planning do on a busy server.
 */
public final class GatedSnapshotSource extends ForwardingChangeSource {
  private final int open;
  private final CountDownLatch gate = new CountDownLatch(1);
  private final AtomicInteger held = new AtomicInteger();

  public GatedSnapshotSource(ChangeSource delegate, int open) {
    super(delegate);
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
    delegate().readChunk(chunk, schema, sink);
  }
}
