package io.tributary.flink;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.flink.core.execution.JobClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The writer parallelism cannot change across a restore (each writer subtask k writes as {@code <name>-w<k>}: its
 * commit user, staging and pending commit): a job stopped with a savepoint at two writer subtasks and resumed at one
 * fails with a typed error naming the parallelism to restore with, and resumed at two it goes on, the target equal
 * to the source.
 */
class FlinkRescaleIT {

  @RegisterExtension
  static final FlinkIt IT = new FlinkIt();

  @Test
  void writerParallelismChangedAcrossARestore_failsNamingTheFix_sameParallelismResumes() throws Exception {
    long seed = Long.getLong("tributary.seed", System.nanoTime());
    System.out.println("FlinkRescaleIT seed=" + seed + " (re-run with -Dtributary.seed=" + seed + ")");
    String db = "flink_rescale";
    Shop.createMariaDb(db);
    String warehouse = IT.warehouse();
    JobClient first = IT.start(TributaryFlink.job(Shop.mariaDb(db, warehouse, seed)).writerParallelism(2),
        "flink-rescale-1");
    FlinkIt.awaitTables(warehouse, "items", "orders");
    Shop.mariaDbWrites(db, new Random(seed), 100);
    FlinkIt.awaitEqual(first, warehouse, MariaDb.of(db), "items", "orders");
    Shop.mariaDbWrites(db, new Random(seed + 1), 100); // some of it pending at the savepoint
    String savepoint = IT.stopWithSavepoint(first);

    JobClient second = IT.start(TributaryFlink.job(Shop.mariaDb(db, warehouse, seed)).writerParallelism(1),
        "flink-rescale-2", savepoint);
    Throwable failure = null;
    try {
      second.getJobExecutionResult().get(FlinkIt.WAIT.toSeconds(), TimeUnit.SECONDS);
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

    Shop.mariaDbWrites(db, new Random(seed + 2), 100);
    JobClient third = IT.start(TributaryFlink.job(Shop.mariaDb(db, warehouse, seed)).writerParallelism(2),
        "flink-rescale-3", savepoint);
    FlinkIt.awaitEqual(third, warehouse, MariaDb.of(db), "items", "orders");
  }
}
