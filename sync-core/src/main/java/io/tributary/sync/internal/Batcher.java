package io.tributary.sync.internal;

import io.tributary.sync.event.ColumnMask;
import io.tributary.sync.event.Row;
import io.tributary.sync.spi.ChangeWriter;
import io.tributary.sync.spi.RowBatch;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Accumulates rows per target (direct writes) and per table (staging writes) and hands full batches to the writer.
 * Batches are reused after each writer call. Sink thread only.
 */
final class Batcher {

  private final ChangeWriter writer;
  private final int batchSize;
  private final Map<String, RowBatch> direct = new HashMap<>();
  private final Map<TableRuntime, RowBatch> staged = new IdentityHashMap<>();

  Batcher(ChangeWriter writer, int batchSize) {
    this.writer = writer;
    this.batchSize = batchSize;
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
        writer.writeStaging(t.target, t.staging, batch);
      } else {
        writer.write(t.target, batch);
      }
      batch.clear();
    }
  }

  /** Adds a snapshot chunk's row of syncing table {@code t} to its staging area, marked as such. */
  void addSnapshot(TableRuntime t, Row row, long seq) {
    RowBatch batch = staged.computeIfAbsent(t, k -> new RowBatch(batchSize));
    batch.upsertSnapshot(row, seq);
    if (batch.size() >= batchSize) {
      writer.writeStaging(t.target, t.staging, batch);
      batch.clear();
    }
  }

  /** Hands every pending row to the writer. */
  void flushAll() {
    direct.forEach((target, batch) -> {
      if (!batch.isEmpty()) {
        writer.write(target, batch);
        batch.clear();
      }
    });
    staged.forEach(this::flushStaged);
  }

  /** Hands the pending rows of one target (direct and staged) to the writer. */
  void flushTarget(String target) {
    RowBatch batch = direct.get(target);
    if (batch != null && !batch.isEmpty()) {
      writer.write(target, batch);
      batch.clear();
    }
    staged.forEach((t, b) -> {
      if (t.target.equals(target)) {
        flushStaged(t, b);
      }
    });
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
      writer.writeStaging(t.target, t.staging, batch);
      batch.clear();
    }
  }
}
