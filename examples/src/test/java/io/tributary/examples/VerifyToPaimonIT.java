package io.tributary.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.mysql.MySqlSource;
import io.tributary.mysql.MySqlTestServer;
import io.tributary.paimon.PaimonTableReader;
import io.tributary.paimon.PaimonWriter;
import io.tributary.sync.CheckpointStores;
import io.tributary.sync.ExtendedField;
import io.tributary.sync.testing.Seeds;
import io.tributary.sync.SyncEvent;
import io.tributary.sync.SyncMode;
import io.tributary.sync.SyncPipeline;
import io.tributary.sync.TableSelector;
import io.tributary.sync.VerifyOptions;
import io.tributary.sync.VerifyReport;
import io.tributary.sync.VirtualTable;
import io.tributary.sync.event.Column;
import io.tributary.sync.event.Row;
import io.tributary.sync.event.TableId;
import io.tributary.sync.testing.TestServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.paimon.catalog.Catalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Verify and repair for real: two MariaDB shards merged into one Paimon table (extended fields in the key), rows of
 * the Paimon table deleted, altered and inserted behind the pipeline's back with Paimon's own writer; verify of a
 * shard reports exactly the chunks holding those keys (and nothing of the other shard), repair restores it row for
 * row, and a verify while writes go on reports no false mismatch. The seed is printed ({@code -Dtributary.seed=N}).
 */
class VerifyToPaimonIT {

  private static final List<String> DATABASES = List.of("e2e_v_1", "e2e_v_2");
  private static final int ROWS = 1000;

  @TempDir
  Path dir;

  private final List<SyncEvent> events = new CopyOnWriteArrayList<>();

  private SyncPipeline pipeline() {
    TestServer s = MySqlTestServer.get();
    MySqlSource source = MySqlSource.builder().name("mysql").host(s.host()).port(s.port()).user(s.user())
        .password(s.password()).includeDatabases("e2e_v_\\d").heartbeatInterval(Duration.ofMillis(200)).build();
    return SyncPipeline.builder().name("verify-paimon").source(source).mode(SyncMode.MERGE)
        .virtualTable(VirtualTable.of("orders", TableSelector.of("e2e_v_\\d", "orders")))
        .extendedFields(ExtendedField.DATABASE_NAME, ExtendedField.TABLE_NAME).extendedFieldsInPrimaryKey(true)
        .fullSync(true).snapshotChunkSize(150).commitInterval(Duration.ofMillis(300)).listener(events::add)
        .writer(PaimonWriter.builder().warehouse(dir.resolve("warehouse")).database("lake").buckets(2).build())
        .checkpointStore(CheckpointStores.file(dir.resolve("checkpoints"))).build();
  }

