package io.tributary.flink;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.sync.event.DataType;
import io.tributary.sync.event.Row;
import io.tributary.sync.event.RowFilter;
import io.tributary.sync.event.TableId;
import io.tributary.sync.event.TableSchema;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The decision operator's bookkeeping of snapshots planned while the job runs ({@link SnapshotPlans}). */
class SnapshotPlansTest {

  private static final TableId T = new TableId("mem", "db", "", "orders");
  private static final TableSchema SCHEMA = TableSchema.builder(T).primaryKey("id", DataType.bigint()).build();

  private final List<PlanMessages.Request> sent = new ArrayList<>();
  private final List<PlanMessages.Reread> rereads = new ArrayList<>();

  private SnapshotPlans plans() {
    return new SnapshotPlans(e -> {
      Object m = PlanMessages.decode(e);
      if (m instanceof PlanMessages.Request r) {
        sent.add(r);
      } else if (m instanceof PlanMessages.Reread r) {
        rereads.add(r);
      }
    });
  }

  /**
   * A chunk re-read (a layout change during the sync) is in the state until the enumerator's checkpoint is sure to
   * hold its split: while unacknowledged, and in the first snapshot after its acknowledgement (the enumerator,
   * checkpointed before this operator, may have added it after its own snapshot of that checkpoint). Restored, it
   * is sent again with its id (the enumerator adds an id once), as a split of the table's current plan.
   */
  @Test
  void reread_keptUntilTheEnumeratorsNextCheckpoint_sentAgainWithItsId() {
    SnapshotPlans p = plans();
    var chunk = new io.tributary.sync.spi.SnapshotChunk(T, 3, null, null, RowFilter.all(), 0);
    p.reread(0, chunk, SCHEMA, 1);
    PlanMessages.Reread r = rereads.get(0);
    assertThat(r.plan()).as("the fresh start's plan").isZero();
    assertThat(r.chunk()).isEqualTo(chunk);
    SnapshotPlans unacked = plans();
    unacked.restore(p.encode());
    unacked.askAgain();
    assertThat(rereads.get(1)).isEqualTo(r);

    p.rereadAdded(r.id());
    byte[] first = p.encode();
    p.snapshotTaken();
    byte[] second = p.encode();
    SnapshotPlans a = plans();
    a.restore(first);
    a.askAgain();
    assertThat(rereads).hasSize(3);
    assertThat(rereads.get(2)).as("acknowledged since the last snapshot: still sent again").isEqualTo(r);
    SnapshotPlans b = plans();
    b.restore(second);
    b.askAgain();
    assertThat(rereads).as("the enumerator's checkpoint holds it by the next snapshot").hasSize(3);

    p.request(0, T, SCHEMA, null, 0);
    p.reread(0, chunk, SCHEMA, 1);
    assertThat(rereads.get(3).plan()).as("a re-read belongs to the table's current plan")
        .isEqualTo(sent.get(sent.size() - 1).plan());
    assertThat(rereads.get(3).id()).isNotEqualTo(r.id());
  }

  /**
   * A region restore rewinds the operator to a state from before a request, while the enumerator keeps the plan it
   * made for it: the operator's next request must carry another number, or the enumerator answers it with the old
   * plan, whose chunks a cancellation may have dropped (the re-sync then never completes; seen in
   * FlinkOperationsIT with a counter restored from the state).
   */
  @Test
  void afterARewind_aNewRequestNeverReusesANumber() {
    SnapshotPlans before = plans();
    byte[] saved = before.encode();
    before.request(0, T, SCHEMA, null, 0);
    SnapshotPlans rewound = plans();
    rewound.restore(saved);
    rewound.request(0, T, SCHEMA, null, 0);
    assertThat(sent).hasSize(2);
    assertThat(sent.get(1).plan()).isNotEqualTo(sent.get(0).plan()).isNotZero();
  }

  /** A request in flight is asked again after a restore with its number; items of it wait for the answer. */
  @Test
  void inFlight_askedAgain_itemsHeldUntilAnswered_olderPlanStale() {
    SnapshotPlans p = plans();
    p.request(0, T, SCHEMA, null, 0);
    long plan = sent.get(0).plan();
    assertThat(p.generation(T, 0, 5)).as("the fresh start's plan is stale now").isEqualTo(-2);
    assertThat(p.hold(T, plan, new byte[] {1})).isTrue();
    SnapshotPlans restored = plans();
    restored.restore(p.encode());
    restored.askAgain();
    assertThat(sent.get(1)).isEqualTo(sent.get(0));
    assertThat(restored.answered(new PlanMessages.Answer(plan + 1, T, List.of()))).isNull();
    assertThat(restored.answered(new PlanMessages.Answer(plan, T, List.of()))).isNotNull();
    assertThat(restored.release(plan)).hasSize(1);
    assertThat(restored.hold(T, plan, new byte[] {2})).isFalse();
    assertThat(restored.generation(T, plan, 5)).isEqualTo(5);
    // the same request again while in flight keeps its number; other terms (a catch-up's filter) supersede it
    restored.request(0, T, SCHEMA, RowFilter.le("id", Row.of(1L).get(0)), 0);
    assertThat(sent.get(2).plan()).isNotEqualTo(plan);
    assertThat(restored.firstTime("c1")).isTrue();
    assertThat(restored.firstTime("c1")).isFalse();
  }
}
