package io.tributary.sync.spi;

import io.tributary.sync.event.ColumnMask;
import io.tributary.sync.event.Row;
import java.util.Arrays;

/**
 * An ordered batch of upserts and deletes for one target table or staging area, with a sequence number per row.
 * Parallel arrays rather than an object per operation, so batching allocates nothing per row.
 *
 * <p>The pipeline reuses a batch after the writer call returns: a writer must copy what it keeps (rows are
 * immutable and may be kept by reference). Not thread-safe.
 */
public final class RowBatch {

  private Row[] rows;
  private long[] seqs;
  private boolean[] deletes;
  /** Per row: the columns left unchanged (see {@link #unchanged}); null until a batch first holds such a row. */
  private ColumnMask[] unchanged;
  /** Per row: the row whose key holds the unchanged columns' values (see {@link #unchangedFrom}); null until used. */
  private Row[] unchangedFrom;
  /** Per row: whether it is a snapshot chunk's row (see {@link #isSnapshot}); null until a batch first holds one. */
  private boolean[] snapshot;
  private int size;

  public RowBatch(int initialCapacity) {
    int cap = Math.max(initialCapacity, 4);
    rows = new Row[cap];
    seqs = new long[cap];
    deletes = new boolean[cap];
  }

  /** Adds an upsert of {@code row} (a full image laid out by the target schema). */
  public void upsert(Row row, long seq) {
    add(row, seq, false);
  }

  /**
   * Adds an upsert whose {@code unchanged} columns (target layout) carry no value: the writer stores the key's
   * current value there (from the target, or from an earlier row of the same key in this batch, commit or staging
   * area). Null {@code unchanged} is a plain {@link #upsert(Row, long)}.
   */
  public void upsert(Row row, long seq, ColumnMask unchanged) {
    add(row, seq, false);
    if (unchanged != null) {
      if (this.unchanged == null) {
        this.unchanged = new ColumnMask[rows.length];
      }
      this.unchanged[size - 1] = unchanged;
    }
  }

  /**
   * Adds an upsert of a row whose key an update changed, whose {@code unchanged} columns keep the values of the row
   * of {@code from}'s key (the key before the update; only its key columns are significant). The pipeline adds the
   * delete of {@code from}'s key after it, in the same batch. A writer that does not know this method resolves the
   * columns by the new key, finds no row there and refuses the batch, as it must.
   */
  public void upsertMoved(Row row, long seq, ColumnMask unchanged, Row from) {
    upsert(row, seq, java.util.Objects.requireNonNull(unchanged, "unchanged"));
    if (unchangedFrom == null) {
      unchangedFrom = new Row[rows.length];
    }
    unchangedFrom[size - 1] = java.util.Objects.requireNonNull(from, "from");
  }

  /**
   * Adds an upsert read by a snapshot chunk (not from the log), {@code seq} being the chunk's low watermark minus
   * one: a writer may use the mark (see {@link #isSnapshot}); to one that does not it is a plain upsert.
   */
  public void upsertSnapshot(Row row, long seq) {
    add(row, seq, false);
    if (snapshot == null) {
      snapshot = new boolean[rows.length];
    }
    snapshot[size - 1] = true;
  }

  /** Adds a delete; only the primary-key columns of {@code row} are significant. */
  public void delete(Row row, long seq) {
    add(row, seq, true);
  }

  private void add(Row row, long seq, boolean delete) {
    if (size == rows.length) {
      int cap = size * 2;
      rows = Arrays.copyOf(rows, cap);
      seqs = Arrays.copyOf(seqs, cap);
      deletes = Arrays.copyOf(deletes, cap);
      if (unchanged != null) {
        unchanged = Arrays.copyOf(unchanged, cap);
      }
      if (unchangedFrom != null) {
        unchangedFrom = Arrays.copyOf(unchangedFrom, cap);
      }
      if (snapshot != null) {
        snapshot = Arrays.copyOf(snapshot, cap);
      }
    }
    rows[size] = row;
    seqs[size] = seq;
    deletes[size] = delete;
    size++;
  }

  public int size() {
    return size;
  }

  public boolean isEmpty() {
    return size == 0;
  }

  public Row row(int i) {
    return rows[i];
  }

  /** Sequence number of row {@code i}: its log order, or the chunk's low watermark minus one for snapshot rows. */
  public long seq(int i) {
    return seqs[i];
  }

  public boolean isDelete(int i) {
    return deletes[i];
  }

  /**
   * The columns of upsert {@code i} that carry no value and keep the key's current one, or null (the common case):
   * a writer must honour them or refuse the batch, never store the nulls found there.
   */
  public ColumnMask unchanged(int i) {
    return unchanged == null ? null : unchanged[i];
  }

  /**
   * For an upsert with {@link #unchanged} columns: the row whose key holds their values when the update changed the
   * key ({@link #upsertMoved}), else null (the row's own key holds them).
   */
  public Row unchangedFrom(int i) {
    return unchangedFrom == null ? null : unchangedFrom[i];
  }

  /**
   * Whether row {@code i} was read by a snapshot chunk rather than from the log (staging batches only): the mark lets
   * a writer write snapshot rows straight into a target that was empty when the sync began, as long as every staged
   * log change still beats them at the merge (see {@code ChangeWriter.writeStaging}).
   */
  public boolean isSnapshot(int i) {
    return snapshot != null && snapshot[i];
  }

  /** Whether some upsert of the batch has {@link #unchanged} columns. */
  public boolean hasUnchanged() {
    if (unchanged != null) {
      for (int i = 0; i < size; i++) {
        if (unchanged[i] != null) {
          return true;
        }
      }
    }
    return false;
  }

  /** Empties the batch, dropping row references so they can be collected. */
  public void clear() {
    Arrays.fill(rows, 0, size, null);
    if (unchanged != null) {
      Arrays.fill(unchanged, 0, size, null);
    }
    if (unchangedFrom != null) {
      Arrays.fill(unchangedFrom, 0, size, null);
    }
    if (snapshot != null) {
      Arrays.fill(snapshot, 0, size, false);
    }
    size = 0;
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("RowBatch[");
    for (int i = 0; i < size; i++) {
      sb.append(i == 0 ? "" : ", ").append(deletes[i] ? "-D" : "+U").append(rows[i])
          .append(unchanged(i) == null ? "" : " unchanged" + unchanged(i))
          .append(unchangedFrom(i) == null ? "" : " from " + unchangedFrom(i)).append('@').append(seqs[i]);
    }
    return sb.append(']').toString();
  }
}
