package io.tributary.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.mysql.MySqlSource;
import io.tributary.mysql.MySqlTestServer;
import io.tributary.paimon.PaimonTableReader;
import io.tributary.paimon.PaimonWriter;
import io.tributary.postgres.PgFixture;
import io.tributary.sync.CheckpointStores;
import io.tributary.sync.ExtendedField;
import io.tributary.sync.LostLogPosition;
import io.tributary.sync.PipelineState;
import io.tributary.sync.SyncEvent;
import io.tributary.sync.SyncMode;
import io.tributary.sync.SyncPipeline;
import io.tributary.sync.TablePhase;
import io.tributary.sync.TableSelector;
import io.tributary.sync.VirtualTable;
import io.tributary.sync.event.Row;
import io.tributary.sync.testing.PipelineCrash;
import io.tributary.sync.testing.TestServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code onLostLogPosition}, to Paimon for real: the pipeline stops, the sources are written, the log position of
 * its checkpoint is destroyed (MariaDB: {@code FLUSH BINARY LOGS} + {@code PURGE BINARY LOGS TO}; PostgreSQL: the
 * slot invalidated by {@code max_slot_wal_keep_size}). The default fails with the fix and leaves the lake alone;
 * with RESYNC a start recovers with no manual step, even when killed in the middle of the recovery and started
 * again, while a reader sampling the Paimon tables never sees fewer rows than before the recovery; at the end the
 * Paimon tables equal the sources row by row.
 */
class LostLogPositionIT {

  private static final int ROWS = 6000;

  @TempDir
  Path dir;

  private final List<SyncEvent> events = new CopyOnWriteArrayList<>();

  // ------------------------------------------------------------------------------------------------ MariaDB

  private SyncPipeline mysqlPipeline(LostLogPosition policy) {
    TestServer s = MySqlTestServer.get();
    MySqlSource source = MySqlSource.builder().name("mysql").host(s.host()).port(s.port()).user(s.user())
        .password(s.password()).includeDatabases("lost_\\d").heartbeatInterval(Duration.ofMillis(200)).build();
    // Merge mode: each shard's re-sync replaces its own rows only (scoped by the extended field in the key).
    SyncPipeline.Builder b = SyncPipeline.builder().name("lost-mysql").source(source).mode(SyncMode.MERGE)
        .virtualTable(VirtualTable.of("orders", TableSelector.of("lost_\\d", "orders")))
        .extendedFields(ExtendedField.DATABASE_NAME).extendedFieldsInPrimaryKey(true);
    return common(b, policy);
  }

