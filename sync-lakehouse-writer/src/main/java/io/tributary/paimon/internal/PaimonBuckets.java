package io.tributary.paimon.internal;

import io.tributary.sync.event.Column;
import io.tributary.sync.event.Row;
import io.tributary.sync.spi.TargetTable;
import io.tributary.sync.spi.WriteShards;
import java.util.Map;
import java.util.Set;
import org.apache.paimon.catalog.Catalog;
import org.apache.paimon.catalog.Identifier;
import org.apache.paimon.data.GenericRow;
import org.apache.paimon.schema.TableSchema;
import org.apache.paimon.table.FileStoreTable;
import org.apache.paimon.table.sink.FixedBucketRowKeyExtractor;
import org.apache.paimon.types.DataTypeRoot;
import org.apache.paimon.types.RowType;

/**
 * {@code PaimonWriter.shards}: a target's buckets as write shards, so each bucket has one writer in a group. The bucket
 * of a row is Paimon's own ({@link FixedBucketRowKeyExtractor}: the table's bucket function over its bucket key), fed
 * a row holding only the key fields. The schema is the stored table's, or, for a target not created yet, the one the
 * writer would create (same bucket count, key types and bucket function options). Dynamic-bucket tables (and one
 * bucket) are one shard. Not thread-safe (one extractor, reused).
 */
public final class PaimonBuckets implements WriteShards {

  private final String table;
  private final int buckets;
  private final FixedBucketRowKeyExtractor extractor;
  private final int arity;
  /** Per key column: its index in the target's rows, its position in Paimon's rows, its core column. */
  private final int[] coreIndex;
  private final int[] position;
  private final Column[] columns;
  private final DataTypeRoot[] stored;
  private final long[] timeUnit;

  private PaimonBuckets(TargetTable target, TableSchema schema) {
    this.table = target.name();
    this.buckets = schema.numBuckets();
    this.extractor = new FixedBucketRowKeyExtractor(schema);
    RowType rowType = schema.logicalRowType();
    this.arity = rowType.getFieldCount();
    int n = target.primaryKey().size();
    coreIndex = new int[n];
    position = new int[n];
    columns = new Column[n];
    stored = new DataTypeRoot[n];
    timeUnit = new long[n];
    for (int i = 0; i < n; i++) {
      // Key columns matched by their place in the key, not by name: a rename may not have reached the table yet.
      coreIndex[i] = target.indexOf(target.primaryKey().get(i));
      columns[i] = target.columns().get(coreIndex[i]);
      position[i] = rowType.getFieldIndex(schema.primaryKeys().get(i));
      stored[i] = rowType.getTypeAt(position[i]).getTypeRoot();
      timeUnit[i] = PaimonValues.timeUnit(columns[i].type(), rowType.getTypeAt(position[i]));
    }
  }

  /** The shards of {@code target}: its buckets, through {@code catalog} (read-only). */
  public static WriteShards of(Catalog catalog, String database, TargetTable target, Map<String, String> tableOptions)
      throws Exception {
    TableSchema schema;
    try {
      schema = ((FileStoreTable) catalog.getTable(Identifier.create(database, target.name()))).schema();
    } catch (Catalog.TableNotExistException e) {
      schema = TableSchema.create(0, Tables.newSchema(target.columns(), target.primaryKey(), tableOptions, Map.of(),
          Set.of(), "-"));
    }
    if (schema.numBuckets() <= 1 || schema.primaryKeys().size() != target.primaryKey().size()
        || !schema.partitionKeys().isEmpty()) {
      return WriteShards.ONE; // dynamic or one bucket; a key the stored table does not have is refused elsewhere
    }
    return new PaimonBuckets(target, schema);
  }

  @Override
  public int count() {
    return buckets;
  }

  @Override
  public int shardOf(Row row) {
    GenericRow key = new GenericRow(arity);
    for (int i = 0; i < coreIndex.length; i++) {
      Object v = row.get(coreIndex[i]);
      if (v != null) {
        key.setField(position[i], stored(i, PaimonValues.toInternal(table, columns[i], v, timeUnit[i])));
      }
    }
    extractor.setRecord(key);
    return extractor.bucket();
  }

  /** An integer value as the stored key type holds it (a widened key column's table may not be evolved yet). */
  private Object stored(int i, Object v) {
    if (!(v instanceof Number n) || v instanceof java.math.BigDecimal) {
      return v;
    }
    return switch (stored[i]) {
      case TINYINT -> n.byteValue();
      case SMALLINT -> n.shortValue();
      case INTEGER -> n.intValue();
      case BIGINT -> n.longValue();
      default -> v;
    };
  }
}
