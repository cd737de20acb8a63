package io.tributary.sync.internal;

import io.tributary.sync.LostLogPosition;
import io.tributary.sync.SyncMode;
import io.tributary.sync.TableSelector;
import io.tributary.sync.event.ChangeEvent;
import io.tributary.sync.event.TableId;
import io.tributary.sync.memory.MemoryCheckpointStore;
import io.tributary.sync.memory.MemoryDatabase;
import io.tributary.sync.memory.MemoryWarehouse;
import io.tributary.sync.memory.MemoryWriter;
import io.tributary.sync.spi.LogStream;
import io.tributary.sync.spi.SchemaEvolutionPolicy;
import io.tributary.sync.spi.StartPosition;
import io.tributary.sync.spi.WriterContext;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link Decider} over an in-memory database, driven by hand from a test: no threads, and time only as the
 * {@link Input.Tick}s the test applies. Writes go to a memory writer; checkpoints run through the real {@link
 * CheckpointCoordinator}. A rule about <em>when</em> the engine commits is checked here with time as data instead of
 * by sleeping next to a running pipeline (see {@link DeciderSimulation} for the randomized counterpart).
 */
final class DeciderDriver {

  final MemoryDatabase db = new MemoryDatabase("src");
  final MemoryWarehouse warehouse = new MemoryWarehouse();
  private final MemoryCheckpointStore store = new MemoryCheckpointStore();
  private final PipelineConfig config;
  private final ArrayDeque<Input> answers = new ArrayDeque<>();
  private final ArrayDeque<ChangeEvent> pending = new ArrayDeque<>();
  private final List<Effect.TakeCheckpoint> checkpoints = new ArrayList<>();
  private Decider decider;
  private TrackingWriter writer;
  private CheckpointCoordinator coordinator;
  private LogStream log;
  private boolean movesStopTheTable;

  DeciderDriver(Duration commitInterval) {
    config = new PipelineConfig("driven", List.of(db.source()), SyncMode.MIRROR, List.of(TableSelector.all()),
        List.of(), List.of(), TableId::table, List.of(), false, false, false, new MemoryWriter(warehouse), store,
        SchemaEvolutionPolicy.evolve(), List.of(), 1, 100, 100, commitInterval, 1L << 20, 128, 10L << 20, null,
        null, 10, Duration.ofSeconds(1), LostLogPosition.FAIL, Duration.ofHours(1), 256L << 20,
        Duration.ofMinutes(1), null, Clock.systemUTC());
  }

  /** Runs the decider as the Flink runner does: writes of a target may be spread over several writers. */
  DeciderDriver movesStopTheTable() {
    movesStopTheTable = true;
    return this;
  }

  /** Starts a run at decider time {@code now}: plans the targets, opens the log at its end. */
  DeciderDriver start(long now) {
    writer = new TrackingWriter(config.writer());
    writer.open(new WriterContext(config.name(), 0, null));
    coordinator = new CheckpointCoordinator(config, writer, List.of());
    decider = Decider.restore(config, null, RunStartup.selectTables(config, null), 0, false);
    if (movesStopTheTable) {
      decider.movesStopTheTable();
    }
    apply(new Input.Start(now));
    Map<TableId, io.tributary.sync.event.TableSchema> schemas = new LinkedHashMap<>();
    decider.tables().values().forEach(t -> schemas.put(t.id, t.schema));
    log = db.source().openLog(StartPosition.latest(), schemas);
    apply(new Input.LogsOpened(List.of(log.startPosition()), List.of(), 0));
    return this;
  }

  /**
   * Hands the decider the next {@code n} events the log holds (fewer if it holds fewer), in one batch; with none
   * left, the log's answer is a heartbeat ("drained").
   */
  void deliver(int n) {
    try {
      if (pending.isEmpty()) {
        pending.addAll(log.poll(Duration.ZERO));
      }
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
    List<ChangeEvent> batch = new ArrayList<>();
    while (batch.size() < n && !pending.isEmpty()) {
      batch.add(pending.poll());
    }
    apply(new WorkItem.LogBatch(0, batch, 1, 0));
  }

  /** Hands the decider everything the log holds, then the heartbeat that says it is drained. */
  void deliverAllThenIdle() {
    do {
      deliver(Integer.MAX_VALUE); // with nothing left, the poll answers with a heartbeat
    } while (!decider.cursors().allDrained());
  }

  /** Hands the decider {@code events} as one log batch (events the in-memory log cannot make). */
  void deliver(List<ChangeEvent> events) {
    apply(new WorkItem.LogBatch(0, new ArrayList<>(events), 1, 0));
  }

  /** The phase the decider holds for {@code table}. */
  io.tributary.sync.TablePhase phase(TableId table) {
    return decider.tables().get(table).phase;
  }

  void tick(long now) {
    apply(new Input.Tick(now));
  }

  void stop() {
    apply(new WorkItem.Stop());
  }

  boolean finished() {
    return decider.finished();
  }

  /** Checkpoints taken (and committed) so far, in order. */
  List<Effect.TakeCheckpoint> checkpoints() {
    return checkpoints;
  }

  private void apply(Input in) {
    answers.add(in);
    Input next;
    while ((next = answers.poll()) != null) {
      execute(decider.apply(next));
    }
  }

  private void execute(List<Effect> effects) {
    for (Effect e : List.copyOf(effects)) {
      if (e instanceof Effect.Write w) {
        writer.write(w.target(), w.batch());
        w.batch().clear();
      } else if (e instanceof Effect.EnsureTable t) {
        writer.ensureTable(t.table(), t.renamedFrom());
        answers.addFirst(new Input.TableEnsured(null));
      } else if (e instanceof Effect.DeleteWhere d) {
        writer.deleteWhere(d.target(), d.filter());
      } else if (e instanceof Effect.TakeCheckpoint c) {
        coordinator.take(c);
        checkpoints.add(c);
        answers.addAll(coordinator.drainCommitted());
      } else if (e instanceof Effect.WriteStaging || e instanceof Effect.MergeStaging
          || e instanceof Effect.PlanChunks || e instanceof Effect.ReadChunk) {
        throw new UnsupportedOperationException("no full sync in this driver: " + e);
      }
    }
  }

  /**
   * Answers every EnsureTable {@code effects} end with as a writer that takes it, and returns all effects (copied),
   * the given ones first.
   */
  static List<Effect> acceptEnsures(Decider decider, List<Effect> effects) {
    List<Effect> all = new ArrayList<>(effects);
    boolean waiting = !effects.isEmpty() && effects.get(effects.size() - 1) instanceof Effect.EnsureTable;
    while (waiting) {
      List<Effect> out = new ArrayList<>(decider.apply(new Input.TableEnsured(null)));
      all.addAll(out);
      waiting = !out.isEmpty() && out.get(out.size() - 1) instanceof Effect.EnsureTable;
    }
    return all;
  }
}
