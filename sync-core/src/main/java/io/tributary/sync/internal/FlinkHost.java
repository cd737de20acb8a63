package io.tributary.sync.internal;

import io.tributary.sync.SyncPipeline;
import io.tributary.sync.event.ChangeEvent;
import io.tributary.sync.event.Row;
import io.tributary.sync.event.RowFilter;
import io.tributary.sync.event.SourcePosition;
import io.tributary.sync.event.TableId;
import io.tributary.sync.event.TableSchema;
import io.tributary.sync.spi.ChangeWriter;
import io.tributary.sync.spi.SnapshotChunk;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The {@link Decider} for a host other than the local runtime (the Flink runner, module sync-flink): the host feeds
 * it what its readers read and executes its effects through a {@link HostExecutor}, exactly as {@link PipelineRun}
 * and {@link EffectExecutor} do locally. Public only so another module on the class path can reach it: the package is
 * not exported, so no host on the module path sees it, and its shape may change with the engine. Single-threaded.
 */
public final class FlinkHost {


  /** A table the decider would snapshot on a fresh start: what {@code ChangeSource.planChunks} is asked. */
  public record PlanRequest(int sourceIndex, TableId table, TableSchema schema, RowFilter filter, int priority) {
  }

  private static volatile Function<SyncPipeline, PipelineEngine> engines;

  private final PipelineConfig config;
  private final Decider decider;
  private final HostExecutor executor;

  private FlinkHost(PipelineConfig config, Decider decider, HostExecutor executor) {
    this.config = config;
    this.decider = decider;
    this.executor = executor;
  }

  /** Installed by {@link SyncPipeline}'s class: how this package reads a built pipeline's configuration. */
  public static void engineAccess(Function<SyncPipeline, PipelineEngine> access) {
    engines = access;
  }

  /** The configuration a builder holds (builds it: no I/O, nothing started). */
  public static PipelineConfig config(SyncPipeline.Builder builder) {
    SyncPipeline p = builder.build();
    return engines.apply(p).config();
  }

  /**
   * A decider for a run from {@code state} (null: a fresh start), with the tables the sources have now (I/O: asks
   * them, and runs their preflight). Nothing is applied yet: call {@link #start}.
   */
  public static FlinkHost create(PipelineConfig config, byte[] state, HostExecutor executor) {
    Checkpoint restored = state == null ? null : CheckpointCodec.decode(state);
    TableSelection selection = RunStartup.selectTables(config, restored);
    long id = restored == null ? 0 : restored.id();
    boolean rename = config.writer().capabilities().contains(ChangeWriter.Capability.RENAME_COLUMN);
    // writer subtasks are keyed by bucket: a moved row's old key may be another subtask's (WriteRouter)
    return new FlinkHost(config, Decider.restore(config, restored, selection, id, rename).movesStopTheTable(),
        executor);
  }

  /**
   * What a fresh start captures: per source (in source order) the selected tables' schemas, and the tables it would
   * snapshot, asked of a throwaway decider whose targets are taken as planned (no DDL). The split enumerator opens
   * the logs with these schemas and plans these tables' chunks; the running decider's own plan requests are then
   * answered with them.
   */
  public record FreshStart(List<List<TableSchema>> schemas, List<PlanRequest> snapshots) {
  }

  public static FreshStart freshStart(PipelineConfig config) {
    List<PlanRequest> out = new ArrayList<>();
    HostExecutor collect = new HostExecutor.NoOp() {
      @Override
      public void planChunks(int sourceIndex, TableId table, long generation, TableSchema schema, RowFilter filter,
          int priority) {
        out.add(new PlanRequest(sourceIndex, table, schema, filter, priority));
      }
    };
    FlinkHost probe = create(config, null, collect);
    List<List<TableSchema>> schemas = new ArrayList<>();
    config.sources().forEach(s -> schemas.add(new ArrayList<>()));
    probe.decider.tables().values().forEach(t -> schemas.get(t.sourceIndex).add(t.schema));
    probe.start(config.clock().millis());
    List<SourcePosition> none = new ArrayList<>();
    config.sources().forEach(s -> none.add(null));
    probe.logsOpened(none, System.nanoTime());
    return new FreshStart(schemas, out);
  }

  public void start(long nowMillis) {
    run(new Input.Start(nowMillis));
  }

  /** Every source's log is open at {@code starts} (in source order). */
  public void logsOpened(List<SourcePosition> starts, long nanos) {
    run(new Input.LogsOpened(starts, List.of(), nanos));
  }

  /** Events of source {@code sourceIndex}, in log order (whole transactions, unless one exceeds the budget). */
  public void logBatch(int sourceIndex, List<ChangeEvent> events, long polledAtNanos) {
    run(new WorkItem.LogBatch(sourceIndex, events, 0, polledAtNanos));
  }

  public void chunksPlanned(TableId table, long generation, List<SnapshotChunk> chunks) {
    run(new WorkItem.ChunksPlanned(table, generation, chunks));
  }

