package io.tributary.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.mysql.MySqlSource;
import io.tributary.mysql.MySqlTestServer;
import io.tributary.paimon.PaimonTableReader;
import io.tributary.paimon.PaimonWriter;
import io.tributary.sync.CheckpointStores;
import io.tributary.sync.ExtendedField;
import io.tributary.sync.PipelineState;
import io.tributary.sync.SyncMode;
import io.tributary.sync.SyncPipeline;
import io.tributary.sync.TablePhase;
import io.tributary.sync.TableSelector;
import io.tributary.sync.VirtualTable;
import io.tributary.sync.event.Column;
import io.tributary.sync.event.Row;
import io.tributary.sync.spi.ChangeSource;
import io.tributary.sync.testing.GatedSnapshotSource;
import io.tributary.sync.testing.TestServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Column renames from MariaDB into Paimon: renames (of the key column too, and with a type change) while the table's
 * full sync is half way through its chunks, then a swap and a chain while streaming; and a rename in one shard of a
 * virtual table. The Paimon table, read with Paimon's reader, must equal the source row for row, and the values
 * written before each rename must still be there under the new name.
 */
class ColumnRenameToPaimonIT {

  private static final Duration WAIT = Duration.ofSeconds(90);

  @TempDir
  Path dir;

  private MySqlSource source(String databases) {
    TestServer s = MySqlTestServer.get();
    return MySqlSource.builder().name("mysql").host(s.host()).port(s.port()).user(s.user()).password(s.password())
        .includeDatabases(databases).heartbeatInterval(Duration.ofMillis(200)).build();
  }

  private SyncPipeline.Builder pipeline(ChangeSource source) {
    return SyncPipeline.builder().name("rename-paimon").source(source).fullSync(true).snapshotChunkSize(300)
        .snapshotParallelism(2).commitInterval(Duration.ofMillis(300))
        .writer(PaimonWriter.builder().warehouse(dir.resolve("warehouse")).database("lake").buckets(2).build())
        .checkpointStore(CheckpointStores.file(dir.resolve("checkpoints")));
  }

  @Test
  void renamesDuringFullSyncAndWhileStreaming_paimonEqualsSource_andOldValuesStay() throws Exception {
    MySqlTestServer.execute("DROP DATABASE IF EXISTS ren_lake", "CREATE DATABASE ren_lake",
        "CREATE TABLE ren_lake.items (id BIGINT PRIMARY KEY, qty INT NOT NULL, note VARCHAR(40), a INT NOT NULL,"
            + " b INT NOT NULL)");
    StringBuilder insert = new StringBuilder("INSERT INTO ren_lake.items VALUES ");
    for (int i = 1; i <= 6000; i++) {
      insert.append(i == 1 ? "" : ",").append('(').append(i).append(',').append(i % 97).append(",'n").append(i)
          .append("',").append(i).append(',').append(-i).append(')');
    }
    MySqlTestServer.execute(insert.toString());
    GatedSnapshotSource gated = new GatedSnapshotSource(source("ren_lake"), 4);
    try (SyncPipeline p = pipeline(gated).build()) {
      p.start();
      await().atMost(WAIT).until(() -> gated.held() == 2);
      MySqlTestServer.execute(
          "ALTER TABLE ren_lake.items RENAME COLUMN note TO memo, RENAME COLUMN id TO item_id",
          "UPDATE ren_lake.items SET memo = CONCAT('during', item_id) WHERE item_id % 11 = 0",
          "ALTER TABLE ren_lake.items CHANGE qty quantity BIGINT NOT NULL",
          "UPDATE ren_lake.items SET quantity = quantity + 5000000000 WHERE item_id % 13 = 0");
      gated.release();
      assertThat(p.awaitCaughtUp(WAIT)).as("%s", p.status()).isTrue();
      MySqlTestServer.execute(
          "ALTER TABLE ren_lake.items RENAME COLUMN a TO b, RENAME COLUMN b TO a", // a swap in one statement
          "INSERT INTO ren_lake.items VALUES (7001, 1, 'new', -7001, 7001)",
          "ALTER TABLE ren_lake.items RENAME COLUMN memo TO m1",                   // a chain across statements
          "DELETE FROM ren_lake.items WHERE item_id % 17 = 0",
          "ALTER TABLE ren_lake.items RENAME COLUMN m1 TO note");
      assertThat(p.awaitCaughtUp(WAIT)).as("%s", p.status()).isTrue();
      assertThat(p.status().state()).isEqualTo(PipelineState.RUNNING);
      assertThat(p.status().tables().get(0).phase()).isEqualTo(TablePhase.STREAMING);
    }
    try (PaimonTableReader lake = PaimonTableReader.open(dir.resolve("warehouse"), "lake")) {
      List<String> columns = lake.columns("items").stream().map(Column::name).toList();
      assertThat(columns).containsExactlyInAnyOrder("item_id", "quantity", "note", "a", "b");
      List<Row> rows = lake.read("items");
      assertThat(rows).containsExactlyInAnyOrderElementsOf(sourceRows(List.of("ren_lake"), "items", columns));
      // written before the renames: row 1 was (1, 1, 'n1', a=1, b=-1); the swap moved 1 under b
      assertThat(rows).contains(rowOf(columns, "item_id", 1L, "quantity", 1L, "note", "n1", "a", -1, "b", 1));
    }
  }

