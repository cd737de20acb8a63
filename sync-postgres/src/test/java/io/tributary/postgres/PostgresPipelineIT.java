package io.tributary.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.sync.ExtendedField;
import io.tributary.sync.PipelineStatus;
import io.tributary.sync.SyncMode;
import io.tributary.sync.SyncPipeline;
import io.tributary.sync.TableSelector;
import io.tributary.sync.VirtualTable;
import io.tributary.sync.event.Row;
import io.tributary.sync.memory.MemoryCheckpointStore;
import io.tributary.sync.memory.MemoryWarehouse;
import io.tributary.sync.memory.MemoryWriter;
import io.tributary.sync.spi.ChangeSource;
import io.tributary.sync.testing.GatedSnapshotSource;
import io.tributary.sync.testing.PipelineCrash;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL through the whole engine: two schemas' shards merged into one target with extended fields in the key,
 * full sync while writers insert, update and delete, a crash (no orderly stop) and a restart in the middle, then the
 * target must equal the source row for row.
 */
class PostgresPipelineIT {

  private static final List<String> SCHEMAS = List.of("east", "west");

  private String db;
  private final MemoryWarehouse warehouse = new MemoryWarehouse();
  private final MemoryCheckpointStore store = new MemoryCheckpointStore();

  @BeforeEach
  void createTables() {
    db = PgFixture.newDatabase("pipe");
    for (String schema : SCHEMAS) {
      PgFixture.execute(db, "CREATE SCHEMA " + schema,
          "CREATE TABLE " + schema + ".orders (id bigint PRIMARY KEY, qty int, note varchar(40),"
              + " price numeric(10,2))",
          "ALTER TABLE " + schema + ".orders REPLICA IDENTITY FULL",
          "INSERT INTO " + schema + ".orders SELECT g, g % 97, 'n' || g, (g % 1000) / 7.0"
              + " FROM generate_series(0, 399) g");
    }
  }

  @AfterEach
  void dropSlots() {
    PgFixture.dropSlots(db);
  }

  private SyncPipeline pipeline() {
    return pipeline(source());
  }

  private PostgresSource source() {
    return PgFixture.source(db, "pg").includeSchemas("east|west").slotName("pipe_it").build();
  }

  private SyncPipeline pipeline(ChangeSource source) {
    return SyncPipeline.builder().name("pg-merge").source(source).mode(SyncMode.MERGE)
        .virtualTable(VirtualTable.of("orders", TableSelector.of("east|west", "orders")))
        .extendedFields(ExtendedField.SCHEMA_NAME, ExtendedField.TABLE_NAME).extendedFieldsInPrimaryKey(true)
        .fullSync(true).snapshotChunkSize(60).snapshotParallelism(2).commitInterval(Duration.ofMillis(200))
        .writer(new MemoryWriter(warehouse)).checkpointStore(store).build();
  }

  @Test
  void mergeMode_fullSyncUnderWrites_withCrashAndRestart_targetEqualsSource() throws Exception {
    AtomicBoolean running = new AtomicBoolean(true);
    AtomicInteger commits = new AtomicInteger();
    List<Thread> writers = new ArrayList<>();
    for (int w = 0; w < 2; w++) {
      long seed = 1000 + w;
      Thread t = new Thread(() -> write(seed, running, commits), "pg-writer-" + w);
      writers.add(t);
      t.start();
    }
    // The first run's chunk reads from index 4 on wait at a gate never opened: the crash certainly comes in the
    // middle of the full sync, after a checkpoint that recorded finished chunks.
    GatedSnapshotSource gated = new GatedSnapshotSource(source(), 4);
    SyncPipeline first = pipeline(gated);
    first.start();
    await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(10))
        .until(() -> gated.held() > 0 && chunksDone(first) >= 4);
    long seen = first.status().lastCheckpointId();
    await().atMost(Duration.ofSeconds(60)).until(() -> first.status().lastCheckpointId() > seen);
    PipelineCrash.kill(first); // no final checkpoint, stream dropped mid-flight
    assertThat(commits.get()).as("writes during the first run").isPositive();
    try (SyncPipeline second = pipeline()) {
      second.start();
      // the writes go on through the whole resumed full sync, and past it
      await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(10))
          .until(() -> second.status().phase() == PipelineStatus.Phase.INCREMENTAL);
      int streamed = commits.get();
      await().atMost(Duration.ofSeconds(60)).until(() -> commits.get() >= streamed + 50);
      running.set(false);
      for (Thread t : writers) {
        t.join();
      }
      assertThat(second.awaitCaughtUp(Duration.ofSeconds(60))).as("caught up: %s", second.status()).isTrue();
      assertThat(warehouse.rows("orders")).containsExactlyInAnyOrderElementsOf(sourceRows());
      second.stop();
    }
    first.close();
  }

  private static int chunksDone(SyncPipeline p) {
    return p.status().tables().stream().mapToInt(PipelineStatus.TableStatus::chunksDone).sum();
  }

  private void write(long seed, AtomicBoolean running, AtomicInteger commits) {
    Random random = new Random(seed);
    try (Connection c = PgFixture.connect(db)) {
      c.setAutoCommit(true);
      while (running.get()) {
        String table = SCHEMAS.get(random.nextInt(2)) + ".orders";
        long key = random.nextInt(500);
        int op = random.nextInt(10);
        String sql = op < 4
            ? "INSERT INTO " + table + " VALUES (?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET qty = EXCLUDED.qty,"
                + " note = EXCLUDED.note, price = EXCLUDED.price"
            : op < 7 ? "DELETE FROM " + table + " WHERE id = ?" : "UPDATE " + table + " SET qty = ?, note = ? WHERE id = ?";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
          if (op < 4) {
            ps.setLong(1, key);
            ps.setInt(2, random.nextInt(1000));
            ps.setString(3, random.nextBoolean() ? null : "w" + random.nextInt(1000));
            ps.setBigDecimal(4, BigDecimal.valueOf(random.nextInt(100000), 2));
          } else if (op < 7) {
            ps.setLong(1, key);
          } else {
            ps.setInt(1, random.nextInt(1000));
            ps.setString(2, "u" + random.nextInt(1000));
            ps.setLong(3, key);
          }
          ps.executeUpdate();
          commits.incrementAndGet();
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private List<Row> sourceRows() throws SQLException {
    List<Row> rows = new ArrayList<>();
    try (Connection c = PgFixture.connect(db); Statement s = c.createStatement()) {
      for (String schema : SCHEMAS) {
        try (ResultSet rs = s.executeQuery("SELECT id, qty, note, price FROM " + schema + ".orders")) {
          while (rs.next()) {
            rows.add(Row.of(rs.getLong(1), rs.getObject(2) == null ? null : rs.getInt(2), rs.getString(3),
                rs.getBigDecimal(4), schema, "orders"));
          }
        }
      }
    }
    return rows;
  }
}
