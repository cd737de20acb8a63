package io.tributary.sync;

import io.tributary.sync.event.ChangeEvent;
import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.sync.event.DataType;
import io.tributary.sync.event.Heartbeat;
import io.tributary.sync.event.SourcePosition;
import io.tributary.sync.event.TableId;
import io.tributary.sync.event.TableSchema;
import io.tributary.sync.memory.MemoryDatabase;
import io.tributary.sync.memory.MemoryWarehouse;
import io.tributary.sync.memory.MemoryWriter;
import io.tributary.sync.spi.ChangeSource;
import io.tributary.sync.spi.ForwardingChangeSource;
import io.tributary.sync.spi.LogStream;
import io.tributary.sync.spi.StartPosition;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@code awaitCaughtUp} counts what the log delivered up to the source's end as of the call, never an idle claim
 * made before the change reached the reader: here the log receives each change {@value #LAG_MILLIS} ms after its
 * commit (a binlog client behind its server) and says it is idle meanwhile, truthfully as far as it knows.
 */
class CaughtUpTest {

  private static final long LAG_MILLIS = 30;

  private final MemoryDatabase db = new MemoryDatabase("src");
  private final MemoryWarehouse warehouse = new MemoryWarehouse();

  @Test
  void changeCommittedBeforeTheCall_isInTargetWhenItReturnsTrue_thoughTheLogLagsAndClaimsIdle() throws Exception {
    TableId id = db.tableId("app", "app", "t");
    db.createTable(TableSchema.builder(id).primaryKey("id", DataType.bigint()).column("v", DataType.intType())
        .build());
    long seed = System.nanoTime();
    Random random = new Random(seed);
    try (SyncPipeline p = SyncPipeline.builder().name("lag").source(new LaggingSource(db.source()))
        .writer(new MemoryWriter(warehouse)).commitInterval(Duration.ofMillis(10)).build()) {
      p.start();
      assertThat(p.awaitCaughtUp(Duration.ofSeconds(10))).isTrue();
      for (int iteration = 0; iteration < 40; iteration++) {
        int i = iteration;
        long key = random.nextInt(5);
        db.upsert(id, key, i);
        assertThat(p.awaitCaughtUp(Duration.ofSeconds(10))).isTrue();
        assertThat(warehouse.rows("t")).as("seed %d, iteration %d", seed, i)
            .anyMatch(r -> ((Number) r.get(0)).longValue() == key && ((Number) r.get(1)).intValue() == i);
      }
    }
  }

  /** Delegates to a source; its log hands over each event {@link #LAG_MILLIS} after the commit. */
  private static final class LaggingSource extends ForwardingChangeSource {

    LaggingSource(ChangeSource delegate) {
      super(delegate);
    }

    @Override
    public LogStream openLog(StartPosition start, Map<TableId, TableSchema> schemas) {
      LogStream inner = delegate().openLog(start, schemas);
      return new LogStream() {
        private final ArrayDeque<ChangeEvent> received = new ArrayDeque<>();
        private Heartbeat idle;

        @Override
        public SourcePosition startPosition() {
          return inner.startPosition();
        }

        @Override
        public List<ChangeEvent> poll(Duration timeout) throws InterruptedException {
          if (received.isEmpty()) {
            for (ChangeEvent e : inner.poll(Duration.ofMillis(5))) {
              if (e instanceof Heartbeat h) {
                idle = h;
              } else {
                received.add(e);
              }
            }
          }
          ChangeEvent next = received.peek();
          if (next != null && next.commitTimeMillis() <= System.currentTimeMillis() - LAG_MILLIS) {
            received.poll();
            idle = new Heartbeat(next.seq() + 1, next.position(), System.currentTimeMillis());
            return List.of(next);
          }
          if (next != null) {
            Thread.sleep(1); // simulated network lag, not synchronization
          }
          return idle == null ? List.of() : List.of(idle); // "idle": nothing received yet, as far as it knows
        }

        @Override
        public void close() {
          inner.close();
        }
      };
    }
  }
}
