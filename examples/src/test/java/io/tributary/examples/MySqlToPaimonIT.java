package io.tributary.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.mysql.MySqlTestServer;
import io.tributary.sync.ExtendedField;
import io.tributary.sync.PipelineState;
import io.tributary.sync.PipelineStatus;
import io.tributary.sync.SyncMode;
import io.tributary.sync.SyncPipeline;
import io.tributary.sync.TableSelector;
import io.tributary.sync.VirtualTable;
import io.tributary.sync.event.Row;
import io.tributary.sync.testing.PipelineCrash;
import io.tributary.sync.testing.Seeds;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * MySQL/MariaDB to Paimon for real: the {@code orders} shards of two databases merged into one Paimon table with
 * extended fields in the key, full sync under concurrent writes, an ADD COLUMN on one shard mid-stream, a crash at
 * a seeded point and a restart from the file checkpoint store; then the Paimon table, read with Paimon's own
 * reader, must equal the source row for row. The seed is printed on failure ({@code -Dtributary.seed=N}).
 */
class MySqlToPaimonIT {

  private static final List<String> DATABASES = List.of("e2e_shop_1", "e2e_shop_2");

  @RegisterExtension
  final PaimonTarget lake = new PaimonTarget();

  private SyncPipeline pipeline() {
    return lake.pipeline("mysql-paimon").source(MySqlSources.of("e2e_shop_\\d").build()).mode(SyncMode.MERGE)
        .virtualTable(VirtualTable.of("orders", TableSelector.of("e2e_shop_\\d", "orders")))
        .extendedFields(ExtendedField.DATABASE_NAME, ExtendedField.TABLE_NAME).extendedFieldsInPrimaryKey(true)
        .heterogeneousMerge(true).fullSync(true).snapshotChunkSize(150).build();
  }

  @Test
  void shardsMerged_fullSyncUnderWrites_addColumn_crashAndRestart_paimonEqualsSource() throws Exception {
    long seed = Seeds.one();
    Random random = new Random(seed);
    for (String db : DATABASES) {
      Orders.createMySql(db, 1000);
    }
    RandomWrites.Background writer = RandomWrites.start("writer", MySqlTestServer::connect,
        DATABASES.stream().map(d -> d + ".orders").toList(), RandomWrites.MYSQL_UPSERT, seed);
    int crashAfterCheckpoints = random.nextInt(4); // 0: during the first full sync
    SyncPipeline first = pipeline();
    first.start();
    // A crash at a seeded point of the first run's progress: its checkpoints and the records (2,000 snapshot rows,
    // and the writes) it has read.
    PipelineStatus at = PipelineCrash.killAt(first, crashAfterCheckpoints, random.nextInt(2000));
    System.out.printf("seed %d: killed at checkpoint %d, %d records read, phase %s%n", seed, at.lastCheckpointId(),
        at.recordsRead(), at.phase());
    assertThat(at.state()).as("seed %d: the crash hits a running pipeline", seed).isEqualTo(PipelineState.RUNNING);
    try (SyncPipeline second = pipeline()) {
      second.start();
      // the DDL and the writes after it come at seeded points of the second run's reads, not after sleeps
      awaitRead(second, 1 + random.nextInt(2000));
      MySqlTestServer.execute("ALTER TABLE e2e_shop_1.orders ADD COLUMN tag VARCHAR(10)",
          "UPDATE e2e_shop_1.orders SET tag = 'vip' WHERE id % 10 = 0");
      awaitRead(second, second.status().recordsRead() + 1 + random.nextInt(2000));
      writer.close();
      assertThat(second.awaitCaughtUp(Duration.ofSeconds(90))).as("seed %d: %s", seed, second.status()).isTrue();
      second.stop();
    }
    List<String> columns = lake.columns("orders");
    assertThat(columns).as("seed %d", seed).contains("tag", "_database_name", "_table_name");
    assertThat(lake.read("orders")).as("seed %d", seed).containsExactlyInAnyOrderElementsOf(sourceRows(columns));
  }

  /** Waits until the pipeline's current run has read {@code records} records (log events and snapshot rows). */
  private static void awaitRead(SyncPipeline p, long records) {
    await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(10))
        .until(() -> p.status().state() == io.tributary.sync.PipelineState.RUNNING
            && p.status().recordsRead() >= records);
  }

  /** Source rows laid out by the Paimon table's columns (extended fields from the shard's identity). */
  private List<Row> sourceRows(List<String> columns) throws SQLException {
    List<Row> rows = new ArrayList<>();
    try (Connection c = MySqlTestServer.connect(); Statement s = c.createStatement()) {
      for (String db : DATABASES) {
        try (ResultSet rs = s.executeQuery("SELECT * FROM " + db + ".orders")) {
          ResultSetMetaData md = rs.getMetaData();
          while (rs.next()) {
            Object[] values = new Object[columns.size()];
            for (int i = 0; i < values.length; i++) {
              String col = columns.get(i);
              values[i] = switch (col) {
                case "_database_name" -> db;
                case "_table_name" -> "orders";
                default -> column(rs, md, col);
              };
            }
            rows.add(Row.of(values));
          }
        }
      }
    }
    return rows;
  }

  private static Object column(ResultSet rs, ResultSetMetaData md, String name) throws SQLException {
    for (int i = 1; i <= md.getColumnCount(); i++) {
      if (md.getColumnLabel(i).equals(name)) {
        return switch (name) {
          case "id" -> rs.getLong(i);
          case "qty" -> rs.getObject(i) == null ? null : rs.getInt(i);
          case "price" -> rs.getBigDecimal(i);
          case "at" -> rs.getTimestamp(i) == null ? null : rs.getTimestamp(i).toLocalDateTime();
          default -> rs.getString(i);
        };
      }
    }
    return null; // the other shard has no such column
  }
}
