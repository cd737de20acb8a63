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
import java.util.EnumSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * The writer of a {@link DeciderSimulation} run: the memory writer, with crashes inside the checkpoint protocol
 * (before prepare, after commit), and, as the scenario's dimensions say, without {@code RENAME_COLUMN} (a rename
 * reaches the target as drop + add), refusing what it cannot hold (a target with a column named {@code bad*}:
 * {@link SchemaIncompatibleException}; a batch with the value {@link #POISON}: a table-stopping {@link
 * io.tributary.sync.SyncException}), and failing transiently now and then (the run dies; the next resumes).
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

  SimulatedWriter(MemoryWriter delegate, Random rnd, SimDimensions dims, Runnable crashSometimes,
      StoppedTables stopped) {
    super(delegate);
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
    failSometimes("ensureTable", () -> super.ensureTable(table, renamedFrom));
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
    return super.prepareCommit(checkpointId);
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
