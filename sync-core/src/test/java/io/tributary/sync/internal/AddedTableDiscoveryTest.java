package io.tributary.sync.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.sync.ErrorCode;
import io.tributary.sync.LostLogPosition;
import io.tributary.sync.SyncMode;
import io.tributary.sync.TablePhase;
import io.tributary.sync.TableSelector;
import io.tributary.sync.event.DataType;
import io.tributary.sync.event.TableId;
import io.tributary.sync.event.TableSchema;
import io.tributary.sync.memory.MemoryCheckpointStore;
import io.tributary.sync.memory.MemoryDatabase;
import io.tributary.sync.memory.MemoryWarehouse;
import io.tributary.sync.memory.MemoryWriter;
import io.tributary.sync.spi.ChangeSource;
import io.tributary.sync.spi.ForwardingChangeSource;
import io.tributary.sync.spi.LogStream;
import io.tributary.sync.spi.SchemaEvolutionPolicy;
import io.tributary.sync.spi.StartPosition;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * A table added to the selection between runs is discovered with today's schema while its log replays from the
 * checkpoint's older position. The source's log ends taken before and after the discovery ({@link
 * Checkpoint.Discovery}) tell the decider which replayed changes the discovered schema has already: those before it
 * are skipped (the table's sync supersedes them), a DDL during it restarts the sync (or stops a table added without a
 * full sync), and the positions stay in the table's checkpoint state until its log has passed them. The decider
 * simulation found both failures of the earlier mark-until-the-first-DDL fix (seed 10885064: a replayed narrowing
 * judged against today's type stopped the table; the mark was not checkpointed).
 */
class AddedTableDiscoveryTest {

  private final MemoryDatabase db = new MemoryDatabase("s");
  private final TableId a = db.tableId("app", "app", "a");
  private final TableId b = db.tableId("app", "app", "b");
  /** Runs during run 2's discovery, between the two log ends (null: nothing). */
  private Runnable duringDiscovery;

  private final ChangeSource source = new ForwardingChangeSource(db.source()) {
    @Override
    public List<TableSchema> discoverTables(Predicate<TableId> selected) {
      List<TableSchema> found = super.discoverTables(selected);
      if (duringDiscovery != null) {
        duringDiscovery.run(); // logged after the schemas were read, before the second log end
        duringDiscovery = null;
      }
      return found;
    }
  };

  private PipelineConfig config(boolean fullSync, TableId... excluded) {
    List<TableSelector> ex = java.util.Arrays.stream(excluded).map(t -> TableSelector.of("app", t.table())).toList();
    return new PipelineConfig("p", List.of(source), SyncMode.MIRROR, List.of(TableSelector.all()), ex,
        List.of(), TableId::table, List.of(), false, false, fullSync, new MemoryWriter(new MemoryWarehouse()),
        new MemoryCheckpointStore(), SchemaEvolutionPolicy.evolve(), List.of(), 1, 10, 10, Duration.ofSeconds(1),
        1L << 20, 128, 10L << 20, null, null, 10, Duration.ofSeconds(1), LostLogPosition.FAIL, Duration.ofHours(1),
        256L << 20, Duration.ofMinutes(1), null, Clock.systemUTC());
  }

  private static TableSchema.Builder idAndV(TableId t) {
    return TableSchema.builder(t).primaryKey("id", DataType.bigint()).column("v", DataType.bigint());
  }

  /** Run 1 captures a only; its last checkpoint (through the codec), at the log's end now. */
  private Checkpoint runWithoutB() {
    Decider first = Decider.restore(config(true, b), null, RunStartup.selectTables(config(true, b), null), 0, true);
    DeciderDriver.acceptEnsures(first, first.apply(new Input.Start(0)));
    LogStream log = db.source().openLog(StartPosition.latest(), Map.of());
    DeciderDriver.acceptEnsures(first, first.apply(new Input.LogsOpened(List.of(log.startPosition()), List.of(), 0)));
    return lastCheckpoint(DeciderDriver.acceptEnsures(first, first.apply(new WorkItem.Stop())));
  }

  private static Checkpoint lastCheckpoint(List<Effect> effects) {
    Effect.TakeCheckpoint c = (Effect.TakeCheckpoint) effects.stream()
        .filter(Effect.TakeCheckpoint.class::isInstance).reduce((x, y) -> y).orElseThrow();
    return CheckpointCodec.decode(CheckpointCodec.encode(new Checkpoint(c.id(),
        Map.of("s", c.positions()[0].encode()), c.tables(), null, c.formerMembers())));
  }

  /** A run resumed from {@code saved}, started, its log opened there; the effects so far go to {@code effects}. */
  private Decider resume(PipelineConfig config, Checkpoint saved, List<Effect> effects, LogStream[] log) {
    Decider d = Decider.restore(config, saved, RunStartup.selectTables(config, saved), saved.id(), true);
    effects.addAll(DeciderDriver.acceptEnsures(d, d.apply(new Input.Start(0))));
    log[0] = db.source().openLog(StartPosition.at(db.source().decodePosition(saved.positions().get("s"))), Map.of());
    effects.addAll(DeciderDriver.acceptEnsures(d,
        d.apply(new Input.LogsOpened(List.of(log[0].startPosition()), List.of(), 0))));
    return d;
  }

  /** The log read to its end, then the run stopped: the batched rows are flushed as effects. */
  private static List<Effect> readAndStop(Decider d, LogStream log) throws InterruptedException {
    List<Effect> effects = new ArrayList<>(
        DeciderDriver.acceptEnsures(d, d.apply(new WorkItem.LogBatch(0, log.poll(Duration.ZERO), 1, 0))));
    effects.addAll(DeciderDriver.acceptEnsures(d, d.apply(new WorkItem.Stop())));
    return effects;
  }

  private static boolean stagedFor(List<Effect> effects, String target) {
    return effects.stream().anyMatch(e -> e instanceof Effect.WriteStaging w && w.target().equals(target));
  }

  @Test
  void replayedNarrowingThatTodaysSchemaWidenedAgain_doesNotStopTheAddedTable() throws Exception {
    db.createTable(idAndV(a).build());
    db.createTable(idAndV(b).column("w", DataType.bigint()).build());
    Checkpoint saved = runWithoutB();
    // While b is not captured: w narrowed, a row written, w widened back. Today's schema has w BIGINT.
    db.alterTable(idAndV(b).column("w", DataType.intType()).build());
    db.insert(b, 1L, 2L, 3);
    db.alterTable(idAndV(b).column("w", DataType.bigint()).build());

    LogStream[] log = new LogStream[1];
    Decider d = resume(config(true), saved, new ArrayList<>(), log);
    List<Effect> effects = readAndStop(d, log[0]);

    // Judged against today's BIGINT, the replayed narrowing stopped b (SCHEMA_INCOMPATIBLE) before the fix.
    assertThat(d.tables().get(b).phase).as("b's sync goes on: %s", d.tables().get(b).reason)
        .isEqualTo(TablePhase.SNAPSHOTTING);
    assertThat(d.tables().get(b).schema).isEqualTo(db.schema(b));
    assertThat(stagedFor(effects, "b")).as("its replayed history is superseded by its sync, not staged").isFalse();
  }

  @Test
  void crashAfterTheRunsFirstCheckpoint_restoresTheDiscoveryAndStillSkipsTheOlderLayout() throws Exception {
    db.createTable(idAndV(a).build());
    db.createTable(idAndV(b).build());
    db.insert(b, 8L, null);
    Checkpoint saved = runWithoutB();
    // While b is not captured: its row updated in the layout (id, v), then v moved first (same width).
    db.update(b, 8L, 34L);
    db.alterTable(TableSchema.builder(b).column("v", DataType.bigint()).primaryKey("id", DataType.bigint()).build());

    // Run 2 selects b and checkpoints before reading its log (the drop of b's leftover staging), then crashes.
    LogStream[] log = new LogStream[1];
    List<Effect> run2 = new ArrayList<>();
    resume(config(true), saved, run2, log);
    Checkpoint second = lastCheckpoint(run2);
    assertThat(second.positions().get("s")).as("still at run 1's position").isEqualTo(saved.positions().get("s"));
    assertThat(second.tables().get(b).discovery()).as("b's discovery positions are in its checkpoint state")
        .isNotNull();

    // Run 3 resumes from it: b is no longer new, yet its replayed update (laid out as (id, v)) is not staged,
    // where it would read as (v 8, id 34), a key no later change deletes (an invented row after the merge).
    Decider d = resume(config(true), second, new ArrayList<>(), log);
    assertThat(d.tables().get(b).discovery).isEqualTo(second.tables().get(b).discovery());
    db.insert(a, 1L, 1L); // a change after the discovery: the log passes it
    List<Effect> effects = readAndStop(d, log[0]);
    assertThat(stagedFor(effects, "b")).as("nothing of b's older layout staged: %s", effects).isFalse();
    assertThat(lastCheckpoint(effects).tables().get(b).discovery()).as("forgotten once the log passed it").isNull();
  }

  @Test
  void ddlLoggedWhileTheAddedTableIsDiscovered_restartsItsSync() throws Exception {
    db.createTable(idAndV(a).build());
    db.createTable(idAndV(b).build());
    Checkpoint saved = runWithoutB();
    duringDiscovery = () -> db.alterTable(idAndV(b).column("w", DataType.bigint()).build());

    LogStream[] log = new LogStream[1];
    Decider d = resume(config(true), saved, new ArrayList<>(), log);
    long generation = d.tables().get(b).generation;
    List<Effect> effects = readAndStop(d, log[0]);

    assertThat(d.tables().get(b).generation).as("b's sync starts over at the DDL").isGreaterThan(generation);
    assertThat(effects).anyMatch(e -> e instanceof Effect.DropStaging s && s.target().equals("b"));
    assertThat(d.tables().get(b).phase.staging()).as("re-syncing, not stopped").isTrue();
  }

  @Test
  void ddlLoggedWhileDiscovered_stopsATableAddedWithoutFullSync_andItsOlderChangesAreNotWritten() throws Exception {
    db.createTable(idAndV(a).build());
    db.createTable(idAndV(b).build());
    Checkpoint saved = runWithoutB();
    db.insert(b, 5L, 6L); // before the discovery: "added without a full sync" writes changes from discovery on
    duringDiscovery = () -> db.alterTable(idAndV(b).column("w", DataType.bigint()).build());

    LogStream[] log = new LogStream[1];
    Decider d = resume(config(false), saved, new ArrayList<>(), log);
    List<Effect> effects = readAndStop(d, log[0]);

    assertThat(effects).noneMatch(e -> e instanceof Effect.Write w && w.target().equals("b"));
    assertThat(d.tables().get(b).phase).isEqualTo(TablePhase.BLACKLISTED);
    assertThat(d.tables().get(b).reasonCode).isEqualTo(ErrorCode.TABLE_NEEDS_RESYNC);
    assertThat(d.tables().get(b).reason).contains("re-sync the table");
    assertThat(d.tables().get(a).phase).as("the other table goes on").isNotEqualTo(TablePhase.BLACKLISTED);
  }
}
