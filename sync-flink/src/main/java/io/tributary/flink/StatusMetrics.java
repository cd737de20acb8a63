package io.tributary.flink;

import io.tributary.sync.PipelineStatus;
import io.tributary.sync.event.TableId;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.ToLongFunction;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.MetricGroup;

/**
 * The pipeline's status ({@code SyncPipeline.status()} of an embedded pipeline) as Flink gauges of the decision
 * operator: group {@code tributary} for the pipeline, below it a key-value group {@code table=<source:db.table>}
 * per table (registered when status first shows the table) and {@code source=<name>} per source. Gauges read the latest published status, so a reporter
 * on another thread sees one consistent publication.
 */
final class StatusMetrics {

  private final MetricGroup pipeline;
  private final Set<TableId> registered = new HashSet<>();
  private final Set<String> sourcesRegistered = new HashSet<>();
  private volatile PipelineStatus status;
  private volatile Map<TableId, PipelineStatus.TableStatus> tables = Map.of();

  StatusMetrics(MetricGroup operator) {
    this.pipeline = operator.addGroup("tributary");
    pipeline.gauge("phase", (Gauge<String>) () -> status == null ? "INITIALIZATION" : status.phase().name());
    pipeline.gauge("state", (Gauge<String>) () -> status == null ? "STARTING" : status.state().name());
    pipeline.gauge("lastCheckpointId", (Gauge<Long>) () -> status == null ? 0 : status.lastCheckpointId());
    pipeline.gauge("lastCheckpointTime", (Gauge<Long>) () -> millis(status == null ? null : status.lastCheckpointAt()));
    pipeline.gauge("recordsRead", (Gauge<Long>) () -> status == null ? 0 : status.recordsRead());
    pipeline.gauge("recordsWritten", (Gauge<Long>) () -> status == null ? 0 : status.recordsWritten());
    pipeline.gauge("tables", (Gauge<Integer>) () -> tables.size());
  }

  /** Called on the operator's thread with each publication. */
  void update(PipelineStatus now) {
    Map<TableId, PipelineStatus.TableStatus> byId = new HashMap<>();
    now.tables().forEach(t -> byId.put(t.table(), t));
    tables = byId;
    status = now;
    for (TableId id : byId.keySet()) {
      if (registered.add(id)) {
        register(id);
      }
    }
    for (String name : now.sources().keySet()) {
      if (sourcesRegistered.add(name)) {
        registerSource(name);
      }
    }
  }

  /** A source's log position (the last the decider applied) and how many of its transactions checkpoints split. */
  private void registerSource(String name) {
    MetricGroup g = pipeline.addGroup("source", name);
    g.gauge("position", (Gauge<String>) () -> {
      PipelineStatus.SourceStatus s = status.sources().get(name);
      return s == null ? null : s.position();
    });
    g.gauge("splitTransactions", (Gauge<Long>) () -> {
      PipelineStatus.SourceStatus s = status.sources().get(name);
      return s == null ? -1 : s.splitTransactions();
    });
  }

  private void register(TableId id) {
    MetricGroup g = pipeline.addGroup("table", id.toString());
    g.gauge("phase", (Gauge<String>) () -> {
      PipelineStatus.TableStatus t = tables.get(id);
      return t == null ? "REMOVED" : t.phase().name();
    });
    g.gauge("phaseCode", (Gauge<Integer>) () -> {
      PipelineStatus.TableStatus t = tables.get(id);
      return t == null ? -1 : t.phase().ordinal();
    });
    gauge(g, id, "readLagMillis", t -> t.lag().readMillis());
    gauge(g, id, "endToEndLatencyMillis", t -> t.lag().endToEndMillis());
    gauge(g, id, "rowsWritten", PipelineStatus.TableStatus::rowsWritten);
    gauge(g, id, "snapshotRows", PipelineStatus.TableStatus::snapshotRows);
    gauge(g, id, "inserts", PipelineStatus.TableStatus::inserts);
    gauge(g, id, "updates", PipelineStatus.TableStatus::updates);
    gauge(g, id, "deletes", PipelineStatus.TableStatus::deletes);
    gauge(g, id, "chunksDone", PipelineStatus.TableStatus::chunksDone);
    gauge(g, id, "chunksTotal", PipelineStatus.TableStatus::chunksTotal);
    gauge(g, id, "lastCommitTime", t -> millis(t.lastWriteTime()));
  }

  private void gauge(MetricGroup g, TableId id, String name, ToLongFunction<PipelineStatus.TableStatus> value) {
    g.gauge(name, (Gauge<Long>) () -> {
      PipelineStatus.TableStatus t = tables.get(id);
      return t == null ? -1 : value.applyAsLong(t);
    });
  }

  private static long millis(Instant at) {
    return at == null ? -1 : at.toEpochMilli();
  }
}
