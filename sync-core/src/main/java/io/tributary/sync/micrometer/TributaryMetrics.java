package io.tributary.sync.micrometer;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.tributary.sync.PipelineHealth;
import io.tributary.sync.PipelineStatus;
import io.tributary.sync.SyncPipeline;
import io.tributary.sync.TablePhase;
import io.tributary.sync.event.TableId;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;

/**
 * Publishes a pipeline's metrics (the operating manual's monitoring: records read and written, rates, failovers,
 * phases, position age, data latency, per-table read lag and end-to-end latency, buffered bytes, snapshot
 * progress with percent and ETA) into the host's Micrometer registry:
 * <pre>{@code new TributaryMetrics(pipeline).bindTo(registry);}</pre>
 *
 * <p>Every meter reads the pipeline's published {@link SyncPipeline#status()} when the registry is scraped: nothing
 * runs on Tributary's threads and nothing is counted twice. Meters are tagged {@code pipeline}, and per source
 * {@code source}, per table {@code source}, {@code database}, {@code schema}, {@code table} and {@code target}.
 * Tables that appear later (a table added between runs) get their meters at the next scrape. Micrometer is an
 * optional dependency of {@code sync-core}: only hosts that use this class need it.
 */
// "exports": Micrometer's types are in this API, yet sync-core's module requires it static, not transitive (see
// module-info): a host that binds metrics has Micrometer and reads it itself.
@SuppressWarnings("exports")
public final class TributaryMetrics implements MeterBinder {

  private final SyncPipeline pipeline;
  private final Set<TableId> boundTables = ConcurrentHashMap.newKeySet();
  private final Set<String> boundSources = ConcurrentHashMap.newKeySet();
  private volatile MeterRegistry registry;

  public TributaryMetrics(SyncPipeline pipeline) {
    this.pipeline = Objects.requireNonNull(pipeline, "pipeline");
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    this.registry = Objects.requireNonNull(registry, "registry");
    Tags tags = Tags.of("pipeline", pipeline.name());
    counter("tributary.records.read", "changes and snapshot rows read since start", tags,
        PipelineStatus::recordsRead);
    counter("tributary.records.written", "rows handed to the writer since start", tags,
        PipelineStatus::recordsWritten);
    counter("tributary.failovers", "failovers (reconnects after a retriable failure) since start", tags,
        PipelineStatus::failovers);
    gauge("tributary.read.rate", "records read per second", tags, null, PipelineStatus::readRate);
    gauge("tributary.write.rate", "records written per second", tags, null, PipelineStatus::writeRate);
    gauge("tributary.buffered", "changes and rows waiting between readers and the writer", tags, "bytes",
        PipelineStatus::bufferedBytes);
    gauge("tributary.checkpoint.age", "seconds since the last completed checkpoint (NaN before the first)", tags,
        "seconds", s -> s.lastCheckpointAt() == null ? Double.NaN
            : (Instant.now().toEpochMilli() - s.lastCheckpointAt().toEpochMilli()) / 1000.0);
    gauge("tributary.health", "2 up, 1 degraded (tables stopped alone, or starting), 0 down", tags, null,
        s -> switch (PipelineHealth.of(s).level()) {
          case UP -> 2;
          case DEGRADED -> 1;
          case DOWN -> 0;
        });
    for (TablePhase phase : TablePhase.values()) {
      gauge("tributary.tables", "tables in each phase", tags.and("phase", phase.name()), null,
          s -> s.tables().stream().filter(t -> t.phase() == phase).count());
    }
    bindNew(pipeline.status());
  }

  /** Registers meters for sources and tables not seen before; called at bind and at every scrape. */
  private PipelineStatus bindNew(PipelineStatus status) {
    MeterRegistry r = registry;
    if (r == null) {
      return status;
    }
    for (PipelineStatus.SourceStatus s : status.sources().values()) {
      if (boundSources.add(s.name())) {
        Tags tags = Tags.of("pipeline", pipeline.name(), "source", s.name());
        Gauge.builder("tributary.source.position.age", pipeline, p -> source(p, s.name()))
            .description("milliseconds between now and the commit time of the latest change or heartbeat read")
            .baseUnit("milliseconds").tags(tags).register(r);
      }
    }
    for (PipelineStatus.TableStatus t : status.tables()) {
      if (boundTables.add(t.table())) {
        bindTable(r, t);
      }
    }
    return status;
  }