  @Test
  void damagedPaimonRows_verifyFindsExactlyTheirChunks_repairRestores_writesNeverReportedFalsely() throws Exception {
    long seed = Seeds.one();
    Random random = new Random(seed);
    for (String db : DATABASES) {
      MySqlTestServer.execute("DROP DATABASE IF EXISTS " + db, "CREATE DATABASE " + db,
          "CREATE TABLE " + db + ".orders (id BIGINT PRIMARY KEY, qty INT, note VARCHAR(40), price DECIMAL(10,2),"
              + " at DATETIME(3))");
      StringBuilder insert = new StringBuilder("INSERT INTO " + db + ".orders VALUES ");
      for (int i = 0; i < ROWS; i++) {
        insert.append(i == 0 ? "" : ",").append("(").append(i).append(",").append(i % 97).append(",'n").append(i)
            .append("',").append(i % 1000).append(".25,'2024-01-01 00:00:00.125')");
      }
      MySqlTestServer.execute(insert.toString());
    }
    SyncPipeline first = pipeline();
    first.start();
    assertThat(first.awaitCaughtUp(Duration.ofSeconds(120))).as("seed %d", seed).isTrue();
    TableId shard1 = shard(first, "e2e_v_1");
    TableId shard2 = shard(first, "e2e_v_2");
    // A clean table verifies clean, also while writes go on (keys 0..1199 of both shards).
    try (Writes writes = new Writes(seed)) {
      VerifyReport underWrites = first.verify(shard1).get(120, TimeUnit.SECONDS);
      assertThat(underWrites.mismatches()).as("seed %d: %s", seed, underWrites).isEmpty();
      System.out.printf("seed %d: clean under writes, %d rows compared, %d keys unsettled%n", seed,
          underWrites.sourceRows(), underWrites.unsettledKeys());
    }
    assertThat(first.awaitCaughtUp(Duration.ofSeconds(60))).isTrue();
    first.close();

    // Damage both shards directly in Paimon while the pipeline is stopped (Paimon allows one writer per bucket: a
    // second writer's rows can be resurrected by the running pipeline's compactions): deletes, alters, a stray row.
    List<Long> live = sourceIds("e2e_v_1");
    Set<Long> damaged = new HashSet<>();
    List<Long> deletes = new ArrayList<>();
    List<Long> alters = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      long k = live.get(random.nextInt(live.size()));
      if (damaged.add(k)) {
        deletes.add(k);
      }
      k = live.get(random.nextInt(live.size()));
      if (damaged.add(k)) {
        alters.add(k);
      }
    }
    long stray = 7000L + random.nextInt(1000);
    damaged.add(stray);
    try (Catalog catalog = catalog()) {
      PaimonTamper.tamper(catalog, "orders", "e2e_v_1", deletes, alters, stray);
      // beyond the keys the writes below touch, so no write heals it
      PaimonTamper.tamper(catalog, "orders", "e2e_v_2", List.of(), List.of(), 9000L + random.nextInt(1000));
    }

