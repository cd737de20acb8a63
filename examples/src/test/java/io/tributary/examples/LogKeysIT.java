package io.tributary.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.tributary.mysql.MySqlSource;
import io.tributary.mysql.MySqlTestServer;
import io.tributary.postgres.PgFixture;
import io.tributary.sync.LogKeys;
import io.tributary.sync.PipelineState;
import io.tributary.sync.SyncPipeline;
import io.tributary.sync.TableSelector;
import io.tributary.sync.memory.MemoryWarehouse;
import io.tributary.sync.memory.MemoryWriter;
import io.tributary.sync.spi.ChangeSource;
import io.tributary.sync.testing.TestServer;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * A MySQL/MariaDB and a PostgreSQL pipeline in a host that gives its own ThreadFactory and logs through Logback with the binlog
 * client's java.util.logging bridged (as the README says): every thread the run starts is the host's, and every
 * line logged from those threads, the binlog client's included, carries the pipeline's MDC keys; snapshot work
 * carries the table's.
 */
class LogKeysIT {

  private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
  private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  private final Logger tributary = (Logger) LoggerFactory.getLogger("io.tributary");
  private Level tributaryLevel;

  @BeforeEach
  void captureLogs() {
    SLF4JBridgeHandler.removeHandlersForRootLogger();
    SLF4JBridgeHandler.install();
    tributaryLevel = tributary.getLevel();
    tributary.setLevel(Level.DEBUG); // the snapshot workers' per-chunk line
    lines.start();
    root.addAppender(lines);
  }

  @AfterEach
  void restore() {
    root.detachAppender(lines);
    tributary.setLevel(tributaryLevel);
    SLF4JBridgeHandler.uninstall();
  }

  @Test
  void mysqlPipeline_hostThreadFactory_everyThreadIsTheHosts_andEveryLineCarriesTheKeys() {
    TestServer s = MySqlTestServer.get();
    MySqlTestServer.execute("DROP DATABASE IF EXISTS logkeys", "CREATE DATABASE logkeys",
        "CREATE TABLE logkeys.t (id BIGINT PRIMARY KEY, v INT)", "INSERT INTO logkeys.t " + rows());
    MySqlSource source = MySqlSource.builder().name("my").host(s.host()).port(s.port()).user(s.user())
        .password(s.password()).includeDatabases("logkeys").heartbeatInterval(Duration.ofMillis(200)).build();

    CountingFactory factory = run(source, TableSelector.of("logkeys", "t"),
        () -> MySqlTestServer.execute("INSERT INTO logkeys.t VALUES (1000, 1000)"));

    assertThat(factory.made).extracting(Thread::getName).anyMatch(n -> n.endsWith("-binlog"));
    List<ILoggingEvent> ours = linesOfThePipelinesThreads("my", "my:logkeys.t");
    assertThat(ours).as("the binlog client's own line (java.util.logging, bridged), on the binlog thread")
        .filteredOn(e -> e.getLoggerName().startsWith("com.github.shyiko.mysql.binlog"))
        .isNotEmpty().allSatisfy(e -> assertThat(e.getMDCPropertyMap())
            .containsEntry(LogKeys.PIPELINE, "keys").containsEntry(LogKeys.SOURCE, "my"));
    assertThat(ours).as("opening the binlog").filteredOn(e -> e.getFormattedMessage().contains("reading binlog from"))
        .isNotEmpty().allSatisfy(e -> assertThat(e.getMDCPropertyMap()).containsEntry(LogKeys.SOURCE, "my"));
  }

  @Test
  void postgresPipeline_hostThreadFactory_everyThreadIsTheHosts_andEveryLineCarriesTheKeys() {
    String db = PgFixture.newDatabase("logkeys");
    PgFixture.execute(db, "CREATE TABLE t (id BIGINT PRIMARY KEY, v INT)", "INSERT INTO t " + rows());
    try {
      run(PgFixture.source(db, "pg").build(), TableSelector.of("public", "t"),
          () -> PgFixture.execute(db, "INSERT INTO t VALUES (1000, 1000)"));
      linesOfThePipelinesThreads("pg", "pg:" + db + ".public.t");
    } finally {
      PgFixture.dropSlots(db);
    }
  }

