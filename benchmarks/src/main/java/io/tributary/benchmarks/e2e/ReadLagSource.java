package io.tributary.benchmarks.e2e;

import io.tributary.sync.event.ChangeEvent;
import io.tributary.sync.event.RowChange;
import io.tributary.sync.event.TableId;
import io.tributary.sync.event.TableSchema;
import io.tributary.sync.spi.ChangeSource;
import io.tributary.sync.spi.ForwardingChangeSource;
import io.tributary.sync.spi.ForwardingLogStream;
import io.tributary.sync.spi.LogStream;
import io.tributary.sync.spi.StartPosition;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Wraps a source and measures its read lag: for every row change its log returns, the row's {@code ts} column (the
 * server's clock at the source transaction) against the moment the poll returned it to the engine's reader thread.
 * The events' own commit times cannot serve: a binlog event's is in whole seconds.
 */
final class ReadLagSource extends ForwardingChangeSource {

  private final int tsColumn;
  private long[] lags = new long[1 << 12];
  private int size;

  ReadLagSource(ChangeSource delegate, int tsColumn) {
    super(delegate);
    this.tsColumn = tsColumn;
  }

  /** Read lags (ms) since the last call. */
  synchronized long[] drain() {
    long[] out = Arrays.copyOf(lags, size);
    size = 0;
    return out;
  }

  private synchronized void record(List<ChangeEvent> events) {
    long now = System.currentTimeMillis();
    for (ChangeEvent e : events) {
      if (e instanceof RowChange r && r.after() != null && r.after().get(tsColumn) instanceof Instant ts) {
        if (size == lags.length) {
          lags = Arrays.copyOf(lags, size * 2);
        }
        lags[size++] = now - ts.toEpochMilli();
      }
    }
  }

  @Override
  public LogStream openLog(StartPosition start, Map<TableId, TableSchema> schemas) {
    return new Measured(super.openLog(start, schemas));
  }

  @Override
  public LogStream restartLog(Map<TableId, TableSchema> schemas) {
    return new Measured(super.restartLog(schemas));
  }

  private final class Measured extends ForwardingLogStream {

    Measured(LogStream log) {
      super(log);
    }

    @Override
    public List<ChangeEvent> poll(Duration timeout) throws InterruptedException {
      List<ChangeEvent> events = super.poll(timeout);
      record(events);
      return events;
    }
  }
}
