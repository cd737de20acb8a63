package io.tributary.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.sync.SyncMode;
import io.tributary.sync.SyncPipeline;
import io.tributary.sync.TablePhase;
import io.tributary.sync.TableSelector;
import io.tributary.sync.event.Row;
import io.tributary.sync.event.TableId;
import io.tributary.sync.memory.MemoryCheckpointStore;
import io.tributary.sync.memory.MemoryWarehouse;
import io.tributary.sync.memory.MemoryWriter;
import io.tributary.sync.spi.ChangeSource;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Through the engine: DDL committed between the engine's discovery and the log's opening (the time it spends
 * planning targets) must not stop the table; the target ends in the new layout, equal to the source.
 */
class FreshStartPipelineIT {

  private static final String DB = "fresh_pipe_it";
  private static final Duration WAIT = Duration.ofSeconds(60);

  private final MemoryWarehouse warehouse = new MemoryWarehouse();
  private SyncPipeline pipeline;

  @AfterEach
  void close() {
    if (pipeline != null) {
      pipeline.close();
    }
  }

  private final AtomicBoolean altered = new AtomicBoolean();

  /** The MySQL source, running {@code ddl} just before its first log opening. */
  private ChangeSource ddlBeforeFirstOpen(ChangeSource source, String ddl) {
    AtomicBoolean done = new AtomicBoolean();
    return (ChangeSource) Proxy.newProxyInstance(ChangeSource.class.getClassLoader(),
        new Class<?>[] {ChangeSource.class}, (proxy, method, args) -> {
          if (method.getName().equals("openLog") && done.compareAndSet(false, true)) {
            MySqlTestServer.execute(ddl);
            altered.set(true);
          }
          try {
            return method.invoke(source, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }

  @Test
  void addColumnBetweenDiscoveryAndOpen_tableKeepsStreaming_targetInNewLayout() throws Exception {
    MySqlTestServer.execute("DROP DATABASE IF EXISTS " + DB, "CREATE DATABASE " + DB,
        "CREATE TABLE " + DB + ".t (id INT PRIMARY KEY, a INT)", "INSERT INTO " + DB + ".t VALUES (1, 1), (2, 2)");
    pipeline = SyncPipeline.builder().name("fresh-pipe")
        .source(ddlBeforeFirstOpen(Sources.builder(DB).build(),
            "ALTER TABLE " + DB + ".t ADD COLUMN b VARCHAR(10) DEFAULT 'd'"))
        .mode(SyncMode.MIRROR).tables(TableSelector.of(DB, "t")).fullSync(true)
        .commitInterval(Duration.ofMillis(200)).writer(new MemoryWriter(warehouse))
        .checkpointStore(new MemoryCheckpointStore()).build();
    pipeline.start();
    await().atMost(WAIT).untilTrue(altered); // the insert below comes after the log opened
    MySqlTestServer.execute("INSERT INTO " + DB + ".t VALUES (3, 3, 'x')");
    await().atMost(WAIT).untilAsserted(() -> assertThat(warehouse.rows("t")).as("%s", pipeline.status())
        .containsExactlyInAnyOrder(Row.of(1, 1, "d"), Row.of(2, 2, "d"), Row.of(3, 3, "x")));
    assertThat(pipeline.status().table(TableId.of("src", DB, "t")).orElseThrow().phase())
        .isEqualTo(TablePhase.STREAMING);
  }
}
