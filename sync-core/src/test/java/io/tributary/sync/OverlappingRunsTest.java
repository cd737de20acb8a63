package io.tributary.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.sync.event.ChangeEvent;
import io.tributary.sync.event.TableId;
import io.tributary.sync.event.TableSchema;
import io.tributary.sync.event.TransactionEnd;
import io.tributary.sync.memory.MemoryCheckpointStore;
import io.tributary.sync.memory.MemoryDatabase;
import io.tributary.sync.memory.MemoryWarehouse;
import io.tributary.sync.memory.MemoryWriter;
import io.tributary.sync.spi.ChangeSource;
import io.tributary.sync.spi.ChangeWriter;
import io.tributary.sync.spi.CheckpointStore;
import io.tributary.sync.spi.ForwardingChangeWriter;
import io.tributary.sync.spi.ForwardingChangeSource;
import io.tributary.sync.spi.ForwardingLogStream;
import io.tributary.sync.spi.LogStream;
import io.tributary.sync.spi.RowBatch;
import io.tributary.sync.spi.StartPosition;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A run must not resume from a checkpoint older than what the target holds. When a stop (or a kill) outlasts its
 * wait, or two processes run one pipeline, the new run can load the store while the old run is between prepare and
 * save; the old run then commits its last checkpoint before the new run opens the writer. Replaying the log from the
 * older checkpoint over the newer data commits states that are no cut of the source: here the bank total is off
 * (a torn source transaction, a balance stepping back in time). Latches, not timing, put the two runs in that order.
 */
class OverlappingRunsTest {

  private static final int TRANSFERS = 10;

  @Test
  void newRunLoadsTheStoreWhileTheOldRunCommits_everyCommittedStateKeepsTheTotal() throws Exception {
    MemoryDatabase db = new MemoryDatabase("bank");
    TableId a = BankTransferRandomizedTest.account(db, "accounts_a");
    TableId b = BankTransferRandomizedTest.account(db, "accounts_b");
    MemoryWarehouse warehouse = new MemoryWarehouse();
    HookedStore store = new HookedStore();
    try (SyncPipeline first = SyncPipeline.builder().name("bank").source(db.source())
        .writer(new MemoryWriter(warehouse)).checkpointStore(store).fullSync(true).build()) {
      first.start();
      assertThat(first.awaitCaughtUp(Duration.ofSeconds(30))).isTrue();
    } // stopped: its checkpoint n is stored and committed, both tables stream
    long n = warehouse.lastCommittedCheckpoint();
    List<String> torn = new CopyOnWriteArrayList<>();
    warehouse.addCommitListener((id, tables) -> {
      long sum = BankTransferRandomizedTest.total(tables.get("accounts_a"))
          + BankTransferRandomizedTest.total(tables.get("accounts_b"));
      if (sum != BankTransferRandomizedTest.TOTAL) {
        torn.add("checkpoint " + id + " sums to " + sum);
      }
    });
    // Transfers from accounts_a row 0 to a different accounts_b row each: replaying a prefix of them over the state
    // after all of them leaves row 0 higher than it is, and every accounts_b row as it is.
    for (int i = 1; i <= TRANSFERS; i++) {
      long to = i;
      db.transaction(() -> {
        db.update(a, 0L, BankTransferRandomizedTest.OPENING - to);
        db.update(b, to, BankTransferRandomizedTest.OPENING + 1);
      });
    }
    // The old run reads every transfer in one poll and commits them at once (its first idle commit); the prepare
    // of that commit waits until the new run has loaded the store.
    HeldWriter held = new HeldWriter(new MemoryWriter(warehouse));
    SyncPipeline old = SyncPipeline.builder().name("bank").source(db.source()).writer(held).checkpointStore(store)
        .fullSync(true).commitInterval(Duration.ofHours(1)).build();
    old.start();
    assertThat(held.prepareHeld.await(30, TimeUnit.SECONDS)).as("the old run's commit of the transfers").isTrue();
    // The new run loads the store now (checkpoint n); the old run then saves and commits checkpoint n + 1, and dies,
    // before the new run opens the writer.
    store.onNextLoad = () -> {
      held.release.countDown();
      await().atMost(Duration.ofSeconds(30)).until(() -> warehouse.lastCommittedCheckpoint() > n);
      old.kill();
    };
    List<SyncEvent.Failover> failovers = new CopyOnWriteArrayList<>();
    try (SyncPipeline next = SyncPipeline.builder().name("bank").source(new CommitAfterFirstTransaction(db.source(),
            warehouse)).writer(new MemoryWriter(warehouse)).checkpointStore(store).fullSync(true)
        .commitInterval(Duration.ofMillis(1)).failoverBackoff(Duration.ofMillis(10)).listener(e -> {
          if (e instanceof SyncEvent.Failover f) {
            failovers.add(f);
          }
        }).build()) {
      next.start();
      assertThat(next.awaitRunning(Duration.ofSeconds(30))).isTrue();
      db.transaction(() -> db.update(a, 1L, BankTransferRandomizedTest.OPENING)); // a change to catch up to
      assertThat(next.awaitCaughtUp(Duration.ofSeconds(30))).as("%s", next.status()).isTrue();
      assertThat(torn).as("commits after checkpoint %d", n).isEmpty();
      // Listeners hear events on the notifier thread: wait for the delivery.
      await().atMost(Duration.ofSeconds(10)).until(() -> !failovers.isEmpty());
      assertThat(failovers).as("the new run restarted from the newer checkpoint")
          .allSatisfy(f -> assertThat(f.code()).isEqualTo(ErrorCode.CHECKPOINT_BEHIND_TARGET));
    } finally {
      old.close();
    }
    assertThat(warehouse.rows("accounts_a")).containsExactlyInAnyOrderElementsOf(db.rows(a));
    assertThat(warehouse.rows("accounts_b")).containsExactlyInAnyOrderElementsOf(db.rows(b));
  }

