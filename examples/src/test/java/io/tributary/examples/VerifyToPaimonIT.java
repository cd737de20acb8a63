package io.tributary.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.mysql.MySqlTestServer;
import io.tributary.sync.ExtendedField;
import io.tributary.sync.SyncEvent;
import io.tributary.sync.SyncMode;
import io.tributary.sync.SyncPipeline;
import io.tributary.sync.TableSelector;
import io.tributary.sync.VerifyOptions;
import io.tributary.sync.VerifyReport;
import io.tributary.sync.VirtualTable;
import io.tributary.sync.event.Row;
import io.tributary.sync.event.TableId;
import io.tributary.sync.testing.Seeds;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.paimon.catalog.Catalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Verify and repair for real: two MariaDB shards merged into one Paimon table (extended fields in the key), rows of
 * the Paimon table deleted, altered and inserted behind the pipeline's back with Paimon's own writer; verify of a
 * shard reports exactly the chunks holding those keys (and nothing of the other shard), repair restores it row for
 * row, and a verify while writes go on reports no false mismatch. The seed is printed ({@code -Dtributary.seed=N}).
 */
class VerifyToPaimonIT {

  private static final List<String> DATABASES = List.of("e2e_v_1", "e2e_v_2");
  private static final int ROWS = 1000;

  @RegisterExtension
  final PaimonTarget lake = new PaimonTarget();

  private final List<SyncEvent> events = new CopyOnWriteArrayList<>();

  private SyncPipeline pipeline() {
    return lake.pipeline("verify-paimon").source(MySqlSources.of("e2e_v_\\d").build()).mode(SyncMode.MERGE)
        .virtualTable(VirtualTable.of("orders", TableSelector.of("e2e_v_\\d", "orders")))
        .extendedFields(ExtendedField.DATABASE_NAME, ExtendedField.TABLE_NAME).extendedFieldsInPrimaryKey(true)
        .fullSync(true).snapshotChunkSize(150).listener(events::add).build();
  }

  @Test
  void damagedPaimonRows_verifyFindsExactlyTheirChunks_repairRestores_writesNeverReportedFalsely() throws Exception {
    long seed = Seeds.one();
    Random random = new Random(seed);
    for (String db : DATABASES) {
      Orders.createMySql(db, ROWS);
    }
    SyncPipeline first = pipeline();
    first.start();
    assertThat(first.awaitCaughtUp(Duration.ofSeconds(120))).as("seed %d", seed).isTrue();
    TableId shard1 = shard(first, "e2e_v_1");
    TableId shard2 = shard(first, "e2e_v_2");
    // A clean table verifies clean, also while writes go on (keys 0..1199 of both shards).
    try (RandomWrites.Background writes = writes(seed)) {
      VerifyReport underWrites = first.verify(shard1).get(120, TimeUnit.SECONDS);
      assertThat(underWrites.mismatches()).as("seed %d: %s", seed, underWrites).isEmpty();
      System.out.printf("seed %d: clean under writes, %d rows compared, %d keys unsettled%n", seed,
          underWrites.sourceRows(), underWrites.unsettledKeys());
    }
    assertThat(first.awaitCaughtUp(Duration.ofSeconds(60))).isTrue();
    first.close();

    // Damage both shards directly in Paimon while the pipeline is stopped (Paimon allows one writer per bucket: a
    // second writer's rows can be resurrected by the running pipeline's compactions): deletes, alters, a stray row.
    PaimonDamage damage = PaimonDamage.pick(random, sourceIds("e2e_v_1"), 7000L);
    Set<Long> damaged = damage.keys();
    long stray = damage.stray();
    try (Catalog catalog = lake.catalog()) {
      damage.apply(catalog, "orders", "e2e_v_1");
      // beyond the keys the writes below touch, so no write heals it
      PaimonTamper.tamper(catalog, "orders", "e2e_v_2", List.of(), List.of(), 9000L + random.nextInt(1000));
    }

    try (SyncPipeline p = pipeline()) {
      p.start();
      assertThat(p.awaitCaughtUp(Duration.ofSeconds(120))).as("seed %d", seed).isTrue();
      VerifyReport report = p.verify(shard1, VerifyOptions.defaults().withMaxRowsPerSecond(20_000))
          .get(120, TimeUnit.SECONDS);
      PaimonDamage.assertExactly(report.mismatches(), damaged, "seed " + seed);
      assertThat(events).filteredOn(e -> e instanceof SyncEvent.VerifyMismatch m && m.table().equals(shard1))
          .hasSize(report.mismatches().size());
      assertThat(p.status().verification(shard1).orElseThrow().mismatches()).isEqualTo(report.mismatches());

      try (RandomWrites.Background writes = writes(seed + 1)) {
        // Under writes a damaged key may be healed by a write, but nothing else is reported, and the stray key
        // (beyond the written ones) always is.
        VerifyReport busy = p.verify(shard1).get(120, TimeUnit.SECONDS);
        for (VerifyReport.ChunkMismatch m : busy.mismatches()) {
          assertThat(damaged.stream().anyMatch(k -> PaimonDamage.contains(m, k))).as("seed %d: %s", seed, m)
              .isTrue();
        }
        assertThat(busy.mismatches()).as("seed %d", seed).anyMatch(m -> PaimonDamage.contains(m, stray));
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
  private static RandomWrites.Background writes(long seed) {
    return RandomWrites.start("writes", MySqlTestServer::connect,
        DATABASES.stream().map(d -> d + ".orders").toList(), RandomWrites.MYSQL_UPSERT, seed);
  }

  private static TableId shard(SyncPipeline p, String database) {
    return p.tables().stream().filter(t -> t.database().equals(database)).findFirst().orElseThrow();
  }

  private static List<Long> sourceIds(String db) throws SQLException {
    try (Connection c = MySqlTestServer.connect()) {
      return Orders.ids(c, db + ".orders");
    }
  }

  /** The shard's source rows as (id, qty, note, price, at). */
  private static List<Row> sourceRows(String db) throws SQLException {
    try (Connection c = MySqlTestServer.connect()) {
      return Orders.rows(c, db + ".orders");
    }
  }

  /** The shard's rows in Paimon, read with Paimon's reader, as (id, qty, note, price, at). */
  private List<Row> paimonRows(String db) throws Exception {
    List<String> columns = lake.columns("orders");
    int[] pick = {columns.indexOf("id"), columns.indexOf("qty"), columns.indexOf("note"), columns.indexOf("price"),
        columns.indexOf("at")};
    int dbIndex = columns.indexOf("_database_name");
    return lake.read("orders").stream().filter(r -> db.equals(r.get(dbIndex))).map(r -> r.project(pick)).toList();
  }
}
