package io.tributary.flink;

import io.tributary.sync.event.ChangeEvent;
import io.tributary.sync.event.Row;
import io.tributary.sync.event.TableId;
import io.tributary.sync.event.TableSchema;
import io.tributary.sync.internal.BatchingSnapshotSink;
import io.tributary.sync.internal.PipelineConfig;
import io.tributary.sync.spi.ChangeSource;
import io.tributary.sync.spi.LogStream;
import io.tributary.sync.spi.StartPosition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.core.io.InputStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A source reader: a thread per log split (whole source transactions per item) and one thread reading its current
 * chunk split; both hand encoded {@link SourceItem}s to the task thread through a small bounded queue, so a slow
 * decision operator backpressures the reads. A split's state moves when its item is emitted (task thread), so the
 * state at a barrier matches exactly what went downstream before it. Positions are acknowledged to the source only
 * once the checkpoint that holds them completes.
 */
final class TributaryReader implements SourceReader<byte[], TributarySplit> {

  private static final Logger LOG = LoggerFactory.getLogger(TributaryReader.class);
  private static final Duration POLL = Duration.ofMillis(200);
  /** A transaction with more events than this is handed over in parts (its checkpoints may then split it). */
  static final int MAX_TRANSACTION_EVENTS = 50_000;

  /** An encoded item and what its emission does to the split state (run on the task thread). */
  private record Pending(byte[] bytes, Runnable onEmit) {
  }

  private final SourceReaderContext context;
  private final Definition definition;
  private final BlockingQueue<Pending> queue = new ArrayBlockingQueue<>(64);
  private final Map<Integer, TributarySplit.Log> logs = new TreeMap<>();
  private final Map<Integer, LogStream> streams = new LinkedHashMap<>();
  private final List<Thread> threads = new ArrayList<>();
  /** Per checkpoint id, the log positions its state holds: acknowledged when it completes. */
  private final TreeMap<Long, Map<Integer, byte[]>> toAcknowledge = new TreeMap<>();
  private TributarySplit.Chunk chunk;
  private PipelineConfig config;
  private CompletableFuture<Void> available = new CompletableFuture<>();
  private volatile Throwable failure;
  private volatile boolean closed;

  TributaryReader(SourceReaderContext context, Definition definition) {
    this.context = context;
    this.definition = definition;
  }

  @Override
  public void start() {
    if (chunk == null) {
      context.sendSplitRequest();
    }
  }

  /** Built on first use: a restore adds the reader's splits before {@link #start}. */
  private PipelineConfig config() {
    if (config == null) {
      config = Configs.of(definition);
    }
    return config;
  }

  @Override
  public InputStatus pollNext(ReaderOutput<byte[]> output) {
    if (failure != null) {
      throw new IllegalStateException("a Tributary source read failed", failure);
    }
    Pending p = queue.poll();
    if (p == null) {
      return InputStatus.NOTHING_AVAILABLE;
    }
    output.collect(p.bytes());
    p.onEmit().run();
    return queue.isEmpty() ? InputStatus.NOTHING_AVAILABLE : InputStatus.MORE_AVAILABLE;
  }

  @Override
  public synchronized CompletableFuture<Void> isAvailable() {
    if (!queue.isEmpty() || failure != null) {
      return CompletableFuture.completedFuture(null);
    }
    if (available.isDone()) {
      available = new CompletableFuture<>();
    }
    return available;
  }

  private void put(Pending p) throws InterruptedException {
    queue.put(p);
    synchronized (this) {
      available.complete(null);
    }
  }

  private void fail(Throwable e) {
    if (!closed) {
      failure = e;
      synchronized (this) {
        available.complete(null);
      }
    }
  }

  @Override
  public void addSplits(List<TributarySplit> splits) {
    for (TributarySplit s : splits) {
      if (s instanceof TributarySplit.Log l) {
        openLog(l);
      } else {
        readChunk((TributarySplit.Chunk) s);
      }
    }
  }

  @Override
  public void notifyNoMoreSplits() {
  }

  // ---------------------------------------------------------------- log

  private void openLog(TributarySplit.Log split) {
    ChangeSource source = config().sources().get(split.sourceIndex());
    Map<TableId, TableSchema> schemas = new LinkedHashMap<>();
    split.schemas().forEach(s -> schemas.put(s.id(), s));
    if (split.plans().isEmpty()) {
      AddedTables.addTo(schemas, config(), split.sourceIndex());
    }
    LogStream stream = source.openLog(StartPosition.at(source.decodePosition(split.position())), schemas);
    logs.put(split.sourceIndex(), split);
    streams.put(split.sourceIndex(), stream);
    int index = split.sourceIndex();
    Thread t = new Thread(() -> readLog(index, split, stream), "tributary-log-" + source.name());
    t.setDaemon(true);
    threads.add(t);
    t.start();
  }

