package io.tributary.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.sync.SyncPipeline;
import io.tributary.sync.TableSelector;
import io.tributary.sync.VerifyReport;
import io.tributary.sync.event.Row;
import io.tributary.sync.event.TableId;
import io.tributary.sync.testing.Seeds;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.apache.paimon.catalog.Catalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Verify and repair on PostgreSQL to Paimon in mirror mode: a clean table verifies clean while writes go on; rows
 * deleted, altered and inserted in the Paimon table (pipeline stopped) are reported exactly by their chunks, and
 * repair restores the table row for row. The seed is printed ({@code -Dtributary.seed=N}).
 */
class VerifyPostgresToPaimonIT {

  private static final int ROWS = 1000;

  @RegisterExtension
  final PaimonTarget lake = new PaimonTarget();

  @RegisterExtension
  final PgDatabase pg = new PgDatabase();

  private SyncPipeline pipeline() {
    return lake.pipeline("pg-verify")
        .source(pg.source("public", "verify_paimon")).tables(TableSelector.of("public", "orders")).fullSync(true).snapshotChunkSize(120).build();
  }

  @Test
  void damagedPaimonRows_verifyFindsExactlyTheirChunks_repairRestores() throws Exception {
    long seed = Seeds.one();
    Random random = new Random(seed);
    pg.create("verify");
    pg.execute(Orders.postgresTable("public.orders"), Orders.postgresRows("public.orders", ROWS, 8.0));
    try (SyncPipeline p = pipeline()) {
      p.start();
      assertThat(p.awaitCaughtUp(Duration.ofSeconds(120))).as("seed %d", seed).isTrue();
      TableId orders = p.tables().iterator().next();
      try (RandomWrites.Background writes = RandomWrites.start("writes", () -> pg.connect(),
          List.of("public.orders"), RandomWrites.POSTGRES_UPSERT, seed)) {
        VerifyReport busy = p.verify(orders).get(120, TimeUnit.SECONDS);
        assertThat(busy.mismatches()).as("seed %d: %s", seed, busy).isEmpty();
        System.out.printf("seed %d: clean under writes, %d rows compared, %d keys unsettled%n", seed,
            busy.sourceRows(), busy.unsettledKeys());
      }
      assertThat(p.awaitCaughtUp(Duration.ofSeconds(60))).isTrue();
    }

    PaimonDamage damage;
    try (Connection c = pg.connect()) {
      damage = PaimonDamage.pick(random, Orders.ids(c, "public.orders"), 5000L);
    }
    try (Catalog catalog = lake.catalog()) {
      damage.apply(catalog, "orders", null);
    }

    try (SyncPipeline p = pipeline()) {
      p.start();
      assertThat(p.awaitCaughtUp(Duration.ofSeconds(120))).as("seed %d", seed).isTrue();
      TableId orders = p.tables().iterator().next();
      VerifyReport report = p.verify(orders).get(120, TimeUnit.SECONDS);
      PaimonDamage.assertExactly(report.mismatches(), damage.keys(), "seed " + seed);
      VerifyReport repaired = p.repair(orders).get(120, TimeUnit.SECONDS);
      assertThat(repaired.remaining()).as("seed %d: %s", seed, repaired).isEmpty();
      assertThat(p.awaitCaughtUp(Duration.ofSeconds(60))).isTrue();
      assertThat(lake.read("orders")).as("seed %d", seed).containsExactlyInAnyOrderElementsOf(sourceRows());
      assertThat(p.verify(orders).get(120, TimeUnit.SECONDS).mismatches()).isEmpty();
    }
  }

  private List<Row> sourceRows() throws SQLException {
    try (Connection c = pg.connect()) {
      return Orders.rows(c, "public.orders");
    }
  }
}