  private void bindTable(MeterRegistry r, PipelineStatus.TableStatus t) {
    TableId id = t.table();
    Tags tags = Tags.of(Tag.of("pipeline", pipeline.name()), Tag.of("source", id.source()),
        Tag.of("database", id.database()), Tag.of("schema", id.schema()), Tag.of("table", id.table()),
        Tag.of("target", t.target()));
    tableGauge(r, "tributary.table.phase", "the table's phase as TablePhase ordinal: 0 pending, 1 snapshotting,"
        + " 2 streaming, 3 paused, 4 resyncing, 5 stopped (blacklisted)", tags, id, s -> s.phase().ordinal());
    tableGauge(r, "tributary.table.data.latency", "milliseconds from source commit to visible in the target, for"
        + " the latest committed change (NaN before the first)", tags, id,
        s -> s.dataLatencyMillis() < 0 ? Double.NaN : s.dataLatencyMillis());
    tableGauge(r, "tributary.table.read.lag", "milliseconds from the source commit of the newest change read for the"
        + " table (or its source's newest event, when newer) to now (NaN before the first)", tags, id,
        s -> millis(s.lag().readMillis()));
    tableGauge(r, "tributary.table.end.to.end.latency", "milliseconds from the source commit of the oldest change"
        + " not yet visible in the target to now, or the read lag when none waits (NaN when unknown)", tags, id,
        s -> millis(s.lag().endToEndMillis()));
    tableGauge(r, "tributary.table.snapshot.percent", "percent done of the current (re-)sync, by the source's row"
        + " estimate or else by chunks; 100 when streaming (NaN for a stopped table)", tags, id,
        s -> s.snapshot().percent() < 0 ? Double.NaN : s.snapshot().percent());
    tableGauge(r, "tributary.table.snapshot.eta", "milliseconds the current (re-)sync needs at its observed rate"
        + " (NaN when not yet known)", tags, id, s -> millis(s.snapshot().etaMillis()));
    tableGauge(r, "tributary.table.snapshot.rows.estimated", "the source's estimate of the rows the current"
        + " (re-)sync reads (NaN when it gives none)", tags, id, s -> millis(s.snapshot().estimatedRows()));
    tableGauge(r, "tributary.table.snapshot.chunks.done", "snapshot chunks finished in the current (re-)sync", tags,
        id, PipelineStatus.TableStatus::chunksDone);
    tableGauge(r, "tributary.table.snapshot.chunks.total", "snapshot chunks planned in the current (re-)sync", tags,
        id, PipelineStatus.TableStatus::chunksTotal);
    tableGauge(r, "tributary.table.snapshot.rows", "snapshot rows read in the current (re-)sync", tags, id,
        PipelineStatus.TableStatus::snapshotRows);
    tableCounter(r, "tributary.table.changes", "changes read from the log", tags.and("op", "insert"), id,
        PipelineStatus.TableStatus::inserts);
    tableCounter(r, "tributary.table.changes", "changes read from the log", tags.and("op", "update"), id,
        PipelineStatus.TableStatus::updates);
    tableCounter(r, "tributary.table.changes", "changes read from the log", tags.and("op", "delete"), id,
        PipelineStatus.TableStatus::deletes);
    tableCounter(r, "tributary.table.rows.written", "rows handed to the writer (target and staging)", tags, id,
        PipelineStatus.TableStatus::rowsWritten);
  }

  private void counter(String name, String description, Tags tags, ToDoubleFunction<PipelineStatus> value) {
    FunctionCounter.builder(name, pipeline, p -> value.applyAsDouble(p.status())).description(description)
        .tags(tags).register(registry);
  }

  private void gauge(String name, String description, Tags tags, String unit, ToDoubleFunction<PipelineStatus> f) {
    Gauge.builder(name, pipeline, p -> f.applyAsDouble(bindNew(p.status()))).description(description)
        .baseUnit(unit).tags(tags).register(registry);
  }

  private void tableGauge(MeterRegistry r, String name, String description, Tags tags, TableId id,
      ToDoubleFunction<PipelineStatus.TableStatus> f) {
    Gauge.builder(name, pipeline, p -> p.status().table(id).map(f::applyAsDouble).orElse(Double.NaN))
        .description(description).tags(tags).register(r);
  }

  private void tableCounter(MeterRegistry r, String name, String description, Tags tags, TableId id,
      ToDoubleFunction<PipelineStatus.TableStatus> f) {
    FunctionCounter.builder(name, pipeline, p -> p.status().table(id).map(f::applyAsDouble).orElse(0.0))
        .description(description).tags(tags).register(r);
  }

  private static double millis(long value) {
    return value < 0 ? Double.NaN : value;
  }

  private static double source(SyncPipeline p, String name) {
    PipelineStatus.SourceStatus s = p.status().sources().get(name);
    return s == null || s.readLatencyMillis() < 0 ? Double.NaN : s.readLatencyMillis();
  }
}
