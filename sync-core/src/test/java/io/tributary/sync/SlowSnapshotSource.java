package io.tributary.sync;

import io.tributary.sync.event.Row;
import io.tributary.sync.event.TableSchema;
import io.tributary.sync.spi.ChangeSource;
import io.tributary.sync.spi.ForwardingChangeSource;
import io.tributary.sync.spi.SnapshotChunk;
import io.tributary.sync.spi.SnapshotSink;
import java.util.Random;

/**
 * Delegates to a source but delivers snapshot rows slowly (pauses between rows), as a real server streaming a
 * large chunk does, so concurrent writes land inside chunk reads and the watermark logic is exercised.
 */
final class SlowSnapshotSource extends ForwardingChangeSource {
  private final long seed;

  SlowSnapshotSource(ChangeSource delegate, long seed) {
    super(delegate);
    this.seed = seed;
  }

  @Override
  public void readChunk(SnapshotChunk chunk, TableSchema schema, SnapshotSink sink) throws InterruptedException {
    Random random = new Random(seed ^ chunk.index());
    delegate().readChunk(chunk, schema, new SnapshotSink() {
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
}
