package io.tributary.sync.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.sync.CheckpointStores;
import io.tributary.sync.LostLogPosition;
import io.tributary.sync.SyncMode;
import io.tributary.sync.TablePhase;
import io.tributary.sync.TableSelector;
import io.tributary.sync.event.DataType;
import io.tributary.sync.event.RowFilter;
import io.tributary.sync.event.TableId;
import io.tributary.sync.event.TableSchema;
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
 * Decisions about re-syncs and catch-ups the widened {@link DeciderSimulation} found wrong, driven on the {@link
 * Decider} directly (the in-memory database's log as input, the writer's answers given at once): each failed
 * before its fix.
 */
class CatchUpAndResyncDecisionsTest {

  private final MemoryDatabase db = new MemoryDatabase("src");
  private final TableId table = db.tableId("app", "app", "t");
  private final List<Effect> effects = new ArrayList<>();
  private Decider decider;
  private LogStream log;
  private long commands;

  private void start(boolean fullSync, boolean canRename) throws InterruptedException {
    db.createTable(TableSchema.builder(table).primaryKey("id", DataType.bigint()).column("v", DataType.bigint())
        .build());
    for (long i = 1; i <= 5; i++) {
      db.insert(table, i, i * 10);
    }
    PipelineConfig config = new PipelineConfig("decisions", List.of(db.source()), SyncMode.MIRROR,
        List.of(TableSelector.all()), List.of(), List.of(), TableId::table, List.of(), false, false, fullSync,
        new MemoryWriter(new MemoryWarehouse()), CheckpointStores.inMemory(), SchemaEvolutionPolicy.evolve(),
        List.of(), 1, 2, 4, Duration.ofMillis(50), 1L << 20, 128, 10L << 20, null, null, 10, Duration.ofSeconds(1),
        LostLogPosition.FAIL, Duration.ofHours(1), 256L << 20, Duration.ofMinutes(1), null, Clock.systemUTC());
    decider = Decider.restore(config, null, RunStartup.selectTables(config, null), 0, canRename);
    apply(new Input.Start(0));
    log = db.source().openLog(StartPosition.latest(), Map.of(table, db.schema(table)));
    apply(new Input.LogsOpened(List.of(log.startPosition()), List.of(), 0));
  }

  /** Applies an input; the writer accepts every target at once. */
  private void apply(Input in) {
    Input next = in;
    while (next != null) {
      List<Effect> out = List.copyOf(decider.apply(next));
      effects.addAll(out);
      next = null;
      for (Effect e : out) {
        if (e instanceof Effect.Write w) {
          w.batch().clear();
        } else if (e instanceof Effect.WriteStaging w) {
          w.batch().clear();
        } else if (e instanceof Effect.EnsureTable) {
          next = new Input.TableEnsured(null);
        }
      }
    }
  }

  private void readLog() throws InterruptedException {
    apply(new WorkItem.LogBatch(0, log.poll(Duration.ZERO), 1, 0));
  }

  private RuntimeException command(WorkItem.Command.Op op, RowFilter filter) {
    long id = ++commands;
    effects.clear();
    apply(new WorkItem.Command(id, op, List.of(table), filter));
    return effects.stream().filter(e -> e instanceof Effect.CompleteCommand c && c.id() == id)
        .map(Effect.CompleteCommand.class::cast).findFirst().orElseThrow().error();
  }

  private TableRuntime runtime() {
    return decider.tables().get(table);
  }

  @Test
  void catchUpDuringTheInitialSync_keepsTheFullSync() throws Exception {
    start(true, true);
    assertThat(runtime().phase).isEqualTo(TablePhase.SNAPSHOTTING);
    assertThat(command(WorkItem.Command.Op.RESYNC, RowFilter.lt("id", 3L))).isNull();
    // It replaced the full sync by the catch-up's: only rows with id < 3 were loaded, and the table streamed on.
    assertThat(runtime().phase).isEqualTo(TablePhase.SNAPSHOTTING);
    assertThat(runtime().snapshotFilter).isInstanceOf(RowFilter.All.class);
  }

  @Test
  void catchUpDuringACatchUp_becomesAFullResync() throws Exception {
    start(false, true);
    assertThat(command(WorkItem.Command.Op.RESYNC, RowFilter.lt("id", 3L))).isNull();
    // Restarted with the second filter only, it dropped the log changes the first staged, of any row.
    assertThat(command(WorkItem.Command.Op.RESYNC, RowFilter.ge("id", 4L))).isNull();
    assertThat(runtime().phase).isEqualTo(TablePhase.RESYNCING);
    assertThat(runtime().snapshotFilter).isInstanceOf(RowFilter.All.class);
    assertThat(runtime().mergeScope).isInstanceOf(RowFilter.All.class);
  }