  private void readLog(int index, TributarySplit.Log split, LogStream stream) {
    try {
      byte[] opened = SourceItem.encode(new SourceItem.LogOpened(index, split.position(), split.plans()));
      put(new Pending(opened, () -> logs.computeIfPresent(index,
          (k, l) -> new TributarySplit.Log(k, l.position(), l.schemas(), List.of()))));
      List<ChangeEvent> transaction = new ArrayList<>();
      long polledAt = System.nanoTime();
      while (!closed) {
        long now = System.nanoTime();
        List<ChangeEvent> events = stream.poll(POLL);
        if (transaction.isEmpty()) {
          polledAt = now;
        }
        for (ChangeEvent e : events) {
          transaction.add(e);
          // Handed over whole: at a boundary, so no Flink barrier falls inside a source transaction.
          if (!e.position().insideTransaction() || transaction.size() >= MAX_TRANSACTION_EVENTS) {
            emitLog(index, transaction, polledAt);
            transaction = new ArrayList<>();
            polledAt = now;
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Throwable e) {
      LOG.warn("log reader of source {} failed: {}", index, e.toString());
      fail(e);
    }
  }

  private void emitLog(int index, List<ChangeEvent> events, long polledAt) throws InterruptedException {
    byte[] position = events.get(events.size() - 1).position().encode();
    byte[] bytes = SourceItem.encode(new SourceItem.LogBatch(index, polledAt, events));
    boolean ddl = LogSchemas.changesAny(events);
    put(new Pending(bytes, () -> logs.computeIfPresent(index, (k, l) -> new TributarySplit.Log(k, position,
        ddl ? LogSchemas.after(l.schemas(), events) : l.schemas(), l.plans()))));
  }

  // ---------------------------------------------------------------- chunks

  private void readChunk(TributarySplit.Chunk split) {
    if (chunk != null) {
      throw new IllegalStateException("reader got chunk " + split.splitId() + " while reading " + chunk.splitId());
    }
    chunk = split;
    ChangeSource source = config().sources().get(split.sourceIndex());
    Thread t = new Thread(() -> {
      try {
        source.readChunk(split.chunk(), split.schema(), new ChunkSink(split));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (Throwable e) {
        LOG.warn("snapshot chunk {} failed: {}", split.chunk(), e.toString());
        fail(e);
      }
    }, "tributary-chunk-" + split.chunk().table().table() + "-" + split.chunk().index());
    t.setDaemon(true);
    threads.removeIf(x -> !x.isAlive());
    threads.add(t);
    t.start();
  }

  /** Rows in batches ({@link BatchingSnapshotSink}), then the chunk's end; its emission finishes the split. */
  private final class ChunkSink extends BatchingSnapshotSink {
    private final TributarySplit.Chunk split;

    ChunkSink(TributarySplit.Chunk split) {
      super(split.chunk());
      this.split = split;
    }

    @Override
    protected void rows(long lowWatermark, List<Row> rows) throws InterruptedException {
      put(new Pending(SourceItem.encode(new SourceItem.ChunkRows(split.chunk().table(), split.plan(),
          split.chunk().index(), lowWatermark, split.schema(), rows)), () -> { }));
    }

    @Override
    protected void done(long lowWatermark, long highWatermark) throws InterruptedException {
      byte[] done = SourceItem.encode(new SourceItem.ChunkDone(split.chunk().table(), split.plan(),
          split.chunk().index(), split.schema(), lowWatermark, highWatermark));
      put(new Pending(done, () -> {
        chunk = null;
        context.sendSplitRequest();
      }));
    }
  }

  // ---------------------------------------------------------------- checkpoints

  @Override
  public List<TributarySplit> snapshotState(long checkpointId) {
    List<TributarySplit> state = new ArrayList<>(logs.values());
    Map<Integer, byte[]> positions = new LinkedHashMap<>();
    logs.forEach((i, l) -> positions.put(i, l.position()));
    toAcknowledge.put(checkpointId, positions);
    if (chunk != null) {
      state.add(chunk); // read again from its start after a restore: its staged rows are overwritten by seq
    }
    return state;
  }

  @Override
  public void notifyCheckpointComplete(long checkpointId) {
    var done = toAcknowledge.headMap(checkpointId, true);
    if (done.isEmpty()) {
      return;
    }
    Map<Integer, byte[]> positions = done.lastEntry().getValue();
    done.clear();
    positions.forEach((i, p) -> {
      LogStream s = streams.get(i);
      if (s != null) {
        s.acknowledge(config().sources().get(i).decodePosition(p));
      }
    });
  }

  @Override
  public void close() {
    closed = true;
    threads.forEach(Thread::interrupt);
    streams.values().forEach(Configs::closeQuietly);
    if (config != null) {
      config.sources().forEach(Configs::closeQuietly);
      Configs.closeQuietly(config.writer());
    }
  }
}
