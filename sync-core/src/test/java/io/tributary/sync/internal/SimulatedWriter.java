package io.tributary.sync.internal;

import io.tributary.sync.ErrorCode;
import io.tributary.sync.SchemaIncompatibleException;
import io.tributary.sync.event.Column;
import io.tributary.sync.event.Row;
import io.tributary.sync.event.RowFilter;
import io.tributary.sync.memory.MemoryWriter;
import io.tributary.sync.spi.ChangeWriter;
import io.tributary.sync.spi.ForwardingChangeWriter;
import io.tributary.sync.spi.RowBatch;
import io.tributary.sync.spi.TargetTable;
import io.tributary.sync.spi.WriterContext;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * The writer of a {@link DeciderSimulation} run: the memory writer, with crashes inside the checkpoint protocol
 * (before prepare, after commit), and, as the scenario's dimensions say, without {@code RENAME_COLUMN} (a rename
 * reaches the target as drop + add), refusing what it cannot hold (a target with a column named {@code bad*}:
 * {@link SchemaIncompatibleException}; a batch with the value {@link #POISON}: a table-stopping {@link
 * io.tributary.sync.SyncException}), and failing transiently now and then (the run dies; the next resumes).
 *
 * <p>Like the Paimon writer ({@code PendingRenames}, docs/design.md "Column renames"), it keeps the renames it made
 * with the last checkpoint prepared before each, and a later run's {@link #open} undoes those its restored
 * checkpoint does not cover: the engine's checkpoint before a rename still names the old columns.
 */
final class SimulatedWriter extends ForwardingChangeWriter {

  /** A value this writer cannot hold: a batch carrying it is refused whole. */
  static final Long POISON = 666L;
  /** Columns whose name starts so have a type this writer cannot hold: their target is refused. */
  static final String UNSUPPORTED = "bad";

  private final Random rnd;
  private final SimDimensions dims;
  private final Runnable crashSometimes;
  private final StoppedTables stopped;
  private final MemoryWriter memory;
  /** Renames made and not yet known covered by a checkpoint; they outlive runs (a target table's option). */
  private final List<PendingRename> pendingRenames;
  /**
   * Told of every rename {@link #open} undoes (the target as named back, new name to old): the merge invariant's
   * frozen rows of stopped shards followed the rename, so they must follow its undoing (seeds 14749916, 15661652).
   */
  private final BiConsumer<TargetTable, Map<String, String>> undone;
  private long lastPrepared;

  /** A rename made after checkpoint {@code preparedBefore} was prepared ({@code renamedFrom}: new name to old). */
  record PendingRename(long preparedBefore, String target, Map<String, String> renamedFrom) {
  }

  SimulatedWriter(MemoryWriter delegate, Random rnd, SimDimensions dims, Runnable crashSometimes,
      StoppedTables stopped, List<PendingRename> pendingRenames,
      BiConsumer<TargetTable, Map<String, String>> undone) {
    super(delegate);
    this.undone = undone;
    this.memory = delegate;
    this.pendingRenames = pendingRenames;
    this.rnd = rnd;
    this.dims = dims;
    this.crashSometimes = crashSometimes;
    this.stopped = stopped;
  }

  @Override
  public Set<Capability> capabilities() {
    Set<Capability> all = EnumSet.copyOf(super.capabilities());
    if (!dims.canRename()) {
      all.remove(ChangeWriter.Capability.RENAME_COLUMN);
    }
    return all;
  }

  @Override
  public void open(WriterContext context) {
    super.open(context);
    lastPrepared = context.restoredCheckpointId();
    for (int i = pendingRenames.size() - 1; i >= 0; i--) { // newest first
      PendingRename p = pendingRenames.get(i);
      // a fresh start (no checkpoint) plans by the source's present schema: it undoes nothing
      if (context.restoredCheckpointId() > 0 && context.restoredCheckpointId() <= p.preparedBefore()) {
        undo(p);
      }
    }
    pendingRenames.clear();
  }

