package io.tributary.flink;

import java.util.Objects;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple3;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamSource;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Runs a Tributary pipeline definition as an Apache Flink job:
 *
 * <pre>{@code
 * StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
 * env.enableCheckpointing(5_000);   // each Flink checkpoint is a Tributary commit
 * TributaryFlink.job(b -> b.name("orders").source(MySqlSource.builder()...build()).fullSync(true)
 *         .writer(PaimonWriter.builder().warehouse(Path.of("/lake")).database("ods").build()))
 *     .readerParallelism(4).writerParallelism(4)
 *     .build(env);
 * env.execute("orders");
 * }</pre>
 *
 * The job is a FLIP-27 source (log splits and snapshot chunk splits read in parallel), one decision operator
 * (parallelism 1: the engine's decider, which alone decides staging, merges and schema handling) and writer subtasks
 * keyed by target table and bucket. See sync-flink/README.md for what it supports so far.
 */
public final class TributaryFlink {

  @SuppressWarnings("unchecked")
  private static final TypeInformation<byte[]> BYTES =
      (TypeInformation<byte[]>) (TypeInformation<?>) Types.PRIMITIVE_ARRAY(Types.BYTE);

  private final Definition definition;
  private int readers = -1;
  private int writers = -1;
  private DataStream<TableCommand> commands;

  private TributaryFlink(Definition definition) {
    this.definition = definition;
  }

  /** A job for the pipeline {@code definition} configures; it is called in every task (see {@link Definition}). */
  public static TributaryFlink job(Definition definition) {
    return new TributaryFlink(Objects.requireNonNull(definition, "definition"));
  }

  /** Parallel source readers (snapshot chunks; each source server's log is one split); default: the job's. */
  public TributaryFlink readerParallelism(int value) {
    readers = positive("readerParallelism", value);
    return this;
  }

  /**
   * Writer subtasks, each writing the buckets of the targets routed to it (a Paimon table's buckets spread over them;
   * a target of a writer without buckets goes to one subtask); default: the job's. Must stay the same when the job
   * is restored (a bucket's uncommitted writes and staging belong to the subtask it was routed to).
   */
  public TributaryFlink writerParallelism(int value) {
    writers = positive("writerParallelism", value);
    return this;
  }

  /**
   * The job's control input: operator commands ({@link TableCommand}: re-sync, catch-up, pause, resume, prioritise)
   * applied while it runs, as the embedded engine's {@code SyncPipeline} methods are. Any stream of the same
   * environment works (a Kafka topic, a socket, ...); a command id already applied is skipped, and commands are
   * exactly-once with the job's checkpoints like its data.
   */
  public TributaryFlink commands(DataStream<TableCommand> commands) {
    this.commands = Objects.requireNonNull(commands, "commands");
    return this;
  }

  /**
   * Adds the job's operators to {@code env}. Checkpointing must be enabled: Flink's checkpoints are the pipeline's
   * commits (nothing reaches the target without them).
   *
   * @throws IllegalStateException when checkpointing is not enabled
   */
  public void build(StreamExecutionEnvironment env) {
    if (!env.getCheckpointConfig().isCheckpointingEnabled()) {
      throw new IllegalStateException("the Tributary job needs Flink checkpointing, which commits its writes: call"
          + " env.enableCheckpointing(interval) first");
    }
    String name = Configs.of(definition).name(); // checks the definition here, on the client
    // Where the decision operator's coordinator finds the split enumerator (both in the JobManager).
    String key = java.util.UUID.randomUUID().toString();
    DataStreamSource<byte[]> source = env.fromSource(new TributarySource(definition, key),
        WatermarkStrategy.<byte[]>noWatermarks(), name + "-source", BYTES);
    source.uid("tributary-source");
    if (readers > 0) {
      source.setParallelism(readers);
    }
    DataStream<byte[]> items = source;
    if (commands != null) {
      // One subtask, so commands keep the control stream's order (a rebalance over several would reorder them).
      items = source.union(commands.map(TableCommand::encode, BYTES).name(name + "-commands")
          .uid("tributary-commands").setParallelism(1));
    }
    TypeInformation<Tuple3<String, Integer, byte[]>> ops = Types.TUPLE(Types.STRING, Types.INT, BYTES);
    var decided = items.transform(name + "-decider", ops, new DecisionOperatorFactory(definition, key))
        .setParallelism(1).setMaxParallelism(1).uid("tributary-decider");
    // By target and shard (a Paimon table's buckets spread over the writer subtasks): WriteRouting.
    var written = decided.partitionCustom(new WriteRouting.ByShard(), new WriteRouting.Record())
        .transform(name + "-writer", Types.VOID, new WriterOperator(definition)).uid("tributary-writer");
    if (writers > 0) {
      written.setParallelism(writers);
    }
  }

  private static int positive(String option, int value) {
    if (value <= 0) {
      throw new IllegalArgumentException(option + " must be > 0, got " + value);
    }
    return value;
  }
}