  @Test
  void catchUpOfAPausedTable_isRefused() throws Exception {
    start(false, true);
    assertThat(command(WorkItem.Command.Op.PAUSE, null)).isNull();
    RuntimeException refused = command(WorkItem.Command.Op.RESYNC, RowFilter.lt("id", 3L));
    assertThat(refused).isInstanceOf(IllegalStateException.class).hasMessageContaining("PAUSED")
        .hasMessageContaining("resume");
    assertThat(runtime().phase).isEqualTo(TablePhase.PAUSED);
  }

  @Test
  void truncateDuringACatchUp_resyncsTheWholeTable() throws Exception {
    start(false, true);
    assertThat(command(WorkItem.Command.Op.RESYNC, RowFilter.lt("id", 3L))).isNull();
    db.truncate(table);
    readLog();
    // Restarted with its filter, the catch-up replaced only rows with id < 3: the others outlived the truncate.
    assertThat(runtime().phase).isEqualTo(TablePhase.RESYNCING);
    assertThat(runtime().snapshotFilter).isInstanceOf(RowFilter.All.class);
    assertThat(runtime().mergeScope).isInstanceOf(RowFilter.All.class);
  }

  @Test
  void renameOfTheCatchUpFiltersColumn_resyncsTheWholeTable_withoutRenameSupport() throws Exception {
    start(false, false);
    assertThat(command(WorkItem.Command.Op.RESYNC, RowFilter.lt("v", 30L))).isNull();
    db.renameColumn(table, "v", "w");
    readLog(); // threw: the refill re-sync checked the catch-up's filter, naming v, against the new columns
    assertThat(runtime().phase).isEqualTo(TablePhase.RESYNCING);
    assertThat(runtime().snapshotFilter).isInstanceOf(RowFilter.All.class);
  }

  @Test
  void renameOfTheCatchUpFiltersColumn_resyncsTheWholeTable_withRenameSupport() throws Exception {
    start(false, true);
    assertThat(command(WorkItem.Command.Op.RESYNC, RowFilter.lt("v", 30L))).isNull();
    effects.clear();
    db.renameColumn(table, "v", "w");
    readLog(); // went on reading and deleting by v, which reads null in every row now
    assertThat(runtime().snapshotFilter).isInstanceOf(RowFilter.All.class);
    assertThat(runtime().mergeScope).isInstanceOf(RowFilter.All.class);
    // and no checkpoint holds the new names before the target has them (a restart from it would find the target's
    // rename undone: see "Column renames")
    int renamed = -1;
    for (int i = 0; i < effects.size() && renamed < 0; i++) {
      if (effects.get(i) instanceof Effect.EnsureTable e && !e.renamedFrom().isEmpty()) {
        renamed = i;
      }
    }
    assertThat(renamed).as("the target renamed the column").isNotNegative();
    assertThat(effects.subList(0, renamed)).filteredOn(Effect.TakeCheckpoint.class::isInstance)
        .allSatisfy(e -> assertThat(((Effect.TakeCheckpoint) e).tables().get(table).schema().columnNames())
            .containsExactly("id", "v"));
  }

  @Test
  void pauseDuringACatchUp_isCheckpointedAsPaused() throws Exception {
    start(false, true);
    assertThat(command(WorkItem.Command.Op.RESYNC, RowFilter.lt("id", 3L))).isNull();
    assertThat(command(WorkItem.Command.Op.PAUSE, null)).isNull();
    // The cancellation's checkpoint recorded the catch-up as running, with the staging (the log changes of rows
    // outside its filter too) dropped: a restart from it resumed the catch-up without them.
    List<Checkpoint.TableState> taken = effects.stream().filter(Effect.TakeCheckpoint.class::isInstance)
        .map(e -> ((Effect.TakeCheckpoint) e).tables().get(table)).toList();
    assertThat(taken).isNotEmpty().allSatisfy(s -> assertThat(s.phase()).isEqualTo(TablePhase.PAUSED));
  }

  @Test
  void renameTheWriterCannotMake_checkpointsItsRefillBeforeTheTargetDropsTheColumn() throws Exception {
    start(false, false);
    effects.clear();
    db.renameColumn(table, "v", "w");
    readLog();
    int evolved = -1;
    for (int i = 0; i < effects.size(); i++) {
      if (effects.get(i) instanceof Effect.EnsureTable e && e.table().indexOf("w") >= 0) {
        evolved = i;
      }
    }
    assertThat(evolved).as("the target evolved").isNotNegative();
    // Before: the checkpoint before the change (streaming, old schema), then the target dropped v and added w, then
    // the re-sync; a crash in between restarted streaming from that checkpoint with v's values gone.
    Checkpoint.TableState last = effects.subList(0, evolved).stream().filter(Effect.TakeCheckpoint.class::isInstance)
        .map(e -> ((Effect.TakeCheckpoint) e).tables().get(table)).reduce((a, b) -> b).orElseThrow();
    assertThat(last.phase()).isEqualTo(TablePhase.RESYNCING);
    assertThat(last.schema().columnNames()).containsExactly("id", "w");
  }
}
