package io.tributary.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.tributary.sync.event.DataType;
import io.tributary.sync.event.RowFilter;
import io.tributary.sync.event.TableId;
import io.tributary.sync.event.TableSchema;
import io.tributary.sync.memory.MemoryCheckpointStore;
import io.tributary.sync.memory.MemoryDatabase;
import io.tributary.sync.memory.MemoryWarehouse;
import io.tributary.sync.memory.MemoryWriter;
import io.tributary.sync.spi.ChangeSource;
import io.tributary.sync.spi.ForwardingChangeSource;
import io.tributary.sync.spi.SnapshotChunk;
import io.tributary.sync.spi.SnapshotSink;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Failures a host cannot miss (codes in status, alerts and exceptions; waiting on a failed pipeline throws) and bad
 * input at the edges (operations before start or on tables not captured, start twice, a catch-up filter naming an
 * unknown column, selectors that match nothing after a restart), on the in-memory database.
 */
class ErrorsAtTheEdgesTest {

  private final MemoryDatabase db = new MemoryDatabase("src");
  private final MemoryWarehouse warehouse = new MemoryWarehouse();
  private final MemoryCheckpointStore store = new MemoryCheckpointStore();
  private final List<SyncEvent> events = new CopyOnWriteArrayList<>();

  private TableId table(String name) {
    db.createTable(TableSchema.builder(db.tableId("app", "app", name)).primaryKey("id", DataType.bigint())
        .column("v", DataType.intType()).build());
    return db.tableId("app", "app", name);
  }

  private SyncPipeline.Builder pipeline() {
    return SyncPipeline.builder().name("edges").source(db.source()).writer(new MemoryWriter(warehouse))
        .checkpointStore(store).commitInterval(Duration.ofMillis(20)).listener(events::add);
  }

