package io.tributary.sync.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.sync.TablePhase;
import io.tributary.sync.event.ColumnMask;
import io.tributary.sync.event.DataType;
import io.tributary.sync.event.Row;
import io.tributary.sync.event.RowChange;
import io.tributary.sync.event.TableId;
import io.tributary.sync.event.TableSchema;
import io.tributary.sync.event.TransactionEnd;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A key-changing update that leaves a column unchanged without its value (PostgreSQL's TOASTed columns under
 * REPLICA IDENTITY DEFAULT). One writer reads the value under the old key; when a target's writes are spread over
 * several writers (the Flink runner's subtasks keyed by bucket) the old key may be another writer's, holding the
 * newer value uncommitted, and that writer would have to delete it: the table stops with the fix named instead.
 */
class MovedRowAcrossWritersTest {

  private DeciderDriver started(DeciderDriver run) {
    TableId id = run.db.tableId("app", "app", "t");
    run.db.createTable(TableSchema.builder(id).primaryKey("id", DataType.bigint()).column("body", DataType.string())
        .build());
    run.start(1_000);
    run.db.insert(id, 1L, "large");
    run.deliverAllThenIdle();
    return run;
  }

  private static List<io.tributary.sync.event.ChangeEvent> moveOneToTwo(DeciderDriver run, TableId id) {
    var at = run.checkpoints().isEmpty() ? null : run.checkpoints().get(0).positions()[0];
    RowChange move = new RowChange(id, RowChange.Op.UPDATE, Row.of(1L, null), Row.of(2L, null), 1_000_000, at,
        2_000, ColumnMask.of(1));
    return List.of(move, new TransactionEnd(1_000_001, at, 2_000));
  }

  @Test
  void oneWriter_movesTheRowWithItsUnchangedValue() {
    DeciderDriver run = started(new DeciderDriver(Duration.ofHours(1)));
    TableId id = run.db.tableId("app", "app", "t");
    run.tick(1_001);
    run.deliver(moveOneToTwo(run, id));
    run.tick(1_002);
    run.deliverAllThenIdle();
    run.tick(1_000 + Duration.ofHours(2).toMillis());
    assertThat(run.phase(id)).isEqualTo(TablePhase.STREAMING);
    assertThat(run.warehouse.rows("t")).containsExactly(Row.of(2L, "large"));
  }

  @Test
  void writesSpreadOverWriters_stopTheTable_withTheFix() {
    DeciderDriver run = started(new DeciderDriver(Duration.ofHours(1)).movesStopTheTable());
    TableId id = run.db.tableId("app", "app", "t");
    run.tick(1_001);
    run.deliver(moveOneToTwo(run, id));
    assertThat(run.phase(id)).isEqualTo(TablePhase.BLACKLISTED);
    assertThat(run.warehouse.rows("t")).containsExactly(Row.of(1L, "large"));
  }
}
