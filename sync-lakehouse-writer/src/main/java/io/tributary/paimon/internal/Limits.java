package io.tributary.paimon.internal;

/**
 * Limits checked while writing.
 *
 * @param maxPrimaryKeyBytes largest encoded primary key (Paimon BinaryRow layout)
 * @param maxFieldBytes      largest string (UTF-8) or binary field
 * @param maxTrackedRows     most rows per table and checkpoint interval remembered for scoped deletes
 */
public record Limits(long maxPrimaryKeyBytes, long maxFieldBytes, int maxTrackedRows) {

  public Limits {
    if (maxPrimaryKeyBytes <= 0 || maxFieldBytes <= 0 || maxTrackedRows < 0) {
      throw new IllegalArgumentException("limits must be positive, got " + maxPrimaryKeyBytes + ", " + maxFieldBytes
          + ", " + maxTrackedRows);
    }
  }

  /** Size limits only, with the default tracking limit. */
  public Limits(long maxPrimaryKeyBytes, long maxFieldBytes) {
    this(maxPrimaryKeyBytes, maxFieldBytes, 1_000_000);
  }
}
