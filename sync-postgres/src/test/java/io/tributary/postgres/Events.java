package io.tributary.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.sync.event.ChangeEvent;
import io.tributary.sync.event.Heartbeat;
import io.tributary.sync.event.Row;
import io.tributary.sync.spi.LogStream;
import io.tributary.sync.spi.SnapshotSink;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** Test helpers to drain streams and chunks. */
final class Events {

  private Events() {
  }

  /**
   * Polls until {@code count} non-heartbeat events arrived (fails after 30 s); events of the last batch beyond
   * {@code count} are dropped, as if the reader stopped there.
   */
  static List<ChangeEvent> take(LogStream log, int count) throws InterruptedException {
    List<ChangeEvent> out = new ArrayList<>();
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (out.size() < count) {
      assertThat(System.nanoTime()).as("waiting for %s events, got %s", count, out).isLessThan(deadline);
      for (ChangeEvent e : log.poll(Duration.ofMillis(100))) {
        if (!(e instanceof Heartbeat) && !(e instanceof io.tributary.sync.event.TransactionEnd) && out.size() < count) {
          out.add(e);
        }
      }
    }
    assertThat(out).hasSize(count);
    return out;
  }

  /** Polls until an event matches, returning everything polled, heartbeats included. */
  static List<ChangeEvent> until(LogStream log, Predicate<ChangeEvent> done) throws InterruptedException {
    List<ChangeEvent> out = new ArrayList<>();
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (true) {
      assertThat(System.nanoTime()).as("waiting for the stream").isLessThan(deadline);
      for (ChangeEvent e : log.poll(Duration.ofMillis(100))) {
        out.add(e);
        if (done.test(e)) {
          return out;
        }
      }
    }
  }

  /** Collects one chunk's read. */
  static final class ListSink implements SnapshotSink {
    long low = -1;
    long high = -1;
    final List<Row> rows = new ArrayList<>();

    @Override
    public void lowWatermark(long seq) {
      assertThat(low).as("low watermark once, first").isEqualTo(-1);
      low = seq;
    }

    @Override
    public void accept(Row row) {
      assertThat(low).as("low watermark before rows").isPositive();
      rows.add(row);
    }

    @Override
    public void highWatermark(long seq) {
      assertThat(seq).isGreaterThanOrEqualTo(low);
      high = seq;
    }
  }
}