  /** Names the renamed columns of {@code p}'s target back. */
  private void undo(PendingRename p) {
    TargetTable now = memory.warehouse().schema(p.target()).orElse(null);
    if (now == null) {
      return;
    }
    Map<String, String> back = new HashMap<>(); // old name to the name it has now
    p.renamedFrom().forEach((renamed, old) -> {
      if (now.indexOf(renamed) >= 0) {
        back.put(old, renamed);
      }
    });
    Map<String, String> oldName = new HashMap<>();
    back.forEach((old, renamed) -> oldName.put(renamed, old));
    List<Column> columns = now.columns().stream()
        .map(c -> Column.of(oldName.getOrDefault(c.name(), c.name()), c.type())).toList();
    List<String> key = now.primaryKey().stream().map(k -> oldName.getOrDefault(k, k)).toList();
    TargetTable named = new TargetTable(now.name(), columns, key);
    super.ensureTable(named, back);
    undone.accept(named, back);
  }

  @Override
  public void ensureTable(TargetTable table) {
    ensureTable(table, Map.of());
  }

  @Override
  public void ensureTable(TargetTable table, Map<String, String> renamedFrom) {
    for (Column c : table.columns()) {
      if (c.name().startsWith(UNSUPPORTED)) {
        stopped.mayStop(table.name(), ErrorCode.SCHEMA_INCOMPATIBLE);
        throw new SchemaIncompatibleException("target table " + table.name() + ": column " + c.name() + " has a"
            + " type the simulated writer cannot hold");
      }
    }
    failSometimes("ensureTable", () -> {
      super.ensureTable(table, renamedFrom);
      if (!renamedFrom.isEmpty()) {
        pendingRenames.add(new PendingRename(lastPrepared, table.name(), Map.copyOf(renamedFrom)));
      }
    });
  }

  @Override
  public void write(String target, RowBatch batch) {
    refusePoison(target, batch);
    failSometimes("write", () -> super.write(target, batch));
  }

  @Override
  public void writeStaging(String target, String staging, RowBatch batch) {
    refusePoison(target, batch);
    failSometimes("writeStaging", () -> super.writeStaging(target, staging, batch));
  }

  @Override
  public void mergeStaging(String target, String staging, RowFilter replaceScope) {
    failSometimes("mergeStaging", () -> super.mergeStaging(target, staging, replaceScope));
  }

  @Override
  public void deleteWhere(String target, RowFilter filter) {
    failSometimes("deleteWhere", () -> super.deleteWhere(target, filter));
  }

  @Override
  public byte[] prepareCommit(long checkpointId) {
    crashSometimes.run();
    failSometimes("prepareCommit", () -> { });
    byte[] committable = super.prepareCommit(checkpointId);
    lastPrepared = checkpointId;
    return committable;
  }

  @Override
  public void commit(long checkpointId, byte[] committable) {
    failSometimes("commit", () -> super.commit(checkpointId, committable));
    crashSometimes.run(); // committed, not yet acknowledged
  }

  /** A batch holding the poison value is refused whole, with a table-stopping error, before anything is written. */
  private void refusePoison(String target, RowBatch batch) {
    for (int i = 0, n = batch.size(); i < n; i++) {
      if (batch.isDelete(i)) {
        continue;
      }
      Row row = batch.row(i);
      for (int c = 0; c < row.size(); c++) {
        if (POISON.equals(row.get(c))) {
          stopped.mayStop(target, ErrorCode.VALUE_NOT_REPRESENTABLE);
          throw new SimulatedFailures.Injected(ErrorCode.VALUE_NOT_REPRESENTABLE, "value " + POISON + " of "
              + target + " cannot be held by the simulated writer");
        }
      }
    }
  }

  /** Runs {@code call}, or fails transiently before or after it (retriable: the run dies, the next resumes). */
  private void failSometimes(String what, Runnable call) {
    if (!dims.writerFailures() || rnd.nextInt(300) != 0) {
      call.run();
      return;
    }
    if (rnd.nextBoolean()) {
      call.run();
    }
    throw new SimulatedFailures.Injected(ErrorCode.STORAGE_UNAVAILABLE, "simulated transient failure of " + what);
  }
}