  /** 200 rows (id, v) for an INSERT. */
  private static String rows() {
    StringBuilder values = new StringBuilder("VALUES ");
    for (int i = 0; i < 200; i++) {
      values.append(i == 0 ? "" : ",").append("(").append(i).append(",").append(i).append(")");
    }
    return values.toString();
  }

  /** Full sync of the 200 rows, then one change through the log; every thread started meanwhile is the host's. */
  private CountingFactory run(ChangeSource source, TableSelector table, Runnable insertOne) {
    Set<Thread> before = Set.copyOf(Thread.getAllStackTraces().keySet());
    Set<Thread> during = new HashSet<>();
    CountingFactory factory = new CountingFactory();
    MemoryWarehouse warehouse = new MemoryWarehouse();
    try (SyncPipeline p = SyncPipeline.builder().name("keys").source(source).tables(table)
        .fullSync(true).snapshotChunkSize(50).writer(new MemoryWriter(warehouse))
        .commitInterval(Duration.ofMillis(100)).threadFactory(factory).listener(e -> { }).build()) {
      p.start();
      await().pollInSameThread().atMost(Duration.ofMinutes(1))
          .failFast("the pipeline failed", () -> p.status().state() == PipelineState.FAILED)
          .until(() -> {
            during.addAll(Thread.getAllStackTraces().keySet());
            return warehouse.tableNames().contains("t") && warehouse.rows("t").size() == 200;
          });
      insertOne.run();
      await().pollInSameThread().atMost(Duration.ofMinutes(1)).until(() -> {
        during.addAll(Thread.getAllStackTraces().keySet());
        return warehouse.rows("t").size() == 201;
      });
    }
    during.removeAll(before);
    // pgjdbc's one JVM-wide cleaner thread comes and goes with connections: the driver's, not the pipeline's.
    // So does the short-lived thread pgjdbc runs each login on when loginTimeout is set (the source's connect
    // timeout): the driver starts it itself, with no factory to take (README, "Logs and threads").
    during.removeIf(t -> t.getName().equals("PostgreSQL-JDBC-Cleaner")
        || t.getName().equals("PostgreSQL JDBC driver connection thread"));
    assertThat(during).as("threads started during the run").isNotEmpty()
        .allSatisfy(t -> assertThat(factory.made).as("made by the host's factory: %s", t.getName()).contains(t));
    return factory;
  }

  /** Every line from the pipeline's threads names the pipeline; the log reader's its source; chunks their table. */
  private List<ILoggingEvent> linesOfThePipelinesThreads(String source, String tableKey) {
    List<ILoggingEvent> ours = lines.list.stream().filter(e -> e.getThreadName().startsWith("tributary-keys-"))
        .toList();
    assertThat(ours).as("lines logged from the pipeline's threads").isNotEmpty()
        .allSatisfy(e -> assertThat(e.getMDCPropertyMap()).as(e.getFormattedMessage())
            .containsEntry(LogKeys.PIPELINE, "keys"));
    assertThat(ours).as("lines from the log reader or the source's own threads")
        .filteredOn(e -> e.getThreadName().startsWith("tributary-keys-log-") || e.getThreadName()
            .startsWith("tributary-keys-" + source + "-"))
        .allSatisfy(e -> assertThat(e.getMDCPropertyMap()).containsEntry(LogKeys.SOURCE, source));
    assertThat(ours).as("snapshot chunks").filteredOn(e -> e.getFormattedMessage().startsWith("snapshot chunk"))
        .hasSizeGreaterThanOrEqualTo(4).allSatisfy(e -> assertThat(e.getMDCPropertyMap())
            .containsEntry(LogKeys.SOURCE, source).containsEntry(LogKeys.TABLE, tableKey));
    assertThat(ours).as("the sink thread ending the table's sync")
        .filteredOn(e -> e.getFormattedMessage().contains("table " + tableKey + ": SNAPSHOTTING ->"))
        .isNotEmpty().allSatisfy(e -> assertThat(e.getMDCPropertyMap()).containsEntry(LogKeys.TABLE, tableKey));
    return ours;
  }

  private static final class CountingFactory implements ThreadFactory {
    final Set<Thread> made = ConcurrentHashMap.newKeySet();

    @Override
    public Thread newThread(Runnable r) {
      Thread t = new Thread(r);
      t.setDaemon(true);
      made.add(t);
      return t;
    }
  }
}
