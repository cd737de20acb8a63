package io.tributary.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.sync.event.DataType;
import io.tributary.sync.event.TableId;
import io.tributary.sync.event.TableSchema;
import io.tributary.sync.memory.MemoryDatabase;
import io.tributary.sync.memory.MemoryWarehouse;
import io.tributary.sync.memory.MemoryWriter;
import io.tributary.sync.spi.ChangeWriter;
import io.tributary.sync.spi.ForwardingChangeWriter;
import io.tributary.sync.spi.RowBatch;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** A slow writer under a large full sync: readers wait, the buffer never grows past its budget. */
class BoundedMemoryTest {

  @Test
  void slowWriter_backpressuresReaders_bufferStaysWithinBudget() throws Exception {
    MemoryDatabase db = new MemoryDatabase("src");
    TableId t = db.tableId("app", "app", "big");
    db.createTable(TableSchema.builder(t).primaryKey("id", DataType.bigint()).column("pad", DataType.string())
        .build());
    String pad = "x".repeat(200);
    for (long i = 0; i < 40_000; i++) {
      db.insert(t, i, pad);
    }
    MemoryWarehouse warehouse = new MemoryWarehouse();
    MemoryWriter memory = new MemoryWriter(warehouse);
    // A writer that takes 2 ms per staging batch: the slowness is what this test is about (it makes the readers
    // wait), not a wait for something to happen.
    ChangeWriter slow = new ForwardingChangeWriter(memory) {
      @Override
      public void writeStaging(String target, String staging, RowBatch batch) {
        sleep();
        super.writeStaging(target, staging, batch);
      }
    };
    long budget = 1L << 20;
    AtomicInteger threads = new AtomicInteger();
    AtomicLong maxBuffered = new AtomicLong();
    try (SyncPipeline p = SyncPipeline.builder().name("bounded").source(db.source()).writer(slow).fullSync(true)
        .bufferMemoryBytes(budget).batchSize(500).snapshotChunkSize(2_000).snapshotParallelism(4)
        .commitInterval(Duration.ofMillis(50))
        .threadFactory(r -> {
          threads.incrementAndGet();
          return new Thread(r);
        }).build()) {
      p.start();
      // the status is sampled while the full sync runs: the peak it shows must stay within the budget
      await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(5)).until(() -> {
        PipelineStatus s = p.status();
        maxBuffered.accumulateAndGet(s.bufferedBytes(), Math::max);
        return s.phase() == PipelineStatus.Phase.INCREMENTAL;
      });
      assertThat(p.awaitCaughtUp(Duration.ofSeconds(60))).isTrue();
      p.close();
      p.close(); // idempotent
    }
    assertThat(warehouse.rows("big")).hasSize(40_000);
    assertThat(maxBuffered.get()).as("peak buffered bytes").isPositive().isLessThanOrEqualTo(budget);
    assertThat(threads.get()).as("threads made by the host's factory").isGreaterThanOrEqualTo(6);
  }

  @Test
  void oversizedField_stopsTableWithReason() throws Exception {
    MemoryDatabase db = new MemoryDatabase("src");
    TableId t = db.tableId("app", "app", "blobs");
    db.createTable(TableSchema.builder(t).primaryKey("id", DataType.bigint()).column("b", DataType.bytes())
        .build());
    MemoryWarehouse warehouse = new MemoryWarehouse();
    try (SyncPipeline p = SyncPipeline.builder().name("limits").source(db.source())
        .writer(new MemoryWriter(warehouse)).maxFieldBytes(1024).commitInterval(Duration.ofMillis(20)).build()) {
      p.start();
      await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(5))
          .until(() -> p.status().state() == PipelineState.RUNNING);
      db.insert(t, 1L, new byte[100]);
      db.insert(t, 2L, new byte[2048]);
      assertThat(p.awaitCaughtUp(Duration.ofSeconds(10))).isTrue();
      PipelineStatus.TableStatus s = p.status().table(t).orElseThrow();
      assertThat(s.phase()).isEqualTo(TablePhase.BLACKLISTED);
      assertThat(s.reason()).contains("field b of table src:app.blobs is 2048 bytes, over the 1024-byte field limit");
    }
    assertThat(warehouse.rows("blobs")).hasSize(1);
  }

  private static void sleep() {
    try {
      Thread.sleep(2);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
