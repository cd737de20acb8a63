package io.tributary.sync.internal;

import io.tributary.sync.ErrorCode;
import io.tributary.sync.SyncException;
import io.tributary.sync.event.ColumnMask;
import io.tributary.sync.event.Row;
import io.tributary.sync.spi.ChangeWriter;
import io.tributary.sync.spi.RowBatch;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Accumulates rows per target (direct writes) and per table (staging writes) and hands full batches to the writer.
 * Batches are reused after each writer call. Sink thread only.
 */
final class Batcher {

  private final ChangeWriter writer;
  private final int batchSize;
  private final Map<String, RowBatch> direct = new HashMap<>();
  private final Map<TableRuntime, RowBatch> staged = new IdentityHashMap<>();
  /** Batches the writer refused with a table-stopping code, handed to {@link #onRefused} once no map is iterated. */
  private final List<Refusal> refusals = new ArrayList<>();
  private Consumer<Refusal> onRefused = r -> {
    throw r.error();
  };

  /**
   * A batch the writer refused whole with an error whose action is {@code TABLE_STOPPED} (a value only the writer
   * cannot hold): nothing of it was written, and the tables whose rows it held must stop.
   *
   * @param table the staging table, or null for a direct batch of {@code target}
   */
  record Refusal(String target, TableRuntime table, SyncException error) {}

  Batcher(ChangeWriter writer, int batchSize) {
    this.writer = writer;
    this.batchSize = batchSize;
  }

  /** Who stops the tables of a refused batch (by default the refusal fails the run). */
  void onRefused(Consumer<Refusal> handler) {
    this.onRefused = handler;
  }

  /** Adds a row for table {@code t}: to its staging area while it syncs, else to its target. */
  void add(TableRuntime t, Row row, long seq, boolean delete) {
    add(t, row, seq, delete, null);
  }

  /** As {@link #add(TableRuntime, Row, long, boolean)}, for an upsert whose {@code unchanged} columns lack values. */
  void add(TableRuntime t, Row row, long seq, boolean delete, ColumnMask unchanged) {
    boolean staging = t.phase.staging();
    RowBatch batch = staging ? staged.computeIfAbsent(t, k -> new RowBatch(batchSize))
        : direct.computeIfAbsent(t.target, k -> new RowBatch(batchSize));
    if (delete) {
      batch.delete(row, seq);
    } else {
      batch.upsert(row, seq, unchanged);
    }
    if (batch.size() >= batchSize) {
      if (staging) {
        writeStaged(t, batch);
      } else {
        writeDirect(t.target, batch);
      }
      batch.clear();
      handleRefusals();
    }
  }

  /**
   * Adds an upsert of a row an update moved to a new key, its {@code unchanged} columns taken from the row of
   * {@code from}'s key, then the delete of that key (after: the upsert reads it). Direct writes only: a staging area
   * cannot resolve across keys.
   */
  void addMoved(TableRuntime t, Row row, long seq, ColumnMask unchanged, Row from) {
    if (t.phase.staging()) {
      throw new IllegalStateException("a moved row with unchanged columns cannot be staged: " + t.id);
    }
    RowBatch batch = direct.computeIfAbsent(t.target, k -> new RowBatch(batchSize));
    batch.upsertMoved(row, seq, unchanged, from);
    batch.delete(from, seq);
    if (batch.size() >= batchSize) {
      writeDirect(t.target, batch);
      batch.clear();
      handleRefusals();
    }
  }

  /** Hands every pending row to the writer. */
  void flushAll() {
    direct.forEach((target, batch) -> {
      if (!batch.isEmpty()) {
        writeDirect(target, batch);
        batch.clear();
      }
    });
    staged.forEach(this::flushStaged);
    handleRefusals();
  }

  /** Hands the pending rows of one target (direct and staged) to the writer. */
  void flushTarget(String target) {
    RowBatch batch = direct.get(target);
    if (batch != null && !batch.isEmpty()) {
      writeDirect(target, batch);
      batch.clear();
    }
    staged.forEach((t, b) -> {
      if (t.target.equals(target)) {
        flushStaged(t, b);
      }
    });
    handleRefusals();
  }

  /** Whether rows wait in a batch. */
  boolean hasPending() {
    for (RowBatch b : direct.values()) {
      if (!b.isEmpty()) {
        return true;
      }
    }
    for (RowBatch b : staged.values()) {
      if (!b.isEmpty()) {
        return true;
      }
    }
    return false;
  }

  /** Forgets a table's pending staged rows (its sync was cancelled or it was stopped). */
  void discardStaged(TableRuntime t) {
    staged.remove(t);
  }

  private void flushStaged(TableRuntime t, RowBatch batch) {
    if (!batch.isEmpty()) {
      writeStaged(t, batch);
      batch.clear();
    }
  }

  private void writeDirect(String target, RowBatch batch) {
    try {
      writer.write(target, batch);
    } catch (SyncException e) {
      refusedOrRethrow(e, target, null);
    }
  }

  private void writeStaged(TableRuntime t, RowBatch batch) {
    try {
      writer.writeStaging(t.target, t.staging, batch);
    } catch (SyncException e) {
      refusedOrRethrow(e, t.target, t);
    }
  }

  private void refusedOrRethrow(SyncException e, String target, TableRuntime table) {
    if (e.code().action() != ErrorCode.Action.TABLE_STOPPED) {
      throw e;
    }
    refusals.add(new Refusal(target, table, e));
  }

  /** Stops the tables of refused batches; only where no batch map is being iterated (stopping discards batches). */
  private void handleRefusals() {
    while (!refusals.isEmpty()) {
      onRefused.accept(refusals.remove(0));
    }
  }
}
