package io.tributary.sync.internal;

import io.tributary.sync.ExtendedField;
import io.tributary.sync.SyncMode;
import io.tributary.sync.TableSelector;
import io.tributary.sync.VirtualTable;
import io.tributary.sync.spi.ChangeSource;
import io.tributary.sync.spi.ChangeWriter;
import io.tributary.sync.spi.CheckpointStore;
import io.tributary.sync.spi.SchemaEvolutionPolicy;
import io.tributary.sync.spi.SyncListener;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadFactory;

/** A validated, frozen pipeline configuration (built by {@link io.tributary.sync.SyncPipeline.Builder}). */
public record PipelineConfig(
    String name,
    List<ChangeSource> sources,
    SyncMode mode,
    List<TableSelector> tables,
    List<TableSelector> excludedTables,
    List<VirtualTable> virtualTables,
    java.util.function.Function<io.tributary.sync.event.TableId, String> mirrorTargetNaming,
    List<ExtendedField> extendedFields,
    boolean extendedFieldsInPrimaryKey,
    boolean heterogeneousMerge,
    boolean fullSync,
    ChangeWriter writer,
    CheckpointStore checkpointStore,
    SchemaEvolutionPolicy schemaEvolution,
    List<SyncListener> listeners,
    int snapshotParallelism,
    int snapshotChunkSize,
    int batchSize,
    Duration commitInterval,
    long bufferMemoryBytes,
    int maxPrimaryKeyBytes,
    long maxFieldBytes,
    Duration dataLatencyThreshold,
    Duration readLatencyThreshold,
    int maxFailovers,
    Duration failoverBackoff,
    io.tributary.sync.LostLogPosition onLostLogPosition,
    Duration retentionMinTimeLeft,
    long retentionMinBytesLeft,
    Duration retentionCheckInterval,
    ThreadFactory threadFactory,
    Clock clock) {
}
