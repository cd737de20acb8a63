package io.tributary.sync.event;

import java.util.Arrays;
import java.util.Objects;

/**
 * A row image: column values in schema order, with the Java classes listed in {@link DataType}.
 *
 * <p>Immutable by contract: the array passed to {@link #of} is owned by the row and must not be changed after,
 * and {@link #values()} exposes it without a copy so the hot path never copies a row. Equality is deep, so
 * {@code byte[]} values compare by content.
 */
public final class Row {

  private final Object[] values;

  private Row(Object[] values) {
    this.values = values;
  }

  /** Wraps {@code values} without copying; the caller hands ownership of the array to the row. */
  public static Row of(Object... values) {
    return new Row(Objects.requireNonNull(values, "values"));
  }

  public Object get(int index) {
    return values[index];
  }

  public int size() {
    return values.length;
  }

  /** The backing array, not a copy: never modify it. */
  public Object[] values() {
    return values;
  }

  /** A new row holding the values at {@code indexes}, in that order (e.g. the primary key). */
  public Row project(int[] indexes) {
    Object[] out = new Object[indexes.length];
    for (int i = 0; i < indexes.length; i++) {
      out[i] = values[indexes[i]];
    }
    return new Row(out);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Row other && Arrays.deepEquals(values, other.values);
  }

  @Override
  public int hashCode() {
    return Arrays.deepHashCode(values);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < values.length; i++) {
      if (i > 0) {
        sb.append(", ");
      }
      Object v = values[i];
      sb.append(v instanceof byte[] b ? "0x" + java.util.HexFormat.of().formatHex(b) : String.valueOf(v));
    }
    return sb.append(']').toString();
  }
}
