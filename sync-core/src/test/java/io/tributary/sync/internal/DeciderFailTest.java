package io.tributary.sync.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.sync.ErrorCode;
import io.tributary.sync.LostLogPosition;
import io.tributary.sync.SchemaIncompatibleException;
import io.tributary.sync.SyncException;
import io.tributary.sync.SyncMode;
import io.tributary.sync.TableSelector;
import io.tributary.sync.event.Column;
import io.tributary.sync.event.DataType;
import io.tributary.sync.event.TableId;
import io.tributary.sync.event.TableSchema;
import io.tributary.sync.memory.MemoryCheckpointStore;
import io.tributary.sync.memory.MemoryDatabase;
import io.tributary.sync.memory.MemoryWarehouse;
import io.tributary.sync.memory.MemoryWriter;
import io.tributary.sync.spi.LogStream;
import io.tributary.sync.spi.SchemaEvolutionPolicy;
import io.tributary.sync.spi.StartPosition;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

/**
 * How a failure leaves the decider: as an {@link Effect.Fail}, the input's only effect but for the log lines decided
 * before it, never as a throw from {@code apply}; and the decider stays failed. Its log lines are {@link Effect.Log}s
 * naming the table they are about.
 */
class DeciderFailTest {

  private final MemoryDatabase db = new MemoryDatabase("src");
  private TableId id;
  private LogStream log;

  @Test
  void workerFailure_isTheOnlyEffect_andTheDeciderStaysFailed() {
    Decider d = started(SchemaEvolutionPolicy.evolve());
    IllegalStateException boom = new IllegalStateException("boom");

    List<Effect> failed = List.copyOf(d.apply(new WorkItem.Failed("snapshot of t", boom)));

    assertThat(failed).containsExactly(new Effect.Fail(boom));
    assertThat(d.apply(new Input.Tick(5_000))).as("every later input is refused with the failure")
        .containsExactly(new Effect.Fail(boom));
  }

  @Test
  void workerError_isWrappedAsWorkerFailed() {
    Decider d = started(SchemaEvolutionPolicy.evolve());

    List<Effect> failed = d.apply(new WorkItem.Failed("log of source src", new AssertionError("bad")));

    assertThat(failed).singleElement().isInstanceOfSatisfying(Effect.Fail.class, f -> {
      assertThat(f.cause()).isInstanceOf(SyncException.class).hasMessageContaining("log of source src failed");
      assertThat(((SyncException) f.cause()).code()).isEqualTo(ErrorCode.WORKER_FAILED);
    });
  }

  @Test
  void schemaChangeUnderFailPipeline_failsWithTheDecisionLogged_andWritesNothing() throws Exception {
    Decider d = started(SchemaEvolutionPolicy.failPipeline());
    db.insert(id, 1L, "a");
    db.addColumn(id, Column.of("extra", DataType.intType()));
    db.insert(id, 2L, "b", 7);

    List<Effect> effects = apply(d, new WorkItem.LogBatch(0, log.poll(Duration.ofMillis(100)), 1, 0));

    assertThat(effects).hasSize(2);
    assertThat(effects.get(0)).isInstanceOfSatisfying(Effect.Log.class, l -> {
      assertThat(l.level()).isEqualTo(Level.INFO);
      assertThat(l.table()).as("the line carries the table's MDC keys").isEqualTo(id);
      assertThat(l.message()).isEqualTo("[fail] schema change of " + id + ": "
          + l.args()[2] + " -> FAIL_PIPELINE");
    });
    assertThat(effects.get(1)).isInstanceOfSatisfying(Effect.Fail.class, f -> assertThat(f.cause())
        .isInstanceOf(SchemaIncompatibleException.class).hasMessageContaining("policy failPipeline"));
    assertThat(d.cursors().get(0).seq).as("the position stays before the change").isLessThan(db.lastSeq() - 1);
  }

  @Test
  void ensureTableAnsweredWithAnotherFailure_failsTheRun() {
    Decider d = decider(SchemaEvolutionPolicy.evolve());
    List<Effect> first = d.apply(new Input.Start(1_000));
    assertThat(first).last().isInstanceOf(Effect.EnsureTable.class);
    IllegalStateException writerDown = new IllegalStateException("writer down");

    assertThat(d.apply(new Input.TableEnsured(writerDown))).containsExactly(new Effect.Fail(writerDown));
  }

  @Test
  void phaseChange_isALogLineAboutTheTable() {
    Decider d = started(SchemaEvolutionPolicy.evolve());

    List<Effect> effects = apply(d, new WorkItem.Command(1, WorkItem.Command.Op.PAUSE, List.of(id), null));

    assertThat(effects).filteredOn(Effect.Log.class::isInstance).map(Effect.Log.class::cast)
        .anySatisfy(l -> {
          assertThat(l.table()).isEqualTo(id);
          assertThat(l.logger()).isEqualTo(TableSet.class);
          assertThat(l.message()).isEqualTo("[fail] table " + id + ": STREAMING -> PAUSED");
        });
  }

  /** A decider after start-up, its table streaming (no full sync). */
  private Decider started(SchemaEvolutionPolicy policy) {
    Decider d = decider(policy);
    apply(d, new Input.Start(1_000));
    log = db.source().openLog(StartPosition.latest(), Map.of(id, db.schema(id)));
    apply(d, new Input.LogsOpened(List.of(log.startPosition()), List.of(), 0));
    return d;
  }

  private Decider decider(SchemaEvolutionPolicy policy) {
    id = db.tableId("app", "app", "t");
    db.createTable(TableSchema.builder(id).primaryKey("id", DataType.bigint()).column("v", DataType.string())
        .build());
    PipelineConfig config = new PipelineConfig("fail", List.of(db.source()), SyncMode.MIRROR,
        List.of(TableSelector.all()), List.of(), List.of(), TableId::table, List.of(), false, false, false,
        new MemoryWriter(new MemoryWarehouse()), new MemoryCheckpointStore(), policy, List.of(), 1, 100, 100,
        Duration.ofSeconds(1), 1L << 20, 128, 10L << 20, null, null, 10, Duration.ofSeconds(1), LostLogPosition.FAIL,
        Duration.ofHours(1), 256L << 20, Duration.ofMinutes(1), null, Clock.systemUTC());
    return Decider.restore(config, null, RunStartup.selectTables(config, null), 0, true);
  }

  /** Applies {@code in}, answering each EnsureTable as a writer that takes it; returns every effect, copied. */
  private static List<Effect> apply(Decider d, Input in) {
    return DeciderDriver.acceptEnsures(d, d.apply(in));
  }
}
