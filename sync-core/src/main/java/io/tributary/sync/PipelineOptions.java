package io.tributary.sync;

import static io.tributary.sync.Checks.UNSET;
import static io.tributary.sync.Checks.once;
import static io.tributary.sync.Checks.positive;
import static io.tributary.sync.Checks.requireUnset;

import io.tributary.sync.event.TableId;
import io.tributary.sync.internal.PipelineConfig;
import io.tributary.sync.internal.verify.ChangeWatch;
import io.tributary.sync.spi.ChangeSource;
import io.tributary.sync.spi.ChangeWriter;
import io.tributary.sync.spi.CheckpointStore;
import io.tributary.sync.spi.SchemaEvolutionPolicy;
import io.tributary.sync.spi.SyncListener;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ThreadFactory;
import java.util.function.Function;

/**
 * What a {@link SyncPipeline.Builder} holds: each option checked as it is set (null: NPE; bad value: IAE naming it;
 * set twice: ISE), then {@link #config} checks them together, fills in the defaults and freezes them. The builder
 * keeps the documented API and delegates here, so the rules live in one place. Not thread-safe, as the builder.
 */
final class PipelineOptions {

  private String name;
  private final List<ChangeSource> sources = new ArrayList<>();
  private SyncMode mode;
  private final List<TableSelector> tables = new ArrayList<>();
  private final List<TableSelector> excluded = new ArrayList<>();
  private final List<VirtualTable> virtualTables = new ArrayList<>();
  private Function<TableId, String> mirrorTargetNaming;
  private List<ExtendedField> extendedFields;
  private boolean extendedFieldsInKey;
  private boolean heterogeneousMerge;
  private Boolean fullSync;
  private ChangeWriter writer;
  private CheckpointStore checkpointStore;
  private SchemaEvolutionPolicy schemaEvolution;
  private final List<SyncListener> listeners = new ArrayList<>();
  private int snapshotParallelism = UNSET;
  private int snapshotChunkSize = UNSET;
  private int batchSize = UNSET;
  private Duration commitInterval;
  private long bufferMemoryBytes = UNSET;
  private int maxPrimaryKeyBytes = UNSET;
  private long maxFieldBytes = UNSET;
  private Duration dataLatencyThreshold;
  private Duration readLatencyThreshold;
  private int maxFailovers = UNSET;
  private Duration failoverBackoff;
  private LostLogPosition onLostLogPosition;
  private Duration retentionMinTimeLeft;
  private long retentionMinBytesLeft = UNSET;
  private Duration retentionCheckInterval;
  private ThreadFactory threadFactory;
  private Clock clock;

  // ---------------------------------------------------------------- one option at a time

