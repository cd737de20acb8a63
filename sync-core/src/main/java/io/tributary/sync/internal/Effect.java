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

/**
 * What the {@link Decider} asks its runtime to do, in order. The runtime executes them one after another; only
 * {@link EnsureTable} and {@link TakeCheckpoint} are answered (with an {@link Input.TableEnsured} at once, an {@link
 * Input.CheckpointCommitted} after the list). Writes carry a whole batch, never one row, so the hot path allocates one
 * effect per batch; the runtime {@link RowBatch#clear() clears} a written batch, which hands it back to the decider.
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
      Map<TableId, Checkpoint.TableState> tables) implements Effect {
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
}
