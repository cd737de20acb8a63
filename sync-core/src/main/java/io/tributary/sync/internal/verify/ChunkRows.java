package io.tributary.sync.internal.verify;

import io.tributary.sync.event.Row;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * One side's rows of a chunk, in the target's layout: their count and order-independent hash (the chunk's summary),
 * and per key a hash of its row, so a chunk whose summaries differ tells which keys to check again. Bounded by the
 * chunk size.
 */
final class ChunkRows {

  /** A key's values, its row's hash and the row (for the log at DEBUG). */
  record Keyed(Row key, long rowHash, Row row) {
  }

  private final int[] keyIndexes;
  private final Map<Long, Keyed> byKey = new HashMap<>();
  private long count;
  private long hash;

  ChunkRows(int[] keyIndexes) {
    this.keyIndexes = keyIndexes;
  }

  void add(Row row) {
    Row key = row.project(keyIndexes);
    long h = RowHash.of(row);
    Keyed earlier = byKey.put(RowHash.of(key), new Keyed(key, h, row));
    if (earlier != null) {
      // Two rows of one key (a duplicate the target should never hold): poison the key so it differs.
      byKey.put(RowHash.of(key), new Keyed(key, earlier.rowHash() ^ h ^ 0x7L, row));
    }
    count++;
    hash += h;
  }

  long count() {
    return count;
  }

  long hash() {
    return hash;
  }

  /** Whether the summaries (count and hash) are equal. */
  boolean sameSummary(ChunkRows other) {
    return count == other.count && hash == other.hash;
  }

  /** The keys (by key hash) whose rows differ between the sides, or that one side lacks. */
  Set<Long> differingKeys(ChunkRows other) {
    Set<Long> out = new HashSet<>();
    byKey.forEach((k, v) -> {
      Keyed o = other.byKey.get(k);
      if (o == null || o.rowHash() != v.rowHash()) {
        out.add(k);
      }
    });
    other.byKey.keySet().forEach(k -> {
      if (!byKey.containsKey(k)) {
        out.add(k);
      }
    });
    return out;
  }

  /** The row of a key hash on this side, or null. */
  Row row(long keyHash) {
    Keyed k = byKey.get(keyHash);
    return k == null ? null : k.row();
  }

  /** The key values of a key hash, from either side. */
  static Row key(long keyHash, ChunkRows a, ChunkRows b) {
    Keyed k = a.byKey.get(keyHash);
    return k != null ? k.key() : b.byKey.get(keyHash).key();
  }
}
