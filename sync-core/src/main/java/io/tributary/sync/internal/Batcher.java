package io.tributary.sync.internal;

import io.tributary.sync.event.ColumnMask;
import io.tributary.sync.event.Row;
import io.tributary.sync.spi.RowBatch;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Accumulates rows per target (direct writes) and per table (staging writes) and hands full batches over as {@link
 * Effect.Write}/{@link Effect.WriteStaging}. A handed-over batch is replaced by a spare; the runtime clears it once
 * written, and the next input's {@link #reclaim()} takes it back as a spare, so steady state allocates no batches.
 * Part of the decider: no writer calls.
 */
final class Batcher {

  private final Effects out;
  private final int batchSize;
  private final Map<String, RowBatch> direct = new HashMap<>();
  /** In insertion order, not by identity hash: the same inputs flush in the same order (a seed replays exactly). */
  private final Map<TableRuntime, RowBatch> staged = new LinkedHashMap<>();
  private final List<RowBatch> handed = new ArrayList<>();
  private final ArrayDeque<RowBatch> spares = new ArrayDeque<>();

  Batcher(Effects out, int batchSize) {
    this.out = out;
    this.batchSize = batchSize;
  }

  /** The runtime executed the effects of the last input: batches it wrote (and cleared) are spares again. */
  void reclaim() {
    if (!handed.isEmpty()) {
      for (RowBatch b : handed) {
        if (b.isEmpty()) {
          spares.add(b);
        }
      }
      handed.clear();
    }
  }

  /** Adds a row for table {@code t}: to its staging area while it syncs, else to its target. */
  void add(TableRuntime t, Row row, long seq, boolean delete, ColumnMask unchanged) {
    boolean staging = t.phase.staging();
    RowBatch batch = staging ? staged.get(t) : direct.get(t.target);
    if (batch == null) {
      batch = fresh();
      if (staging) {
        staged.put(t, batch);
      } else {
        direct.put(t.target, batch);
      }
    }
    if (delete) {
      batch.delete(row, seq);
    } else {
      batch.upsert(row, seq, unchanged);
    }
    if (batch.size() >= batchSize) {
      if (staging) {
        handStaged(t, batch);
      } else {
        handDirect(t.target, batch);
      }
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
    RowBatch batch = direct.get(t.target);
    if (batch == null) {
      batch = fresh();
      direct.put(t.target, batch);
    }
    batch.upsertMoved(row, seq, unchanged, from);
    batch.delete(from, seq);
    if (batch.size() >= batchSize) {
      handDirect(t.target, batch);
    }
  }

  /** Adds a snapshot chunk's row of syncing table {@code t} to its staging area, marked as such. */
  void addSnapshot(TableRuntime t, Row row, long seq) {
    RowBatch batch = staged.get(t);
    if (batch == null) {
      batch = fresh();
      staged.put(t, batch);
    }
    batch.upsertSnapshot(row, seq);
    if (batch.size() >= batchSize) {
      handStaged(t, batch);
    }
  }

  /** Hands every pending row over. */
  void flushAll() {
    for (var e : direct.entrySet()) {
      if (!e.getValue().isEmpty()) {
        handDirect(e.getKey(), e.getValue());
      }
    }
    for (var e : staged.entrySet()) {
      if (!e.getValue().isEmpty()) {
        handStaged(e.getKey(), e.getValue());
      }
    }
  }

  /** Hands the pending rows of one target (direct and staged) over. */
  void flushTarget(String target) {
    RowBatch batch = direct.get(target);
    if (batch != null && !batch.isEmpty()) {
      handDirect(target, batch);
    }
    for (var e : staged.entrySet()) {
      if (e.getKey().target.equals(target) && !e.getValue().isEmpty()) {
        handStaged(e.getKey(), e.getValue());
      }
    }
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

  private void handDirect(String target, RowBatch batch) {
    out.add(new Effect.Write(target, batch));
    handed.add(batch);
    direct.put(target, fresh());
  }

  private void handStaged(TableRuntime t, RowBatch batch) {
    out.add(new Effect.WriteStaging(t.target, t.staging, batch));
    handed.add(batch);
    staged.put(t, fresh());
  }

  private RowBatch fresh() {
    RowBatch b = spares.poll();
    return b != null ? b : new RowBatch(batchSize);
  }
}
