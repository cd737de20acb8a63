package io.tributary.sync.internal;

import io.tributary.sync.SchemaIncompatibleException;
import io.tributary.sync.SyncEvent;
import io.tributary.sync.event.RowFilter;
import io.tributary.sync.event.TableId;
import io.tributary.sync.event.TableSchema;
import io.tributary.sync.spi.RowBatch;
import io.tributary.sync.spi.SnapshotChunk;
import io.tributary.sync.spi.TargetTable;
import java.util.Map;

/**
 * What a host of the decider other than the local runtime ({@link FlinkHost}) does for its effects;
 * {@link #ensureTable} answers at once. Public for the same reason as {@link FlinkHost}.
 */
public interface HostExecutor {

  /** Rows for a target ({@code staging} null) or a staging area; the batch is cleared (reused) after the call. */
  void write(String target, String staging, RowBatch batch);

  void mergeStaging(String target, String staging, RowFilter replaceScope);

  void dropStaging(String target, String staging);

  void deleteWhere(String target, RowFilter filter);

  /** Creates or evolves a target; returns null, or the refusal ({@link SchemaIncompatibleException}). */
  RuntimeException ensureTable(TargetTable table, Map<String, String> renamedFrom);

  void planChunks(int sourceIndex, TableId table, long generation, TableSchema schema, RowFilter filter,
      int priority);

  void readChunk(int sourceIndex, SnapshotChunk chunk, long generation, TableSchema schema, int priority);

  /** The decider cut checkpoint {@code id}: its state, encoded (a {@link FlinkHost#create restorable} form). */
  void checkpoint(long id, byte[] state);

  void emit(SyncEvent event);

  /**
   * Queued (unassigned) chunk reads of {@code table}'s sync {@code generation} are to read {@code schema} (a layout
   * change during the sync). An optimisation: a read of an older layout is read again when it ends.
   */
  default void reschema(TableId table, long generation, TableSchema schema) {
    unsupported("queued chunk reads of " + table + " with a new layout");
  }

  /** An effect this host has no part for; {@code what} names it. */
  void unsupported(String what);

  /** Operator command {@code id} ({@link FlinkHost#command}) is through; {@code error} is its refusal, or null. */
  default void commandDone(long id, RuntimeException error) {
  }

  /** An operator prioritised {@code table}: its unread chunks are read before others. */
  default void prioritize(TableId table) {
  }

  /** {@code table}'s snapshot was abandoned (paused, re-synced, stopped): its unread chunks are not wanted. */
  default void cancelSnapshot(TableId table) {
  }

  /** An executor that does nothing (and answers every target as planned). */
  class NoOp implements HostExecutor {
    @Override
    public void write(String target, String staging, RowBatch batch) {
    }

    @Override
    public void mergeStaging(String target, String staging, RowFilter replaceScope) {
    }

    @Override
    public void dropStaging(String target, String staging) {
    }

    @Override
    public void deleteWhere(String target, RowFilter filter) {
    }

    @Override
    public RuntimeException ensureTable(TargetTable table, Map<String, String> renamedFrom) {
      return null;
    }

    @Override
    public void planChunks(int sourceIndex, TableId table, long generation, TableSchema schema, RowFilter filter,
        int priority) {
    }

    @Override
    public void readChunk(int sourceIndex, SnapshotChunk chunk, long generation, TableSchema schema, int priority) {
    }

    @Override
    public void checkpoint(long id, byte[] state) {
    }

    @Override
    public void emit(SyncEvent event) {
    }

    @Override
    public void unsupported(String what) {
    }
  }
}
