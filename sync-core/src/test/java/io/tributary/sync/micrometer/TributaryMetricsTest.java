package io.tributary.sync.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tributary.sync.PipelineHealth;
import io.tributary.sync.PipelineState;
import io.tributary.sync.SyncPipeline;
import io.tributary.sync.TablePhase;
import io.tributary.sync.event.DataType;
import io.tributary.sync.event.TableId;
import io.tributary.sync.event.TableSchema;
import io.tributary.sync.memory.MemoryDatabase;
import io.tributary.sync.memory.MemoryWarehouse;
import io.tributary.sync.memory.MemoryWriter;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The manual's metrics in a host's Micrometer registry, and the health view, against a running pipeline. */
class TributaryMetricsTest {

  private final MemoryDatabase db = new MemoryDatabase("src");
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  private TableId table(String name) {
    TableId id = db.tableId("app", "app", name);
    db.createTable(TableSchema.builder(id).primaryKey("id", DataType.bigint()).column("b", DataType.bytes())
        .build());
    return id;
  }

  private double gauge(String name, String... tags) {
    return registry.get(name).tags(tags).gauge().value();
  }

  private double counter(String name, String... tags) {
    return registry.get(name).tags(tags).functionCounter().count();
  }

  @Test
  void meters_followThePipeline_andHealthTurnsDegradedWhenATableStops() throws Exception {
    TableId a = table("a");
    TableId b = table("b");
    for (long i = 0; i < 40; i++) {
      db.insert(a, i, new byte[8]);
    }
    try (SyncPipeline p = SyncPipeline.builder().name("metered").source(db.source()).fullSync(true)
        .writer(new MemoryWriter(new MemoryWarehouse())).maxFieldBytes(1024).commitInterval(Duration.ofMillis(20))
        .build()) {
      new TributaryMetrics(p).bindTo(registry);
      assertThat(gauge("tributary.health", "pipeline", "metered")).isZero(); // not started: down
      p.start();
      assertThat(p.awaitCaughtUp(Duration.ofSeconds(10))).isTrue();
      db.insert(a, 100L, new byte[8]);
      db.update(a, 100L, new byte[9]);
      db.delete(a, 0L);
      assertThat(p.awaitCaughtUp(Duration.ofSeconds(10))).isTrue();

      assertThat(p.health().level()).isEqualTo(PipelineHealth.Level.UP);
      assertThat(gauge("tributary.health", "pipeline", "metered")).isEqualTo(2);
      String[] ta = {"pipeline", "metered", "table", "a", "database", "app", "target", "a"};
      assertThat(counter("tributary.table.changes", concat(ta, "op", "insert"))).isEqualTo(1);
      assertThat(counter("tributary.table.changes", concat(ta, "op", "update"))).isEqualTo(1);
      assertThat(counter("tributary.table.changes", concat(ta, "op", "delete"))).isEqualTo(1);
      assertThat(gauge("tributary.table.snapshot.rows", ta)).isEqualTo(40);
      assertThat(gauge("tributary.table.phase", ta)).isEqualTo(TablePhase.STREAMING.ordinal());
      assertThat(gauge("tributary.table.data.latency", ta)).isGreaterThanOrEqualTo(0);
      assertThat(gauge("tributary.tables", "pipeline", "metered", "phase", "STREAMING")).isEqualTo(2);
      assertThat(counter("tributary.records.read", "pipeline", "metered")).isGreaterThanOrEqualTo(43);
      assertThat(counter("tributary.records.written", "pipeline", "metered")).isGreaterThanOrEqualTo(43);
      assertThat(gauge("tributary.checkpoint.age", "pipeline", "metered")).isGreaterThanOrEqualTo(0);
      assertThat(gauge("tributary.buffered", "pipeline", "metered")).isGreaterThanOrEqualTo(0);
      assertThat(registry.get("tributary.source.position.age").tags("pipeline", "metered", "source", "src")
          .gauge()).isNotNull();

      db.insert(b, 1L, new byte[2048]); // over the field limit: table b stops alone
      await().atMost(Duration.ofSeconds(10)).until(() -> p.status().table(b).orElseThrow().phase()
          == TablePhase.BLACKLISTED);
      PipelineHealth health = p.health();
      assertThat(health.level()).isEqualTo(PipelineHealth.Level.DEGRADED);
      assertThat(health.stoppedTables()).containsOnlyKeys(b);
      assertThat(health.stoppedTables().get(b)).contains("over the 1024-byte field limit");
      assertThat(gauge("tributary.health", "pipeline", "metered")).isEqualTo(1);
      assertThat(gauge("tributary.table.phase", "pipeline", "metered", "table", "b"))
          .isEqualTo(TablePhase.BLACKLISTED.ordinal());
      assertThat(gauge("tributary.tables", "pipeline", "metered", "phase", "BLACKLISTED")).isEqualTo(1);
      p.stop();
      assertThat(p.status().state()).isEqualTo(PipelineState.STOPPED);
      assertThat(p.health().level()).isEqualTo(PipelineHealth.Level.DOWN);
      assertThat(gauge("tributary.health", "pipeline", "metered")).isZero();
    }
  }

  private static String[] concat(String[] a, String... b) {
    String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
