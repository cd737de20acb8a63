package io.tributary.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.sync.PipelineState;
import io.tributary.sync.SyncEvent;
import io.tributary.sync.TablePhase;
import io.tributary.sync.spi.SyncListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Metric;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Status and events on Flink: the decision operator delivers the pipeline's events to the listener the definition
 * registers, and publishes every table's status as gauges of its metric group (read here through Flink's
 * {@link InMemoryReporter} on the MiniCluster). A full sync of two tables must show, per table, the phases an
 * embedded pipeline's listener sees (a snapshot, then streaming), the pipeline running, checkpoints completing; the
 * gauges must show the phases, the snapshot's rows, the streamed changes, a commit time and the lag. A writer
 * failure while streaming restores the job: the pipeline is reported running again (events are at least once).
 */
class FlinkStatusIT {

  /** What the listener saw: the listener is built in the decision operator's task, in this JVM. */
  static final List<SyncEvent> EVENTS = new CopyOnWriteArrayList<>();

  static final InMemoryReporter REPORTER = InMemoryReporter.create();

  @RegisterExtension
  static final FlinkIt IT = new FlinkIt(REPORTER.addToConfiguration(new Configuration()));

  /** A listener as a user would write one; serializable only because the definition that builds it is. */
  static final class Collect implements SyncListener {
    @Override
    public void onEvent(SyncEvent event) {
      EVENTS.add(event);
    }
  }

  @BeforeEach
  void reset() {
    EVENTS.clear();
  }

  static Definition definition(String database, String warehouse) {
    return b -> b.name("flink-status").fullSync(true).snapshotChunkSize(500).commitInterval(Duration.ofMillis(300))
        .listener(new Collect())
        .source(MariaDb.source(database).build())
        .writer(new Faults.FailingWriter(FlinkIt.lakeWriter(warehouse)));
  }

  @Test
  void fullSync_listenerSeesPhases_metricsShowTableStatus_restoreReportedAgain() throws Exception {
    long seed = Long.getLong("tributary.seed", System.nanoTime());
    System.out.println("FlinkStatusIT seed=" + seed + " (re-run with -Dtributary.seed=" + seed + ")");
    String db = "flink_status";
    Shop.createMariaDb(db); // items 4,000 rows, orders 1,500; no writes during the snapshot
    String warehouse = IT.warehouse();
    JobClient job = IT.start(TributaryFlink.job(definition(db, warehouse)), "flink-status");
    FlinkIt.awaitTables(warehouse, "items", "orders");
    FlinkIt.awaitEqual(job, warehouse, MariaDb.of(db), "items", "orders");
    for (String table : List.of("items", "orders")) {
      // A fresh start creates the tables in SNAPSHOTTING (no event, as embedded): the snapshot's end is the change.
      await().atMost(FlinkIt.WAIT).untilAsserted(() -> assertThat(phases(db, table)).as("phase changes of %s", table)
          .contains("SNAPSHOTTING->STREAMING").last().isEqualTo("SNAPSHOTTING->STREAMING"));
    }
    List<SyncEvent> seen = List.copyOf(EVENTS);
    int running = indexOf(seen, e -> e instanceof SyncEvent.PipelineStateChanged p && p.to() == PipelineState.RUNNING);
    int streaming = indexOf(seen, e -> e instanceof SyncEvent.TablePhaseChanged p && p.to() == TablePhase.STREAMING);
    assertThat(running).as("the pipeline reported running before any table streams: %s", seen)
        .isNotNegative().isLessThan(streaming);
    List<Long> checkpoints = EVENTS.stream().filter(e -> e instanceof SyncEvent.CheckpointCompleted)
        .map(e -> ((SyncEvent.CheckpointCompleted) e).checkpointId()).toList();
    assertThat(checkpoints).as("checkpoints completed, in order").isNotEmpty().isSorted();

    await().atMost(FlinkIt.WAIT).untilAsserted(() -> {
      assertThat(gauge(job, "items", "phase")).isEqualTo("STREAMING");
      assertThat(gauge(job, "orders", "phase")).isEqualTo("STREAMING");
      assertThat(gauge(job, "items", "snapshotRows")).isEqualTo(4000L);
      assertThat(gauge(job, "orders", "snapshotRows")).isEqualTo(1500L);
      assertThat(gauge(job, "items", "chunksDone")).isEqualTo(gauge(job, "items", "chunksTotal"));
      assertThat(gauge(job, null, "phase")).isEqualTo("INCREMENTAL");
      assertThat((Long) gauge(job, null, "lastCheckpointId")).isPositive();
      assertThat((String) gauge(job, "source.mysql", "position")).as("the source's log position").isNotBlank();
      assertThat(gauge(job, "source.mysql", "splitTransactions")).isEqualTo(0L);
    });

    // Streaming: the change counters and the written rows move, the lag is known.
    long written = (Long) gauge(job, "items", "rowsWritten");
    Shop.mariaDbWrites(db, new Random(seed), 200);
    FlinkIt.awaitEqual(job, warehouse, MariaDb.of(db), "items", "orders");
    await().atMost(FlinkIt.WAIT).untilAsserted(() -> {
      assertThat((Long) gauge(job, "items", "rowsWritten")).isGreaterThan(written);
      assertThat((Long) gauge(job, "items", "updates") + (Long) gauge(job, "items", "deletes")).isPositive();
      assertThat((Long) gauge(job, "items", "readLagMillis")).isNotNegative();
      // Set by a commit that made a logged change visible (a snapshot of a quiet table has none, as embedded).
      assertThat((Long) gauge(job, "items", "lastCommitTime")).isPositive();
      assertThat((Long) gauge(job, "items", "endToEndLatencyMillis")).isNotNegative();
    });

    // A writer failure while streaming: Flink restores the last checkpoint, the decider starts again from it and
    // the listener hears of the failover and the pipeline running again (the events of the re-applied stretch may repeat).
    Faults.DIRECT_WRITES.set(0);
    Faults.FAIL_DIRECT_WRITE.set(2);
    Shop.mariaDbWrites(db, new Random(seed + 1), 100);
    FlinkIt.awaitEqual(job, warehouse, MariaDb.of(db), "items", "orders");
    assertThat(Faults.DIRECT_WRITE_FAILED).as("the streaming writer fault fired").isTrue();
    await().atMost(FlinkIt.WAIT).until(() -> EVENTS.stream().filter(e -> e instanceof SyncEvent.PipelineStateChanged p
        && p.to() == PipelineState.RUNNING).count() == 2);
    assertThat(EVENTS).filteredOn(e -> e instanceof SyncEvent.Failover).singleElement()
        .satisfies(e -> assertThat(((SyncEvent.Failover) e).failoverCount()).isEqualTo(1));
  }