    try (SyncPipeline p = pipeline()) {
      p.start();
      assertThat(p.awaitCaughtUp(Duration.ofSeconds(120))).as("seed %d", seed).isTrue();
      VerifyReport report = p.verify(shard1, VerifyOptions.defaults().withMaxRowsPerSecond(20_000))
          .get(120, TimeUnit.SECONDS);
      assertExactly(report.mismatches(), damaged, "seed " + seed);
      assertThat(events).filteredOn(e -> e instanceof SyncEvent.VerifyMismatch m && m.table().equals(shard1))
          .hasSize(report.mismatches().size());
      assertThat(p.status().verification(shard1).orElseThrow().mismatches()).isEqualTo(report.mismatches());

      try (Writes writes = new Writes(seed + 1)) {
        // Under writes a damaged key may be healed by a write, but nothing else is reported, and the stray key
        // (beyond the written ones) always is.
        VerifyReport busy = p.verify(shard1).get(120, TimeUnit.SECONDS);
        for (VerifyReport.ChunkMismatch m : busy.mismatches()) {
          assertThat(damaged.stream().anyMatch(k -> contains(m, k))).as("seed %d: %s", seed, m).isTrue();
        }
        assertThat(busy.mismatches()).as("seed %d", seed).anyMatch(m -> contains(m, stray));
        VerifyReport repaired = p.repair(shard1).get(120, TimeUnit.SECONDS);
        assertThat(repaired.remaining()).as("seed %d: %s", seed, repaired).isEmpty();
      }
      assertThat(p.awaitCaughtUp(Duration.ofSeconds(60))).isTrue();
      assertThat(paimonRows("e2e_v_1")).as("seed %d", seed).containsExactlyInAnyOrderElementsOf(sourceRows("e2e_v_1"));
      // The other shard's damage was neither reported with shard 1 nor repaired by it.
      assertThat(paimonRows("e2e_v_2")).isNotEqualTo(sourceRows("e2e_v_2"));
      assertThat(p.verify(shard2).get(120, TimeUnit.SECONDS).mismatches()).hasSize(1);
      assertThat(p.repair(shard2).get(120, TimeUnit.SECONDS).clean()).isTrue();
      assertThat(p.awaitCaughtUp(Duration.ofSeconds(60))).isTrue();
      assertThat(paimonRows("e2e_v_2")).containsExactlyInAnyOrderElementsOf(sourceRows("e2e_v_2"));
      assertThat(p.verify(shard1).get(120, TimeUnit.SECONDS).mismatches()).isEmpty();
    }
  }

  /** The seeded random write workload on both shards, until closed. */
  private static final class Writes implements AutoCloseable {
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;

    Writes(long seed) {
      thread = new Thread(() -> {
        try (Connection c = MySqlTestServer.connect()) {
          RandomWrites.run(c, DATABASES.stream().map(d -> d + ".orders").toList(), RandomWrites.MYSQL_UPSERT, seed,
              running);
        } catch (SQLException e) {
          throw new IllegalStateException(e);
        }
      }, "writes");
      thread.start();
    }

    @Override
    public void close() throws InterruptedException {
      running.set(false);
      thread.join();
    }
  }

  private static TableId shard(SyncPipeline p, String database) {
    return p.tables().stream().filter(t -> t.database().equals(database)).findFirst().orElseThrow();
  }

  private Catalog catalog() {
    return PaimonTamper.catalog(dir.resolve("warehouse"));
  }

  /** Every damaged key lies in a reported chunk, and every reported chunk holds damaged keys, as many as it says. */
  static void assertExactly(List<VerifyReport.ChunkMismatch> mismatches, Set<Long> damaged, String as) {
    List<Long> covered = new ArrayList<>();
    for (VerifyReport.ChunkMismatch m : mismatches) {
      List<Long> inside = damaged.stream().filter(k -> contains(m, k)).toList();
      assertThat(inside).as("%s: chunk %s holds no damaged key of %s", as, m, damaged).isNotEmpty();
      assertThat(m.differingKeys()).as("%s: %s", as, m).isEqualTo(inside.size());
      covered.addAll(inside);
    }
    assertThat(covered).as("%s: damaged keys in reported chunks %s", as, mismatches)
        .containsExactlyInAnyOrderElementsOf(damaged);
  }

  static boolean contains(VerifyReport.ChunkMismatch m, long key) {
    return (m.lowerInclusive() == null || ((Number) m.lowerInclusive().get(0)).longValue() <= key)
        && (m.upperExclusive() == null || key < ((Number) m.upperExclusive().get(0)).longValue());
  }

  private List<Long> sourceIds(String db) throws SQLException {
    List<Long> ids = new ArrayList<>();
    try (Connection c = MySqlTestServer.connect(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT id FROM " + db + ".orders ORDER BY id")) {
      while (rs.next()) {
        ids.add(rs.getLong(1));
      }
    }
    return ids;
  }

  /** The shard's source rows as (id, qty, note, price, at). */
  private List<Row> sourceRows(String db) throws SQLException {
    List<Row> rows = new ArrayList<>();
    try (Connection c = MySqlTestServer.connect(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT id, qty, note, price, at FROM " + db + ".orders")) {
      while (rs.next()) {
        rows.add(Row.of(rs.getLong(1), rs.getObject(2) == null ? null : rs.getInt(2), rs.getString(3),
            rs.getBigDecimal(4), rs.getTimestamp(5) == null ? null : rs.getTimestamp(5).toLocalDateTime()));
      }
    }
    return rows;
  }

  /** The shard's rows in Paimon, read with Paimon's reader, as (id, qty, note, price, at). */
  private List<Row> paimonRows(String db) throws Exception {
    try (PaimonTableReader lake = PaimonTableReader.open(dir.resolve("warehouse"), "lake")) {
      List<String> columns = lake.columns("orders").stream().map(Column::name).toList();
      int[] pick = {columns.indexOf("id"), columns.indexOf("qty"), columns.indexOf("note"), columns.indexOf("price"),
          columns.indexOf("at")};
      int dbIndex = columns.indexOf("_database_name");
      return lake.read("orders").stream().filter(r -> db.equals(r.get(dbIndex))).map(r -> r.project(pick)).toList();
    }
  }
}