  @Test
  void failedPipeline_awaitCaughtUpAndAwaitRunningThrowTheCauseWithItsCode_statusAndAlertCarryIt()
      throws Exception {
    db.createTable(TableSchema.builder(db.tableId("app", "app", "logs")).column("line", DataType.string()).build());
    try (SyncPipeline p = pipeline().build()) {
      p.start();
      // Before: awaitCaughtUp returned false, which a host could not tell from a slow pipeline.
      assertThatThrownBy(() -> p.awaitCaughtUp(Duration.ofSeconds(10))).isInstanceOf(PipelineFailedException.class)
          .hasMessageContaining("pipeline edges failed [NO_PRIMARY_KEY]").hasMessageContaining("src:app.logs")
          .hasMessageContaining("fix: add one, or excludeTables(...)")
          .satisfies(e -> assertThat(((PipelineFailedException) e).code()).isEqualTo(ErrorCode.NO_PRIMARY_KEY))
          .cause().isInstanceOf(SyncException.class).hasMessageContaining("only tables with a primary key");
      assertThatThrownBy(() -> p.awaitRunning(Duration.ofSeconds(10))).isInstanceOf(PipelineFailedException.class)
          .hasMessageContaining("[NO_PRIMARY_KEY]");

      PipelineStatus s = p.status();
      assertThat(s.state()).isEqualTo(PipelineState.FAILED);
      assertThat(s.failureCode()).isEqualTo(ErrorCode.NO_PRIMARY_KEY);
      assertThat(s.failureCode().action()).isEqualTo(ErrorCode.Action.OPERATOR);
      assertThat(s.failureCause()).isInstanceOf(SyncException.class).hasMessage(s.failure());
    }
    // Delivered although the pipeline was closed right after it failed.
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(events)
        .filteredOn(e -> e instanceof SyncEvent.PipelineFailed).singleElement()
        .satisfies(e -> assertThat(((SyncEvent.Alert) e).code()).isEqualTo(ErrorCode.NO_PRIMARY_KEY))
        .satisfies(e -> assertThat(((SyncEvent.Alert) e).summary()).contains("failed [NO_PRIMARY_KEY]")));
  }

  @Test
  void awaitRunning_returnsOnceOperationsAreAccepted_andRefusesAPipelineNeverStarted() throws Exception {
    TableId a = table("a");
    try (SyncPipeline p = pipeline().build()) {
      assertThatThrownBy(() -> p.awaitRunning(Duration.ofSeconds(1))).isInstanceOf(PipelineNotRunningException.class)
          .hasMessageContaining("is CREATED, not RUNNING: call start()");
      assertThatThrownBy(() -> p.awaitCaughtUp(Duration.ofSeconds(1)))
          .isInstanceOf(PipelineNotRunningException.class);
      p.start();
      assertThat(p.awaitRunning(Duration.ofSeconds(10))).isTrue();
      p.pause(a).get(10, TimeUnit.SECONDS); // accepted at once: no polling for RUNNING
      assertThat(p.status().table(a).orElseThrow().phase()).isEqualTo(TablePhase.PAUSED);
      p.stop();
      assertThatThrownBy(() -> p.awaitRunning(Duration.ofSeconds(1))).isInstanceOf(PipelineNotRunningException.class)
          .hasMessageContaining("is STOPPED");
      assertThat(p.awaitCaughtUp(Duration.ofMillis(50))).isFalse(); // stopped by the host: no failure to report
    }
  }

  @Test
  void stoppedTable_carriesItsCodeInStatusAndAlert() throws Exception {
    db.createTable(TableSchema.builder(db.tableId("app", "app", "k")).primaryKey("id", DataType.string()).build());
    TableId k = db.tableId("app", "app", "k");
    try (SyncPipeline p = pipeline().maxPrimaryKeyBytes(16).build()) {
      p.start();
      assertThat(p.awaitRunning(Duration.ofSeconds(10))).isTrue();
      db.insert(k, "a key that is much longer than sixteen bytes");
      assertThat(p.awaitCaughtUp(Duration.ofSeconds(10))).isTrue();
      PipelineStatus.TableStatus st = p.status().table(k).orElseThrow();
      assertThat(st.phase()).isEqualTo(TablePhase.BLACKLISTED);
      assertThat(st.reasonCode()).isEqualTo(ErrorCode.LIMIT_EXCEEDED);
      assertThat(st.reasonCode().action()).isEqualTo(ErrorCode.Action.TABLE_STOPPED);
      p.stop();
      p.start(); // the code survives a restart with the checkpoint
      assertThat(p.awaitRunning(Duration.ofSeconds(10))).isTrue();
      assertThat(p.awaitCaughtUp(Duration.ofSeconds(10))).isTrue();
      assertThat(p.status().table(k).orElseThrow().reasonCode()).isEqualTo(ErrorCode.LIMIT_EXCEEDED);
    }
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(events)
        .filteredOn(e -> e instanceof SyncEvent.TableStopped).singleElement()
        .satisfies(e -> assertThat(((SyncEvent.TableStopped) e).code()).isEqualTo(ErrorCode.LIMIT_EXCEEDED)));
  }

  /** A chunk read refusing a value (a TABLE_STOPPED code) stops that table; the run and the other tables go on. */
  @Test
  void snapshotChunkRefusingAValue_stopsThatTableAlone() throws Exception {
    TableId bad = table("bad");
    TableId good = table("good");
    db.insert(bad, 1L, 1);
    db.insert(good, 1L, 1);
    ChangeSource refusing = new ForwardingChangeSource(db.source()) {
      @Override
      public void readChunk(SnapshotChunk chunk, TableSchema schema, SnapshotSink sink) throws InterruptedException {
        if (schema.id().equals(bad)) {
          throw SyncException.of(ErrorCode.VALUE_NOT_REPRESENTABLE, "column v holds 24:00:00, no target holds it",
              null);
        }
        delegate().readChunk(chunk, schema, sink);
      }
    };
    try (SyncPipeline p = SyncPipeline.builder().name("edges").source(refusing).writer(new MemoryWriter(warehouse))
        .checkpointStore(store).commitInterval(Duration.ofMillis(20)).listener(events::add).fullSync(true)
        .build()) {
      p.start();
      await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
        assertThat(p.status().state()).as("%s", p.status()).isEqualTo(PipelineState.RUNNING);
        PipelineStatus.TableStatus st = p.status().table(bad).orElseThrow();
        assertThat(st.phase()).isEqualTo(TablePhase.BLACKLISTED);
        assertThat(st.reasonCode()).isEqualTo(ErrorCode.VALUE_NOT_REPRESENTABLE);
        assertThat(st.reason()).contains("24:00:00");
        assertThat(p.status().table(good).orElseThrow().phase()).isEqualTo(TablePhase.STREAMING);
      });
      db.insert(good, 2L, 2);
      String target = p.status().table(good).orElseThrow().target();
      await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(warehouse.rows(target)).hasSize(2));
      assertThat(warehouse.rows(p.status().table(bad).orElseThrow().target())).isEmpty();
      assertThat(p.status().state()).isEqualTo(PipelineState.RUNNING);
    }
  }

  @Test
  void everyOperation_beforeStart_failsWithPipelineNotRunning_namingTheFix() {
    TableId a = table("a");
    try (SyncPipeline p = pipeline().build()) {
      for (Function<SyncPipeline, CompletableFuture<Void>> op : operations(a)) {
        assertThatThrownBy(() -> op.apply(p).get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
            .cause().isInstanceOf(PipelineNotRunningException.class)
            .hasMessage("pipeline edges is CREATED, not RUNNING: call start(), then awaitRunning(timeout)");
      }
    }
  }

  @Test
  void everyOperation_onATableNotCaptured_failsWithTableNotCaptured_listingTheCapturedOnes() throws Exception {
    TableId a = table("a");
    TableId excluded = table("excluded");
    TableId unknown = db.tableId("app", "app", "nope");
    try (SyncPipeline p = pipeline().excludeTables(TableSelector.of("app", "excluded")).build()) {
      p.start();
      assertThat(p.awaitRunning(Duration.ofSeconds(10))).isTrue();
      for (TableId t : List.of(excluded, unknown)) {
        for (Function<SyncPipeline, CompletableFuture<Void>> op : operations(t)) {
          assertThatThrownBy(() -> op.apply(p).get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
              .cause().isInstanceOf(TableNotCapturedException.class)
              .hasMessageContaining("table " + t + " is not captured by pipeline edges; captured: [" + a + "]")
              .hasMessageContaining("SyncPipeline.tables()");
        }
      }
      assertThat(p.status().state()).isEqualTo(PipelineState.RUNNING); // a bad operation fails only itself
    }
  }

  @Test
  void startTwice_failsNamingTheStateAndTheFix() throws Exception {
    table("a");
    try (SyncPipeline p = pipeline().build()) {
      p.start();
      assertThatThrownBy(p::start).isInstanceOf(IllegalStateException.class)
          .hasMessageMatching("pipeline edges cannot start: it is (STARTING|RUNNING) \\(start\\(\\) was called"
              + " before\\); stop\\(\\) it first to restart it");
      assertThat(p.awaitRunning(Duration.ofSeconds(10))).isTrue();
      assertThatThrownBy(p::start).isInstanceOf(IllegalStateException.class).hasMessageContaining("it is RUNNING");
    }
  }

  @Test
  void catchUpFilter_namingAnUnknownColumn_failsNamingTheTablesColumns() throws Exception {
    TableId a = table("a");
    db.insert(a, 1L, 1);
    try (SyncPipeline p = pipeline().build()) {
      p.start();
      assertThat(p.awaitRunning(Duration.ofSeconds(10))).isTrue();
      RowFilter typo = RowFilter.and(RowFilter.ge("id", 0L), RowFilter.not(RowFilter.isNull("vv")));
      // Before: the column read as null in every row, so the catch-up silently matched (and deleted) nothing.
      assertThatThrownBy(() -> p.catchUp(a, typo).get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
          .cause().isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("names column vv, which " + a + " does not have; its columns are [id, v]");
      assertThat(p.status().table(a).orElseThrow().phase()).isEqualTo(TablePhase.STREAMING);
      p.catchUp(a, RowFilter.ge("v", 0)).get(10, TimeUnit.SECONDS); // a good filter still works
      assertThat(p.awaitCaughtUp(Duration.ofSeconds(10))).isTrue();
      assertThat(warehouse.rows("a")).containsExactlyInAnyOrderElementsOf(db.rows(a));
    }
  }

  @Test
  void selectorMatchingNothingAfterARestart_failsWithNothingSelected_namingTheTablesItMatchedBefore()
      throws Exception {
    TableId a = table("a");
    TableId b = table("b");
    db.insert(a, 1L, 1);
    SyncPipeline.Builder builder = pipeline().tables(TableSelector.of("app", "a"), TableSelector.of("app", "b"));
    try (SyncPipeline p = builder.build()) {
      p.start();
      assertThat(p.awaitRunning(Duration.ofSeconds(10))).isTrue();
      assertThat(p.awaitCaughtUp(Duration.ofSeconds(10))).isTrue();
      p.stop();
      db.dropTable(b); // while the pipeline is stopped
      p.start();
      // Before: the selector for b was dropped silently and the pipeline ran on without a word.
      assertThatThrownBy(() -> p.awaitRunning(Duration.ofSeconds(10))).isInstanceOf(PipelineFailedException.class)
          .satisfies(e -> assertThat(((SyncException) e).code()).isEqualTo(ErrorCode.NOTHING_SELECTED))
          .hasMessageContaining("table selector source~.* database~.* schema~app table~b matches no source table")
          .hasMessageContaining("At the last checkpoint it matched [" + b + "], which the source no longer has");
    }
  }

  @Test
  void selectorMatchingNothingAtFirstStart_failsToo_ratherThanRunningWithoutIt() throws Exception {
    table("a");
    try (SyncPipeline p = pipeline().tables(TableSelector.of("app", "a"), TableSelector.of("app", "typo")).build()) {
      p.start();
      assertThatThrownBy(() -> p.awaitRunning(Duration.ofSeconds(10))).isInstanceOf(PipelineFailedException.class)
          .hasMessageContaining("table~typo matches no source table; check its patterns")
          .hasMessageNotContaining("last checkpoint");
    }
  }

  private static List<Function<SyncPipeline, CompletableFuture<Void>>> operations(TableId t) {
    return List.of(p -> p.resync(t), p -> p.catchUp(t, RowFilter.all()), p -> p.pause(t), p -> p.resume(t),
        p -> p.prioritize(t));
  }
}
