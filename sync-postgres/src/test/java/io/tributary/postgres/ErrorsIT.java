package io.tributary.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.sync.ErrorCode;
import io.tributary.sync.PositionUnavailableException;
import io.tributary.sync.SyncException;
import io.tributary.sync.event.TableTruncated;
import io.tributary.sync.event.ChangeEvent;
import io.tributary.sync.event.ColumnMask;
import io.tributary.sync.event.RowChange;
import io.tributary.sync.event.RowFilter;
import io.tributary.sync.event.TableId;
import io.tributary.sync.event.TableNeedsResync;
import io.tributary.sync.event.TableSchema;
import io.tributary.sync.spi.LogStream;
import io.tributary.sync.spi.SnapshotChunk;
import io.tributary.sync.spi.StartPosition;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Failures a pipeline must see clearly: busy slot, TRUNCATE, unchanged TOAST values, NaN, invalidated slot. */
class ErrorsIT {

  private String db;
  private PostgresSource source;
  private Map<TableId, TableSchema> schemas;

  @BeforeEach
  void setUp() {
    db = PgFixture.newDatabase("errors");
    PgFixture.execute(db,
        "CREATE TABLE plain (id int PRIMARY KEY, n int)",
        "CREATE TABLE toasty (id int PRIMARY KEY, n int, body text)",
        "CREATE TABLE toasty_full (id int PRIMARY KEY, n int, body text)",
        "ALTER TABLE toasty_full REPLICA IDENTITY FULL",
        "CREATE TABLE money (id int PRIMARY KEY, amount numeric(10,2))");
    source = PgFixture.source(db, "errors").build();
    schemas = source.discoverTables().stream().collect(Collectors.toMap(TableSchema::id, Function.identity()));
  }

  @AfterEach
  void tearDown() {
    PgFixture.dropSlots(db);
    source.close();
  }

  private TableSchema table(String name) {
    return schemas.values().stream().filter(s -> s.id().table().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void slotInUse_waitsBoundedThenFailsRetriablyWithFix() {
    try (LogStream first = source.openLog(StartPosition.latest(), schemas);
        PostgresSource second = PgFixture.source(db, "errors2").slotName(source.slotName())
            .publicationName(source.publicationName()).slotActiveTimeout(Duration.ofSeconds(1)).build()) {
      long start = System.nanoTime();
      assertThatThrownBy(() -> second.openLog(StartPosition.latest(), schemas))
          .hasMessageContaining("still in use").hasMessageContaining("pg_terminate_backend")
          .isInstanceOfSatisfying(SyncException.class, e -> assertThat(e.isRetriable()).isTrue());
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofSeconds(1),
          Duration.ofSeconds(10));
    }
  }

  @Test
  void truncate_ofCapturedTable_isATruncateEventInLogOrder() throws Exception {
    try (LogStream log = source.openLog(StartPosition.latest(), schemas)) {
      PgFixture.execute(db, "INSERT INTO plain VALUES (1, 1)", "TRUNCATE plain", "INSERT INTO plain VALUES (2, 2)");
      List<ChangeEvent> events = Events.take(log, 3);
      assertThat(events.get(0)).isInstanceOf(RowChange.class);
      assertThat(events.get(1)).isInstanceOfSatisfying(TableTruncated.class,
          t -> assertThat(t.table().table()).isEqualTo("plain"));
      assertThat(events.get(2)).isInstanceOf(RowChange.class);
      assertThat(events.get(1).seq()).isGreaterThan(events.get(0).seq()).isLessThan(events.get(2).seq());
    }
  }

  private static final String BIG = "SELECT string_agg(md5(g::text), '') FROM generate_series(1, 400) g";

  @Test
  void unchangedToastValue_withoutReplicaIdentityFull_isMarkedUnchanged_neverANullValue() throws Exception {
    try (LogStream log = source.openLog(StartPosition.latest(), schemas)) {
      PgFixture.execute(db, "INSERT INTO toasty VALUES (1, 0, (" + BIG + "))",
          "UPDATE toasty SET n = 1 WHERE id = 1");
      RowChange update = (RowChange) Events.take(log, 2).get(1);
      assertThat(update.after().get(1)).isEqualTo(1);
      assertThat(update.unchanged()).isEqualTo(ColumnMask.of(2)); // body: no value, the writer keeps the target's
      assertThat(update.after().get(2)).isNull();
    }
  }

  @Test
  void toastValue_withReplicaIdentityFull_survivesUpdatesOfOtherColumns() throws Exception {
    try (LogStream log = source.openLog(StartPosition.latest(), schemas)) {
      PgFixture.execute(db, "INSERT INTO toasty_full VALUES (1, 0, (" + BIG + "))",
          "UPDATE toasty_full SET n = 1 WHERE id = 1");
      List<ChangeEvent> events = Events.take(log, 2);
      String body = (String) ((RowChange) events.get(0)).after().get(2);
      assertThat(body).hasSize(400 * 32);
      RowChange update = (RowChange) events.get(1);
      assertThat(update.after().get(1)).isEqualTo(1);
      assertThat(update.after().get(2)).isEqualTo(body);
      assertThat(update.unchanged()).isNull();
    }
  }

  /** A NaN no DECIMAL holds stops its table: in the WAL the row is replaced by the stop, a snapshot refuses it. */
  @Test
  void nanInDecimalColumn_stopsItsTable_inWalAndSnapshot() throws Exception {
    try (LogStream log = source.openLog(StartPosition.latest(), schemas)) {
      PgFixture.execute(db, "BEGIN", "INSERT INTO plain VALUES (1, 1)", "INSERT INTO money VALUES (1, 'NaN')",
          "INSERT INTO plain VALUES (2, 2)", "COMMIT");
      List<ChangeEvent> events = Events.take(log, 3);
      assertThat(events.get(0)).isInstanceOf(RowChange.class);
      assertThat(events.get(1)).isInstanceOfSatisfying(TableNeedsResync.class, n -> {
        assertThat(n.table().table()).isEqualTo("money");
        assertThat(n.code()).isEqualTo(ErrorCode.VALUE_NOT_REPRESENTABLE);
        assertThat(n.reason()).contains("amount").contains("NaN");
      });
      assertThat(events.get(2)).isInstanceOfSatisfying(RowChange.class,
          r -> assertThat(r.after().get(0)).isEqualTo(2));
    }
    SnapshotChunk chunk = source.planChunks(table("money"), RowFilter.all(), 100).get(0);
    assertThatThrownBy(() -> source.readChunk(chunk, table("money"), new Events.ListSink()))
        .isInstanceOfSatisfying(SyncException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.VALUE_NOT_REPRESENTABLE))
        .hasMessageContaining("amount").hasMessageContaining("NaN");
  }

