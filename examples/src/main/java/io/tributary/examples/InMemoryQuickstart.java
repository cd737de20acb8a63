package io.tributary.examples;

import io.tributary.sync.ExtendedField;
import io.tributary.sync.SyncMode;
import io.tributary.sync.SyncPipeline;
import io.tributary.sync.TableSelector;
import io.tributary.sync.VirtualTable;
import io.tributary.sync.event.Column;
import io.tributary.sync.event.DataType;
import io.tributary.sync.event.Row;
import io.tributary.sync.event.TableId;
import io.tributary.sync.event.TableSchema;
import io.tributary.sync.memory.MemoryDatabase;
import io.tributary.sync.memory.MemoryWarehouse;
import io.tributary.sync.memory.MemoryWriter;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * The quickstart on the in-memory database and lakehouse (no server needed): sharded {@code orders} tables in two schemas, merged into one target table with extended fields
 * in the key, full sync running while a write workload (inserts, updates, deletes, one ADD COLUMN) goes on; prints
 * a live status table until caught up, then compares source and target row by row.
 *
 * <p>This version runs on the embedded in-memory database and lakehouse of {@code sync-core}; the MySQL,
 * PostgreSQL and Paimon modules plug in the same way ({@code .source(MySqlSource.builder()...build())},
 * {@code .writer(PaimonWriter.builder()...build())}).
 */
public final class InMemoryQuickstart {

  public static void main(String[] args) throws Exception {
    MemoryDatabase db = new MemoryDatabase("shop");
    List<TableId> shards = new ArrayList<>();
    Random random = new Random(42);
    for (String schema : List.of("east", "west")) {
      for (int shard = 0; shard < 2; shard++) {
        TableId id = db.tableId("shop", schema, "orders_" + shard);
        db.createTable(TableSchema.builder(id).primaryKey("id", DataType.bigint())
            .column("customer", DataType.varchar(64)).column("amount", DataType.decimal(12, 2)).build());
        for (long k = 0; k < 20_000; k++) {
          db.insert(id, k, "c" + random.nextInt(1000), BigDecimal.valueOf(random.nextInt(1_000_000), 2));
        }
        shards.add(id);
      }
    }
    MemoryWarehouse lakehouse = new MemoryWarehouse();
    try (SyncPipeline pipeline = SyncPipeline.builder()
        .name("quickstart")
        .source(db.source())
        .mode(SyncMode.MERGE)
        .virtualTable(VirtualTable.of("orders", TableSelector.of("east|west", "orders_\\d+")))
        .extendedFields(ExtendedField.SCHEMA_NAME, ExtendedField.TABLE_NAME)
        .extendedFieldsInPrimaryKey(true)
        .heterogeneousMerge(true)
        .fullSync(true)
        .snapshotChunkSize(2_000)
        .commitInterval(Duration.ofMillis(500))
        .writer(new MemoryWriter(lakehouse))
        .build()) {
      pipeline.start();
      Thread writes = new Thread(() -> writeWorkload(db, shards), "workload");
      writes.start();
      StatusTable.follow(pipeline, writes, Duration.ofSeconds(1), Duration.ofSeconds(60));
      compare(db, shards, lakehouse);
    }
  }

  private static void writeWorkload(MemoryDatabase db, List<TableId> shards) {
    Random random = new Random(7);
    long end = System.currentTimeMillis() + 5_000;
    boolean altered = false;
    while (System.currentTimeMillis() < end) {
      TableId t = shards.get(random.nextInt(shards.size()));
      long key = random.nextInt(25_000);
      Object[] row = db.schema(t).columnCount() == 3
          ? new Object[] {key, "c" + random.nextInt(1000), BigDecimal.valueOf(random.nextInt(1_000_000), 2)}
          : new Object[] {key, "c" + random.nextInt(1000), BigDecimal.valueOf(random.nextInt(1_000_000), 2),
              "note " + random.nextInt(10)};
      switch (random.nextInt(3)) {
        case 0 -> db.upsert(t, row);
        case 1 -> db.update(t, row);
        default -> db.delete(t, key);
      }
      if (!altered && System.currentTimeMillis() > end - 2_500) {
        db.addColumn(shards.get(0), Column.of("note", DataType.varchar(100)));
        altered = true;
      }
      if (random.nextInt(20) == 0) {
        sleepQuietly();
      }
    }
  }

  private static void compare(MemoryDatabase db, List<TableId> shards, MemoryWarehouse lakehouse) {
    List<String> columns = lakehouse.columnNames("orders");
    Set<List<Object>> expected = new HashSet<>();
    for (TableId t : shards) {
      TableSchema schema = db.schema(t);
      for (Row r : db.rows(t)) {
        List<Object> values = new ArrayList<>();
        for (String c : columns) {
          int i = schema.indexOf(c);
          values.add(c.equals("_schema_name") ? t.schema() : c.equals("_table_name") ? t.table()
              : i < 0 ? null : r.get(i));
        }
        expected.add(values);
      }
    }
    Set<List<Object>> actual = new HashSet<>();
    for (Row r : lakehouse.rows("orders")) {
      actual.add(java.util.Arrays.asList(r.values()));
    }
    System.out.printf("%nsource rows %,d, target rows %,d, columns %s%n", expected.size(), actual.size(), columns);
    if (!expected.equals(actual)) {
      throw new IllegalStateException("source and target differ");
    }
    System.out.println("source and target agree row for row");
  }

  private static void sleepQuietly() {
    try {
      Thread.sleep(1);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
