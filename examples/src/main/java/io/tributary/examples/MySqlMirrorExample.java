package io.tributary.examples;

import io.tributary.mysql.MySqlSource;
import io.tributary.paimon.PaimonTableReader;
import io.tributary.paimon.PaimonWriter;
import io.tributary.sync.PipelineStatus;
import io.tributary.sync.SyncPipeline;
import io.tributary.sync.TableSelector;
import io.tributary.sync.event.Column;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Mirror mode from MySQL/MariaDB (embedded, or {@code TRIBUTARY_MYSQL_HOST}): every table of two databases gets its
 * own Paimon table, named {@code <database>_<table>} because both databases have a {@code customers} table; full
 * sync, then a few changes, then each target's row count beside its source's; throws unless each target equals
 * its source row for row.
 *
 * <p>Run: {@code mvn -q -B install -DskipTests && mvn -q exec:java -pl examples
 * -Dexec.mainClass=io.tributary.examples.MySqlMirrorExample}
 */
public final class MySqlMirrorExample {

  public static void main(String[] args) throws Exception {
    Path warehouse = Files.createTempDirectory("tributary-mirror");
    try (ExampleMariaDb db = ExampleMariaDb.start()) {
      for (String d : new String[] {"crm", "billing"}) {
        db.execute("DROP DATABASE IF EXISTS " + d, "CREATE DATABASE " + d,
            "CREATE TABLE " + d + ".customers (id INT PRIMARY KEY, name VARCHAR(50), since DATE)",
            "INSERT INTO " + d + ".customers SELECT seq, CONCAT('c', seq), DATE '2024-01-01' + INTERVAL seq DAY"
                + " FROM " + d + ".seq_1_to_500");
      }
      db.execute("CREATE TABLE billing.invoices (id BIGINT PRIMARY KEY, customer INT, total DECIMAL(10,2))",
          "INSERT INTO billing.invoices SELECT seq, seq % 500, seq * 1.5 FROM billing.seq_1_to_2000");
      MySqlSource source = MySqlSource.builder().name("mysql").host(db.host).port(db.port).user(db.user)
          .password(db.password).includeDatabases("crm|billing").build();
      try (SyncPipeline p = SyncPipeline.builder().name("mirror-example").source(source)
          .tables(TableSelector.of("crm|billing", ".*"))
          .mirrorTargetNaming(id -> id.database() + "_" + id.table())
          .fullSync(true).commitInterval(Duration.ofMillis(500))
          .writer(PaimonWriter.builder().warehouse(warehouse).database("lake").build()).build()) {
        p.start();
        while (p.status().state() != io.tributary.sync.PipelineState.RUNNING) {
          Thread.sleep(10);
        }
        db.execute("DELETE FROM crm.customers WHERE id <= 100", "UPDATE billing.invoices SET total = 0 WHERE id < 10",
            "INSERT INTO billing.customers VALUES (1000, 'new', CURDATE())");
        ExampleChecks.caughtUp(p, Duration.ofSeconds(60));
        for (PipelineStatus.TableStatus t : p.status().tables()) {
          System.out.printf("%-28s -> %-20s %-10s snapshot %,6d rows, log +%d ~%d -%d%n", t.table(), t.target(),
              t.phase(), t.snapshotRows(), t.inserts(), t.updates(), t.deletes());
        }
        p.stop();
      }
      String[][] pairs = {{"crm.customers", "crm_customers"}, {"billing.customers", "billing_customers"},
          {"billing.invoices", "billing_invoices"}};
      try (PaimonTableReader lake = PaimonTableReader.open(warehouse, "lake")) {
        for (String[] pair : pairs) {
          System.out.printf("%-18s source %,6d rows | Paimon %-18s %,6d rows%n", pair[0], db.count(pair[0]),
              pair[1], lake.read(pair[1]).size());
        }
        for (String[] pair : pairs) {
          List<String> columns = lake.columns(pair[1]).stream().map(Column::name).toList();
          ExampleChecks.sameRows(pair[0] + " -> Paimon " + pair[1], db.rows(pair[0], columns, Map.of()),
              lake.read(pair[1]).stream().map(ExampleChecks::values).toList());
        }
        System.out.println("every source table and its Paimon table agree row for row");
      }
    }
  }
}
