package io.tributary.sync.internal;

import io.tributary.sync.ErrorCode;
import io.tributary.sync.SchemaIncompatibleException;
import io.tributary.sync.SyncEvent;
import io.tributary.sync.TableNotCapturedException;
import io.tributary.sync.TablePhase;
import io.tributary.sync.event.TableId;
import io.tributary.sync.event.TableSchema;
import io.tributary.sync.spi.SnapshotChunk;
import io.tributary.sync.spi.TargetTable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The per-table state machine of a run: phases and their events, blacklisting, target planning and evolution, and
 * prioritising tables (re-sync, catch-up, pause and resume are {@link TableOperations}). Part of the {@link
 * Decider}: what it wants done (ensure a target, plan or read chunks, drop a staging area, emit an event) goes out as
 * an {@link Effect}; a target's evolution waits for the writer's answer ({@link Suspension}).
 */
final class TableSet {

  final Map<TableId, TableRuntime> tables = new LinkedHashMap<>();
  final Map<String, TargetTable> targets = new HashMap<>();
  /**
   * Merge mode: tables that left the selection, each with the virtual table that keeps their rows ("" when none
   * matches it any more: any). Checkpointed; a shard's replace scope must not match their rows ({@link #members}).
   */
  final Map<TableId, String> formerMembers = new LinkedHashMap<>();
  /**
   * Tables the restored checkpoint holds that this run no longer selects, with their schemas there, until a
   * checkpoint has forgotten them: their targets keep their columns until then ({@link RunOpening}).
   */
  final Map<TableId, io.tributary.sync.event.TableSchema> retiring = new LinkedHashMap<>();
  final Set<TableRuntime> mergeCandidates = new LinkedHashSet<>();
  final TargetPlanner planner;
  /** Re-sync, catch-up, pause, resume. */
  final TableOperations ops = new TableOperations(this);
  private final Set<TableId> prioritized = new HashSet<>();
  final PipelineConfig config;
  private final Effects out;
  private final Suspension suspension;
  final Batcher batcher;
  final Runnable checkpointer;
  private final boolean canRename;
  private final java.util.function.LongSupplier now;

  TableSet(PipelineConfig config, Effects out, Suspension suspension, Batcher batcher, Runnable checkpointer,
      boolean canRename, java.util.function.LongSupplier now) {
    this.config = config;
    this.out = out;
    this.suspension = suspension;
    this.batcher = batcher;
    this.checkpointer = checkpointer;
    this.canRename = canRename;
    this.now = now;
    this.planner = new TargetPlanner(config.extendedFields(), config.extendedFieldsInPrimaryKey(),
        config.heterogeneousMerge());
  }

  /** Whether the writer renames columns ({@code RENAME_COLUMN}). */
  boolean canRename() {
    return canRename;
  }

  Effects out() {
    return out;
  }

  Suspension suspension() {
    return suspension;
  }

  /**
   * The run fails with {@code cause} ({@link Effect.Fail}): what the input decided is abandoned (its log lines
   * aside), nothing deferred runs, and the decider refuses every later input. The caller returns at once.
   */
  void fail(RuntimeException cause) {
    out.fail(cause);
    suspension.abandon();
  }

  private Instant at() {
    return Instant.ofEpochMilli(now.getAsLong());
  }

  void scheduleSnapshot(TableRuntime t, boolean priority) {
    t.generation++;
    if (t.chunks.isEmpty()) {
      out.add(new Effect.PlanChunks(t.sourceIndex, t.id, t.generation, t.schema, t.snapshotFilter,
          priority(t, priority)));
      return;
    }
    for (SnapshotChunk c : t.chunks) {
      if (!t.done.get(c.index())) {
        out.add(new Effect.ReadChunk(t.sourceIndex, c, t.generation, t.schema, priority(t, priority)));
      }
    }
    if (t.snapshotComplete()) {
      mergeCandidates.add(t);
    }
  }

  /** A snapshot chunk was read to its end; stale ones (an older generation, a table no longer syncing) are dropped. */
  void onChunkDone(WorkItem.ChunkDone d) {
    TableRuntime t = tables.get(d.table());
    if (t != null && t.generation == d.generation() && t.phase.staging()) {
      try (var scope = out.logTable(d.table())) {
        // may end the table's sync: its lines name the table
        if (ChunkRereads.chunkDone(t, d, out, priority(t, false)) && t.snapshotComplete()) {
          mergeCandidates.add(t);
        }
      }
    }
  }

  /** A table's snapshot was planned into chunks: they are read; stale plans are dropped. */
  void onChunksPlanned(WorkItem.ChunksPlanned p) {
    TableRuntime t = tables.get(p.table());
    if (t != null && t.generation == p.generation() && t.phase.staging()) {
      t.chunks = List.copyOf(p.chunks());
      t.done = new java.util.BitSet();
      t.readLows.clear();
      t.discarded.clear();
      for (SnapshotChunk c : t.chunks) {
        out.add(new Effect.ReadChunk(t.sourceIndex, c, t.generation, t.schema, priority(t, false)));
      }
    }
  }

  /**
   * Recomputes a target from its live members' schemas, asks for it ({@link Effect.EnsureTable}) and, once the
   * writer has it, re-derives the members' routes. When that fails, the table whose change caused it ({@code
   * changed}), or at start every member, is stopped with the reason; other targets go on. The rest of the caller's
   * work waits for the answer ({@link Suspension#then}).
   */
  void replanTarget(String target, TableRuntime changed) {
    replanTarget(target, changed, Map.of(), renamed -> { });
  }

