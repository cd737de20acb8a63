package io.tributary.sync.spi;

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

  /** Empties the batch, dropping row references so they can be collected. */
  public void clear() {
    Arrays.fill(rows, 0, size, null);
    size = 0;
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("RowBatch[");
    for (int i = 0; i < size; i++) {
      sb.append(i == 0 ? "" : ", ").append(deletes[i] ? "-D" : "+U").append(rows[i]).append('@').append(seqs[i]);
    }
    return sb.append(']').toString();
  }
}
