package io.tributary.sync.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.sync.LostLogPosition;
import io.tributary.sync.SyncMode;
import io.tributary.sync.TableSelector;
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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A table added to the selection between runs is discovered with today's schema, while its log replays from the
 * checkpoint's older position: its changes before a replayed DDL are laid out by the older schema. When that has the
 * same width (a column moved, here), nothing tells them apart and they were staged misread: {@code (id 8, v 34)} read
 * as {@code (v 8, id 34)}, a key no later change deletes, which the merge kept as an invented row. The decider
 * simulation found it (seed 6196029: "missing [], extra [[8, 34]]"). From a source that cannot tell its log
 * positions around the discovery ({@code ChangeSource.logEnd} empty), the table's sync must start over at the
 * replayed DDL, dropping what it staged before it; a source that can tells the decider to skip that history
 * ({@link AddedTableDiscoveryTest}).
 */
class ReplayedLayoutOfANewTableTest {

  private final MemoryDatabase db = new MemoryDatabase("s");
  private final TableId a = db.tableId("app", "app", "a");
  private final TableId b = db.tableId("app", "app", "b");
  private final io.tributary.sync.spi.ChangeSource source = new io.tributary.sync.spi.ForwardingChangeSource(
      db.source()) {
    @Override
    public java.util.OptionalLong logEnd() {
      return java.util.OptionalLong.empty();
    }
  };

  private PipelineConfig config(TableId... excluded) {
    List<TableSelector> ex = java.util.Arrays.stream(excluded).map(t -> TableSelector.of("app", t.table())).toList();
    return new PipelineConfig("p", List.of(source), SyncMode.MIRROR, List.of(TableSelector.all()), ex,
        List.of(), TableId::table, List.of(), false, false, true, new MemoryWriter(new MemoryWarehouse()),
        new MemoryCheckpointStore(), SchemaEvolutionPolicy.evolve(), List.of(), 1, 10, 10, Duration.ofSeconds(1),
        1L << 20, 128, 10L << 20, null, null, 10, Duration.ofSeconds(1), LostLogPosition.FAIL, Duration.ofHours(1),
        256L << 20, Duration.ofMinutes(1), null, Clock.systemUTC());
  }

  @Test
  void newTableWhoseLogReplaysAColumnMove_restartsItsSyncAtTheMove() throws Exception {
    db.createTable(TableSchema.builder(a).primaryKey("id", DataType.bigint()).column("v", DataType.bigint()).build());
    db.createTable(TableSchema.builder(b).primaryKey("id", DataType.bigint()).column("v", DataType.bigint()).build());
    db.insert(b, 8L, null);

    // Run 1 without b: its checkpoint's position is the log's end now.
    Decider first = Decider.restore(config(b), null, RunStartup.selectTables(config(b), null), 0, true);
    DeciderDriver.acceptEnsures(first, first.apply(new Input.Start(0)));
    LogStream log1 = db.source().openLog(StartPosition.latest(), Map.of());
    DeciderDriver.acceptEnsures(first, first.apply(new Input.LogsOpened(List.of(log1.startPosition()), List.of(), 0)));
    Effect.TakeCheckpoint c = (Effect.TakeCheckpoint) DeciderDriver.acceptEnsures(first, first.apply(new WorkItem.Stop())).stream()
        .filter(Effect.TakeCheckpoint.class::isInstance).reduce((x, y) -> y).orElseThrow();
    Checkpoint saved = CheckpointCodec.decode(CheckpointCodec.encode(new Checkpoint(c.id(),
        Map.of("s", c.positions()[0].encode()), c.tables(), null, c.formerMembers())));

    // While no run is up: b's row is updated in the layout (id, v), then v is moved first.
    db.update(b, 8L, 34L);
    db.alterTable(TableSchema.builder(b).column("v", DataType.bigint()).primaryKey("id", DataType.bigint()).build());

    // Run 2 selects b: discovered as (v, id), its log replays the update laid out as (id, v), then the move.
    PipelineConfig config = config();
    Decider d = Decider.restore(config, saved, RunStartup.selectTables(config, saved), saved.id(), true);
    assertThat(d.tables().get(b).schema.columnNames()).containsExactly("v", "id");
    DeciderDriver.acceptEnsures(d, d.apply(new Input.Start(0)));
    LogStream log = db.source().openLog(StartPosition.at(db.source().decodePosition(saved.positions().get("s"))),
        Map.of());
    DeciderDriver.acceptEnsures(d, d.apply(new Input.LogsOpened(List.of(log.startPosition()), List.of(), 0)));
    long generation = d.tables().get(b).generation;

    List<Effect> effects = DeciderDriver.acceptEnsures(d, d.apply(new WorkItem.LogBatch(0, log.poll(Duration.ZERO), 1, 0)));
    // Without the restart the update stays staged (batched) as key 34, and the merge keeps it.
    int dropped = indexOf(effects, e -> e instanceof Effect.DropStaging s && s.target().equals("b"));
    assertThat(dropped).as("b's staging, with the misread update, is dropped at the move: %s", effects)
        .isGreaterThanOrEqualTo(0);
    assertThat(effects.subList(dropped, effects.size())).as("nothing staged for b by the old layout after it")
        .noneMatch(e -> e instanceof Effect.WriteStaging w && w.target().equals("b"));
    assertThat(d.tables().get(b).generation).as("b's sync starts over").isGreaterThan(generation);
    assertThat(effects).as("and is planned again").anyMatch(e -> e instanceof Effect.PlanChunks p
        && p.table().equals(b) && p.generation() == d.tables().get(b).generation);
  }

  private static int indexOf(List<Effect> effects, java.util.function.Predicate<Effect> p) {
    for (int i = 0; i < effects.size(); i++) {
      if (p.test(effects.get(i))) {
        return i;
      }
    }
    return -1;
  }
}
