package io.tributary.sync.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.sync.ExtendedField;
import io.tributary.sync.LostLogPosition;
import io.tributary.sync.SyncMode;
import io.tributary.sync.TablePhase;
import io.tributary.sync.TableSelector;
import io.tributary.sync.VirtualTable;
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
 * A virtual table whose members change between runs (a shard added to or removed from the selection) — gaps the
 * decider simulation found (issue 12), driven here effect by effect: a replace scope derived from the shards
 * selected at the moment deleted the rows of a shard that joined later, or of one that had left, sharing its
 * extended field values; and a run without a shard re-planned its target without the shard's columns before any
 * checkpoint forgot the shard, so a crash brought it back streaming into a target that had lost its values.
 */
class SelectionChangeDecisionsTest {

  private final MemoryDatabase db = new MemoryDatabase("s");
  private final TableId a = db.tableId("app", "app", "a");
  private final TableId b = db.tableId("app", "app", "b");

  SelectionChangeDecisionsTest() {
    db.createTable(TableSchema.builder(a).primaryKey("id", DataType.bigint()).column("v", DataType.bigint()).build());
    db.createTable(TableSchema.builder(b).primaryKey("id", DataType.bigint()).column("v", DataType.bigint())
        .column("x", DataType.bigint()).build()); // x: only b has it
  }

  /** a and b in virtual table t; their only extended field, the database, does not tell them apart. */
  private PipelineConfig config(boolean fullSync, TableId... excluded) {
    List<TableSelector> ex = java.util.Arrays.stream(excluded).map(t -> TableSelector.of("app", t.table())).toList();
    return new PipelineConfig("p", List.of(db.source()), SyncMode.MERGE, List.of(), ex,
        List.of(VirtualTable.of("t", TableSelector.of("app", "a|b"))), TableId::table,
        List.of(ExtendedField.DATABASE_NAME), false, true, fullSync, new MemoryWriter(new MemoryWarehouse()),
        new MemoryCheckpointStore(), SchemaEvolutionPolicy.evolve(), List.of(), 1, 10, 10, Duration.ofSeconds(1),
        1L << 20, 128, 10L << 20, null, null, 10, Duration.ofSeconds(1), LostLogPosition.FAIL, Duration.ofHours(1),
        256L << 20, Duration.ofMinutes(1), null, Clock.systemUTC());
  }

  /** One run's decider, its start's effects (targets planned, logs opened) in order. */
  private record Run(Decider decider, List<Effect> effects) {
  }

  private Run start(PipelineConfig config, Checkpoint restored) {
    long lastId = restored == null ? 0 : restored.id();
    Decider d = Decider.restore(config, restored, RunStartup.selectTables(config, restored), lastId, true);
    List<Effect> effects = DeciderDriver.acceptEnsures(d, d.apply(new Input.Start(0)));
    LogStream log = db.source().openLog(restored == null ? StartPosition.latest()
        : StartPosition.at(db.source().decodePosition(restored.positions().get("s"))), Map.of());
    effects.addAll(DeciderDriver.acceptEnsures(d, d.apply(new Input.LogsOpened(List.of(log.startPosition()), List.of(), 0))));
    return new Run(d, effects);
  }

  /** The checkpoint a stop cuts, as the store would hold it (encoded and decoded again). */
  private static Checkpoint stop(Decider d) {
    Effect.TakeCheckpoint c = (Effect.TakeCheckpoint) DeciderDriver.acceptEnsures(d, d.apply(new WorkItem.Stop())).stream()
        .filter(Effect.TakeCheckpoint.class::isInstance).reduce((x, y) -> y).orElseThrow();
    return saved(c);
  }

  private static Checkpoint saved(Effect.TakeCheckpoint c) {
    return CheckpointCodec.decode(CheckpointCodec.encode(new Checkpoint(c.id(), Map.of("s", c.positions()[0].encode()),
        c.tables(), null, c.formerMembers())));
  }

  @Test
  void shardLeavingTheSelection_keepsItsColumnsInTheTarget_untilACheckpointForgetsIt() {
    Checkpoint both = stop(start(config(false), null).decider());
    assertThat(both.tables()).containsKeys(a, b);

    Run without = start(config(false, b), both);
    int firstPlan = -1;
    int forgotten = -1;
    for (int i = 0; i < without.effects().size(); i++) {
      Effect e = without.effects().get(i);
      if (e instanceof Effect.EnsureTable t) {
        if (t.table().indexOf("x") < 0) {
          assertThat(forgotten).as("t planned without b's column x before a checkpoint forgot b: %s",
              without.effects()).isGreaterThanOrEqualTo(0);
        }
        firstPlan = firstPlan < 0 ? i : firstPlan;
      } else if (e instanceof Effect.TakeCheckpoint c && forgotten < 0 && !c.tables().containsKey(b)) {
        forgotten = i;
        assertThat(c.formerMembers()).containsEntry(b, "t");
      }
    }
    assertThat(firstPlan).isGreaterThanOrEqualTo(0);
    assertThat(forgotten).as("the run checkpoints at once without b: %s", without.effects())
        .isGreaterThan(firstPlan);

    // From that checkpoint on, b is forgotten: the next run plans t by a alone (x goes), and b added back syncs anew.
    Checkpoint after = stop(without.decider());
    Run next = start(config(false, b), after);
    assertThat(next.effects()).filteredOn(Effect.EnsureTable.class::isInstance).first()
        .matches(e -> ((Effect.EnsureTable) e).table().indexOf("x") < 0, "t without x");
  }

  @Test
  void syncStartedBeforeAShardJoined_mergesWithoutDeletingTheNewShardsRows() {
    Run alone = start(config(true, b), null); // a is t's only member: its sync replaces database 'app'
    assertThat(alone.decider().tables().get(a).mergeScope).isNotNull();
    Checkpoint syncing = stop(alone.decider());
    assertThat(syncing.tables().get(a).phase()).isEqualTo(TablePhase.SNAPSHOTTING);
    assertThat(syncing.tables().get(a).mergeScope()).isNotNull();

    Run joined = start(config(true), syncing); // b joins, sharing database 'app': a's merge must not delete b's rows
    assertThat(joined.decider().tables().get(a).mergeScope).as("a's restored scope").isNull();
    assertThat(joined.decider().tables().get(b).mergeScope).as("b's scope").isNull();
  }

  @Test
  void shardThatLeftTheSelection_keepsItsRows_whenAnotherShardResyncs() {
    Checkpoint both = stop(start(config(false), null).decider());
    Run without = start(config(false, b), both);
    Checkpoint forgotB = stop(without.decider());
    assertThat(forgotB.tables()).doesNotContainKey(b);
    assertThat(forgotB.formerMembers()).containsEntry(b, "t");

    // Runs later, b's rows are still in t (database 'app', like a's): a re-sync of a must not replace them.
    Run later = start(config(false, b), forgotB);
    DeciderDriver.acceptEnsures(later.decider(), later.decider().apply(new WorkItem.Command(1, WorkItem.Command.Op.RESYNC, List.of(a),
        null)));
    assertThat(later.decider().tables().get(a).phase).isEqualTo(TablePhase.RESYNCING);
    assertThat(later.decider().tables().get(a).mergeScope).as("a's re-sync scope").isNull();
  }
}
