package io.tributary.sync.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.sync.LostLogPosition;
import io.tributary.sync.SchemaIncompatibleException;
import io.tributary.sync.SyncMode;
import io.tributary.sync.TablePhase;
import io.tributary.sync.TableSelector;
import io.tributary.sync.VirtualTable;
import io.tributary.sync.event.ChangeEvent;
import io.tributary.sync.event.Column;
import io.tributary.sync.event.DataType;
import io.tributary.sync.event.TableId;
import io.tributary.sync.event.TableSchema;
import io.tributary.sync.memory.MemoryCheckpointStore;
import io.tributary.sync.memory.MemoryDatabase;
import io.tributary.sync.memory.MemoryWarehouse;
import io.tributary.sync.memory.MemoryWriter;
import io.tributary.sync.spi.LogStream;
import io.tributary.sync.spi.SchemaEvolutionPolicy;
import io.tributary.sync.spi.StartPosition;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A shard whose schema change the target refuses is stopped, and the target is re-planned without it, which drops
 * the columns only it had, at once. The decider simulation found (seed 13522469 of issue 12's merge dimension) that
 * a crash before the next checkpoint resumed the shard streaming, from the checkpoint before its DDL, into a target
 * that had lost its columns' values for good. The decider now checkpoints the stopped shard before the re-plan.
 */
class RefusedSchemaChangeTest {

  @Test
  void shardStoppedByARefusedSchemaChange_isCheckpointedStopped_beforeTheTargetDropsItsColumns() throws Exception {
    MemoryDatabase db = new MemoryDatabase("s");
    TableId a = db.tableId("app", "app", "a");
    TableId b = db.tableId("app", "app", "b");
    db.createTable(TableSchema.builder(a).primaryKey("id", DataType.bigint()).column("v", DataType.bigint()).build());
    db.createTable(TableSchema.builder(b).primaryKey("id", DataType.bigint()).column("v", DataType.bigint())
        .column("x", DataType.bigint()).build()); // x: only b has it
    PipelineConfig config = new PipelineConfig("p", List.of(db.source()), SyncMode.MERGE, List.of(),
        List.of(), List.of(VirtualTable.of("t", TableSelector.of("app", "a|b"))), TableId::table, List.of(), false,
        true, false, new MemoryWriter(new MemoryWarehouse()), new MemoryCheckpointStore(),
        SchemaEvolutionPolicy.evolve(), List.of(), 1, 10, 10, Duration.ofSeconds(1), 1L << 20, 128, 10L << 20, null,
        null, 10, Duration.ofSeconds(1), LostLogPosition.FAIL, Duration.ofHours(1), 256L << 20,
        Duration.ofMinutes(1), null, Clock.systemUTC());
    Decider decider = Decider.restore(config, null, RunStartup.selectTables(config, null), 0, true);
    answer(decider, decider.apply(new Input.Start(0)), null);
    LogStream log = db.source().openLog(StartPosition.latest(), Map.of());
    decider.apply(new Input.LogsOpened(List.of(log.startPosition()), List.of(), 0));

    db.addColumn(b, Column.of("y", DataType.bigint()));
    List<ChangeEvent> events = log.poll(Duration.ZERO);
    List<Effect> effects = new ArrayList<>(decider.apply(new WorkItem.LogBatch(0, events, 1, 0)));
    assertThat(effects).last().isInstanceOf(Effect.EnsureTable.class); // t with y: the writer refuses it
    List<Effect> after = answer(decider, List.of(), new SchemaIncompatibleException("refused: a test"));

    int checkpoint = -1;
    int replan = -1;
    for (int i = 0; i < after.size(); i++) {
      if (after.get(i) instanceof Effect.TakeCheckpoint c && checkpoint < 0
          && c.tables().get(b).phase() == TablePhase.BLACKLISTED) {
        checkpoint = i;
      } else if (after.get(i) instanceof Effect.EnsureTable e && e.table().indexOf("x") < 0) {
        replan = i;
      }
    }
    assertThat(replan).as("the target is re-planned without b's column x: %s", after).isGreaterThanOrEqualTo(0);
    assertThat(checkpoint).as("a checkpoint holds b stopped before the re-plan drops x: %s", after)
        .isBetween(0, replan);
  }

  /** Answers EnsureTables ({@code refusal} for the first, then accepted) and returns every effect that followed. */
  private static List<Effect> answer(Decider decider, List<Effect> effects, RuntimeException refusal) {
    List<Effect> all = new ArrayList<>();
    boolean waiting = refusal != null || (!effects.isEmpty() && effects.get(effects.size() - 1)
        instanceof Effect.EnsureTable);
    RuntimeException next = refusal;
    while (waiting) {
      List<Effect> out = new ArrayList<>(decider.apply(new Input.TableEnsured(next)));
      next = null;
      all.addAll(out);
      waiting = !out.isEmpty() && out.get(out.size() - 1) instanceof Effect.EnsureTable;
    }
    return all;
  }
}
