package io.tributary.flink;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SourceSplit;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.core.io.InputStatus;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * A test control input: an unbounded source (parallelism 1) emitting the {@link TableCommand}s a test offers, in
 * order. The MiniCluster runs in the test's JVM, so the list is shared. Its one split holds the index of the next
 * command, so a restore replays the commands emitted after its checkpoint, as a Kafka topic would.
 */
final class CommandQueue implements Source<TableCommand, CommandQueue.Cursor, Void> {

  private static final long serialVersionUID = 1L;
  static final List<TableCommand> QUEUE = new java.util.concurrent.CopyOnWriteArrayList<>();
  static final AtomicInteger EMITTED = new AtomicInteger();

  static void offer(TableCommand c) {
    QUEUE.add(c);
  }

  @Override
  public Boundedness getBoundedness() {
    return Boundedness.CONTINUOUS_UNBOUNDED;
  }

  @Override
  public SplitEnumerator<Cursor, Void> createEnumerator(SplitEnumeratorContext<Cursor> context) {
    return new Enumerator(context, false);
  }

  @Override
  public SplitEnumerator<Cursor, Void> restoreEnumerator(SplitEnumeratorContext<Cursor> context, Void state) {
    return new Enumerator(context, true); // the split is in the reader's state (or handed back)
  }

  @Override
  public SimpleVersionedSerializer<Cursor> getSplitSerializer() {
    return new CursorSerializer<>();
  }

  @Override
  public SimpleVersionedSerializer<Void> getEnumeratorCheckpointSerializer() {
    return new CursorSerializer<>();
  }

  @Override
  public SourceReader<TableCommand, Cursor> createReader(SourceReaderContext context) {
    return new Reader();
  }

  /** The index of the next command to emit. */
  record Cursor(int next) implements SourceSplit {
    @Override
    public String splitId() {
      return "commands";
    }
  }

  private static final class CursorSerializer<T> implements SimpleVersionedSerializer<T> {
    @Override
    public int getVersion() {
      return 1;
    }

    @Override
    public byte[] serialize(T obj) {
      int n = obj instanceof Cursor c ? c.next() : -1;
      return java.nio.ByteBuffer.allocate(4).putInt(n).array();
    }

    @Override
    @SuppressWarnings("unchecked")
    public T deserialize(int version, byte[] serialized) {
      int n = java.nio.ByteBuffer.wrap(serialized).getInt();
      return n < 0 ? null : (T) new Cursor(n);
    }
  }

  private static final class Enumerator implements SplitEnumerator<Cursor, Void> {
    private final SplitEnumeratorContext<Cursor> context;
    private final List<Cursor> unassigned = new java.util.ArrayList<>();

    Enumerator(SplitEnumeratorContext<Cursor> context, boolean restored) {
      this.context = context;
      if (!restored) {
        unassigned.add(new Cursor(0));
      }
    }

    @Override
    public void start() {
    }

    @Override
    public void handleSplitRequest(int subtaskId, String requesterHostname) {
    }

    @Override
    public void addSplitsBack(List<Cursor> splits, int subtaskId) {
      unassigned.addAll(splits);
      if (context.registeredReaders().containsKey(subtaskId)) {
        addReader(subtaskId);
      }
    }

    @Override
    public void addReader(int subtaskId) {
      unassigned.forEach(c -> context.assignSplit(c, subtaskId));
      unassigned.clear();
    }

    @Override
    public Void snapshotState(long checkpointId) {
      return null;
    }

    @Override
    public void close() {
    }
  }

  private static final class Reader implements SourceReader<TableCommand, Cursor> {
    private Cursor cursor;

    @Override
    public void start() {
    }

    @Override
    public InputStatus pollNext(ReaderOutput<TableCommand> output) {
      if (cursor != null && cursor.next() < QUEUE.size()) {
        output.collect(QUEUE.get(cursor.next()));
        cursor = new Cursor(cursor.next() + 1);
        EMITTED.incrementAndGet();
      }
      return InputStatus.NOTHING_AVAILABLE;
    }

    @Override
    public CompletableFuture<Void> isAvailable() {
      // Polled again shortly (a test source: no wake-up from the queue).
      return CompletableFuture.runAsync(() -> { },
          CompletableFuture.delayedExecutor(50, java.util.concurrent.TimeUnit.MILLISECONDS));
    }

    @Override
    public List<Cursor> snapshotState(long checkpointId) {
      return cursor == null ? List.of() : List.of(cursor);
    }

    @Override
    public void addSplits(List<Cursor> splits) {
      cursor = splits.get(0);
    }

    @Override
    public void notifyNoMoreSplits() {
    }

    @Override
    public void close() {
    }
  }
}