  @Test
  void mariaDb_purgedBinlog_failByDefault_resyncRecoversOnline_evenAfterACrashInTheRecovery() throws Exception {
    List<String> shards = List.of("lost_1", "lost_2");
    for (String db : shards) {
      MySqlTestServer.execute("DROP DATABASE IF EXISTS " + db, "CREATE DATABASE " + db,
          "CREATE TABLE " + db + ".orders (id BIGINT PRIMARY KEY, v INT, note VARCHAR(40))");
      mysqlInsert(db, 0, ROWS);
    }
    Scenario scenario = new Scenario() {
      @Override
      public SyncPipeline pipeline(LostLogPosition policy) {
        return mysqlPipeline(policy);
      }

      @Override
      public void writeAndLoseThePosition() throws Exception {
        String checkpointFile = binlogFiles().get(binlogFiles().size() - 1);
        for (String db : shards) {
          MySqlTestServer.execute("UPDATE " + db + ".orders SET v = -v WHERE id % 3 = 0",
              "DELETE FROM " + db + ".orders WHERE id % 10 = 1");
          mysqlInsert(db, ROWS, ROWS + ROWS / 5);
        }
        MySqlTestServer.execute("FLUSH BINARY LOGS");
        // The server keeps a file a (just closed) dump thread still reads: purge until the checkpoint's file is gone.
        await().atMost(30, TimeUnit.SECONDS).until(() -> {
          List<String> files = binlogFiles();
          MySqlTestServer.execute("PURGE BINARY LOGS TO '" + files.get(files.size() - 1) + "'");
          return !binlogFiles().contains(checkpointFile);
        });
      }

      @Override
      public void writeDuringRecovery() {
        MySqlTestServer.execute("INSERT INTO lost_1.orders VALUES (100000, 1, 'during'), (100001, 2, 'during')",
            "UPDATE lost_2.orders SET note = 'during' WHERE id = 3");
      }

      @Override
      public Map<String, List<Row>> sourceRows() throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (Connection c = MySqlTestServer.connect(); Statement s = c.createStatement()) {
          for (String db : shards) {
            try (ResultSet rs = s.executeQuery("SELECT id, v, note FROM " + db + ".orders")) {
              while (rs.next()) {
                rows.add(Row.of(rs.getLong(1), rs.getInt(2), rs.getString(3), db));
              }
            }
          }
        }
        return Map.of("orders", rows);
      }
    };
    run(scenario, "binlog");
  }

  private static void mysqlInsert(String db, int from, int to) {
    StringBuilder insert = new StringBuilder("INSERT INTO " + db + ".orders VALUES ");
    for (int i = from; i < to; i++) {
      insert.append(i == from ? "" : ",").append('(').append(i).append(',').append(i).append(",'n").append(i)
          .append("')");
    }
    MySqlTestServer.execute(insert.toString());
  }

  private static List<String> binlogFiles() throws SQLException {
    List<String> files = new ArrayList<>();
    try (Connection c = MySqlTestServer.connect(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SHOW BINARY LOGS")) {
      while (rs.next()) {
        files.add(rs.getString(1));
      }
    }
    return files;
  }

  // ------------------------------------------------------------------------------------------------ PostgreSQL

  @Test
  void postgres_invalidatedSlot_failByDefault_resyncRecoversOnline_evenAfterACrashInTheRecovery() throws Exception {
    String db = PgFixture.newDatabase("lost");
    List<String> tables = List.of("a", "b");
    for (String t : tables) {
      PgFixture.execute(db, "CREATE TABLE public." + t + " (id bigint PRIMARY KEY, v int, note varchar(40))",
          "ALTER TABLE public." + t + " REPLICA IDENTITY FULL",
          "INSERT INTO public." + t + " SELECT g, g, 'n' || g FROM generate_series(0, " + (ROWS - 1) + ") g");
    }
    Scenario scenario = new Scenario() {
      @Override
      public SyncPipeline pipeline(LostLogPosition policy) {
        SyncPipeline.Builder b = SyncPipeline.builder().name("lost-pg")
            .source(PgFixture.source(db, "pg").slotName("lost_slot").build());
        return common(b, policy);
      }

      @Override
      public void writeAndLoseThePosition() {
        for (String t : tables) {
          PgFixture.execute(db, "UPDATE public." + t + " SET v = -v WHERE id % 3 = 0",
              "DELETE FROM public." + t + " WHERE id % 10 = 1",
              "INSERT INTO public." + t + " SELECT g, g, 'n' || g FROM generate_series(" + ROWS + ", "
                  + (ROWS + ROWS / 5 - 1) + ") g");
        }
        try {
          PgFixture.execute("postgres", "ALTER SYSTEM SET max_slot_wal_keep_size = '1MB'", "SELECT pg_reload_conf()");
          await().atMost(60, TimeUnit.SECONDS).until(() -> {
            PgFixture.execute(db, "CREATE TABLE IF NOT EXISTS public.filler (id bigint PRIMARY KEY)",
                "INSERT INTO public.filler SELECT g FROM generate_series(1, 5000) g ON CONFLICT DO NOTHING",
                "SELECT pg_switch_wal()");
            PgFixture.execute("postgres", "CHECKPOINT");
            return "lost".equals(walStatus(db));
          });
        } finally {
          PgFixture.execute("postgres", "ALTER SYSTEM RESET max_slot_wal_keep_size", "SELECT pg_reload_conf()");
        }
      }

      @Override
      public void writeDuringRecovery() {
        PgFixture.execute(db, "INSERT INTO public.a VALUES (100000, 1, 'during')",
            "UPDATE public.b SET note = 'during' WHERE id = 3");
      }

      @Override
      public Map<String, List<Row>> sourceRows() throws SQLException {
        Map<String, List<Row>> out = new java.util.HashMap<>();
        try (Connection c = PgFixture.connect(db); Statement s = c.createStatement()) {
          for (String t : tables) {
            List<Row> rows = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT id, v, note FROM public." + t)) {
              while (rs.next()) {
                rows.add(Row.of(rs.getLong(1), rs.getInt(2), rs.getString(3)));
              }
            }
            out.put(t, rows);
          }
        }
        return out;
      }
    };
    try {
      run(scenario, "slot");
    } finally {
      PgFixture.dropSlots(db);
    }
  }

  private static String walStatus(String db) throws SQLException {
    try (Connection c = PgFixture.connect(db); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT wal_status FROM pg_replication_slots WHERE slot_name = 'lost_slot'")) {
      return rs.next() ? rs.getString(1) : null;
    }
  }

  // ------------------------------------------------------------------------------------------------ shared

  interface Scenario {
    SyncPipeline pipeline(LostLogPosition policy);

    void writeAndLoseThePosition() throws Exception;

    void writeDuringRecovery();

    Map<String, List<Row>> sourceRows() throws SQLException;
  }

  private SyncPipeline common(SyncPipeline.Builder b, LostLogPosition policy) {
    b.fullSync(true).snapshotChunkSize(500).snapshotParallelism(1).commitInterval(Duration.ofMillis(300))
        .writer(PaimonWriter.builder().warehouse(dir.resolve("warehouse")).database("lake").buckets(2).build())
        .checkpointStore(CheckpointStores.file(dir.resolve("checkpoints"))).listener(events::add);
    return (policy == null ? b : b.onLostLogPosition(policy)).build();
  }

  private void run(Scenario scenario, String lostWhat) throws Exception {
    try (SyncPipeline first = scenario.pipeline(LostLogPosition.RESYNC)) {
      first.start();
      assertThat(first.awaitCaughtUp(Duration.ofSeconds(90))).as("%s", first.status()).isTrue();
    }
    Map<String, List<Row>> synced = lakeRows(scenario.sourceRows().keySet());
    assertThat(synced).isEqualTo(sorted(scenario.sourceRows()));
    scenario.writeAndLoseThePosition();

    // The default: fail with the fix, write nothing.
    try (SyncPipeline failing = scenario.pipeline(null)) {
      failing.start();
      await().atMost(60, TimeUnit.SECONDS).until(() -> failing.status().state() == PipelineState.FAILED);
      assertThat(failing.status().failure()).containsIgnoringCase("re-sync");
      assertThat(failing.status().failovers()).isZero();
    }
    assertThat(lakeRows(synced.keySet())).isEqualTo(synced);

    // RESYNC, killed in the middle of the recovery, then started again; the lake is sampled all the while.
    Map<String, Integer> fewest = new ConcurrentHashMap<>();
    AtomicBoolean sampling = new AtomicBoolean(true);
    AtomicInteger samples = new AtomicInteger();
    Thread sampler = new Thread(() -> {
      while (sampling.get()) {
        try {
          lakeRows(synced.keySet()).forEach((t, rows) -> fewest.merge(t, rows.size(), Math::min));
          samples.incrementAndGet();
        } catch (Exception e) {
          // a read racing snapshot expiry; not a row count
        }
      }
    }, "lake-sampler");
    sampler.start();
    try {
      events.clear();
      SyncPipeline crashed = scenario.pipeline(LostLogPosition.RESYNC);
      crashed.start();
      await().atMost(60, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(5)).until(() -> events.stream()
          .anyMatch(SyncEvent.LogPositionLost.class::isInstance));
      // The event is emitted before the run publishes its first status: wait for the status that shows the re-sync.
      var atKill = await().atMost(60, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(5))
          .until(crashed::status, s -> !s.tables().isEmpty());
      PipelineCrash.kill(crashed);
      crashed.close();
      assertThat(atKill.tables()).as("killed while a table was still re-syncing: %s", atKill)
          .anyMatch(t -> t.phase() == TablePhase.RESYNCING);
      SyncEvent.LogPositionLost lost = events.stream().filter(SyncEvent.LogPositionLost.class::isInstance)
          .map(SyncEvent.LogPositionLost.class::cast).findFirst().orElseThrow();
      assertThat(lost.summary()).contains("lost the log position of source");
      assertThat(lost.cause()).containsIgnoringCase(lostWhat);
      assertThat(lost.lostFrom()).isNotEqualTo(lost.restartedAt());

      try (SyncPipeline second = scenario.pipeline(LostLogPosition.RESYNC)) {
        second.start();
        scenario.writeDuringRecovery();
        assertThat(second.awaitCaughtUp(Duration.ofSeconds(120))).as("%s", second.status()).isTrue();
        assertThat(second.status().tables()).allSatisfy(t -> assertThat(t.phase()).isEqualTo(TablePhase.STREAMING));
      }
    } finally {
      sampling.set(false);
      sampler.join();
    }
    assertThat(lakeRows(synced.keySet())).isEqualTo(sorted(scenario.sourceRows()));
    assertThat(samples.get()).as("lake samples").isPositive();
    synced.forEach((t, rows) -> assertThat(fewest.get(t)).as("fewest rows of %s seen during the recovery", t)
        .isGreaterThanOrEqualTo(rows.size()));
  }

  private Map<String, List<Row>> lakeRows(java.util.Set<String> tables) throws Exception {
    Map<String, List<Row>> out = new java.util.HashMap<>();
    try (PaimonTableReader lake = PaimonTableReader.open(dir.resolve("warehouse"), "lake")) {
      for (String t : tables) {
        out.put(t, sort(lake.read(t)));
      }
    }
    return out;
  }

  private static Map<String, List<Row>> sorted(Map<String, List<Row>> rows) {
    Map<String, List<Row>> out = new java.util.HashMap<>();
    rows.forEach((t, r) -> out.put(t, sort(r)));
    return out;
  }

  private static List<Row> sort(List<Row> rows) {
    Function<Row, String> key = r -> r.toString();
    return rows.stream().sorted(java.util.Comparator.comparing(key)).toList();
  }
}