  /** A checkpoint store with a hook run on the next load of a run (after reading). */
  static final class HookedStore implements CheckpointStore {
    final MemoryCheckpointStore delegate = new MemoryCheckpointStore();
    volatile Runnable onNextLoad;

    @Override
    public Optional<byte[]> load(String pipeline) {
      Optional<byte[]> loaded = delegate.load(pipeline);
      // The run's load is the supervisor's; the retention check of a starting pipeline reads the store too.
      Runnable hook = Thread.currentThread().getName().contains("supervisor") ? onNextLoad : null;
      if (hook != null) {
        onNextLoad = null;
        hook.run();
      }
      return loaded;
    }

    @Override
    public void save(String pipeline, byte[] checkpoint) {
      delegate.save(pipeline, checkpoint);
    }

    @Override
    public void clear(String pipeline) {
      delegate.clear(pipeline);
    }
  }

  /** A writer whose first prepare of a commit with written rows waits for a release (before the save). */
  static final class HeldWriter extends ForwardingChangeWriter {
    final CountDownLatch prepareHeld = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);
    private boolean wrote;

    HeldWriter(ChangeWriter delegate) {
      super(delegate);
    }

    @Override
    public void write(String target, RowBatch batch) {
      wrote = true;
      super.write(target, batch);
    }

    @Override
    public byte[] prepareCommit(long checkpointId) {
      if (wrote && prepareHeld.getCount() > 0) {
        prepareHeld.countDown();
        try {
          release.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException(e);
        }
      }
      wrote = false;
      return super.prepareCommit(checkpointId);
    }
  }

  /**
   * Hands the log over one event per poll, and after the first transaction's end waits (polls return nothing) until
   * a commit has happened: the run's first commit is cut right after its first transaction.
   */
  static final class CommitAfterFirstTransaction extends ForwardingChangeSource {
    private final MemoryWarehouse warehouse;

    CommitAfterFirstTransaction(ChangeSource delegate, MemoryWarehouse warehouse) {
      super(delegate);
      this.warehouse = warehouse;
    }

    @Override
    public LogStream openLog(StartPosition start, Map<TableId, TableSchema> schemas) {
      ArrayDeque<ChangeEvent> pending = new ArrayDeque<>();
      int[] commitsAtFirstEnd = {-1};
      return new ForwardingLogStream(delegate().openLog(start, schemas)) {
        @Override
        public List<ChangeEvent> poll(Duration timeout) throws InterruptedException {
          if (commitsAtFirstEnd[0] >= 0 && warehouse.commitCount() <= commitsAtFirstEnd[0]) {
            // Nothing to read until the run has committed (as a quiet log: the poll waits out its timeout); the
            // interval cuts at the transaction end the run stands on.
            try {
              await().atMost(timeout).pollInterval(Duration.ofMillis(1))
                  .until(() -> warehouse.commitCount() > commitsAtFirstEnd[0]);
            } catch (org.awaitility.core.ConditionTimeoutException quiet) {
              return List.of();
            }
          }
          if (pending.isEmpty()) {
            pending.addAll(super.poll(timeout));
          }
          List<ChangeEvent> out = new ArrayList<>(1);
          ChangeEvent e = pending.poll();
          if (e != null) {
            out.add(e);
            if (e instanceof TransactionEnd && commitsAtFirstEnd[0] < 0) {
              commitsAtFirstEnd[0] = warehouse.commitCount();
            }
          }
          return out;
        }
      };
    }
  }
}