  public void chunkRows(TableId table, long generation, int index, long lowWatermark, TableSchema schema,
      List<Row> rows) {
    run(new WorkItem.ChunkRows(table, generation, index, lowWatermark, schema, rows, 0));
  }

  public void chunkDone(TableId table, long generation, int index, TableSchema schema, long lowWatermark,
      long highWatermark) {
    run(new WorkItem.ChunkDone(table, generation, index, schema, lowWatermark, highWatermark));
  }

  public void tick(long nowMillis) {
    run(new Input.Tick(nowMillis));
  }

  /**
   * An operator command, as the embedded engine's {@code TableCommands} hands it: {@code op} one of RESYNC (a
   * {@code filter} makes it a catch-up), PAUSE, RESUME, PRIORITIZE; ends with {@link HostExecutor#commandDone}.
   */
  public void command(long id, String op, List<TableId> tables, RowFilter filter) {
    run(new WorkItem.Command(id, WorkItem.Command.Op.valueOf(op), List.copyOf(tables), filter));
  }

  /** Cuts a checkpoint now (the host's own, e.g. at a Flink barrier): batched rows are handed over first. */
  public void checkpointNow() {
    execute(decider.checkpointNow());
  }

  /** Checkpoint {@code id} (as the decider numbered it) is committed in the target. */
  public void committed(long id, long atMillis) {
    run(new Input.CheckpointCommitted(id, atMillis));
  }

  public long checkpointId() {
    return decider.checkpointId();
  }

  /** The generation of a table's running sync (chunks read for an older one are dropped), or -1 if unknown. */
  public long generation(TableId table) {
    TableRuntime t = decider.tables().get(table);
    return t == null ? -1 : t.generation;
  }

  public PipelineConfig config() {
    return config;
  }

  /** The decider's state as status shows it (read by {@link FlinkStatus}). */
  RunView view() {
    return decider.view();
  }

  private void run(Input in) {
    Input next = in;
    while (next != null) {
      next = execute(decider.apply(next));
    }
  }

  private Input execute(List<Effect> effects) {
    for (int i = 0, n = effects.size(); i < n; i++) {
      Effect e = effects.get(i);
      if (e instanceof Effect.Write w) {
        executor.write(w.target(), null, w.batch());
        w.batch().clear();
      } else if (e instanceof Effect.WriteStaging w) {
        executor.write(w.target(), w.staging(), w.batch());
        w.batch().clear();
      } else if (e instanceof Effect.EnsureTable t) {
        return new Input.TableEnsured(executor.ensureTable(t.table(), t.renamedFrom()));
      } else if (e instanceof Effect.MergeStaging m) {
        executor.mergeStaging(m.target(), m.staging(), m.replaceScope());
      } else if (e instanceof Effect.DropStaging d) {
        executor.dropStaging(d.target(), d.staging());
      } else if (e instanceof Effect.DeleteWhere d) {
        executor.deleteWhere(d.target(), d.filter());
      } else if (e instanceof Effect.PlanChunks p) {
        executor.planChunks(p.sourceIndex(), p.table(), p.generation(), p.schema(), p.filter(), p.priority());
      } else if (e instanceof Effect.ReadChunk r) {
        executor.readChunk(r.sourceIndex(), r.chunk(), r.generation(), r.schema(), r.priority());
      } else if (e instanceof Effect.TakeCheckpoint c) {
        executor.checkpoint(c.id(), encode(c));
      } else if (e instanceof Effect.Emit m) {
        executor.emit(m.event());
      } else if (e instanceof Effect.Log l) {
        EffectExecutor.log(l);
      } else if (e instanceof Effect.Fail f) {
        throw f.cause(); // the decider failed the run: the operator fails and Flink restores the last checkpoint
      } else if (e instanceof Effect.Reschema r) {
        executor.reschema(r.table(), r.generation(), r.schema());
      } else if (e instanceof Effect.CompleteCommand c) {
        executor.commandDone(c.id(), c.error());
      } else if (e instanceof Effect.Prioritize p) {
        executor.prioritize(p.table());
      } else if (e instanceof Effect.CancelSnapshot c) {
        executor.cancelSnapshot(c.table());
      } else if (!(e instanceof Effect.PublishStatus)) {
        executor.unsupported(e.getClass().getSimpleName());
      }
    }
    return null;
  }

  private byte[] encode(Effect.TakeCheckpoint c) {
    Map<String, byte[]> positions = new LinkedHashMap<>();
    for (int i = 0; i < c.positions().length; i++) {
      if (c.positions()[i] != null) {
        positions.put(config.sources().get(i).name(), c.positions()[i].encode());
      }
    }
    return CheckpointCodec.encode(new Checkpoint(c.id(), positions, c.tables(), null, c.formerMembers()));
  }

  // ---------------------------------------------------------------- codecs the host's serializers share

  public static void writeFilter(DataOutput out, RowFilter filter) throws IOException {
    CheckpointCodec.writeFilter(out, filter);
  }

  public static RowFilter readFilter(DataInput in) throws IOException {
    return CheckpointCodec.readFilter(in);
  }

}
