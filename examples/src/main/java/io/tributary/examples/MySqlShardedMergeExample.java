package io.tributary.examples;

import io.tributary.mysql.MySqlSource;
import io.tributary.paimon.PaimonTableReader;
import io.tributary.paimon.PaimonWriter;
import io.tributary.sync.ExtendedField;
import io.tributary.sync.SyncMode;
import io.tributary.sync.SyncPipeline;
import io.tributary.sync.TableSelector;
import io.tributary.sync.VirtualTable;
import io.tributary.sync.event.Column;
import io.tributary.sync.event.Row;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Merge mode over sharded MySQL/MariaDB databases: {@code shop_0..shop_2.orders} hold the same order ids, so the
 * virtual table {@code orders} puts the extended fields {@code _database_name} and {@code _table_name} into its
 * primary key and every shard's rows coexist in one Paimon table. One shard has an extra column
 * ({@code heterogeneousMerge}); the others read null there. Throws unless the Paimon table equals the shards row
 * for row.
 *
 * <p>Run: {@code mvn -q -B install -DskipTests && mvn -q exec:java -pl examples
 * -Dexec.mainClass=io.tributary.examples.MySqlShardedMergeExample}
 */
public final class MySqlShardedMergeExample {

  public static void main(String[] args) throws Exception {
    Path warehouse = Files.createTempDirectory("tributary-merge");
    try (ExampleMariaDb db = ExampleMariaDb.start()) {
      for (int shard = 0; shard < 3; shard++) {
        String d = "shop_" + shard;
        db.execute("DROP DATABASE IF EXISTS " + d, "CREATE DATABASE " + d,
            "CREATE TABLE " + d + ".orders (id BIGINT PRIMARY KEY, amount DECIMAL(10,2)"
                + (shard == 2 ? ", coupon VARCHAR(20)" : "") + ")",
            "INSERT INTO " + d + ".orders (id, amount) SELECT seq, seq * 1.25 FROM " + d + ".seq_1_to_1000");
      }
      MySqlSource source = MySqlSource.builder().name("mysql").host(db.host).port(db.port).user(db.user)
          .password(db.password).includeDatabases("shop_\\d+").build();
      try (SyncPipeline p = SyncPipeline.builder().name("merge-example").source(source).mode(SyncMode.MERGE)
          .virtualTable(VirtualTable.of("orders", TableSelector.of("shop_\\d+", "orders")))
          .extendedFields(ExtendedField.DATABASE_NAME, ExtendedField.TABLE_NAME).extendedFieldsInPrimaryKey(true)
          .heterogeneousMerge(true).fullSync(true).commitInterval(Duration.ofMillis(500))
          .writer(PaimonWriter.builder().warehouse(warehouse).database("lake").build()).build()) {
        p.start();
        while (p.status().state() != io.tributary.sync.PipelineState.RUNNING) {
          Thread.sleep(10);
        }
        db.execute("UPDATE shop_2.orders SET coupon = 'SPRING' WHERE id <= 10", "DELETE FROM shop_0.orders WHERE id = 1");
        ExampleChecks.caughtUp(p, Duration.ofSeconds(60));
        p.stop();
      }
      try (PaimonTableReader lake = PaimonTableReader.open(warehouse, "lake")) {
        List<Row> rows = lake.read("orders");
        System.out.println("Paimon lake.orders columns: " + lake.columns("orders"));
        System.out.printf("rows: %,d (source: %,d)%n", rows.size(),
            db.count("shop_0.orders") + db.count("shop_1.orders") + db.count("shop_2.orders"));
        rows.stream().filter(r -> r.get(0).equals(2L)).forEach(r -> System.out.println("  id 2: " + r));
        List<String> columns = lake.columns("orders").stream().map(Column::name).toList();
        ExampleChecks.check(columns.containsAll(List.of("_database_name", "_table_name", "coupon")),
            "lake.orders lacks the extended fields or shop_2's coupon column: " + columns);
        List<List<Object>> expected = new ArrayList<>();
        for (int shard = 0; shard < 3; shard++) {
          expected.addAll(db.rows("shop_" + shard + ".orders", columns,
              Map.of("_database_name", "shop_" + shard, "_table_name", "orders")));
        }
        ExampleChecks.sameRows("shop_0..2.orders -> Paimon orders", expected,
            rows.stream().map(ExampleChecks::values).toList());
        System.out.println("the three shards and the Paimon table agree row for row");
      }
    }
  }
}
