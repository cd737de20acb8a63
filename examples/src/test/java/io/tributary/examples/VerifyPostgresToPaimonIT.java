package io.tributary.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.paimon.PaimonTableReader;
import io.tributary.paimon.PaimonWriter;
import io.tributary.postgres.PgFixture;
import io.tributary.sync.CheckpointStores;
import io.tributary.sync.testing.Seeds;
import io.tributary.sync.SyncPipeline;
import io.tributary.sync.TableSelector;
import io.tributary.sync.VerifyReport;
import io.tributary.sync.event.Row;
import io.tributary.sync.event.TableId;
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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.paimon.catalog.Catalog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Verify and repair on PostgreSQL to Paimon in mirror mode: a clean table verifies clean while writes go on; rows
 * deleted, altered and inserted in the Paimon table (pipeline stopped) are reported exactly by their chunks, and
 * repair restores the table row for row. The seed is printed ({@code -Dtributary.seed=N}).
 */
class VerifyPostgresToPaimonIT {

  private static final int ROWS = 1000;

  @TempDir
  Path dir;

  private String db;

  @AfterEach
  void dropSlots() {
    if (db != null) {
      PgFixture.dropSlots(db);
    }
  }

  private SyncPipeline pipeline() {
    return SyncPipeline.builder().name("pg-verify")
        .source(PgFixture.source(db, "pg").includeSchemas("public").slotName("verify_paimon").build())
        .tables(TableSelector.of("public", "orders")).fullSync(true).snapshotChunkSize(120)
        .commitInterval(Duration.ofMillis(300))
        .writer(PaimonWriter.builder().warehouse(dir.resolve("warehouse")).database("lake").buckets(2).build())
        .checkpointStore(CheckpointStores.file(dir.resolve("checkpoints"))).build();
  }

  @Test
  void damagedPaimonRows_verifyFindsExactlyTheirChunks_repairRestores() throws Exception {
    long seed = Seeds.one();
    Random random = new Random(seed);
    db = PgFixture.newDatabase("verify");
    PgFixture.execute(db,
        "CREATE TABLE public.orders (id bigint PRIMARY KEY, qty int, note varchar(40), price numeric(10,2),"
            + " at timestamp(3))",
        "INSERT INTO public.orders SELECT g, g % 97, 'n' || g, (g % 1000) / 8.0,"
            + " timestamp '2024-01-01 00:00:00.123' + g * interval '1 second' FROM generate_series(0, " + (ROWS - 1)
            + ") g");
    try (SyncPipeline p = pipeline()) {
      p.start();
      assertThat(p.awaitCaughtUp(Duration.ofSeconds(120))).as("seed %d", seed).isTrue();
      TableId orders = p.tables().iterator().next();
      AtomicBoolean running = new AtomicBoolean(true);
      Thread writes = new Thread(() -> write(seed, running), "writes");
      writes.start();
      try {
        VerifyReport busy = p.verify(orders).get(120, TimeUnit.SECONDS);
        assertThat(busy.mismatches()).as("seed %d: %s", seed, busy).isEmpty();
        System.out.printf("seed %d: clean under writes, %d rows compared, %d keys unsettled%n", seed,
            busy.sourceRows(), busy.unsettledKeys());
      } finally {
        running.set(false);
        writes.join();
      }
      assertThat(p.awaitCaughtUp(Duration.ofSeconds(60))).isTrue();
    }

    List<Long> live = ids();
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
    long stray = 5000L + random.nextInt(1000);
    damaged.add(stray);
    try (Catalog catalog = PaimonTamper.catalog(dir.resolve("warehouse"))) {
      PaimonTamper.tamper(catalog, "orders", null, deletes, alters, stray);
    }

    try (SyncPipeline p = pipeline()) {
      p.start();
      assertThat(p.awaitCaughtUp(Duration.ofSeconds(120))).as("seed %d", seed).isTrue();
      TableId orders = p.tables().iterator().next();
      VerifyReport report = p.verify(orders).get(120, TimeUnit.SECONDS);
      VerifyToPaimonIT.assertExactly(report.mismatches(), damaged, "seed " + seed);
      VerifyReport repaired = p.repair(orders).get(120, TimeUnit.SECONDS);
      assertThat(repaired.remaining()).as("seed %d: %s", seed, repaired).isEmpty();
      assertThat(p.awaitCaughtUp(Duration.ofSeconds(60))).isTrue();
      try (PaimonTableReader lake = PaimonTableReader.open(dir.resolve("warehouse"), "lake")) {
        assertThat(lake.read("orders")).as("seed %d", seed).containsExactlyInAnyOrderElementsOf(sourceRows());
      }
      assertThat(p.verify(orders).get(120, TimeUnit.SECONDS).mismatches()).isEmpty();
    }
  }

  private void write(long seed, AtomicBoolean running) {
    try (Connection c = PgFixture.connect(db)) {
      RandomWrites.run(c, List.of("public.orders"), RandomWrites.POSTGRES_UPSERT, seed, running);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private List<Long> ids() throws SQLException {
    List<Long> ids = new ArrayList<>();
    try (Connection c = PgFixture.connect(db); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT id FROM public.orders ORDER BY id")) {
      while (rs.next()) {
        ids.add(rs.getLong(1));
      }
    }
    return ids;
  }

  private List<Row> sourceRows() throws SQLException {
    List<Row> rows = new ArrayList<>();
    try (Connection c = PgFixture.connect(db); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT id, qty, note, price, at FROM public.orders")) {
      while (rs.next()) {
        rows.add(Row.of(rs.getLong(1), rs.getObject(2) == null ? null : rs.getInt(2), rs.getString(3),
            rs.getBigDecimal(4), rs.getTimestamp(5) == null ? null : rs.getTimestamp(5).toLocalDateTime()));
      }
    }
    return rows;
  }
}
