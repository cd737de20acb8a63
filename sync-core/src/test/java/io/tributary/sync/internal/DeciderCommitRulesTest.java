package io.tributary.sync.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.sync.event.DataType;
import io.tributary.sync.event.Row;
import io.tributary.sync.event.TableId;
import io.tributary.sync.event.TableSchema;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * When the engine commits, decided by the {@link Decider} with the time as data ({@link Input.Tick}): no threads, no
 * clock, no sleeping. These are the decisions the pipeline tests around them ({@code PipelineBehaviourTest},
 * {@code StopInsideTransactionTest}) can only watch through a real clock.
 */
class DeciderCommitRulesTest {

  private static final long HOUR = Duration.ofHours(1).toMillis();

  private final DeciderDriver run = new DeciderDriver(Duration.ofHours(1));
  private final TableId t = run.db.tableId("app", "app", "t");

  DeciderCommitRulesTest() {
    run.db.createTable(TableSchema.builder(t).primaryKey("id", DataType.bigint()).column("v", DataType.intType())
        .build());
  }

  @Test
  void drainedSource_commitsAtOnce_butAtMostOncePerCommitInterval() {
    run.start(1_000);
    run.db.insert(t, 1L, 1);
    run.deliverAllThenIdle();
    run.tick(1_001); // the log is drained: the first idle commit does not wait for the (hour-long) interval
    assertThat(run.checkpoints()).hasSize(1);
    assertThat(run.warehouse.rows("t")).containsExactly(Row.of(1L, 1));

    run.db.insert(t, 2L, 2);
    for (long now = 1_002; now < 1_001 + HOUR; now += 60_000) { // an hour of idle heartbeats, a minute apart
      run.deliverAllThenIdle();
      run.tick(now);
    }
    assertThat(run.checkpoints()).as("a second idle commit within the interval").hasSize(1);
    assertThat(run.warehouse.rows("t")).containsExactly(Row.of(1L, 1));

    run.deliverAllThenIdle();
    run.tick(1_001 + HOUR); // the interval is over: the change is committed
    assertThat(run.checkpoints()).hasSize(2);
    assertThat(run.warehouse.rows("t")).containsExactlyInAnyOrder(Row.of(1L, 1), Row.of(2L, 2));
  }

  @Test
  void stopInsideATransaction_cutsNothingUntilItsEnd_thenCutsThereAndFinishes() {
    run.start(1_000);
    run.db.insert(t, 1L, 1);
    run.deliverAllThenIdle();
    run.tick(1_001);
    int before = run.checkpoints().size();
    run.db.transaction(() -> {
      run.db.insert(t, 2L, 2);
      run.db.insert(t, 3L, 3);
    });
    run.deliver(1); // the transaction's first change: the source now stands inside it
    run.stop();
    for (long now = 1_002; now <= 1_002 + 2 * HOUR; now += 60_000) { // even past the interval: no cut inside it
      run.tick(now);
    }
    assertThat(run.finished()).isFalse();
    assertThat(run.checkpoints()).hasSize(before);
    assertThat(run.warehouse.rows("t")).containsExactly(Row.of(1L, 1));

    run.deliver(Integer.MAX_VALUE); // the rest of the transaction and its end
    assertThat(run.finished()).isTrue();
    assertThat(run.checkpoints()).hasSize(before + 1);
    assertThat(run.checkpoints().get(before).positions()[0].insideTransaction()).isFalse();
    assertThat(run.warehouse.rows("t")).containsExactlyInAnyOrder(Row.of(1L, 1), Row.of(2L, 2), Row.of(3L, 3));
  }
}
