package io.tributary.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.mysql.MariaDbPair;
import io.tributary.mysql.MySqlSource;
import io.tributary.paimon.PaimonTableReader;
import io.tributary.paimon.PaimonWriter;
import io.tributary.sync.CheckpointStores;
import io.tributary.sync.ErrorCode;
import io.tributary.sync.PipelineState;
import io.tributary.sync.SyncEvent;
import io.tributary.sync.SyncPipeline;
import io.tributary.sync.TablePhase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A failover to Paimon for real, on two embedded MariaDB servers in GTID replication: a pipeline syncs the primary
 * and stops; the primary takes more writes and dies; the replica is promoted and written; the same pipeline (name
 * and checkpoint store) with its source pointed at the replica resumes by GTID, without a re-sync, and the lake
 * equals the replica row by row: nothing lost, nothing twice. Before that, pointed at the replica while it lags,
 * the pipeline refuses with SERVER_CHANGED naming both servers and leaves the lake alone.
 */
class FailoverToReplicaIT {

  private static final String DB = "shop";

  @TempDir
  Path dir;

  private final List<SyncEvent> events = new CopyOnWriteArrayList<>();

  private SyncPipeline pipeline(MariaDbPair.Node server) {
    MySqlSource source = MySqlSource.builder().name("mysql").host(server.host()).port(server.port())
        .user(server.user()).password(server.password()).includeDatabases(DB)
        .heartbeatInterval(Duration.ofMillis(200)).build();
    return SyncPipeline.builder().name("failover").source(source).fullSync(true).snapshotChunkSize(500)
        .snapshotParallelism(1).commitInterval(Duration.ofMillis(300))
        .writer(PaimonWriter.builder().warehouse(dir.resolve("warehouse")).database("lake").buckets(2).build())
        .checkpointStore(CheckpointStores.file(dir.resolve("checkpoints"))).listener(events::add).build();
  }

  @Test
  void promotedReplica_resumesByGtid_convergesWithNoLossAndNoDuplicates() throws Exception {
    try (MariaDbPair pair = MariaDbPair.start()) {
      MariaDbPair.Node primary = pair.primary();
      MariaDbPair.Node replica = pair.replica();
      // The replica's own transaction (another GTID domain) shifts its binlog offsets away from the primary's.
      replica.execute("SET gtid_domain_id = 1", "CREATE DATABASE replica_local",
          "CREATE TABLE replica_local.x (id INT PRIMARY KEY, note VARCHAR(100))",
          "INSERT INTO replica_local.x VALUES (1, REPEAT('x', 100))");
      primary.execute("CREATE DATABASE " + DB,
          "CREATE TABLE " + DB + ".orders (id BIGINT PRIMARY KEY, v INT, note VARCHAR(40))");
      insert(primary, 0, 2000);
      pair.awaitReplicaCaughtUp();
      replica.execute("STOP SLAVE SQL_THREAD"); // lags from here until it is started again below

      try (SyncPipeline first = pipeline(primary)) {
        first.start();
        assertThat(first.awaitCaughtUp(Duration.ofSeconds(90))).as("%s", first.status()).isTrue();
        primary.execute("UPDATE " + DB + ".orders SET v = -v WHERE id % 3 = 0",
            "DELETE FROM " + DB + ".orders WHERE id % 10 = 1");
        // A transaction of several rows events: checkpoints can fall inside it.
        primary.execute("BEGIN", "INSERT INTO " + DB + ".orders VALUES (5000, 1, 'tx')",
            "UPDATE " + DB + ".orders SET note = 'tx' WHERE id < 100", "DELETE FROM " + DB + ".orders WHERE id = 2",
            "COMMIT");
        insert(primary, 2000, 2300);
        assertThat(first.awaitCaughtUp(Duration.ofSeconds(90))).as("%s", first.status()).isTrue();
      }
      List<String> synced = lake();
      assertThat(synced).isEqualTo(rows(primary));

      // Pointed at the lagging replica: refused, naming both servers; the lake is left alone.
      try (SyncPipeline early = pipeline(replica)) {
        early.start();
        await().atMost(60, TimeUnit.SECONDS).until(() -> early.status().state() == PipelineState.FAILED);
        assertThat(early.status().failureCode()).as("%s", early.status()).isEqualTo(ErrorCode.SERVER_CHANGED);
        assertThat(early.status().failure()).contains("server_id=1 (at 127.0.0.1:" + primary.port() + ")")
            .contains("server_id=2 (at 127.0.0.1:" + replica.port() + ")").contains("has not executed");
        assertThat(early.status().failovers()).isZero();
      }
      assertThat(lake()).isEqualTo(synced);

      // Written after the pipeline stopped, replicated, then the primary dies and the replica is promoted.
      replica.execute("START SLAVE SQL_THREAD");
      primary.execute("UPDATE " + DB + ".orders SET note = 'late' WHERE id % 7 = 0",
          "DELETE FROM " + DB + ".orders WHERE id % 11 = 0");
      insert(primary, 2300, 2400);
      pair.awaitReplicaCaughtUp();
      primary.stop();
      pair.promoteReplica();
      replica.execute("UPDATE " + DB + ".orders SET v = v + 1000 WHERE id % 5 = 0",
          "DELETE FROM " + DB + ".orders WHERE id % 13 = 0");
      insert(replica, 2400, 2500);

      events.clear();
      try (SyncPipeline second = pipeline(replica)) {
        second.start();
        await().atMost(90, TimeUnit.SECONDS).until(() -> lake().equals(rows(replica)));
        replica.execute("INSERT INTO " + DB + ".orders VALUES (9000, 9, 'after failover')");
        assertThat(second.awaitCaughtUp(Duration.ofSeconds(90))).as("%s", second.status()).isTrue();
        assertThat(second.status().state()).isEqualTo(PipelineState.RUNNING);
        assertThat(second.status().tables()).allSatisfy(t -> assertThat(t.phase()).isEqualTo(TablePhase.STREAMING));
      }
      assertThat(lake()).isEqualTo(rows(replica)).hasSize(rows(replica).size());
      assertThat(events).as("resumed from the log, no re-sync").noneMatch(e -> e instanceof SyncEvent.TablePhaseChanged c
          && c.to().staging()).noneMatch(SyncEvent.LogPositionLost.class::isInstance);
    }
  }

  private static void insert(MariaDbPair.Node server, int from, int to) {
    StringBuilder sql = new StringBuilder("INSERT INTO " + DB + ".orders VALUES ");
    for (int i = from; i < to; i++) {
      sql.append(i == from ? "" : ",").append('(').append(i).append(',').append(i).append(",'n").append(i).append("')");
    }
    server.execute(sql.toString());
  }

  /** The source's rows, each as {@code id|v|note}, sorted. */
  private static List<String> rows(MariaDbPair.Node server) {
    return server.rows("SELECT id, v, note FROM " + DB + ".orders").stream().map(r -> String.join("|", r))
        .sorted().toList();
  }

  /** The lake's rows in the same form. */
  private List<String> lake() throws Exception {
    try (PaimonTableReader lake = PaimonTableReader.open(dir.resolve("warehouse"), "lake")) {
      return lake.read("orders").stream().map(r -> r.get(0) + "|" + r.get(1) + "|" + r.get(2)).sorted(
          Comparator.naturalOrder()).toList();
    }
  }
}
