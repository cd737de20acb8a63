package io.tributary.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.postgres.PgFixture;
import io.tributary.sync.event.Row;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.checkpoint.CheckpointStatsCounts;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.testutils.InternalMiniClusterExtension;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.util.TestStreamEnvironment;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A whole TaskManager lost, twice: the job runs on a MiniCluster of two TaskManagers with one slot each
 * (parallelism 2: each TaskManager hosts a reader and a writer subtask, one of them the decider too). One
 * TaskManager is terminated in the middle of the snapshot (readers inside chunks, half the chunks done, the source
 * changing), a fresh one is started, and the job restores from its last checkpoint; once streaming, another is
 * terminated right after a burst of changes. The source (embedded MariaDB, then embedded PostgreSQL, whose log
 * split reopens the replication slot at the restored position) is then compared with Paimon row by row and by
 * count: 0 rows lost, 0 doubled, none different. {@link MiniCluster#terminateTaskManager} closes the TaskManager
 * (its tasks are cancelled, their connections closed): a crashed process, whose connections linger until the
 * server times them out, is not simulated.
 */
class FlinkTaskManagerLossIT {

  /** Per test (an instance field): this extension starts its cluster in every before-callback it gets. */
  @RegisterExtension
  final InternalMiniClusterExtension flink = new InternalMiniClusterExtension(
      new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(2).setNumberSlotsPerTaskManager(1).build());

  @TempDir
  Path dir;

  @BeforeEach
  void flinkAsContext() {
    Faults.reset();
    TestStreamEnvironment.setAsContext(flink.getMiniCluster(), 2);
  }

  @AfterEach
  void unsetContext() {
    TestStreamEnvironment.unsetAsContext();
  }

  /** What the test needs of a source database: the pipeline, a workload, and the source's rows. */
  private interface Database {
    Definition definition(String warehouse, long seed);

    void writes(Random random, int statements) throws SQLException;

    FlinkIt.SourceRows rows();
  }

  @Test
  void mariaDb_taskManagerLostMidSnapshotAndWhileStreaming_noRowLostOrDoubled() throws Exception {
    String db = "flink_tm_loss";
    Shop.createMariaDb(db);
    loseTaskManagers("mariadb", new Database() {
      @Override
      public Definition definition(String warehouse, long seed) {
        return Shop.mariaDb(db, warehouse, seed);
      }

      @Override
      public void writes(Random random, int statements) throws SQLException {
        Shop.mariaDbWrites(db, random, statements);
      }

      @Override
      public FlinkIt.SourceRows rows() {
        return MariaDb.of(db);
      }
    });
  }

  @Test
  void postgres_taskManagerLostMidSnapshotAndWhileStreaming_noRowLostOrDoubled() throws Exception {
    String db = PgFixture.newDatabase("flink_tm_loss");
    Shop.createPg(db);
    try {
      loseTaskManagers("postgres", new Database() {
        @Override
        public Definition definition(String warehouse, long seed) {
          return Shop.pg(db, warehouse, seed, "flink_tm_loss");
        }

        @Override
        public void writes(Random random, int statements) throws SQLException {
          Shop.pgWrites(db, random, statements);
        }

        @Override
        public FlinkIt.SourceRows rows() {
          return Pg.of(db, "shop");
        }
      });
    } finally {
      PgFixture.dropSlots(db);
    }
    assertThat(Pg.slots(db)).as("slots left after the drop").isZero();
  }

  private void loseTaskManagers(String name, Database db) throws Exception {
    long seed = Long.getLong("tributary.seed", System.nanoTime());
    System.out.println("FlinkTaskManagerLossIT." + name + " seed=" + seed + " (re-run with -Dtributary.seed=" + seed
        + ")");
    Random random = new Random(seed);
    String warehouse = dir.resolve("warehouse").toString();
    MiniCluster cluster = flink.getMiniCluster();
    // Chunk reads from a seeded index on wait: the snapshot stays half done until the TaskManager is gone.
    Faults.HOLD_CHUNKS_FROM.set(3 + random.nextInt(6));
    StreamExecutionEnvironment env = FlinkIt.environment(null);
    TributaryFlink.job(db.definition(warehouse, seed)).build(env);
    JobClient job = env.executeAsync("flink-tm-loss-" + name);
    try {
      await().atMost(Duration.ofSeconds(60)).until(() -> Faults.HELD.get() >= 2); // both readers inside a chunk
      db.writes(random, 100);
      // A checkpoint taken while both readers hold a chunk in flight (in their state) completes first.
      long completed = counts(cluster, job).getNumberOfCompletedCheckpoints();
      await().atMost(Duration.ofSeconds(30)).until(() -> counts(cluster, job).getNumberOfCompletedCheckpoints()
          >= completed + 2);
      Faults.HOLD_CHUNKS_FROM.set(-1);
      loseTaskManager(cluster, job, 0, 1);
      Faults.gate.countDown(); // the lost TaskManager's chunk threads were interrupted; nothing waits on it now
      db.writes(random, 100);
      awaitEqualWithCounts(job, db.rows(), warehouse);

      db.writes(random, 100 + random.nextInt(200));
      loseTaskManager(cluster, job, 1, 2); // right after the burst: some of it not yet committed
      db.writes(random, 100);
      awaitEqualWithCounts(job, db.rows(), warehouse);
    } finally {
      FlinkIt.cancel(job);
    }
  }

  /** Terminates TaskManager {@code index}, starts a fresh one and waits for the job to restore a checkpoint. */
  static void loseTaskManager(MiniCluster cluster, JobClient job, int index, long restores) throws Exception {
    cluster.terminateTaskManager(index).get();
    cluster.startTaskManager();
    await().atMost(Duration.ofSeconds(60)).until(() -> counts(cluster, job).getNumberOfRestoredCheckpoints()
        >= restores && job.getJobStatus().get() == JobStatus.RUNNING);
  }

  static CheckpointStatsCounts counts(MiniCluster cluster, JobClient job) throws Exception {
    return cluster.getExecutionGraph(job.getJobID()).get().getCheckpointStatsSnapshot().getCounts();
  }

  /** Row for row, and by count: a primary-key table cannot show a duplicate row, so its count is checked too. */
  static void awaitEqualWithCounts(JobClient job, FlinkIt.SourceRows source, String warehouse) {
    await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
      assertThat(job.getJobStatus().get()).isEqualTo(JobStatus.RUNNING);
      for (String table : List.of("items", "orders")) {
        List<Row> lake = FlinkIt.lake(warehouse, table);
        List<Row> rows = source.rows(table);
        assertThat(lake).as("%s: distinct rows", table).doesNotHaveDuplicates();
        assertThat(lake).as("%s: count", table).hasSameSizeAs(rows);
        assertThat(lake).as("%s: row by row", table).isEqualTo(rows);
      }
    });
  }
}
