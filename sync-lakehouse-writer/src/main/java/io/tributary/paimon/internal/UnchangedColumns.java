package io.tributary.paimon.internal;

import io.tributary.sync.ErrorCode;
import io.tributary.sync.SyncException;
import io.tributary.sync.event.ColumnMask;
import io.tributary.sync.event.Row;
import io.tributary.sync.spi.RowBatch;
import io.tributary.sync.spi.TargetTable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.paimon.data.GenericRow;
import org.apache.paimon.predicate.Predicate;
import org.apache.paimon.predicate.PredicateBuilder;
import org.apache.paimon.types.RowKind;

/**
 * Resolves the upserts of a batch that leave columns unchanged without their values ({@link RowBatch#unchanged}):
 * each such column takes the key's current value, from the newest of an earlier row of the batch, a row written to
 * the table since the last prepare (the sink's interval log, which Paimon readers cannot see yet), or the committed
 * table. The committed rows are looked up once per batch, with one read filtered on the keys (Paimon prunes buckets
 * and files by it; the rows are matched by key in Java). Batches without such upserts never get here.
 */
final class UnchangedColumns {

  private static final Row DELETED = Row.of();
  /** Keys per filtered read: an OR of key equalities much longer than this slows Paimon's planning. */
  private static final int KEYS_PER_READ = 500;

  private UnchangedColumns() {}

  /** The batch's rows with every unchanged column filled in, in batch order. */
  static Row[] resolve(TableSink sink, TargetTable target, RowBatch batch) throws Exception {
    if (sink.intervalOverflowed()) {
      throw SyncException.of(ErrorCode.WRITER_STATE_LIMIT, "cannot keep the unchanged columns of an update of " + target.name() + ": more than "
          + sink.intervalLogLimit() + " rows were written to it since the last checkpoint, more than this writer "
          + "remembers (maxTrackedRows), so the row's current value may be among the forgotten ones; raise the limit"
          + " or shorten the commit interval", null);
    }
    int[] key = target.primaryKeyIndexes();
    Map<Row, Row> latest = new HashMap<>();
    sink.forEachIntervalRow((row, delete) -> latest.put(row.project(key), delete ? DELETED : row));
    Map<Row, Row> committed = committed(sink, target, batch, key, latest);
    Row[] out = new Row[batch.size()];
    for (int i = 0; i < batch.size(); i++) {
      Row row = batch.row(i);
      Row k = row.project(key);
      ColumnMask unchanged = batch.isDelete(i) ? null : batch.unchanged(i);
      if (unchanged != null) {
        Row from = lookupKey(batch, i, key); // the old key when the update changed the key
        Row current = latest.containsKey(from) ? latest.get(from) : committed.get(from);
        if (current == null || current == DELETED) {
          throw SyncException.of(ErrorCode.INTERNAL, "an update of key " + k + " in " + target.name() + " left columns "
              + names(target, unchanged) + " unchanged without their values, and the target holds no row with key "
              + from + " to keep them from (was the target changed outside the pipeline?); re-sync the table", null);
        }
        row = unchanged.fill(row, current);
      }
      out[i] = row;
      latest.put(k, batch.isDelete(i) ? DELETED : row);
    }
    return out;
  }

  /** The key whose current row holds upsert {@code i}'s unchanged values: the old key of a key change, else its own. */
  private static Row lookupKey(RowBatch batch, int i, int[] key) {
    Row from = batch.unchangedFrom(i);
    return (from != null ? from : batch.row(i)).project(key);
  }

  /** The committed rows of the keys whose unchanged columns nothing written since the last prepare can give. */
  private static Map<Row, Row> committed(TableSink sink, TargetTable target, RowBatch batch, int[] key,
      Map<Row, Row> latest) throws Exception {
    List<Row> wanted = new ArrayList<>();
    Map<Row, Boolean> earlierInBatch = new HashMap<>();
    for (int i = 0; i < batch.size(); i++) {
      Row k = batch.row(i).project(key);
      if (!batch.isDelete(i) && batch.unchanged(i) != null) {
        Row from = lookupKey(batch, i, key);
        if (!latest.containsKey(from) && !earlierInBatch.containsKey(from)) {
          wanted.add(from);
        }
      }
      earlierInBatch.put(k, Boolean.TRUE);
    }
    return committed(sink, target, wanted);
  }

