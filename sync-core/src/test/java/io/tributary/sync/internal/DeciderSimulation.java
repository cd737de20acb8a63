package io.tributary.sync.internal;

import io.tributary.sync.TablePhase;
import io.tributary.sync.event.TableId;
import io.tributary.sync.memory.MemoryWarehouse;
import io.tributary.sync.memory.MemoryWriter;
import io.tributary.sync.spi.ChangeWriter;
import io.tributary.sync.spi.WriterContext;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Random;

/**
 * One seeded scenario: a {@link Decider} driven directly, without threads, by an in-memory database and writer.
 * Each step is drawn at random: a source transaction, a log poll delivered in random pieces, a snapshot task run
 * (plan or chunk read, whose items reach the decider later, interleaved with the log), the clock moving, an operator
 * command (re-sync, pause, resume), a truncate, a column added or dropped (on by default; {@code
 * -Dtributary.sim.schemaChanges=false} turns it off), or a crash. Crashes come at effect boundaries (the rest of the
 * effects is never executed) and inside the real {@link CheckpointCoordinator}'s protocol (before prepare, after save, after
 * commit); the run then restarts from the last saved checkpoint, as after a kill. At every commit, every table the
 * checkpoint records as streaming must hold exactly the source's rows as of the checkpoint's position (no lost,
 * extra or stale rows), and no checkpoint may split a source transaction ({@link MirrorInvariant}). The runtime's
 * parts are {@link SimulatedLogs}, {@link SimulatedSnapshots}, {@link WriteEffects} and {@link SimulatedStore}; the
 * checks, {@link SimChecks}.
 *
 * <p>The scenario's shape comes from {@link SimulatedShards}: mirror mode over one source, or merge mode over several
 * sources whose logs interleave; a restart may add or remove a table or go offline. {@link MergeInvariant} checks the
 * merge targets, stopped and removed tables, and that no position steps back ({@code -Dtributary.sim.merge=false},
 * {@code -Dtributary.sim.selection=false} turn the new dimensions off).
 *
 * <p>Wider dimensions, each chosen by the seed (catch-ups and prioritisations, renames, reorders, key and type
 * changes, writer refusals and failures, source failures, lost positions), live in {@link WiderScenario} and the
 * classes it names, with the stopped tables' own invariants ({@link StoppedTables}); they run in every shape (mirror
 * or merge mode, one or more sources, tables added and removed between runs, offline), with every invariant
 * checked at each commit.
 */
final class DeciderSimulation {

  /** A crash injected inside the checkpoint protocol (the writer or the store). */
  private static final class Crash extends RuntimeException {
    Crash() {
      super(null, null, false, false);
    }
  }

  /** What a scenario did; a broken invariant throws {@link AssertionError} naming the seed. */
  record Result(int steps, int commits, int checks, int crashes, int merges, int resyncs) {
  }

  private final long seed;
  private final Random rnd;
  private final MemoryWarehouse warehouse = new MemoryWarehouse();
  private PipelineConfig config;
  // sim-merge: the scenario's shape (mirror, or merge over several sources), its selection between runs, and the
  // invariants over it (MergeInvariant); one log per source, their pieces interleaved in one queue
  private final SimulatedShards shards;
  private final SimChecks checks;
  private boolean started;
  private int runs;
  private long now = 1_000;
  private int commits;
  private int crashes;
  private int resyncs;
  private long commandId;

  // one run's state (replaced by a crash)
  private Decider decider;
  private TrackingWriter writer;
  private CheckpointCoordinator coordinator;
  private final SimulatedSnapshots snapshots;
  private final SimulatedLogs logs;
  private final WriteEffects writes;
  private final ArrayDeque<Input> answers = new ArrayDeque<>();
  /** The store crashes now and then after a save, before the commit: the restart commits the saved committable. */
  private final SimulatedStore store = new SimulatedStore(this::crashSometimes);
  private boolean crashed;
  private final boolean trace = Boolean.getBoolean("tributary.sim.trace");
  /** Columns added and dropped ({@code -Dtributary.sim.schemaChanges=false}: none). */
  private final boolean schemaChanges = Boolean.parseBoolean(System.getProperty("tributary.sim.schemaChanges", "true"));
  // ---- wider dimensions (catch-up, schema kinds, writer and source failures): see WiderScenario
  private final WiderScenario wide;

