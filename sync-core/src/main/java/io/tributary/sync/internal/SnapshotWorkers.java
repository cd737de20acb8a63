package io.tributary.sync.internal;

import io.tributary.sync.LogKeys;
import io.tributary.sync.event.Row;
import io.tributary.sync.event.RowFilter;
import io.tributary.sync.event.TableId;
import io.tributary.sync.event.TableSchema;
import io.tributary.sync.spi.ChangeSource;
import io.tributary.sync.spi.SnapshotChunk;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * A pool of snapshot threads taking tasks (plan a table, read a chunk) from a priority queue: prioritised tables
 * jump the queue, otherwise first come, first served. Rows go to the sink thread in small batches through the
 * budgeted {@link WorkQueue}, so a chunk is never buffered whole.
 */
final class SnapshotWorkers implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(SnapshotWorkers.class);

  /** A plan task when {@code chunk} is null. */
  record Task(int priority, long order, int sourceIndex, TableId table, long generation, TableSchema schema,
      RowFilter filter, SnapshotChunk chunk) {
  }

  private final PriorityBlockingQueue<Task> tasks = new PriorityBlockingQueue<>(64,
      Comparator.comparingInt(Task::priority).reversed().thenComparingLong(Task::order));
  private final AtomicLong order = new AtomicLong();
  private final List<Thread> threads = new ArrayList<>();
  private final List<ChangeSource> sources;
  private final WorkQueue queue;
  private final int chunkSize;
  private volatile boolean closed;

  SnapshotWorkers(List<ChangeSource> sources, WorkQueue queue, int chunkSize, int parallelism,
      ThreadFactory threads) {
    this.sources = sources;
    this.queue = queue;
    this.chunkSize = chunkSize;
    for (int i = 0; i < parallelism; i++) {
      Thread t = threads.newThread(this::work);
      this.threads.add(t);
    }
  }

  void start() {
    threads.forEach(Thread::start);
  }

  void plan(int sourceIndex, TableId table, long generation, TableSchema schema, RowFilter filter, int priority) {
    tasks.add(new Task(priority, order.incrementAndGet(), sourceIndex, table, generation, schema, filter, null));
  }

  void read(int sourceIndex, SnapshotChunk chunk, long generation, TableSchema schema, int priority) {
    tasks.add(new Task(priority, order.incrementAndGet(), sourceIndex, chunk.table(), generation, schema,
        chunk.filter(), chunk));
  }

  /** Moves a table's queued tasks ahead of everything else. */
  void prioritize(TableId table) {
    List<Task> mine = new ArrayList<>();
    tasks.removeIf(t -> {
      if (t.table().equals(table)) {
        mine.add(t);
        return true;
      }
      return false;
    });
    for (Task t : mine) {
      tasks.add(new Task(t.priority() + 1, t.order(), t.sourceIndex(), t.table(), t.generation(), t.schema(),
          t.filter(), t.chunk()));
    }
  }

  /** Queued chunk reads of a table's sync read with {@code schema} instead: the table's layout changed. */
  void reschema(TableId table, long generation, TableSchema schema) {
    List<Task> mine = new ArrayList<>();
    tasks.removeIf(t -> {
      if (t.table().equals(table) && t.generation() == generation && t.chunk() != null) {
        mine.add(t);
        return true;
      }
      return false;
    });
    for (Task t : mine) {
      tasks.add(new Task(t.priority(), t.order(), t.sourceIndex(), t.table(), t.generation(), schema, t.filter(),
          t.chunk()));
    }
  }

  /** Drops a table's queued tasks (its sync was cancelled or restarted). */
  void cancel(TableId table) {
    tasks.removeIf(t -> t.table().equals(table));
  }

  int queued() {
    return tasks.size();
  }

  private void work() {
    try {
      while (!closed) {
        Task task = tasks.take();
        MDC.put(LogKeys.SOURCE, task.table().source());
        MDC.put(LogKeys.TABLE, task.table().toString());
        try {
          if (task.chunk() == null) {
            List<SnapshotChunk> chunks = sources.get(task.sourceIndex()).planChunks(task.schema(), task.filter(),
                chunkSize);
            queue.putSnapshot(new WorkItem.ChunksPlanned(task.table(), task.generation(), chunks));
          } else {
            readChunk(task);
            LOG.debug("snapshot chunk {} read", task.chunk()); // the MDC names pipeline, source and table
          }
        } catch (InterruptedException e) {
          throw e;
        } catch (RuntimeException e) {
          if (!closed) {
            LOG.warn("snapshot of {} failed: {}", task.chunk() == null ? task.table() : task.chunk(), e.toString());
            queue.put(new WorkItem.Failed("snapshot of " + task.table(), e, task.table()));
          }
        } finally {
          MDC.remove(LogKeys.TABLE);
          MDC.remove(LogKeys.SOURCE);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void readChunk(Task task) throws InterruptedException {
    SnapshotChunk chunk = task.chunk();
    sources.get(task.sourceIndex()).readChunk(chunk, task.schema(), new BatchingSnapshotSink(chunk) {
      @Override
      protected void rows(long lowWatermark, List<Row> rows) throws InterruptedException {
        long bytes = 0;
        for (int i = 0; i < rows.size(); i++) {
          bytes += ValueCodec.estimateHeapBytes(rows.get(i));
        }
        queue.putSnapshot(new WorkItem.ChunkRows(chunk.table(), task.generation(), chunk.index(), lowWatermark,
            task.schema(), rows, queue.permitsFor(bytes)));
      }

      @Override
      protected void done(long lowWatermark, long highWatermark) throws InterruptedException {
        queue.putSnapshot(new WorkItem.ChunkDone(chunk.table(), task.generation(), chunk.index(), task.schema(),
            lowWatermark, highWatermark));
      }
    });
  }

  @Override
  public void close() {
    closed = true;
    tasks.clear();
    threads.forEach(Thread::interrupt);
  }

  void join(long millis) throws InterruptedException {
    for (Thread t : threads) {
      t.join(millis);
    }
  }
}