  /**
   * {@link #replanTarget(String, TableRuntime)} after {@code changed} renamed columns ({@code renamedFrom}: new name
   * to old name); {@code then} learns whether the target's columns were renamed.
   */
  void replanTarget(String target, TableRuntime changed, Map<String, String> renamedFrom,
      java.util.function.Consumer<Boolean> then) {
    List<TableRuntime> live = new ArrayList<>();
    for (TableRuntime t : tables.values()) {
      if (t.target.equals(target) && t.phase != TablePhase.BLACKLISTED) {
        live.add(t);
      }
    }
    if (live.isEmpty()) {
      then.accept(false);
      return;
    }
    List<io.tributary.sync.event.TableSchema> schemas = new ArrayList<>(live.stream().map(t -> t.schema).toList());
    retiring.forEach((id, schema) -> {
      if (target.equals(formerMembers.get(id))) {
        schemas.add(schema); // left the selection, but a restart from the last checkpoint would resume it
      }
    });
    TargetTable planned;
    Map<String, String> renames;
    try {
      planned = planner.keepWidths(planner.plan(target, schemas), stoppedSchemas(target));
      renames = renamedFrom.isEmpty() ? Map.of() : ColumnRenames.forTarget(targets.get(target), changed, live,
          renamedFrom, canRename, out, config.name());
    } catch (SchemaIncompatibleException e) {
      refused(target, changed, live, e);
      suspension.then(() -> then.accept(false));
      return;
    }
    out.add(new Effect.EnsureTable(planned, renames));
    suspension.await(refusal -> {
      if (refusal instanceof SchemaIncompatibleException e) {
        refused(target, changed, live, e);
        suspension.then(() -> then.accept(false));
        return;
      } else if (refusal != null) {
        fail(refusal); // not a refusal of the layout: the writer failed, and so does the run
        return;
      }
      targets.put(target, planned);
      for (TableRuntime t : live) {
        t.route = new TableRoute(t.schema, planned, planner.extendedFields());
      }
      then.accept(!renames.isEmpty());
    });
  }

  private List<TableSchema> stoppedSchemas(String target) {
    List<TableSchema> out = new ArrayList<>();
    for (TableRuntime t : tables.values()) {
      if (t.target.equals(target) && t.phase == TablePhase.BLACKLISTED) {
        out.add(t.schema);
      }
    }
    return out;
  }

  private void refused(String target, TableRuntime changed, List<TableRuntime> live, SchemaIncompatibleException e) {
    if (changed != null) {
      blacklist(changed, e.code(), e.getMessage());
      // The re-plan without the stopped table may drop columns only it had, at once: a checkpoint must hold it
      // stopped first, or a restart before the next one resumes it streaming into a target without its values.
      checkpointer.run();
      replanTarget(target, null);
    } else {
      live.forEach(t -> blacklist(t, e.code(), e.getMessage()));
    }
  }

  /** Stops a table the log cannot carry on ({@link ErrorCode#TABLE_NEEDS_RESYNC}); prefer naming the code. */
  void blacklist(TableRuntime t, String reason) {
    blacklist(t, ErrorCode.TABLE_NEEDS_RESYNC, reason);
  }

  void blacklist(TableRuntime t, ErrorCode code, String reason) {
    if (t.phase == TablePhase.BLACKLISTED) {
      return;
    }
    try (var scope = out.logTable(t.id)) {
      out.warn(TableSet.class, "[{}] table {} stopped: {}", config.name(), t.id, reason);
    }
    batcher.discardStaged(t);
    mergeCandidates.remove(t);
    out.add(new Effect.CancelSnapshot(t.id));
    t.reason = reason;
    t.reasonCode = code;
    setPhase(t, TablePhase.BLACKLISTED);
    out.add(new Effect.Emit(new SyncEvent.TableStopped(config.name(), at(), t.id, reason, code)));
  }

  void setPhase(TableRuntime t, TablePhase phase) {
    TablePhase from = t.phase;
    if (from == phase) {
      return;
    }
    t.phase = phase;
    try (var scope = out.logTable(t.id)) {
      out.info(TableSet.class, "[{}] table {}: {} -> {}", config.name(), t.id, from, phase);
    }
    out.add(new Effect.Emit(new SyncEvent.TablePhaseChanged(config.name(), at(), t.id, from, phase)));
  }

  // ---------------------------------------------------------------- operations (TableOperations has the rest)

  /** Moves the tables' snapshot work ahead of every other table's. */
  void prioritize(TableId id) {
    require(id);
    prioritized.add(id);
    out.add(new Effect.Prioritize(id));
  }

  int priority(TableRuntime t, boolean requested) {
    return requested || prioritized.contains(t.id) ? 1 : 0;
  }

  TableRuntime require(TableId id) {
    TableRuntime t = tables.get(id);
    if (t == null) {
      throw new TableNotCapturedException(config.name(), id, tables.keySet());
    }
    return t;
  }

  List<String> targetNames() {
    return tables.values().stream().map(t -> t.target).distinct().toList();
  }

  /** The tables whose rows {@code target} holds: its members, and the former ones ({@link #formerMembers}). */
  List<TableId> members(String target) {
    List<TableId> members = new ArrayList<>(tables.values().stream().filter(t -> t.target.equals(target))
        .map(t -> t.id).toList());
    formerMembers.forEach((id, of) -> {
      if ((of.isEmpty() || of.equals(target)) && !tables.containsKey(id)) {
        members.add(id);
      }
    });
    return members;
  }
}
