package io.tributary.sync.internal;

import io.tributary.sync.LostLogPosition;
import io.tributary.sync.TableSelector;
import io.tributary.sync.event.TableId;
import io.tributary.sync.memory.MemoryWarehouse;
import io.tributary.sync.memory.MemoryWriter;
import io.tributary.sync.spi.CheckpointStore;
import io.tributary.sync.spi.SchemaEvolutionPolicy;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;

/** The pipeline configuration of a {@link DeciderSimulation} scenario, and of each run's selection. */
final class SimConfig {

  private SimConfig() {
  }

  /** The scenario's configuration: its shape, random snapshot chunk and batch sizes. */
  static PipelineConfig initial(SimulatedShards shards, CheckpointStore store, MemoryWarehouse warehouse,
      Random rnd) {
    return new PipelineConfig("sim", shards.changeSources(), shards.mode, List.of(TableSelector.all()),
        List.of(), shards.virtualTables, TableId::table, shards.fields, shards.inKey, shards.heterogeneous, true,
        new MemoryWriter(warehouse),
        store, SchemaEvolutionPolicy.evolve(), List.of(), 1,
        2 + rnd.nextInt(8), 2 + rnd.nextInt(8), Duration.ofMillis(50), 1L << 20, 128, 10L << 20, null, null, 10,
        Duration.ofSeconds(1), LostLogPosition.RESYNC, Duration.ofHours(1), 256L << 20, Duration.ofMinutes(1), null,
        Clock.systemUTC());
  }

  /** {@code c} selecting every table but {@code excluded}. */
  static PipelineConfig excluding(PipelineConfig c, Collection<TableId> excluded) {
    List<TableSelector> ex = excluded.stream().map(t -> TableSelector.of(Pattern.quote(t.source()),
        Pattern.quote(t.schema()), Pattern.quote(t.table())).database(Pattern.quote(t.database()))).toList();
    return new PipelineConfig(c.name(), c.sources(), c.mode(), c.tables(), ex, c.virtualTables(),
        c.mirrorTargetNaming(), c.extendedFields(), c.extendedFieldsInPrimaryKey(), c.heterogeneousMerge(),
        c.fullSync(), c.writer(), c.checkpointStore(), c.schemaEvolution(), c.listeners(),
        c.snapshotParallelism(), c.snapshotChunkSize(), c.batchSize(), c.commitInterval(), c.bufferMemoryBytes(),
        c.maxPrimaryKeyBytes(), c.maxFieldBytes(), c.dataLatencyThreshold(), c.readLatencyThreshold(),
        c.maxFailovers(), c.failoverBackoff(), c.onLostLogPosition(), c.retentionMinTimeLeft(),
        c.retentionMinBytesLeft(), c.retentionCheckInterval(), c.threadFactory(), c.clock());
  }
}