  private void trace(Object what) {
    if (trace) {
      System.out.println("  " + what);
    }
  }

  DeciderSimulation(long seed) {
    this.seed = seed;
    this.rnd = new Random(seed);
    this.shards = new SimulatedShards(rnd, this::trace); // sim-merge
    this.wide = new WiderScenario(rnd, shards, schemaChanges, true);
    this.checks = new SimChecks(shards, wide, warehouse, this::replay);
    config = SimConfig.initial(shards, store, warehouse, rnd);
    this.snapshots = new SimulatedSnapshots(rnd, shards, wide.failures, config.snapshotChunkSize());
    this.logs = new SimulatedLogs(rnd, shards, wide.failures);
    this.writes = new WriteEffects(checks.invariant);
  }

  Result run(int steps) {
    start();
    for (int step = 0; step < steps; step++) {
      if (wide.step(() -> ++commandId, this::apply, t -> decider.tables().get(t) != null && decider.tables().get(t).phase == TablePhase.STREAMING,
          () -> { // the runtime catching up: a snapshot task, an item, the log read and delivered
            snapshots.runTask();
            deliver(snapshots.nextItem());
            logs.poll();
            while (!crashed && logs.hasPieces()) {
              deliver(logs.nextPiece());
            }
          })) {
        continue; // a step of the wider dimensions
      }
      int r = rnd.nextInt(100);
      if (r < 25) {
        shards.transaction();
      } else if (r < 45) {
        logs.poll();
      } else if (r < 60) {
        deliver(logs.nextPiece());
      } else if (r < 72) {
        snapshots.runTask();
      } else if (r < 84) {
        deliver(snapshots.nextItem());
      } else if (r < 96) {
        now += rnd.nextInt(60);
        apply(new Input.Tick(now));
      } else if (r < 97) {
        command();
      } else if (r < 98) {
        shards.truncate();
      } else if (r < 99) {
        if (schemaChanges) {
          shards.alter(t -> decider.tables().get(t) != null && decider.tables().get(t).phase == TablePhase.RESYNCING);
        }
      } else {
        crash();
      }
    }
    return new Result(steps, commits, checks.checks(), crashes, writes.merges(), resyncs);
  }

  // ---------------------------------------------------------------- a run

  private void start() {
    // sim-merge: a restart may add or remove a table, or go offline (drop the checkpoint)
    TableId[] changed = new TableId[1];
    SimulatedShards.Change change = started
        ? shards.nextRun(store.load("sim").map(CheckpointCodec::decode).orElse(null), t -> changed[0] = t)
        : SimulatedShards.Change.NONE;
    started = true;
    if (change == SimulatedShards.Change.OFFLINE) {
      store.clear("sim");
    }
    config = shards.withSelection(config);
    Checkpoint restored = store.load("sim").map(CheckpointCodec::decode).orElse(null);
    writer = new TrackingWriter(new SimulatedWriter(new MemoryWriter(warehouse), rnd, wide.dims, this::crashSometimes,
        wide.stopped, wide.pendingRenames, checks.invariant::evolved));
    wide.failures.runStarted();
    if (restored == null && wide.active()) {
      wide.stopped.freshStart(warehouse);
    }
    coordinator = new CheckpointCoordinator(config, writer, List.of());
    long restoredId = restored == null ? 0 : restored.id();
    writer.open(new WriterContext("sim", restoredId, restored == null ? null : restored.committable()));
    checks.selectionChanged(change, changed[0]); // sim-merge: after the restart's recovery commit
    shards.window.arm(restored, change == SimulatedShards.Change.ADDED ? changed[0] : null); // during discovery
    decider = Decider.restore(config, restored, RunStartup.selectTables(config, restored),
        Math.max(restoredId, writer.lastCommittedCheckpointId()),
        writer.capabilities().contains(ChangeWriter.Capability.RENAME_COLUMN));
    checks.restored(restored, decider.tables());
    snapshots.clear();
    logs.clear();
    crashed = false;
    int run = ++runs;
    apply(new Input.Start(now));
    List<RefusedBatches.Refusal> refused = wide.failures.refusals(); // wider: the supervisor hands them over
    if (!refused.isEmpty() && run == runs) {
      apply(new Input.WritesRefused(refused));
    }
    if (run != runs) {
      return; // a crash while planning the targets restarted the run already (a nested start)
    }
    apply(logs.open(config, restored, decider.tables()));
  }

