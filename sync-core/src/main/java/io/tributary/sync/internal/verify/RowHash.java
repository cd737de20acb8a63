package io.tributary.sync.internal.verify;

import io.tributary.sync.event.Row;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/**
 * A 64-bit hash of a row's canonical values, for comparing a source chunk with its target range without holding or
 * shipping rows: equal values hash equal whatever their Java class among those a column of one type may use (an
 * {@code Integer} and a {@code Long} of one value, decimals differing only in trailing zeros), and a table's hash is
 * the sum of its rows' hashes, so the order rows are read in does not matter.
 */
final class RowHash {

  private static final long NULL = 0x5bd1e9955bd1e995L;
  private static final long FNV_OFFSET = 0xcbf29ce484222325L;
  private static final long FNV_PRIME = 0x100000001b3L;

  private RowHash() {
  }

  static long of(Row row) {
    long h = mix(row.size());
    for (int i = 0; i < row.size(); i++) {
      h = mix(h ^ mix(value(row.get(i)) + i));
    }
    return h;
  }

  static long value(Object v) {
    if (v == null) {
      return NULL;
    }
    if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
      return mix(((Number) v).longValue() ^ 0x1L);
    }
    if (v instanceof BigInteger b) {
      return b.bitLength() < 64 ? mix(b.longValue() ^ 0x1L) : fnv(b.toString());
    }
    if (v instanceof BigDecimal d) {
      BigDecimal c = d.signum() == 0 ? BigDecimal.ZERO : d.stripTrailingZeros();
      return c.scale() <= 0 && c.precision() - c.scale() < 19 ? mix(c.longValueExact() ^ 0x1L)
          : fnv(c.toPlainString());
    }
    if (v instanceof Double || v instanceof Float) {
      double x = ((Number) v).doubleValue();
      return mix(Double.doubleToLongBits(x == 0.0 ? 0.0 : x) ^ 0x2L);
    }
    if (v instanceof Boolean b) {
      return b ? 0x3L : 0x4L;
    }
    if (v instanceof byte[] bytes) {
      long h = FNV_OFFSET;
      for (byte x : bytes) {
        h = (h ^ (x & 0xff)) * FNV_PRIME;
      }
      return mix(h);
    }
    if (v instanceof String s) {
      return fnv(s);
    }
    return fnv(v.toString()); // temporal values: their ISO form is canonical
  }

  private static long fnv(String s) {
    long h = FNV_OFFSET;
    for (byte x : s.getBytes(StandardCharsets.UTF_8)) {
      h = (h ^ (x & 0xff)) * FNV_PRIME;
    }
    return mix(h);
  }

  /** SplitMix64's finalizer. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}
