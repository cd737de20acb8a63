package io.tributary.sync.event;

import java.util.Arrays;
import java.util.StringJoiner;

/**
 * An immutable set of column indexes of a row image, as a bit mask. Used for the columns of an update's
 * {@code after} image that the source did not send because they did not change (PostgreSQL's unchanged TOASTed
 * values): those positions hold no value, and a writer keeps the target's current value for exactly them.
 *
 * <p>Absent in the common case: events and batches carry {@code null} rather than an empty mask, so the hot path
 * allocates nothing for it.
 */
public final class ColumnMask {

  private final long[] words;

  private ColumnMask(long[] words) {
    this.words = words;
  }

  /** The mask of {@code indexes}; null when there are none (the "no column" mask is always null). */
  public static ColumnMask of(int... indexes) {
    if (indexes.length == 0) {
      return null;
    }
    int max = 0;
    for (int i : indexes) {
      if (i < 0) {
        throw new IllegalArgumentException("negative column index " + i);
      }
      max = Math.max(max, i);
    }
    long[] words = new long[(max >>> 6) + 1];
    for (int i : indexes) {
      words[i >>> 6] |= 1L << i;
    }
    return new ColumnMask(words);
  }

  public boolean contains(int index) {
    int w = index >>> 6;
    return w < words.length && (words[w] & (1L << index)) != 0;
  }

  /** The indexes in ascending order. */
  public int[] indexes() {
    int[] out = new int[count()];
    int k = 0;
    for (int w = 0; w < words.length; w++) {
      long bits = words[w];
      while (bits != 0) {
        out[k++] = (w << 6) + Long.numberOfTrailingZeros(bits);
        bits &= bits - 1;
      }
    }
    return out;
  }

  public int count() {
    int n = 0;
    for (long w : words) {
      n += Long.bitCount(w);
    }
    return n;
  }

  /**
   * The mask relaid to another layout: {@code from[i]} is the index in this mask's layout that position {@code i}
   * of the new layout takes its value from (negative: none). Null when no masked column is carried over.
   */
  public ColumnMask relayout(int[] from) {
    int[] out = new int[from.length];
    int n = 0;
    for (int i = 0; i < from.length; i++) {
      if (from[i] >= 0 && contains(from[i])) {
        out[n++] = i;
      }
    }
    return of(Arrays.copyOf(out, n));
  }

  /**
   * {@code row} with the masked positions taken from {@code current} (the row's present value in the target,
   * laid out the same way): what a writer stores for an update carrying this mask.
   */
  public Row fill(Row row, Row current) {
    Object[] v = row.values().clone();
    for (int i : indexes()) {
      v[i] = current.get(i);
    }
    return Row.of(v);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ColumnMask m && Arrays.equals(trimmed(words), trimmed(m.words));
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(trimmed(words));
  }

  private static long[] trimmed(long[] w) {
    int n = w.length;
    while (n > 0 && w[n - 1] == 0) {
      n--;
    }
    return n == w.length ? w : Arrays.copyOf(w, n);
  }

  @Override
  public String toString() {
    StringJoiner j = new StringJoiner(",", "{", "}");
    for (int i : indexes()) {
      j.add(Integer.toString(i));
    }
    return j.toString();
  }
}
