package io.tributary.sync.internal;

import io.tributary.sync.LostLogPosition;
import io.tributary.sync.SyncMode;
import io.tributary.sync.TablePhase;
import io.tributary.sync.TableSelector;
import io.tributary.sync.event.ChangeEvent;
import io.tributary.sync.event.Row;
import io.tributary.sync.event.TableId;
import io.tributary.sync.event.TableSchema;
import io.tributary.sync.memory.MemoryPosition;
import io.tributary.sync.memory.MemoryWarehouse;
import io.tributary.sync.memory.MemoryWriter;
import io.tributary.sync.spi.ChangeWriter;
import io.tributary.sync.spi.LogStream;
import io.tributary.sync.spi.SchemaEvolutionPolicy;
import io.tributary.sync.spi.SnapshotSink;
import io.tributary.sync.spi.StartPosition;
import io.tributary.sync.spi.WriterContext;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * One seeded scenario: a {@link Decider} driven directly, without threads, by an in-memory database and writer.
 * Each step is drawn at random: a source transaction, a log poll delivered in random pieces, a snapshot task run
 * (plan or chunk read, whose items reach the decider later, interleaved with the log), the clock moving, an operator
 * command (re-sync, pause, resume), a truncate, a column added or dropped (on by default; {@code
 * -Dtributary.sim.schemaChanges=false} turns it off), or a crash. Crashes come at effect boundaries (the rest of the effects is
 * never executed) and inside the real {@link CheckpointCoordinator}'s protocol (before prepare, after save, after
 * commit); the run then restarts from the last saved checkpoint, as after a kill. At every commit, every table the
 * checkpoint records as streaming must hold exactly the source's rows as of the checkpoint's position (no lost,
 * extra or stale rows), and no checkpoint may split a source transaction.
 *
 * <p>The scenario's shape comes from {@link SimulatedShards}: mirror mode over one source, or merge mode over several
 * sources whose logs interleave; a restart may add or remove a table or go offline. {@link MergeInvariant} checks the
 * merge targets, stopped and removed tables, and that no position steps back ({@code -Dtributary.sim.merge=false},
 * {@code -Dtributary.sim.selection=false} turn the new dimensions off).
 *
 * <p>Wider dimensions, each chosen by the seed (catch-ups and prioritisations, renames, reorders, key and type
 * changes, writer refusals and failures, source failures, lost positions), live in {@link WiderScenario} and the
 * classes it names, with the stopped tables' own invariants ({@link StoppedTables}); they run in mirror scenarios
 * over one source, whose selection then stays as it is between runs.
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
  private final SimulatedSource source;
  private final MemoryWarehouse warehouse = new MemoryWarehouse();
  private PipelineConfig config;
  // sim-merge: the scenario's shape (mirror, or merge over several sources), its selection between runs, and the
  // invariants over it (MergeInvariant); one log per source, their pieces interleaved in one queue
  private final SimulatedShards shards;
  private final MergeInvariant invariant;
  private final List<LogStream> logs = new ArrayList<>();
  private boolean started;
  private int runs;
  private long now = 1_000;
  private int commits;
  private int checks;
  private int crashes;
  private int merges;
  private int resyncs;
  private long commandId;

  // one run's state (replaced by a crash)
  private Decider decider;
  private TrackingWriter writer;
  private CheckpointCoordinator coordinator;
  private final ArrayDeque<Effect> snapshotTasks = new ArrayDeque<>();
  private final ArrayDeque<Input> snapshotItems = new ArrayDeque<>();
  private final ArrayDeque<WorkItem.LogBatch> logPieces = new ArrayDeque<>();
  /** Marks where a log poll failed part-way (wider): the run then dies as a reader failure kills it. */
  private static final WorkItem.LogBatch LOG_FAILED = new WorkItem.LogBatch(0, SimulatedFailures.LOG_FAILED, 1, 0);
  private final ArrayDeque<Input> answers = new ArrayDeque<>();
  private final io.tributary.sync.spi.CheckpointStore store = new io.tributary.sync.spi.CheckpointStore() {
    private byte[] saved;

    @Override
    public java.util.Optional<byte[]> load(String pipeline) {
      return java.util.Optional.ofNullable(saved);
    }

    @Override
    public void save(String pipeline, byte[] checkpoint) {
      saved = checkpoint;
      crashSometimes(); // after the save, before the commit: the restart commits the saved committable
    }

    @Override
    public void clear(String pipeline) {
      saved = null;
    }
  };
  private boolean crashed;
  private final boolean trace = Boolean.getBoolean("tributary.sim.trace");
  /**
   * Columns added and dropped: off by default, because it finds the known crash window of an applied schema change
   * (docs/design.md, "Column renames": the target evolves before a checkpoint holds the new schema). A crash there
   * restarts from the checkpoint before the DDL; start-up re-plans the target by the old schema, so a dropped column
   * comes back empty, and the replayed DDL's checkpoint commits that state (e.g. seed 518635: one value null until
   * the replayed drop removes the column again).
   */
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
    this.source = shards.sources.get(0);
    this.invariant = new MergeInvariant(shards, warehouse, this::replay);
    this.wide = new WiderScenario(rnd, source, schemaChanges, !shards.merge() && shards.sources.size() == 1);
    config = new PipelineConfig("sim", shards.changeSources(), shards.mode, List.of(TableSelector.all()),
        List.of(), shards.virtualTables, TableId::table, shards.fields, shards.inKey, shards.heterogeneous, true,
        new MemoryWriter(warehouse),
        store, SchemaEvolutionPolicy.evolve(), List.of(), 1,
        2 + rnd.nextInt(8), 2 + rnd.nextInt(8), Duration.ofMillis(50), 1L << 20, 128, 10L << 20, null, null, 10,
        Duration.ofSeconds(1), LostLogPosition.RESYNC, Duration.ofHours(1), 256L << 20, Duration.ofMinutes(1), null,
        Clock.systemUTC());
  }

  Result run(int steps) {
    start();
    for (int step = 0; step < steps; step++) {
      if (wide.step(() -> ++commandId, this::apply, t -> decider.tables().get(t) != null && decider.tables().get(t).phase == TablePhase.STREAMING,
          () -> { // the runtime catching up: a snapshot task, an item, the log read and delivered
            runSnapshotTask();
            deliverSnapshotItem();
            pollLog();
            while (!crashed && !logPieces.isEmpty()) {
              deliverLog();
            }
          })) {
        continue; // a step of the wider dimensions
      }
      int r = rnd.nextInt(100);
      if (r < 25) {
        shards.transaction();
      } else if (r < 45) {
        pollLog();
      } else if (r < 60) {
        deliverLog();
      } else if (r < 72) {
        runSnapshotTask();
      } else if (r < 84) {
        deliverSnapshotItem();
      } else if (r < 96) {
        now += rnd.nextInt(60);
        apply(new Input.Tick(now));
      } else if (r < 97) {
        command();
      } else if (r < 98) {
        shards.truncate();
      } else if (r < 99) {
        if (schemaChanges) {
          shards.alter();
        }
      } else {
        crash();
      }
    }
    return new Result(steps, commits, checks + invariant.checks(), crashes, merges, resyncs);
  }

  // ---------------------------------------------------------------- a run

  private void start() {
    // sim-merge: a restart may add or remove a table, or go offline (drop the checkpoint)
    TableId[] changed = new TableId[1];
    SimulatedShards.Change change = started && !wide.active()
        ? shards.nextRun(store.load("sim").map(CheckpointCodec::decode).orElse(null), t -> changed[0] = t)
        : SimulatedShards.Change.NONE;
    started = true;
    if (change == SimulatedShards.Change.OFFLINE) {
      store.clear("sim");
    }
    config = shards.withSelection(config);
    Checkpoint restored = store.load("sim").map(CheckpointCodec::decode).orElse(null);
    writer = new TrackingWriter(new SimulatedWriter(new MemoryWriter(warehouse), rnd, wide.dims, this::crashSometimes,
        wide.stopped, wide.pendingRenames));
    wide.failures.runStarted();
    if (restored == null && wide.active()) {
      wide.stopped.freshStart(warehouse, source);
    }
    coordinator = new CheckpointCoordinator(config, writer, List.of());
    long restoredId = restored == null ? 0 : restored.id();
    writer.open(new WriterContext("sim", restoredId, restored == null ? null : restored.committable()));
    switch (change) { // sim-merge: after the restart's recovery commit
      case ADDED -> invariant.added(changed[0]);
      case REMOVED -> invariant.removed(changed[0]);
      case OFFLINE -> invariant.offline();
      case NONE -> { }
    }
    decider = Decider.restore(config, restored, RunStartup.selectTables(config, restored),
        Math.max(restoredId, writer.lastCommittedCheckpointId()),
        writer.capabilities().contains(ChangeWriter.Capability.RENAME_COLUMN));
    invariant.restored(restored, decider.tables()); // sim-merge
    snapshotTasks.clear();
    snapshotItems.clear();
    logPieces.clear();
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
    logs.clear(); // sim-merge: one log per source
    LogOpener opener = new LogOpener(config); // a lost position is recovered as the runtime does
    for (int i = 0; i < shards.sources.size(); i++) {
      io.tributary.sync.spi.ChangeSource s = shards.changeSource(i);
      Map<TableId, TableSchema> schemas = new LinkedHashMap<>();
      for (TableRuntime t : decider.tables().values()) {
        if (t.sourceIndex == i) {
          schemas.put(t.id, t.schema);
        }
      }
      byte[] position = restored == null ? null : restored.positions().get(s.name());
      if (i == 0) {
        wide.failures.maybePurgeLog(position != null); // wider: the position may be lost
      }
      logs.add(opener.open(i, s, position == null ? StartPosition.latest()
          : StartPosition.at(s.decodePosition(position)), position != null, schemas));
    }
    List<LostPositionRecovery.Lost> lost = opener.takeLost();
    wide.failures.lostPositions += lost.size();
    if (!lost.isEmpty()) {
      wide.failures.positionLost(restored);
    }
    apply(new Input.LogsOpened(logs.stream().map(LogStream::startPosition).toList(), lost, 0));
  }

  private void crash() {
    trace("CRASH (step)");
    crashes++;
    wide.failures.killed();
    start();
  }

  private void pollLog() {
    if (wide.failures.logDead()) {
      return;
    }
    try {
      int source = rnd.nextInt(logs.size()); // sim-merge: a random source's log
      List<ChangeEvent> events = wide.failures.polled(logs.get(source).poll(Duration.ZERO)); // may fail
      int i = 0;
      while (i < events.size()) { // cut at random points, as socket reads are
        int n = 1 + rnd.nextInt(events.size() - i);
        logPieces.add(new WorkItem.LogBatch(source, events.subList(i, i + n), 1, 0));
        i += n;
      }
      if (wide.failures.logDead()) {
        logPieces.add(LOG_FAILED);
      }
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  private void deliverLog() {
    WorkItem.LogBatch piece = logPieces.poll();
    if (piece == LOG_FAILED) {
      apply(wide.failures.logFailure());
    } else if (piece != null) {
      apply(piece);
    }
  }

  private void runSnapshotTask() {
    if (snapshotTasks.isEmpty()) {
      return;
    }
    Effect task = rnd.nextBoolean() ? snapshotTasks.pollFirst() : snapshotTasks.pollLast();
    if (task instanceof Effect.PlanChunks p) {
      TableSchema schema = p.schema();
      snapshotItems.add(new WorkItem.ChunksPlanned(p.table(), p.generation(),
          shards.changeSource(p.sourceIndex()).planChunks(schema, p.filter(), config.snapshotChunkSize())));
    } else if (task instanceof Effect.ReadChunk r) {
      WorkItem.Failed failure = wide.failures.chunkFailure(r); // wider: the read fails at its end
      try {
        shards.changeSource(r.sourceIndex()).readChunk(r.chunk(), r.schema(), new SnapshotSink() {
          long low;
          List<Row> rows = new ArrayList<>();

          @Override
          public void lowWatermark(long seq) {
            low = seq;
          }

          @Override
          public void accept(Row row) {
            rows.add(row);
            if (rows.size() == 3) {
              flush();
            }
          }

          @Override
          public void highWatermark(long seq) {
            flush();
            snapshotItems.add(new WorkItem.ChunkDone(r.chunk().table(), r.generation(), r.chunk().index(),
                r.schema(), low, Math.max(seq, low)));
          }

          private void flush() {
            if (!rows.isEmpty()) {
              snapshotItems.add(new WorkItem.ChunkRows(r.chunk().table(), r.generation(), r.chunk().index(), low,
                  r.schema(), rows, 1));
              rows = new ArrayList<>();
            }
          }
        });
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
      if (failure != null) {
        snapshotItems.pollLast(); // its ChunkDone
        snapshotItems.add(failure);
      }
    }
  }

  private void deliverSnapshotItem() {
    Input item = snapshotItems.poll();
    if (item != null) {
      apply(item);
    }
  }

  /** An operator command: mostly re-syncs, some pauses and resumes (refused ones complete with their error). */
  private void command() {
    TableId t = shards.randomTable();
    int r = rnd.nextInt(4);
    WorkItem.Command.Op op = r < 2 ? WorkItem.Command.Op.RESYNC
        : r == 2 ? WorkItem.Command.Op.PAUSE : WorkItem.Command.Op.RESUME;
    TableRuntime runtime = decider.tables().get(t); // sim-merge: see SimulatedShards.commandAllowed
    if (runtime != null && !shards.commandAllowed(t, runtime.phase, op)) {
      return;
    }
    resyncs += op == WorkItem.Command.Op.PAUSE ? 0 : 1;
    if (op == WorkItem.Command.Op.RESYNC) {
      wide.stopped.resyncAsked(t, commandId + 1);
    }
    apply(new WorkItem.Command(++commandId, op, List.of(t), null));
  }

  // ---------------------------------------------------------------- the runtime: apply, execute, answer

  private void apply(Input in) {
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
      if (e instanceof Effect.Write w) {
        try {
          writer.write(w.target(), w.batch());
        } catch (io.tributary.sync.SyncException ex) { // as EffectExecutor
          throw RefusedBatches.refusedOr(ex, w.target(), null);
        }
        w.batch().clear();
      } else if (e instanceof Effect.WriteStaging w) {
        try {
          writer.writeStaging(w.target(), w.staging(), w.batch());
        } catch (io.tributary.sync.SyncException ex) {
          throw RefusedBatches.refusedOr(ex, w.target(), w.staging());
        }
        w.batch().clear();
      } else if (e instanceof Effect.MergeStaging m) {
        merges++;
        writer.mergeStaging(m.target(), m.staging(), m.replaceScope());
      } else if (e instanceof Effect.DropStaging d) {
        writer.dropStaging(d.target(), d.staging());
      } else if (e instanceof Effect.DeleteWhere d) {
        writer.deleteWhere(d.target(), d.filter());
      } else if (e instanceof Effect.EnsureTable t) {
        try {
          writer.ensureTable(t.table(), t.renamedFrom());
          invariant.evolved(t.table()); // sim-merge
          answers.addFirst(new Input.TableEnsured(null));
        } catch (io.tributary.sync.SchemaIncompatibleException refused) { // as EffectExecutor answers it
          answers.addFirst(new Input.TableEnsured(refused));
        }
      } else if (e instanceof Effect.PlanChunks || e instanceof Effect.ReadChunk) {
        snapshotTasks.add(e);
      } else if (e instanceof Effect.CancelSnapshot c) {
        snapshotTasks.removeIf(x -> table(x).equals(c.table()));
      } else if (e instanceof Effect.Reschema r) { // queued reads of the sync read with the new schema
        List<Effect> moved = new ArrayList<>();
        snapshotTasks.removeIf(x -> {
          if (x instanceof Effect.ReadChunk c && c.chunk().table().equals(r.table())
              && c.generation() == r.generation()) {
            moved.add(new Effect.ReadChunk(c.sourceIndex(), c.chunk(), c.generation(), r.schema(), c.priority()));
            return true;
          }
          return false;
        });
        snapshotTasks.addAll(moved);
      } else if (e instanceof Effect.TakeCheckpoint c) {
        checkpoint(c);
      } else if (e instanceof Effect.Prioritize p) { // wider: the table's queued snapshot work goes first
        List<Effect> first = new ArrayList<>();
        snapshotTasks.removeIf(x -> table(x).equals(p.table()) && first.add(x));
        for (int i = first.size() - 1; i >= 0; i--) {
          snapshotTasks.addFirst(first.get(i));
        }
      } else if (e instanceof Effect.CompleteCommand done) {
        wide.stopped.completed(done.id());
      }
    }
  }

  private static TableId table(Effect e) {
    return e instanceof Effect.PlanChunks p ? p.table() : ((Effect.ReadChunk) e).chunk().table();
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
    verify(c);
    if (wide.active()) {
      wide.stopped.check(c, warehouse, replay() + ": checkpoint " + c.id()); // wider: stopped tables stay as they were
    }
  }

  private void crashSometimes() {
    if (rnd.nextInt(150) == 0) {
      throw new Crash();
    }
  }

  /** Every streaming table's target holds the source's rows as of the checkpoint's position. */
  private void verify(Effect.TakeCheckpoint c) {
    invariant.check(c); // sim-merge: merge-mode targets, stopped and removed tables untouched, never back in time
    if (shards.merge()) {
      return;
    }
    MemoryPosition p = (MemoryPosition) c.positions()[0];
    if (p.insideTransaction()) {
      throw new AssertionError(replay() + ": checkpoint " + c.id() + " at " + p + " splits a transaction");
    }
    Map.Entry<Long, Map<TableId, Set<Row>>> asOf = source.asOf(p.nextIndex());
    for (Checkpoint.TableState t : c.tables().values()) {
      if (t.phase() != TablePhase.STREAMING) {
        continue;
      }
      checks++;
      Set<Row> target = new HashSet<>(warehouse.rows(t.id().table()));
      Map.Entry<Long, Map<TableId, Set<Row>>> expected = asOf;
      if (!t.schema().equals(this.source.schemaAt(asOf.getKey(), t.id()))) {
        // A schema change is checkpointed at the position before its DDL, with the new schema, before the target
        // evolves (the DDL, replayed from there, changes nothing): until the target has evolved it is the source
        // before the DDL, after that (later in the run, or once a restart planned it) the source right after it.
        Map.Entry<Long, Map<TableId, Set<Row>>> after = this.source.next(asOf.getKey());
        if (after == null || !t.schema().equals(this.source.schemaAt(after.getKey(), t.id()))) {
          throw new AssertionError(replay() + ": checkpoint " + c.id() + " at " + p + " records " + t.schema()
              + ", which the source has neither at log index " + asOf.getKey() + " nor right after");
        }
        if (!target.equals(asOf.getValue().get(t.id()))) {
          expected = after;
        }
      }
      Set<Row> source = expected.getValue().get(t.id());
      if (!target.equals(source)) {
        Set<Row> missing = new HashSet<>(source);
        missing.removeAll(target);
        Set<Row> extra = new HashSet<>(target);
        extra.removeAll(source);
        throw new AssertionError(replay() + ": checkpoint " + c.id() + " at " + p + ": " + t.id() + " differs from"
            + " the source as of log index " + expected.getKey() + "; missing " + missing + ", extra " + extra);
      }
    }
  }

  /** The wider dimensions' state and counts. */
  WiderScenario wider() {
    return wide;
  }

  String replay() {
    return "seed " + seed + " (replay: mvn -B -o -q -pl sync-core verify -Dtest=DeciderSimulationTest"
        + " -Dtributary.seed=" + seed + (schemaChanges ? "" : " -Dtributary.sim.schemaChanges=false")
        + (SimulatedShards.MERGE ? "" : " -Dtributary.sim.merge=false")
        + (SimulatedShards.SELECTION ? "" : " -Dtributary.sim.selection=false")
        + SimDimensions.replayFlags()
        + " -Dsurefire.failIfNoSpecifiedTests=false)";
  }
}