  private static int indexOf(List<SyncEvent> events, java.util.function.Predicate<SyncEvent> which) {
    for (int i = 0; i < events.size(); i++) {
      if (which.test(events.get(i))) {
        return i;
      }
    }
    return -1;
  }

  /** The phase changes the listener saw of {@code table}, in order ({@code FROM->TO}). */
  private static List<String> phases(String db, String table) {
    List<String> out = new ArrayList<>();
    for (SyncEvent e : EVENTS) {
      if (e instanceof SyncEvent.TablePhaseChanged p && p.table().database().equals(db)
          && p.table().table().equals(table)) {
        out.add(p.from() + "->" + p.to());
      }
    }
    return out;
  }

  /** A gauge of the decision operator: of {@code table}'s group, or of the pipeline's when null. */
  private static Object gauge(JobClient job, String table, String name) {
    // By group (getMetricsByIdentifiers trips over a metric Flink's source registers twice); the decider's groups
    // are the job's only "tributary" ones.
    Map<String, Metric> metrics = new TreeMap<>();
    REPORTER.getMetricsByGroup().forEach((group, byName) -> byName.forEach((n, m) -> {
      String id = group.getMetricIdentifier(n);
      if (id.contains(job.getJobID().toString()) || id.contains(".tributary.")) {
        metrics.put(id, m);
      }
    }));
    String suffix = table == null ? ".tributary." + name : "." + table + "." + name;
    List<Object> found = new ArrayList<>();
    metrics.forEach((id, m) -> {
      if (id.contains(".tributary.") && id.endsWith(suffix) && (table != null || !id.contains(".table."))
          && m instanceof Gauge<?> g) {
        found.add(g.getValue());
      }
    });
    assertThat(found).as("gauge %s of %s among %s", name, table,
        metrics.keySet().stream().filter(k -> k.contains("tributary")).toList()).hasSize(1);
    return found.get(0);
  }
}
