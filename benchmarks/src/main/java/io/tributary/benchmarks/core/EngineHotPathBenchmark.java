package io.tributary.benchmarks.core;

import io.tributary.sync.ExtendedField;
import io.tributary.sync.SyncMode;
import io.tributary.sync.SyncPipeline;
import io.tributary.sync.TableSelector;
import io.tributary.sync.VirtualTable;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The engine's hot path: a pre-built log of 1,000,000 row changes over 4 tables, through a whole pipeline (log
 * reader thread, budgeted hand-off, sink thread: routing, extended fields, key-change and limit checks, batching,
 * checkpoints) into a writer that only counts. One operation is one row change, so the score is changes per second
 * and {@code -prof gc}'s {@code gc.alloc.rate.norm} is bytes allocated per change.
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar EngineHotPath -prof gc</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class EngineHotPathBenchmark {

  static final int EVENTS = 1_000_000;
  /** Divides every target's share of the events, so all rows reach the writer without waiting for a checkpoint. */
  static final int BATCH = 1000;

  /** MIRROR: one target per table, no extended fields. MERGE: 4 shards into one target, 2 extended fields in key. */
  @Param({"MIRROR", "MERGE"})
  public String mode;

  private GeneratedSource source;
  private CountingWriter writer;
  private SyncPipeline pipeline;

  @Setup(Level.Trial)
  public void generate() {
    generate(EVENTS);
  }

  void generate(int events) {
    source = new GeneratedSource(events, 42);
  }

  long rowsWritten() {
    return writer.rows;
  }

  /** Building the pipeline is not measured; starting it (discovery, threads) is, and is small beside 1M events. */
  @Setup(Level.Invocation)
  public void build() {
    writer = new CountingWriter();
    SyncPipeline.Builder builder = SyncPipeline.builder().name("bench").source(source).writer(writer)
        .commitInterval(Duration.ofSeconds(1)).batchSize(BATCH).bufferMemoryBytes(256L << 20);
    if (mode.equals("MERGE")) {
      builder.mode(SyncMode.MERGE).virtualTable(VirtualTable.of("orders", TableSelector.of(".*", "orders")))
          .extendedFields(ExtendedField.DATABASE_NAME, ExtendedField.TABLE_NAME).extendedFieldsInPrimaryKey(true);
    } else {
      builder.mirrorTargetNaming(id -> id.database() + "_" + id.table());
    }
    pipeline = builder.build();
  }

  @Benchmark
  @OperationsPerInvocation(EVENTS)
  public long pipeline() throws InterruptedException {
    pipeline.start();
    // Every change is one writer row: the generated updates never change a key.
    long polls = 0;
    while (writer.rows < source.size()) {
      if (++polls % 10_000 == 0 && pipeline.status().failure() != null) {
        throw new IllegalStateException(pipeline.status().failure());
      }
      java.util.concurrent.locks.LockSupport.parkNanos(50_000);
    }
    return writer.checksum;
  }

  @TearDown(Level.Invocation)
  public void close() {
    pipeline.close();
  }
}
