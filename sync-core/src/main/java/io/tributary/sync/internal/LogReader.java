package io.tributary.sync.internal;

import io.tributary.sync.event.ChangeEvent;
import io.tributary.sync.event.RowChange;
import io.tributary.sync.spi.ChangeSource;
import io.tributary.sync.spi.LogStream;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one thread reading a source's log: polls batches and hands them to the sink thread, within the budget. */
final class LogReader implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(LogReader.class);
  private static final Duration POLL = Duration.ofMillis(200);

  private final int sourceIndex;
  private final ChangeSource source;
  private final LogStream stream;
  private final WorkQueue queue;
  private final Clock clock;
  private final Thread thread;
  private volatile boolean closed;
  /** Wall clock minus the commit time of the latest event read; how far behind the log this reader is. */
  private volatile long readLatencyMillis;

  LogReader(int sourceIndex, ChangeSource source, LogStream stream, WorkQueue queue, Clock clock,
      ThreadFactory threads) {
    this.sourceIndex = sourceIndex;
    this.source = source;
    this.stream = stream;
    this.queue = queue;
    this.clock = clock;
    this.thread = threads.newThread(this::read);
  }

  void start() {
    thread.start();
  }

  LogStream stream() {
    return stream;
  }

  long readLatencyMillis() {
    return readLatencyMillis;
  }

  private void read() {
    try {
      while (!closed) {
        long polledAt = System.nanoTime();
        List<ChangeEvent> events = stream.poll(POLL);
        if (events.isEmpty()) {
          continue;
        }
        long bytes = 64L * events.size();
        for (ChangeEvent e : events) {
          if (e instanceof RowChange r) {
            bytes += ValueCodec.estimateHeapBytes(r.before()) + ValueCodec.estimateHeapBytes(r.after());
          }
        }
        readLatencyMillis = Math.max(0, clock.millis() - events.get(events.size() - 1).commitTimeMillis());
        queue.putLog(new WorkItem.LogBatch(sourceIndex, events, queue.permitsFor(bytes), polledAt));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      if (!closed) {
        LOG.warn("log reader of source {} failed: {}", source.name(), e.toString());
        queue.put(new WorkItem.Failed("log of source " + source.name(), e));
      }
    }
  }

  @Override
  public void close() {
    closed = true;
    thread.interrupt();
    try {
      stream.close();
    } catch (RuntimeException e) {
      LOG.debug("closing log of {}: {}", source.name(), e.toString());
    }
  }

  void join(long millis) throws InterruptedException {
    thread.join(millis);
  }
}