  @Test
  void renameInOneShardOfAVirtualTable_newColumnForThatShard_oldColumnStaysForTheOther() throws Exception {
    List<String> shards = List.of("ren_shard_1", "ren_shard_2");
    for (String db : shards) {
      MySqlTestServer.execute("DROP DATABASE IF EXISTS " + db, "CREATE DATABASE " + db,
          "CREATE TABLE " + db + ".orders (id BIGINT PRIMARY KEY, note VARCHAR(40))",
          "INSERT INTO " + db + ".orders VALUES (1, 'one'), (2, 'two'), (3, 'three')");
    }
    try (SyncPipeline p = pipeline(source("ren_shard_\\d")).mode(SyncMode.MERGE)
        .virtualTable(VirtualTable.of("orders", TableSelector.of("ren_shard_\\d", "orders")))
        .extendedFields(ExtendedField.DATABASE_NAME).extendedFieldsInPrimaryKey(true).heterogeneousMerge(true)
        .build()) {
      p.start();
      assertThat(p.awaitCaughtUp(WAIT)).isTrue();
      MySqlTestServer.execute("ALTER TABLE ren_shard_1.orders RENAME COLUMN note TO memo",
          "INSERT INTO ren_shard_1.orders VALUES (4, 'four')", "INSERT INTO ren_shard_2.orders VALUES (4, 'vier')",
          "UPDATE ren_shard_2.orders SET note = 'zwei' WHERE id = 2");
      await().atMost(WAIT).until(() -> p.status().tables().stream()
          .allMatch(t -> t.phase() == TablePhase.STREAMING));
      assertThat(p.awaitCaughtUp(WAIT)).as("%s", p.status()).isTrue();
    }
    try (PaimonTableReader lake = PaimonTableReader.open(dir.resolve("warehouse"), "lake")) {
      List<String> columns = lake.columns("orders").stream().map(Column::name).toList();
      assertThat(columns).containsExactlyInAnyOrder("id", "note", "memo", "_database_name");
      assertThat(lake.read("orders")).containsExactlyInAnyOrderElementsOf(sourceRows(shards, "orders", columns));
    }
  }

  private static Row rowOf(List<String> columns, Object... nameValues) {
    Object[] values = new Object[columns.size()];
    for (int i = 0; i < nameValues.length; i += 2) {
      values[columns.indexOf((String) nameValues[i])] = nameValues[i + 1];
    }
    return Row.of(values);
  }

  /** Source rows laid out by the Paimon table's columns (null where a shard lacks a column). */
  private static List<Row> sourceRows(List<String> databases, String table, List<String> columns)
      throws SQLException {
    List<Row> rows = new ArrayList<>();
    try (Connection c = MySqlTestServer.connect(); Statement s = c.createStatement()) {
      for (String db : databases) {
        try (ResultSet rs = s.executeQuery("SELECT * FROM " + db + "." + table)) {
          ResultSetMetaData md = rs.getMetaData();
          while (rs.next()) {
            Object[] values = new Object[columns.size()];
            for (int i = 0; i < values.length; i++) {
              values[i] = columns.get(i).equals("_database_name") ? db : column(rs, md, columns.get(i));
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
        Object v = rs.getObject(i);
        return v instanceof java.math.BigInteger big ? big.longValue() : v;
      }
    }
    return null;
  }
}