  @Test
  void invalidatedSlot_isPositionUnavailable_sayingToResync() throws Exception {
    try (LogStream log = source.openLog(StartPosition.latest(), schemas)) {
      PgFixture.execute(db, "INSERT INTO plain VALUES (1, 1)");
      Events.take(log, 1);
    }
    try {
      PgFixture.execute("postgres", "ALTER SYSTEM SET max_slot_wal_keep_size = '1MB'", "SELECT pg_reload_conf()");
      for (int i = 0; i < 4; i++) {
        PgFixture.execute(db, "INSERT INTO plain SELECT g, g FROM generate_series(" + (10_000 * (i + 1)) + ", "
            + (10_000 * (i + 1) + 5000) + ") g", "SELECT pg_switch_wal()");
      }
      PgFixture.execute("postgres", "CHECKPOINT");
      assertThatThrownBy(() -> source.openLog(StartPosition.latest(), schemas))
          .isInstanceOf(PositionUnavailableException.class).hasMessageContaining("re-sync");
      assertThat(source.logRetention(io.tributary.postgres.PostgresPosition.at(0), -1)).hasValueSatisfying(r ->
          assertThat(r.lost()).as("%s", r).isTrue());
      assertThat(source.preflight(schemas.values()).warnings())
          .anySatisfy(c -> assertThat(c.found()).contains("lost"));
      // onLostLogPosition(RESYNC)'s way back: the invalidated slot is dropped and created anew at the current LSN.
      try (LogStream restarted = source.restartLog(schemas)) {
        PgFixture.execute(db, "INSERT INTO plain VALUES (2, 2)");
        assertThat(Events.take(restarted, 1)).hasSize(1);
      }
    } finally {
      PgFixture.execute("postgres", "ALTER SYSTEM RESET max_slot_wal_keep_size", "SELECT pg_reload_conf()");
    }
  }
}
