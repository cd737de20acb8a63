package io.tributary.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.sync.event.DataType;
import io.tributary.sync.event.SourcePosition;
import io.tributary.sync.event.TableId;
import io.tributary.sync.event.TableSchema;
import io.tributary.sync.memory.MemoryDatabase;
import io.tributary.sync.memory.MemoryWarehouse;
import io.tributary.sync.memory.MemoryWriter;
import io.tributary.sync.spi.CheckpointStore;
import io.tributary.sync.spi.ForwardingChangeSource;
import io.tributary.sync.spi.LogRetention;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The retention alert: fired on crossing and on recovery, periodically while running, and checked when stopped. */
class RetentionAlertTest {

  private final MemoryDatabase db = new MemoryDatabase("src");
  private final AtomicReference<LogRetention> answer = new AtomicReference<>(
      new LogRetention(false, -1, Duration.ofHours(2), "plenty"));
  private final AtomicReference<SourcePosition> asked = new AtomicReference<>();
  private final AtomicLong askedTime = new AtomicLong(Long.MIN_VALUE);
  private final List<SyncEvent> events = new CopyOnWriteArrayList<>();
  private final CheckpointStore store = CheckpointStores.inMemory();

  private final class Retaining extends ForwardingChangeSource {
    Retaining() {
      super(db.source());
    }

    @Override
    public Optional<LogRetention> logRetention(SourcePosition position, long positionTimeMillis) {
      asked.set(position);
      askedTime.set(positionTimeMillis);
      return Optional.of(answer.get());
    }
  }

  private SyncPipeline pipeline() {
    return SyncPipeline.builder().name("ret").source(new Retaining()).writer(new MemoryWriter(new MemoryWarehouse()))
        .checkpointStore(store).commitInterval(Duration.ofMillis(20)).logRetentionCheckInterval(Duration.ofMillis(20))
        .logRetentionAlert(Duration.ofHours(1), 1000).listener(events::add).build();
  }

  private List<SyncEvent.LogRetentionAlert> alerts() {
    return events.stream().filter(SyncEvent.LogRetentionAlert.class::isInstance)
        .map(SyncEvent.LogRetentionAlert.class::cast).toList();
  }

  @Test
  void firesOnCrossingAndOnRecovery_byTimeAndByBytes_andAStoppedPipelineReportsIt() throws Exception {
    db.createTable(TableSchema.builder(db.tableId("app", "app", "a")).primaryKey("id", DataType.bigint()).build());
    TableId a = db.tableId("app", "app", "a");
    try (SyncPipeline p = pipeline()) {
      p.start();
      db.insert(a, 1L);
      assertThat(p.awaitCaughtUp(Duration.ofSeconds(10))).isTrue();
      await().atMost(Duration.ofSeconds(10)).until(() -> askedTime.get() >= 0); // a running checkpoint's time
      assertThat(alerts()).isEmpty();

      answer.set(new LogRetention(false, -1, Duration.ofMinutes(10), "binlog expires soon"));
      await().atMost(Duration.ofSeconds(10)).until(() -> alerts().size() == 1);
      SyncEvent.LogRetentionAlert risk = alerts().get(0);
      assertThat(risk.atRisk()).isTrue();
      assertThat(risk.source()).isEqualTo("src");
      assertThat(risk.summary()).contains("at risk").contains("600 s").contains("binlog expires soon");
      assertThat(io.tributary.sync.alert.AlertRule.of(risk)).isEqualTo(io.tributary.sync.alert.AlertRule.LOG_RETENTION);

      answer.set(new LogRetention(false, -1, Duration.ofMinutes(30), "still soon"));
      answer.set(new LogRetention(false, 5000, null, "slot has room"));
      await().atMost(Duration.ofSeconds(10)).until(() -> alerts().size() == 2);
      assertThat(alerts().get(1).atRisk()).isFalse();

      answer.set(new LogRetention(false, 10, null, "slot nearly full"));
      await().atMost(Duration.ofSeconds(10)).until(() -> alerts().size() == 3);
      assertThat(alerts().get(2).atRisk()).isTrue();
      assertThat(alerts().get(2).bytesLeft()).isEqualTo(10);
    }
    // Stopped: the check uses the stored checkpoint's position (its time is unknown) and alerts on a crossing too.
    try (SyncPipeline stopped = pipeline()) {
      answer.set(LogRetention.gone("purged"));
      assertThat(stopped.logRetention()).containsKey("src");
      assertThat(stopped.logRetention().get("src").lost()).isTrue();
      assertThat(askedTime.get()).isEqualTo(-1);
      assertThat(asked.get()).isNotNull();
      await().atMost(Duration.ofSeconds(10)).until(() -> alerts().size() == 4);
      assertThat(alerts().get(3).atRisk()).isTrue();
      // The pipeline's preflight says the same, with what the start will do.
      answer.set(new LogRetention(false, -1, Duration.ofMinutes(5), "expires soon"));
      io.tributary.sync.spi.PreflightCheck soon = retentionCheck(stopped);
      assertThat(soon.status()).isEqualTo(io.tributary.sync.spi.PreflightCheck.Status.WARNING);
      assertThat(soon.found()).contains("expires soon").contains("300 s");
      answer.set(LogRetention.gone("purged"));
      assertThat(retentionCheck(stopped).status()).isEqualTo(io.tributary.sync.spi.PreflightCheck.Status.FAILED);
      answer.set(new LogRetention(false, -1, Duration.ofHours(5), "fine"));
      assertThat(retentionCheck(stopped).status()).isEqualTo(io.tributary.sync.spi.PreflightCheck.Status.OK);
    }
  }

  private static io.tributary.sync.spi.PreflightCheck retentionCheck(SyncPipeline p) {
    return p.preflight().get(0).checks().stream().filter(c -> c.name().startsWith("log retention")).findFirst()
        .orElseThrow();
  }

  @Test
  void aPipelineNeverCheckpointed_hasNothingToLose() {
    try (SyncPipeline p = pipeline()) {
      assertThat(p.logRetention()).isEmpty();
    }
  }
}
