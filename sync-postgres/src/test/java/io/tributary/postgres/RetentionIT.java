package io.tributary.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.sync.SyncEvent;
import io.tributary.sync.SyncPipeline;
import io.tributary.sync.memory.MemoryWarehouse;
import io.tributary.sync.memory.MemoryWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The retention alert on a real server: the slot's {@code safe_wal_size} under {@code max_slot_wal_keep_size}, checked
 * at start and periodically, alerting on crossing and on recovery.
 */
class RetentionIT {

  private String db;

  @AfterEach
  void cleanUp() {
    PgFixture.execute("postgres", "ALTER SYSTEM RESET max_slot_wal_keep_size", "SELECT pg_reload_conf()");
    if (db != null) {
      PgFixture.dropSlots(db);
    }
  }

  @Test
  void slotCloseToMaxSlotWalKeepSize_alertsWhileRunning_andOnRecovery() throws Exception {
    db = PgFixture.newDatabase("retention");
    PgFixture.execute(db, "CREATE TABLE t (id bigint PRIMARY KEY, v int)");
    List<SyncEvent> events = new CopyOnWriteArrayList<>();
    PostgresSource source = PgFixture.source(db, "pg").slotName("retention_slot").build();
    try (SyncPipeline p = SyncPipeline.builder().name("retention").source(source)
        .writer(new MemoryWriter(new MemoryWarehouse())).commitInterval(Duration.ofMillis(100))
        .logRetentionAlert(Duration.ofHours(1), 1L << 30).logRetentionCheckInterval(Duration.ofMillis(100))
        .listener(events::add).build()) {
      p.start();
      PgFixture.execute(db, "INSERT INTO t VALUES (1, 1)");
      assertThat(p.awaitCaughtUp(Duration.ofSeconds(30))).isTrue();
      // No limit: WAL is kept for the slot without bound.
      assertThat(p.logRetention().get("pg").bytesLeft()).isEqualTo(-1);
      assertThat(events).noneMatch(SyncEvent.LogRetentionAlert.class::isInstance);

      PgFixture.execute("postgres", "ALTER SYSTEM SET max_slot_wal_keep_size = '64MB'", "SELECT pg_reload_conf()");
      await().atMost(Duration.ofSeconds(20)).until(() -> events.stream().anyMatch(e ->
          e instanceof SyncEvent.LogRetentionAlert a && a.atRisk()));
      SyncEvent.LogRetentionAlert risk = alerts(events).get(0);
      assertThat(risk.bytesLeft()).isPositive().isLessThan(1L << 30); // 64 MB, give or take segment rounding
      assertThat(risk.summary()).contains("retention_slot").contains("safe_wal_size");

      PgFixture.execute("postgres", "ALTER SYSTEM RESET max_slot_wal_keep_size", "SELECT pg_reload_conf()");
      await().atMost(Duration.ofSeconds(20)).until(() -> alerts(events).size() == 2);
      assertThat(alerts(events).get(1).atRisk()).isFalse();
    }
  }

  private static List<SyncEvent.LogRetentionAlert> alerts(List<SyncEvent> events) {
    return events.stream().filter(SyncEvent.LogRetentionAlert.class::isInstance)
        .map(SyncEvent.LogRetentionAlert.class::cast).toList();
  }
}
