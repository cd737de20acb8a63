package io.tributary.benchmarks.e2e;

import io.tributary.flink.Definition;
import io.tributary.flink.TributaryFlink;
import java.util.concurrent.CompletableFuture;
import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.runtime.jobgraph.JobGraph;
import org.apache.flink.runtime.jobmaster.JobResult;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * One Flink MiniCluster in this JVM (one TaskManager, two slots), started once and shared by every job of the
 * benchmark, so a job's figure is submission to result, not a cluster's start-up. Every operator of a job shares a
 * slot (Flink's default slot sharing), so a job at parallelism 2 fits in the two slots.
 */
final class FlinkCluster implements AutoCloseable {

  private final MiniCluster cluster;

  FlinkCluster(int slots) throws Exception {
    Configuration conf = new Configuration();
    conf.set(org.apache.flink.configuration.RestOptions.BIND_PORT, "0"); // any free port: 8081 may be taken
    cluster = new MiniCluster(new MiniClusterConfiguration.Builder().setConfiguration(conf)
        .setNumTaskManagers(1).setNumSlotsPerTaskManager(slots).build());
    cluster.start();
  }

  /**
   * The job graph of {@code definition} at {@code parallelism} (readers and writers; the decider is always 1),
   * checkpointing every {@code checkpointMillis} (each checkpoint is a commit), no restarts (a failure ends the run).
   */
  static JobGraph job(Definition definition, int parallelism, long checkpointMillis) {
    Configuration conf = new Configuration();
    conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
    StreamExecutionEnvironment env = new StreamExecutionEnvironment(conf);
    env.setParallelism(parallelism);
    env.enableCheckpointing(checkpointMillis);
    TributaryFlink.job(definition).readerParallelism(parallelism).writerParallelism(parallelism).build(env);
    return env.getStreamGraph().getJobGraph();
  }

  JobID submit(JobGraph job) throws Exception {
    return cluster.submitJob(job).get().getJobID();
  }

  /** Completes when the job ends (for a streaming job: fails or is cancelled). */
  CompletableFuture<JobResult> result(JobID job) {
    return cluster.requestJobResult(job);
  }

  /** Cancels the job and waits until it is gone (its sources and writers closed). */
  void cancel(JobID job) throws Exception {
    cluster.cancelJob(job).get();
    cluster.requestJobResult(job).get();
  }

  @Override
  public void close() throws Exception {
    cluster.closeAsync().get();
  }
}
