package io.tributary.sync.memory;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.sync.event.Column;
import io.tributary.sync.event.DataType;
import io.tributary.sync.event.Row;
import io.tributary.sync.spi.RowBatch;
import io.tributary.sync.spi.TargetTable;
import io.tributary.sync.spi.WriterContext;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A widened column holds its existing values in the wider type, as a lakehouse table read after the change does
 * (found by the decider simulation, issue 12: a merge shard with a BIGINT column joined a virtual table whose column
 * was INT, and the rows written before kept Integer values in a BIGINT column).
 */
class MemoryWarehouseWideningTest {

  @Test
  void widenedColumn_holdsExistingRowsInTheWiderType() {
    MemoryWarehouse warehouse = new MemoryWarehouse();
    MemoryWriter writer = new MemoryWriter(warehouse);
    writer.open(new WriterContext("p", 0, null));
    writer.ensureTable(table(DataType.intType()));
    RowBatch batch = new RowBatch(1);
    batch.upsert(Row.of(1L, 7), 1);
    writer.write("t", batch);
    writer.commit(1, writer.prepareCommit(1));

    writer.ensureTable(table(DataType.bigint()));

    assertThat(warehouse.rows("t")).containsExactly(Row.of(1L, 7L));
  }

  private static TargetTable table(DataType w) {
    return new TargetTable("t", List.of(Column.of("id", DataType.bigint().notNull()), Column.of("w", w)),
        List.of("id"));
  }
}
