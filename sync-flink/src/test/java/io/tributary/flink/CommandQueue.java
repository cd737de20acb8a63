package io.tributary.flink;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
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
 * order. The MiniCluster runs in the test's JVM, so the queue is shared. No splits and no state: a command taken
 * is gone (the tests using it inject no failure).
 */
final class CommandQueue implements Source<TableCommand, CommandQueue.NoSplit, Void> {

  private static final long serialVersionUID = 1L;
  static final ConcurrentLinkedQueue<TableCommand> QUEUE = new ConcurrentLinkedQueue<>();
  static final AtomicInteger EMITTED = new AtomicInteger();

  static void offer(TableCommand c) {
    QUEUE.add(c);
  }

  @Override
  public Boundedness getBoundedness() {
    return Boundedness.CONTINUOUS_UNBOUNDED;
  }

  @Override
  public SplitEnumerator<NoSplit, Void> createEnumerator(SplitEnumeratorContext<NoSplit> context) {
    return new Enumerator();
  }

  @Override
  public SplitEnumerator<NoSplit, Void> restoreEnumerator(SplitEnumeratorContext<NoSplit> context, Void state) {
    return new Enumerator();
  }

  @Override
  public SimpleVersionedSerializer<NoSplit> getSplitSerializer() {
    return new NoSplitSerializer<>();
  }

  @Override
  public SimpleVersionedSerializer<Void> getEnumeratorCheckpointSerializer() {
    return new NoSplitSerializer<>();
  }

  @Override
  public SourceReader<TableCommand, NoSplit> createReader(SourceReaderContext context) {
    return new Reader();
  }

  static final class NoSplit implements SourceSplit {
    @Override
    public String splitId() {
      return "none";
    }
  }

  private static final class NoSplitSerializer<T> implements SimpleVersionedSerializer<T> {
    @Override
    public int getVersion() {
      return 1;
    }

    @Override
    public byte[] serialize(T obj) {
      return new byte[0];
    }

    @Override
    public T deserialize(int version, byte[] serialized) {
      return null;
    }
  }

  private static final class Enumerator implements SplitEnumerator<NoSplit, Void> {
    @Override
    public void start() {
    }

    @Override
    public void handleSplitRequest(int subtaskId, String requesterHostname) {
    }

    @Override
    public void addSplitsBack(List<NoSplit> splits, int subtaskId) {
    }

    @Override
    public void addReader(int subtaskId) {
    }

    @Override
    public Void snapshotState(long checkpointId) {
      return null;
    }

    @Override
    public void close() {
    }
  }

  private static final class Reader implements SourceReader<TableCommand, NoSplit> {
    @Override
    public void start() {
    }

    @Override
    public InputStatus pollNext(ReaderOutput<TableCommand> output) {
      TableCommand c = QUEUE.poll();
      if (c != null) {
        output.collect(c);
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
    public List<NoSplit> snapshotState(long checkpointId) {
      return List.of();
    }

    @Override
    public void addSplits(List<NoSplit> splits) {
    }

    @Override
    public void notifyNoMoreSplits() {
    }

    @Override
    public void close() {
    }
  }
}
