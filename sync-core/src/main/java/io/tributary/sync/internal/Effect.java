package io.tributary.sync.internal;

import io.tributary.sync.SyncEvent;
import io.tributary.sync.event.RowFilter;
import io.tributary.sync.event.SourcePosition;
import io.tributary.sync.event.TableId;
import io.tributary.sync.event.TableSchema;
import io.tributary.sync.spi.RowBatch;
import io.tributary.sync.spi.SnapshotChunk;
import io.tributary.sync.spi.TargetTable;
import java.util.Map;
import org.slf4j.event.Level;
import org.slf4j.helpers.MessageFormatter;

/**
 * What the {@link Decider} asks its runtime to do, in order. The runtime executes them one after another; only
 * {@link EnsureTable} and {@link TakeCheckpoint} are answered (with an {@link Input.TableEnsured} at once, an {@link
 * Input.CheckpointCommitted} after the list). Writes carry a whole batch, never one row, so the hot path allocates one
 * effect per batch; the runtime {@link RowBatch#clear() clears} a written batch, which hands it back to the decider.
 * The decider does no I/O, logging included: what it has to say goes out as {@link Log}; and it never throws to end
 * the run: it answers {@link Fail} (a programming error, such as an input that breaks the protocol, still throws).
 */
sealed interface Effect {

  /**
   * Create or evolve a target to {@code table} ({@code renamedFrom}: new name to old, empty for none). The decider
   * emits nothing after it until the answer ({@link Input.TableEnsured}) arrives: what follows depends on it.
   */
  record EnsureTable(TargetTable table, Map<String, String> renamedFrom) implements Effect {
  }

  record Write(String target, RowBatch batch) implements Effect {
  }

  record WriteStaging(String target, String staging, RowBatch batch) implements Effect {
  }

  record MergeStaging(String target, String staging, RowFilter replaceScope) implements Effect {
  }

  record DropStaging(String target, String staging) implements Effect {
  }

  record DeleteWhere(String target, RowFilter filter) implements Effect {
  }

  record PlanChunks(int sourceIndex, TableId table, long generation, TableSchema schema, RowFilter filter,
      int priority) implements Effect {
  }

  record ReadChunk(int sourceIndex, SnapshotChunk chunk, long generation, TableSchema schema, int priority)
      implements Effect {
  }

  /** Queued reads of a table's sync read with {@code schema} instead. */
  record Reschema(TableId table, long generation, TableSchema schema) implements Effect {
  }

  /** Drop a table's queued snapshot work. */
  record CancelSnapshot(TableId table) implements Effect {
  }

  record Prioritize(TableId table) implements Effect {
  }

  /**
   * Take checkpoint {@code id} of the state as the decider had it when it asked (every row before it was handed
   * over in a write effect before it): prepare the writer's commit, save, commit, acknowledge the positions.
   */
  record TakeCheckpoint(long id, SourcePosition[] positions, long[] positionTimes,
      Map<TableId, Checkpoint.TableState> tables, Map<TableId, String> formerMembers) implements Effect {

    /** Without former members ({@link Checkpoint#formerMembers}). */
    TakeCheckpoint(long id, SourcePosition[] positions, long[] positionTimes,
        Map<TableId, Checkpoint.TableState> tables) {
      this(id, positions, positionTimes, tables, Map.of());
    }
  }

  record Emit(SyncEvent event) implements Effect {
  }

  /** Publish the status once the effects so far are executed (the runtime and decider agree then). */
  record PublishStatus() implements Effect {
    static final PublishStatus INSTANCE = new PublishStatus();
  }

  /** Operator command {@code id} was applied ({@code error} null) or refused. */
  record CompleteCommand(long id, RuntimeException error) implements Effect {
  }

  /**
   * Log a line: the runtime logs it through {@code logger}'s SLF4J logger at {@code level}, with the table's MDC keys
   * ({@link TableLogKeys}) when {@code table} is not null (the table the decider was working on), else with the
   * thread's own (the pipeline's). {@code format} and {@code args} are SLF4J's ({@code {}} placeholders).
   */
  record Log(Class<?> logger, Level level, TableId table, String format, Object... args) implements Effect {

    /** The line as it is logged. */
    String message() {
      return MessageFormatter.basicArrayFormat(format, args);
    }

    @Override
    public String toString() {
      return "Log[" + level + (table == null ? "" : " " + table) + ": " + message() + "]";
    }
  }

  /**
   * The run fails with {@code cause}, as it would if the decider had thrown it: this is the only effect of the input
   * (what the input decided before the failure is abandoned, as a throw abandoned it), and the decider stays failed
   * (every later input is refused with this effect again). The runtime ends the run with {@code cause}; supervision
   * then restarts it or fails the pipeline by the cause, as for any other failure of the run.
   */
  record Fail(RuntimeException cause) implements Effect {
  }
}
