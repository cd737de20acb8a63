package io.tributary.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The writer parallelism cannot change across a restore (each writer subtask k writes as {@code <name>-w<k>}: its
 * commit user, staging and pending commit): a job stopped with a savepoint at two writer subtasks and resumed at one
 * fails with a typed error naming the parallelism to restore with, and resumed at two it goes on, the target equal
 * to the source.
 */
class FlinkRescaleIT {

  private static final Duration WAIT = Duration.ofSeconds(120);

  @RegisterExtension
  static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
      .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

  @TempDir
  Path dir;

  @BeforeEach
  void resetFaults() {
    Faults.reset();
  }

  @Test
  void writerParallelismChangedAcrossARestore_failsNamingTheFix_sameParallelismResumes() throws Exception {
    long seed = Long.getLong("tributary.seed", System.nanoTime());
    System.out.println("FlinkRescaleIT seed=" + seed + " (re-run with -Dtributary.seed=" + seed + ")");
    String db = "flink_rescale";
    FlinkFullSyncIT.createTables(db);
    String warehouse = dir.resolve("warehouse").toString();
    StreamExecutionEnvironment env = FlinkFullSyncIT.environment(null);
    TributaryFlink.job(FlinkFullSyncIT.definition(db, warehouse, seed)).writerParallelism(2).build(env);
    JobClient first = env.executeAsync("flink-rescale-1");
    String savepoint;
    try {
      await().atMost(WAIT).until(() -> FlinkFullSyncIT.lakeTables(warehouse).containsAll(List.of("items", "orders")));
      FlinkFullSyncIT.concurrentWrites(db, new Random(seed), 100);
      FlinkFullSyncIT.awaitEqual(first, db, warehouse);
      FlinkFullSyncIT.concurrentWrites(db, new Random(seed + 1), 100); // some of it pending at the savepoint
      savepoint = first.stopWithSavepoint(false, dir.resolve("savepoints").toUri().toString(),
          SavepointFormatType.CANONICAL).get();
    } catch (Exception e) {
      first.cancel();
      throw e;
    }

    StreamExecutionEnvironment rescaled = FlinkFullSyncIT.environment(savepoint);
    TributaryFlink.job(FlinkFullSyncIT.definition(db, warehouse, seed)).writerParallelism(1).build(rescaled);
    JobClient second = rescaled.executeAsync("flink-rescale-2");
    Throwable failure = null;
    try {
      second.getJobExecutionResult().get(WAIT.toSeconds(), TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      failure = e;
    }
    assertThat(failure).as("a restore at another writer parallelism fails").isNotNull();
    io.tributary.sync.SyncException typed = null;
    StringBuilder causes = new StringBuilder();
    for (Throwable t = failure; t != null; t = t.getCause()) {
      causes.append(t).append('\n');
      if (t instanceof io.tributary.sync.SyncException s) {
        typed = s;
      }
    }
    assertThat(typed).as("a typed error among the causes: %s", causes).isNotNull();
    assertThat(typed.code()).isEqualTo(io.tributary.sync.ErrorCode.RUNNER_UNSUPPORTED);
    assertThat(typed.getMessage()).contains("from 2 to 1").contains("restore with writerParallelism(2)");

    FlinkFullSyncIT.concurrentWrites(db, new Random(seed + 2), 100);
    StreamExecutionEnvironment same = FlinkFullSyncIT.environment(savepoint);
    TributaryFlink.job(FlinkFullSyncIT.definition(db, warehouse, seed)).writerParallelism(2).build(same);
    JobClient third = same.executeAsync("flink-rescale-3");
    try {
      FlinkFullSyncIT.awaitEqual(third, db, warehouse);
    } finally {
      third.cancel().get();
    }
  }
}