  private void crash() {
    trace("CRASH (step)");
    crashes++;
    wide.failures.killed();
    start();
  }

  /** Hands a log piece or snapshot item to the decider (none: nothing was queued). */
  private void deliver(Input item) {
    if (item != null) {
      apply(item);
    }
  }

  /** An operator command: mostly re-syncs, some pauses and resumes (refused ones complete with their error). */
  private void command() {
    WorkItem.Command c = wide.operator.plain(commandId + 1, decider.tables());
    if (c == null) {
      return;
    }
    commandId++;
    resyncs += c.op() == WorkItem.Command.Op.PAUSE ? 0 : 1;
    if (c.op() == WorkItem.Command.Op.RESYNC) {
      wide.stopped.resyncAsked(c.tables().get(0), c.id());
    }
    apply(c);
  }

  // ---------------------------------------------------------------- the runtime: apply, execute, answer

  private void apply(Input in) {
    if (in instanceof WorkItem.Command c) {
      checks.durability.sent(c);
    }
    answers.add(in);
    Input next;
    while (!crashed && (next = answers.poll()) != null) {
      trace("> " + next);
      try {
        execute(decider.apply(next));
      } catch (RuntimeException e) { // wider: a failure kills the run; the supervisor restarts it (or the test fails)
        trace("RUN DIED: " + e);
        wide.failures.runDied(e);
        crashed = true;
      }
    }
    answers.clear();
    if (crashed) {
      start();
    }
  }

  private void execute(List<Effect> effects) {
    Effect.TakeCheckpoint cut = null; // the last of this input's checkpoints (a command's own precedes its answer)
    for (Effect e : effects) {
      if (crashed) {
        return;
      }
      if (e instanceof Effect.Log) {
        continue; // a line to log changes nothing: no crash point of its own (so a seed replays as before the effect)
      } else if (e instanceof Effect.Fail f) {
        throw f.cause(); // as the runtime does: the decider failed the run
      }
      trace("    " + e);
      if (rnd.nextInt(1500) == 0) { // a crash at this effect boundary: the rest is never executed
        trace("CRASH");
        crashes++;
        crashed = true;
        return;
      }
      if (writes.execute(e, writer, answers::addFirst) || snapshots.execute(e)) {
        continue; // written, or a snapshot task queued, cancelled, re-schemed or prioritised
      } else if (e instanceof Effect.TakeCheckpoint c) {
        checkpoint(c);
        cut = c;
      } else if (e instanceof Effect.CompleteCommand done) {
        wide.stopped.completed(done.id());
        checks.durability.completed(done, cut, decider.tables());
      }
    }
  }

  /** The runtime's own checkpoint protocol, with crashes injected inside it. */
  private void checkpoint(Effect.TakeCheckpoint c) {
    try {
      coordinator.take(c);
    } catch (Crash e) {
      trace("CRASH inside checkpoint " + c.id());
      crashes++;
      crashed = true;
      return;
    }
    commits++;
    wide.failures.checkpointTaken();
    answers.addAll(coordinator.drainCommitted());
    checks.committed(c);
  }

  private void crashSometimes() {
    if (rnd.nextInt(150) == 0) {
      throw new Crash();
    }
  }

  /** How many acknowledged catch-ups and re-syncs a restart was checked to resume. */
  int resumedSyncs() {
    return checks.durability.checks();
  }

  /** The wider dimensions' state and counts. */
  WiderScenario wider() {
    return wide;
  }

  String replay() {
    return SimDimensions.replay(seed, schemaChanges);
  }
}
