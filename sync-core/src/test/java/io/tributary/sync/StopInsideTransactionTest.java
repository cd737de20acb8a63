package io.tributary.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.sync.event.ChangeEvent;
import io.tributary.sync.event.DataType;
import io.tributary.sync.event.Row;
import io.tributary.sync.event.SourcePosition;
import io.tributary.sync.event.TableId;
import io.tributary.sync.event.TableSchema;
import io.tributary.sync.memory.MemoryCheckpointStore;
import io.tributary.sync.memory.MemoryDatabase;
import io.tributary.sync.memory.MemoryWarehouse;
import io.tributary.sync.memory.MemoryWriter;
import io.tributary.sync.spi.ChangeSource;
import io.tributary.sync.spi.ForwardingChangeSource;
import io.tributary.sync.spi.LogStream;
import io.tributary.sync.spi.StartPosition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** A stop waits for the open transaction to end; if it never does, nothing of it is committed. */
class StopInsideTransactionTest {

  @Test
  void stop_transactionNeverEnds_commitsNothingOfIt_andTheNextRunDeliversItWhole() throws Exception {
    MemoryDatabase db = new MemoryDatabase("src");
    TableId t = db.tableId("app", "app", "t");
    db.createTable(TableSchema.builder(t).primaryKey("id", DataType.bigint()).build());
    MemoryWarehouse warehouse = new MemoryWarehouse();
    MemoryCheckpointStore store = new MemoryCheckpointStore();
    AtomicBoolean cutOff = new AtomicBoolean();
    SyncPipeline p = pipeline(new Stalling(db.source(), cutOff), warehouse, store);
    p.start();
    db.insert(t, 1L);
    assertThat(p.awaitCaughtUp(Duration.ofSeconds(20))).isTrue();
    cutOff.set(true); // from here the log delivers the first change of a transaction, then nothing
    db.transaction(() -> {
      db.insert(t, 2L);
      db.insert(t, 3L);
    });
    await().atMost(Duration.ofSeconds(20))
        .until(() -> p.status().sources().get("src").position().contains("in transaction"));
    long before = System.nanoTime();
    p.stop();
    assertThat(Duration.ofNanos(System.nanoTime() - before)).as("the stop waited for the boundary")
        .isGreaterThanOrEqualTo(Duration.ofSeconds(9));
    assertThat(warehouse.rows("t")).containsExactly(Row.of(1L)); // nothing of the open transaction

    try (SyncPipeline next = pipeline(db.source(), warehouse, store)) {
      next.start();
      assertThat(next.awaitCaughtUp(Duration.ofSeconds(20))).isTrue();
    }
    assertThat(warehouse.rows("t")).containsExactlyInAnyOrder(Row.of(1L), Row.of(2L), Row.of(3L));
  }

  private static SyncPipeline pipeline(ChangeSource source, MemoryWarehouse warehouse, MemoryCheckpointStore store) {
    return SyncPipeline.builder().name("stop").source(source).writer(new MemoryWriter(warehouse))
        .checkpointStore(store).fullSync(true).commitInterval(Duration.ofMillis(10)).build();
  }

  /** Once cut off, delivers one more event inside a transaction and then nothing (not even heartbeats). */
  static final class Stalling extends ForwardingChangeSource {
    private final AtomicBoolean cutOff;

    Stalling(ChangeSource delegate, AtomicBoolean cutOff) {
      super(delegate);
      this.cutOff = cutOff;
    }

    @Override
    public LogStream openLog(StartPosition start, Map<TableId, TableSchema> schemas) {
      LogStream log = delegate().openLog(start, schemas);
      return new LogStream() {
        private final CountDownLatch closed = new CountDownLatch(1);
        private boolean stalled;

        @Override
        public SourcePosition startPosition() {
          return log.startPosition();
        }

        @Override
        public List<ChangeEvent> poll(Duration timeout) throws InterruptedException {
          if (stalled) {
            // a source with nothing to say: its poll returns empty after the timeout (or at once when closed)
            closed.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return List.of();
          }
          List<ChangeEvent> out = new ArrayList<>();
          for (ChangeEvent e : log.poll(timeout)) {
            out.add(e);
            if (cutOff.get() && e.position().insideTransaction()) {
              stalled = true;
              break;
            }
          }
          return out;
        }

        @Override
        public void close() {
          closed.countDown();
          log.close();
        }
      };
    }
  }
}
