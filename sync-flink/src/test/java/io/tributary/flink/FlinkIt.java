package io.tributary.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.paimon.PaimonTableReader;
import io.tributary.paimon.PaimonWriter;
import io.tributary.postgres.PgFixture;
import io.tributary.sync.event.Row;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The Flink ITs' shared set-up, registered as a static field ({@code @RegisterExtension static final FlinkIt IT = new
 * FlinkIt();}): a MiniCluster of one TaskManager with two slots for the class; per test, the {@link Faults} and the
 * {@link CommandQueue} reset, a fresh directory for the Paimon warehouse and savepoints, the jobs the test started cancelled afterwards, and the
 * replication slots of the PostgreSQL databases it made dropped (and checked gone). Its static helpers (environment,
 * lake reads, the row-by-row wait) serve ITs with a cluster of their own too.
 */
final class FlinkIt implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {

  static final Duration WAIT = Duration.ofSeconds(120);

  /** A source's rows of a table, sorted by their first (key) column. */
  @FunctionalInterface
  interface SourceRows {
    List<Row> rows(String table) throws Exception;
  }

  private final MiniClusterExtension cluster;
  private final List<JobClient> jobs = new ArrayList<>();
  private final List<String> pgDatabases = new ArrayList<>();
  private Path dir;

  FlinkIt() {
    this(new Configuration());
  }

  /** A cluster with {@code conf} (a metric reporter, say). */
  FlinkIt(Configuration conf) {
    cluster = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder().setConfiguration(conf)
        .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    cluster.beforeAll(context);
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    cluster.afterAll(context);
  }

  @Override
  public void beforeEach(ExtensionContext context) throws Exception {
    cluster.beforeEach(context);
    Faults.reset();
    CommandQueue.QUEUE.clear();
    CommandQueue.EMITTED.set(0);
    jobs.clear();
    pgDatabases.clear();
    dir = Files.createTempDirectory("flink-it-");
  }

  /** Cancels the test's jobs, drops its slots (a cancelled job leaves its slot by design) and deletes its files. */
  @Override
  public void afterEach(ExtensionContext context) throws Exception {
    Faults.gate.countDown(); // nothing may stay held in a chunk read
    jobs.forEach(FlinkIt::cancel);
    try {
      for (String db : pgDatabases) {
        PgFixture.dropSlots(db);
        assertThat(Pg.slots(db)).as("slots of %s left after the drop", db).isZero();
      }
    } finally {
      deleteQuietly(dir);
      cluster.afterEach(context);
    }
  }

  /** The test's Paimon warehouse (database {@code lake}). */
  String warehouse() {
    return dir.resolve("warehouse").toString();
  }

  /** Where the test's savepoints go. */
  String savepoints() {
    return dir.resolve("savepoints").toUri().toString();
  }

  /** A fresh PostgreSQL database whose slots are dropped after the test. */
  String postgres(String prefix) {
    String db = PgFixture.newDatabase(prefix);
    pgDatabases.add(db);
    return db;
  }

  /** Builds {@code job} on a fresh {@link #environment} and starts it; it is cancelled after the test. */
  JobClient start(TributaryFlink job, String name) throws Exception {
    return start(job, name, null);
  }

  /** As {@link #start(TributaryFlink, String)}, resumed from {@code savepoint} (null: a fresh start). */
  JobClient start(TributaryFlink job, String name, String savepoint) throws Exception {
    StreamExecutionEnvironment env = environment(savepoint);
    job.build(env);
    return submitted(env.executeAsync(name));
  }

  /**
   * Builds the job of {@code definition} with a control input ({@link CommandQueue}: {@link #send} commands to it) on
   * a fresh {@link #environment} and starts it, resumed from {@code savepoint} (null: a fresh start).
   */
  JobClient startWithCommands(Definition definition, String name, String savepoint) throws Exception {
    StreamExecutionEnvironment env = environment(savepoint);
    var commands = env.fromSource(new CommandQueue(), org.apache.flink.api.common.eventtime.WatermarkStrategy
        .noWatermarks(), "commands").setParallelism(1).uid("test-commands");
    TributaryFlink.job(definition).commands(commands).build(env);
    return submitted(env.executeAsync(name));
  }

  /** Offers a command to the control input and waits until it was emitted. */
  static void send(TableCommand c) {
    int before = CommandQueue.EMITTED.get();
    CommandQueue.offer(c);
    await().atMost(WAIT).until(() -> CommandQueue.EMITTED.get() > before);
  }

