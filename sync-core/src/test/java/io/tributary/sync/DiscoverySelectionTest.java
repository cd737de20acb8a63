package io.tributary.sync;

import io.tributary.sync.event.DataType;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.sync.event.TableId;
import io.tributary.sync.event.TableSchema;
import io.tributary.sync.memory.MemoryDatabase;
import io.tributary.sync.memory.MemoryWarehouse;
import io.tributary.sync.memory.MemoryWriter;
import io.tributary.sync.spi.ChangeSource;
import io.tributary.sync.spi.ForwardingChangeSource;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The pipeline's table selection reaches the source's discovery: a table the source cannot map (a column type it
 * cannot decode) stops the pipeline only when the pipeline selects it.
 */
class DiscoverySelectionTest {

  private final MemoryDatabase db = new MemoryDatabase("src");

  @Test
  void unmappableTable_leftOutByTables_excludeTablesOrVirtualTable_doesNotStopThePipeline() {
    TableId a = table("a");
    table("bad");
    db.insert(a, 1L, 1);
    runs(b -> b.tables(TableSelector.of("app", "a")), "a");
    runs(b -> b.excludeTables(TableSelector.of("app", "bad")), "a");
    runs(b -> b.mode(SyncMode.MERGE).virtualTable(VirtualTable.of("all_a", TableSelector.of("app", "a"))), "all_a");
  }

  @Test
  void unmappableTable_selected_failsWithTheSourcesReason() {
    table("a");
    table("bad");
    try (SyncPipeline p = pipeline(new MemoryWarehouse()).build()) {
      p.start();
      await().atMost(Duration.ofSeconds(10)).until(() -> p.status().state() == PipelineState.FAILED);
      assertThat(p.status().failure()).contains("src:app.bad").contains("cannot decode");
    }
  }

  private void runs(UnaryOperator<SyncPipeline.Builder> selection, String target) {
    MemoryWarehouse warehouse = new MemoryWarehouse();
    try (SyncPipeline p = selection.apply(pipeline(warehouse)).build()) {
      p.start();
      await().atMost(Duration.ofSeconds(10))
          .failFast("the pipeline failed", () -> p.status().state() == PipelineState.FAILED)
          .until(() -> warehouse.tableNames().contains(target) && warehouse.rows(target).size() == 1);
    }
  }

  private TableId table(String name) {
    db.createTable(TableSchema.builder(db.tableId("app", "app", name)).primaryKey("id", DataType.bigint())
        .column("v", DataType.intType()).build());
    return db.tableId("app", "app", name);
  }

  private SyncPipeline.Builder pipeline(MemoryWarehouse warehouse) {
    return SyncPipeline.builder().name("t").source(new Unmappable(db.source(), "bad"))
        .writer(new MemoryWriter(warehouse)).fullSync(true).commitInterval(Duration.ofMillis(20));
  }

  /** A source whose discovery fails on one table, as a MySQL source does on a column type it cannot decode. */
  private static final class Unmappable extends ForwardingChangeSource {
    private final String bad;

    Unmappable(ChangeSource delegate, String bad) {
      super(delegate);
      this.bad = bad;
    }

    @Override
    public List<TableSchema> discoverTables() {
      return discoverTables(id -> true);
    }

    @Override
    public List<TableSchema> discoverTables(Predicate<TableId> selected) {
      List<TableSchema> out = delegate().discoverTables().stream().filter(s -> selected.test(s.id())).toList();
      for (TableSchema s : out) {
        if (s.id().table().equals(bad)) {
          throw SyncException.of(ErrorCode.UNSUPPORTED_COLUMN_TYPE, "table " + s.id() + " has a column type the source cannot decode", null);
        }
      }
      return out;
    }
  }
}