  void name(String value) {
    requireUnset(name, "name");
    Objects.requireNonNull(value, "name");
    if (!value.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,127}")) {
      throw new IllegalArgumentException("name must be 1-128 letters, digits, '.', '_' or '-', starting with a"
          + " letter or digit; got \"" + value + "\"");
    }
    name = value;
  }

  void source(ChangeSource source) {
    Objects.requireNonNull(source, "source");
    for (ChangeSource s : sources) {
      if (s.name().equals(source.name())) {
        throw new IllegalArgumentException("two sources are named \"" + source.name() + "\"; names must be unique");
      }
    }
    sources.add(source);
  }

  void mode(SyncMode value) {
    mode = once(mode, "mode", value);
  }

  void tables(TableSelector... selectors) {
    for (TableSelector s : selectors) {
      tables.add(Objects.requireNonNull(s, "selector"));
    }
  }

  void mirrorTargetNaming(Function<TableId, String> naming) {
    requireUnset(mirrorTargetNaming, "mirrorTargetNaming");
    mirrorTargetNaming = Objects.requireNonNull(naming, "naming");
  }

  void excludeTables(TableSelector... selectors) {
    for (TableSelector s : selectors) {
      excluded.add(Objects.requireNonNull(s, "selector"));
    }
  }

  void virtualTable(VirtualTable table) {
    Objects.requireNonNull(table, "table");
    for (VirtualTable v : virtualTables) {
      if (v.name().equals(table.name())) {
        throw new IllegalArgumentException("two virtual tables are named \"" + table.name() + "\"");
      }
    }
    virtualTables.add(table);
  }

  void extendedFields(ExtendedField... fields) {
    requireUnset(extendedFields, "extendedFields");
    Set<ExtendedField> set = EnumSet.noneOf(ExtendedField.class);
    for (ExtendedField f : fields) {
      if (!set.add(Objects.requireNonNull(f, "field"))) {
        throw new IllegalArgumentException("extended field " + f + " given twice");
      }
    }
    extendedFields = List.of(fields);
  }

  void extendedFieldsInPrimaryKey(boolean value) {
    extendedFieldsInKey = value;
  }

  void heterogeneousMerge(boolean value) {
    heterogeneousMerge = value;
  }

  void fullSync(boolean value) {
    requireUnset(fullSync, "fullSync");
    fullSync = value;
  }

  void writer(ChangeWriter value) {
    writer = once(writer, "writer", value);
  }

  void checkpointStore(CheckpointStore value) {
    checkpointStore = once(checkpointStore, "checkpointStore", value);
  }

  void schemaEvolution(SchemaEvolutionPolicy value) {
    schemaEvolution = once(schemaEvolution, "schemaEvolution", value);
  }

  void listener(SyncListener value) {
    listeners.add(Objects.requireNonNull(value, "listener"));
  }

  void snapshotParallelism(int value) {
    snapshotParallelism = positive(snapshotParallelism, "snapshotParallelism", value);
  }

  void snapshotChunkSize(int value) {
    snapshotChunkSize = positive(snapshotChunkSize, "snapshotChunkSize", value);
  }

  void batchSize(int value) {
    batchSize = positive(batchSize, "batchSize", value);
  }

  void commitInterval(Duration value) {
    commitInterval = positive(commitInterval, "commitInterval", value);
  }

  void bufferMemoryBytes(long value) {
    requireUnset(bufferMemoryBytes, "bufferMemoryBytes");
    if (value < 1 << 20) {
      throw new IllegalArgumentException("bufferMemoryBytes must be at least 1 MiB, got " + value);
    }
    bufferMemoryBytes = value;
  }

  void maxPrimaryKeyBytes(int value) {
    maxPrimaryKeyBytes = positive(maxPrimaryKeyBytes, "maxPrimaryKeyBytes", value);
  }

  void maxFieldBytes(long value) {
    requireUnset(maxFieldBytes, "maxFieldBytes");
    if (value <= 0) {
      throw new IllegalArgumentException("maxFieldBytes must be > 0, got " + value);
    }
    maxFieldBytes = value;
  }

  void dataLatencyThreshold(Duration value) {
    dataLatencyThreshold = positive(dataLatencyThreshold, "dataLatencyThreshold", value);
  }

  void readLatencyThreshold(Duration value) {
    readLatencyThreshold = positive(readLatencyThreshold, "readLatencyThreshold", value);
  }

  void maxFailovers(int value) {
    requireUnset(maxFailovers, "maxFailovers");
    if (value < 0) {
      throw new IllegalArgumentException("maxFailovers must be >= 0, got " + value);
    }
    maxFailovers = value;
  }

  void failoverBackoff(Duration value) {
    failoverBackoff = positive(failoverBackoff, "failoverBackoff", value);
  }

  void onLostLogPosition(LostLogPosition value) {
    onLostLogPosition = once(onLostLogPosition, "onLostLogPosition", value);
  }

  void logRetentionAlert(Duration minTimeLeft, long minBytesLeft) {
    requireUnset(retentionMinTimeLeft, "logRetentionAlert");
    retentionMinTimeLeft = positive("logRetentionAlert minTimeLeft", minTimeLeft);
    if (minBytesLeft < 0) {
      throw new IllegalArgumentException("logRetentionAlert minBytesLeft must be >= 0, got " + minBytesLeft);
    }
    retentionMinBytesLeft = minBytesLeft;
  }

  void logRetentionCheckInterval(Duration value) {
    retentionCheckInterval = positive(retentionCheckInterval, "logRetentionCheckInterval", value);
  }

  void threadFactory(ThreadFactory value) {
    threadFactory = once(threadFactory, "threadFactory", value);
  }

  void clock(Clock value) {
    clock = once(clock, "clock", value);
  }

  // ---------------------------------------------------------------- all options together

  /**
   * Checks the options as a whole and freezes them with their defaults, the sources wrapped by {@code watch} (so a
   * verification sees the logs as read). Does no I/O and changes nothing here: the builder stays reusable.
   */
  PipelineConfig config(ChangeWatch watch) {
    SyncMode m = checkRequiredAndModes();
    List<ExtendedField> ext = extendedFields == null ? List.of() : extendedFields;
    if (extendedFieldsInKey && ext.isEmpty()) {
      throw new IllegalStateException("extendedFieldsInPrimaryKey(true) needs extendedFields(...)");
    }
    if (heterogeneousMerge && m != SyncMode.MERGE) {
      throw new IllegalStateException("heterogeneousMerge(true) applies to merge mode only");
    }
    return new PipelineConfig(name, sources.stream().map(watch::wrap).toList(), m,
        tables.isEmpty() && m == SyncMode.MIRROR ? List.of(TableSelector.all()) : List.copyOf(tables),
        List.copyOf(excluded), List.copyOf(virtualTables),
        mirrorTargetNaming == null ? TableId::table : mirrorTargetNaming, ext, extendedFieldsInKey, heterogeneousMerge,
        fullSync != null && fullSync, writer,
        checkpointStore == null ? CheckpointStores.inMemory() : checkpointStore,
        schemaEvolution == null ? SchemaEvolutionPolicy.evolve() : schemaEvolution, List.copyOf(listeners),
        or(snapshotParallelism, 4), or(snapshotChunkSize, 8192), or(batchSize, 4096),
        or(commitInterval, Duration.ofSeconds(5)), or(bufferMemoryBytes, 64L << 20), or(maxPrimaryKeyBytes, 128),
        or(maxFieldBytes, 10L << 20), dataLatencyThreshold, readLatencyThreshold,
        or(maxFailovers, 10), or(failoverBackoff, Duration.ofSeconds(1)), or(onLostLogPosition, LostLogPosition.FAIL),
        or(retentionMinTimeLeft, Duration.ofHours(1)), or(retentionMinBytesLeft, 256L << 20),
        or(retentionCheckInterval, Duration.ofMinutes(1)), threadFactory, or(clock, Clock.systemUTC()));
  }

  /** The required options are set and the mode's rules hold; returns the mode (mirror unless set). */
  private SyncMode checkRequiredAndModes() {
    if (name == null) {
      throw new IllegalStateException("name is required: call name(\"...\")");
    }
    if (sources.isEmpty()) {
      throw new IllegalStateException("at least one source is required: call source(...)");
    }
    if (writer == null) {
      throw new IllegalStateException("a writer is required: call writer(...)");
    }
    SyncMode m = mode == null ? SyncMode.MIRROR : mode;
    if (m == SyncMode.MERGE && virtualTables.isEmpty()) {
      throw new IllegalStateException("merge mode needs at least one virtualTable(...)");
    }
    if (m == SyncMode.MIRROR && !virtualTables.isEmpty()) {
      throw new IllegalStateException("virtual tables are for merge mode: call mode(SyncMode.MERGE)");
    }
    if (m == SyncMode.MERGE && mirrorTargetNaming != null) {
      throw new IllegalStateException("mirrorTargetNaming applies to mirror mode; merge mode names targets after"
          + " virtual tables");
    }
    if (m == SyncMode.MERGE && !tables.isEmpty()) {
      throw new IllegalStateException("in merge mode tables are chosen by virtual tables, not tables(...)");
    }
    return m;
  }

  private static int or(int value, int fallback) {
    return value == UNSET ? fallback : value;
  }

  private static long or(long value, long fallback) {
    return value == UNSET ? fallback : value;
  }

  private static <T> T or(T value, T fallback) {
    return value == null ? fallback : value;
  }
}