  /** Registers a job started by the test itself, to be cancelled after it. */
  JobClient submitted(JobClient job) {
    jobs.add(job);
    return job;
  }

  /** Stops {@code job} with a savepoint in the test's directory and returns its path. */
  String stopWithSavepoint(JobClient job) throws Exception {
    return job.stopWithSavepoint(false, savepoints(), SavepointFormatType.CANONICAL).get();
  }

  /** Parallelism 2, a checkpoint every 500 ms, a fixed-delay restart; resumed from {@code savepoint} if not null. */
  static StreamExecutionEnvironment environment(String savepoint) {
    Configuration conf = new Configuration();
    if (savepoint != null) {
      conf.set(StateRecoveryOptions.SAVEPOINT_PATH, savepoint);
    }
    conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
    conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 3);
    conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(500));
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
    env.setParallelism(2);
    env.enableCheckpointing(500);
    return env;
  }

  /** Cancels a job that may have ended already (then the test's own assertion says why). */
  static void cancel(JobClient job) {
    try {
      job.cancel().get();
    } catch (Exception e) {
      System.out.println("job " + job.getJobID() + " had ended before its cancel: " + e);
    }
  }

  /** The writer every IT uses: Paimon at {@code warehouse}, database {@code lake}, two buckets. */
  static PaimonWriter lakeWriter(String warehouse) {
    return PaimonWriter.builder().warehouse(Path.of(warehouse)).database("lake").buckets(2).build();
  }

  /** The tables of the lake (none while its database does not exist yet). */
  @SuppressWarnings("try")
  static List<String> lakeTables(String warehouse) {
    try (PaimonTableReader lake = PaimonTableReader.open(Path.of(warehouse), "lake")) {
      return lake.tables();
    } catch (Exception e) {
      return List.of(); // the database does not exist yet
    }
  }

  /** Waits until the lake has {@code tables}. */
  static void awaitTables(String warehouse, String... tables) {
    await().atMost(WAIT).until(() -> lakeTables(warehouse).containsAll(List.of(tables)));
  }

  /** A lake table's rows, sorted by their first (key) column. */
  @SuppressWarnings("try")
  static List<Row> lake(String warehouse, String table) throws Exception {
    try (PaimonTableReader lake = PaimonTableReader.open(Path.of(warehouse), "lake")) {
      return sorted(lake.read(table));
    }
  }

  /** A lake table's rows with the values of {@code columns} in that order (by name), sorted by the first. */
  static List<Row> lake(String warehouse, String table, List<String> columns) throws Exception {
    List<String> names = lakeColumns(warehouse, table);
    int[] at = columns.stream().mapToInt(names::indexOf).toArray();
    for (int i = 0; i < at.length; i++) {
      if (at[i] < 0) {
        throw new AssertionError("lake." + table + " has no column " + columns.get(i) + ": " + names);
      }
    }
    return sorted(lake(warehouse, table).stream().map(r -> project(r, at)).toList());
  }

  /** A lake table's column names, in Paimon's order (that of {@link #lake}'s values). */
  @SuppressWarnings("try")
  static List<String> lakeColumns(String warehouse, String table) throws Exception {
    try (PaimonTableReader lake = PaimonTableReader.open(Path.of(warehouse), "lake")) {
      return lake.columns(table).stream().map(io.tributary.sync.event.Column::name).toList();
    }
  }

  /** Waits until the job runs and each lake table equals the source's row by row (polled every second). */
  static void awaitEqual(JobClient job, String warehouse, SourceRows source, String... tables) {
    await().atMost(WAIT).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
      assertThat(job.getJobStatus().get()).isEqualTo(JobStatus.RUNNING);
      for (String table : tables) {
        assertThat(lake(warehouse, table)).as("lake.%s row by row", table).isEqualTo(source.rows(table));
      }
    });
  }

  /** {@code rows} sorted by their first column (a number: the tests' keys). */
  static List<Row> sorted(List<Row> rows) {
    List<Row> out = new ArrayList<>(rows);
    out.sort(Comparator.comparingLong(r -> ((Number) r.get(0)).longValue()));
    return out;
  }

  /** The row with only {@code columns}, in that order. */
  static Row project(Row r, int... columns) {
    Object[] values = new Object[columns.length];
    for (int i = 0; i < columns.length; i++) {
      values[i] = r.get(columns[i]);
    }
    return Row.of(values);
  }

  private static void deleteQuietly(Path root) {
    if (root == null) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      System.out.println("could not delete " + root + ": " + e);
    }
  }
}