  /**
   * The current rows of {@code keys} as the pipeline sees the table: written since the last prepare (interval log),
   * else committed; keys without a row are absent from the result. Refuses when the interval log overflowed.
   */
  static Map<Row, Row> current(TableSink sink, TargetTable target, Collection<Row> keys) throws Exception {
    if (keys.isEmpty()) {
      return new HashMap<>();
    }
    if (sink.intervalOverflowed()) {
      throw SyncException.of(ErrorCode.WRITER_STATE_LIMIT, "cannot keep the unchanged columns of staged updates of " + target.name() + ": more"
          + " than " + sink.intervalLogLimit() + " rows were written to it since the last checkpoint (maxTrackedRows);"
          + " raise the limit or shorten the commit interval", null);
    }
    int[] key = target.primaryKeyIndexes();
    Map<Row, Row> latest = new HashMap<>();
    sink.forEachIntervalRow((row, delete) -> latest.put(row.project(key), delete ? DELETED : row));
    List<Row> rest = new ArrayList<>();
    Map<Row, Row> out = new HashMap<>();
    for (Row k : keys) {
      Row r = latest.get(k);
      if (r == null) {
        rest.add(k);
      } else if (r != DELETED) {
        out.put(k, r);
      }
    }
    out.putAll(committed(sink, target, rest));
    return out;
  }

  /** The committed rows of {@code keys}, by reads filtered on them (one per {@value #KEYS_PER_READ} keys). */
  private static Map<Row, Row> committed(TableSink sink, TargetTable target, Collection<Row> keys)
      throws Exception {
    Map<Row, Row> found = new HashMap<>();
    List<Row> all = new ArrayList<>(keys);
    int[] key = target.primaryKeyIndexes();
    RowConverter converter = sink.converter();
    for (int from = 0; from < all.size(); from += KEYS_PER_READ) {
      List<Row> part = all.subList(from, Math.min(all.size(), from + KEYS_PER_READ));
      Set<Row> wanted = new HashSet<>(part);
      sink.readCommitted(keyFilter(sink, target, part, target.columns().size()), internal -> {
        Row row = converter.toCore(internal);
        Row k = row.project(key);
        if (wanted.contains(k)) {
          found.put(k, row);
        }
      });
    }
    return found;
  }

  /**
   * A filter on {@code keys} (target key columns) for reads of {@code sink}'s table, whose core rows have
   * {@code rowSize} values (the target's columns first).
   */
  static Predicate keyFilter(TableSink sink, TargetTable target, Collection<Row> keys, int rowSize) {
    int[] key = target.primaryKeyIndexes();
    PredicateBuilder pb = new PredicateBuilder(sink.table().rowType());
    int[] pos = new int[key.length];
    for (int j = 0; j < key.length; j++) {
      pos[j] = sink.table().rowType().getFieldIndex(target.columns().get(key[j]).name());
    }
    List<Predicate> perKey = new ArrayList<>(keys.size());
    for (Row k : keys) {
      Object[] values = new Object[rowSize];
      for (int j = 0; j < key.length; j++) {
        values[key[j]] = k.get(j);
      }
      GenericRow g = sink.converter().toPaimon(Row.of(values), RowKind.INSERT);
      List<Predicate> equals = new ArrayList<>(key.length);
      for (int p : pos) {
        equals.add(pb.equal(p, g.getField(p)));
      }
      perKey.add(PredicateBuilder.and(equals));
    }
    return PredicateBuilder.or(perKey);
  }

  private static List<String> names(TargetTable target, ColumnMask mask) {
    List<String> names = new ArrayList<>();
    for (int i : mask.indexes()) {
      names.add(target.columns().get(i).name());
    }
    return names;
  }
}
