package io.tributary.sync.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.sync.CheckpointStores;
import io.tributary.sync.ErrorCode;
import io.tributary.sync.LostLogPosition;
import io.tributary.sync.SchemaIncompatibleException;
import io.tributary.sync.SyncMode;
import io.tributary.sync.TablePhase;
import io.tributary.sync.TableSelector;
import io.tributary.sync.VirtualTable;
import io.tributary.sync.event.Column;
import io.tributary.sync.event.DataType;
import io.tributary.sync.event.RowFilter;
import io.tributary.sync.event.TableId;
import io.tributary.sync.event.TableSchema;
import io.tributary.sync.memory.MemoryDatabase;
import io.tributary.sync.memory.MemoryWarehouse;
import io.tributary.sync.memory.MemoryWriter;
import io.tributary.sync.spi.StartPosition;
import io.tributary.sync.spi.TargetTable;
import io.tributary.sync.spi.WriterContext;
import java.time.Clock;
import java.time.Duration;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Planning a merge target when one of its shards is stopped, driven on the {@link Decider} directly; found by the
 * {@link DeciderSimulation} once its stopped-table reasons were checked in merge mode (seed 5000009).
 */
class MergeTargetReplanTest {

  /**
   * Shard {@code v0_b} (w BIGINT) is stopped, {@code v0_a} (w INT) streams into the target it widened to BIGINT.
   * Planned from the live shard alone at the next start, the target's {@code w} narrowed to INT: the writer refused
   * it, and the healthy shard stopped too.
   */
  @Test
  void aStoppedShardsWiderColumnKeepsTheTargetWideAtTheNextStart() throws InterruptedException {
    MemoryDatabase db = new MemoryDatabase("src");
    TableSchema a = TableSchema.builder(db.tableId("app", "app", "v0_a")).primaryKey("id", DataType.bigint())
        .column("v", DataType.bigint()).column("w", DataType.intType()).build();
    TableSchema b = TableSchema.builder(db.tableId("app", "app", "v0_b")).primaryKey("id", DataType.bigint())
        .column("v", DataType.bigint()).column("w", DataType.bigint()).build();
    db.createTable(a);
    db.createTable(b);
    MemoryWarehouse warehouse = new MemoryWarehouse();
    MemoryWriter writer = new MemoryWriter(warehouse);
    writer.open(new WriterContext("merge", 0, null));
    writer.ensureTable(new TargetTable("v0", List.of(Column.of("id", DataType.bigint().notNull()),
        Column.of("v", DataType.bigint()), Column.of("w", DataType.bigint())), List.of("id")), Map.of());
    PipelineConfig config = new PipelineConfig("merge", List.of(db.source()), SyncMode.MERGE,
        List.of(TableSelector.all()), List.of(), List.of(VirtualTable.of("v0", TableSelector.of(".*", "v0_.*"))),
        TableId::table, List.of(), false, true, true, writer, CheckpointStores.inMemory(),
        io.tributary.sync.spi.SchemaEvolutionPolicy.evolve(), List.of(), 1, 2, 4, Duration.ofMillis(50), 1L << 20,
        128, 10L << 20, null, null, 10, Duration.ofSeconds(1), LostLogPosition.FAIL, Duration.ofHours(1),
        256L << 20, Duration.ofMinutes(1), null, Clock.systemUTC());
    byte[] position = db.source().openLog(StartPosition.latest(), Map.of()).startPosition().encode();
    Map<TableId, Checkpoint.TableState> states = new LinkedHashMap<>();
    states.put(a.id(), new Checkpoint.TableState(a.id(), TablePhase.STREAMING, a, List.of(), new BitSet(), 0, null,
        RowFilter.all(), null, null));
    states.put(b.id(), new Checkpoint.TableState(b.id(), TablePhase.BLACKLISTED, b, List.of(), new BitSet(), 0, null,
        RowFilter.all(), "TRUNCATE cannot be applied", ErrorCode.TRUNCATE_UNSUPPORTED));
    Checkpoint restored = new Checkpoint(1, Map.of("src", position), states, null);
    Decider decider = Decider.restore(config, restored, RunStartup.selectTables(config, restored), 1, true);

    Input next = new Input.Start(0);
    while (next != null) {
      Input in = next;
      next = null;
      for (Effect e : List.copyOf(decider.apply(in))) {
        if (e instanceof Effect.EnsureTable t) {
          assertThat(t.table().columns()).contains(Column.of("w", DataType.bigint()));
          try {
            writer.ensureTable(t.table(), t.renamedFrom());
            next = new Input.TableEnsured(null);
          } catch (SchemaIncompatibleException refused) {
            next = new Input.TableEnsured(refused);
          }
        }
      }
    }

    assertThat(decider.tables().get(a.id()).phase).isEqualTo(TablePhase.STREAMING);
    assertThat(warehouse.schema("v0").orElseThrow().columns()).contains(Column.of("w", DataType.bigint()));
  }
}
