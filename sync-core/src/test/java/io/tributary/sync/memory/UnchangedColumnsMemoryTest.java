package io.tributary.sync.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.sync.event.Column;
import io.tributary.sync.event.ColumnMask;
import io.tributary.sync.event.DataType;
import io.tributary.sync.event.Row;
import io.tributary.sync.event.RowFilter;
import io.tributary.sync.spi.RowBatch;
import io.tributary.sync.spi.TargetTable;
import io.tributary.sync.spi.WriterContext;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Upserts whose unchanged columns carry no value, into the in-memory writer: direct and through staging. */
class UnchangedColumnsMemoryTest {

  private static final TargetTable T = new TargetTable("t", List.of(Column.of("id", DataType.intType().notNull()),
      Column.of("body", DataType.string()), Column.of("n", DataType.intType())), List.of("id"));
  private static final ColumnMask BODY = ColumnMask.of(1);

  private final MemoryWarehouse warehouse = new MemoryWarehouse();
  private final MemoryWriter writer = new MemoryWriter(warehouse);
  private long checkpoint;

  @BeforeEach
  void open() {
    writer.open(new WriterContext("p", 0, null));
    writer.ensureTable(T);
  }

  private void commit() {
    checkpoint++;
    writer.commit(checkpoint, writer.prepareCommit(checkpoint));
  }

  @Test
  void columnMask_mapsAndPrints() {
    assertThat(ColumnMask.of()).isNull();
    ColumnMask m = ColumnMask.of(1, 70);
    assertThat(m.indexes()).containsExactly(1, 70);
    assertThat(m.contains(70)).isTrue();
    assertThat(m.contains(2)).isFalse();
    assertThat(m.relayout(new int[] {0, -1, 1, 70})).isEqualTo(ColumnMask.of(2, 3));
    assertThat(m.relayout(new int[] {0, 2})).isNull();
    assertThat(m).hasToString("{1,70}");
  }

  @Test
  void direct_keepsCurrentValue_acrossBatchAndCommit_explicitNullClears() {
    RowBatch b = new RowBatch(4);
    b.upsert(Row.of(1, "a", 0), 1);
    b.upsert(Row.of(1, null, 1), 2, BODY);
    writer.write("t", b);
    b.clear();
    b.upsert(Row.of(1, null, 2), 3, BODY);
    b.upsert(Row.of(2, "b", 0), 4);
    writer.write("t", b);
    commit();
    b.clear();
    b.upsert(Row.of(1, null, 3), 5, BODY);
    b.upsert(Row.of(2, null, 1), 6);
    writer.write("t", b);
    commit();
    assertThat(warehouse.rows("t")).containsExactlyInAnyOrder(Row.of(1, "a", 3), Row.of(2, null, 1));
  }

  @Test
  void direct_missingRow_isRefused() {
    RowBatch b = new RowBatch(4);
    b.upsert(Row.of(9, null, 1), 1, BODY);
    assertThatThrownBy(() -> writer.write("t", b)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("holds no row with that key");
  }

  @Test
  void staging_resolvesAgainstNewestEarlierVersion_whateverTheArrivalOrder() {
    RowBatch b = new RowBatch(8);
    b.upsert(Row.of(1, "old", 0), 1);
    writer.write("t", b);
    commit();
    b.clear();
    b.upsert(Row.of(1, null, 5), 150, BODY); // log change first, its older versions arrive later
    b.upsert(Row.of(2, null, 5), 160, BODY); // resolves against the snapshot row staged after it
    b.upsert(Row.of(3, null, 7), 170, BODY); // key 3: staged change 120 sets the body, 170 keeps it
    writer.writeStaging("t", "s", b);
    commit();
    b.clear();
    b.upsert(Row.of(1, "snap", 4), 99); // snapshot rows (seq = low watermark - 1)
    b.upsert(Row.of(2, "snap2", 4), 99);
    b.upsert(Row.of(3, "snap3", 4), 99);
    b.upsert(Row.of(3, "new3", 6), 120);
    b.upsert(Row.of(1, "stale", 3), 90); // older than the snapshot row: irrelevant
    writer.writeStaging("t", "s", b);
    commit(); // the pipeline checkpoints right before a merge
    writer.mergeStaging("t", "s", RowFilter.all());
    commit();
    assertThat(warehouse.rows("t")).containsExactlyInAnyOrder(Row.of(1, "snap", 5), Row.of(2, "snap2", 5),
        Row.of(3, "new3", 7));
  }

  @Test
  void staging_versionsOfOneTransaction_shareASeq_andFoldInArrivalOrder() {
    RowBatch b = new RowBatch(8);
    b.upsert(Row.of(1, "snap1", 0), 99);
    b.upsert(Row.of(2, "snap2", 0), 99);
    b.upsert(Row.of(1, null, 1), 200, BODY); // one transaction (seq 200): masked,
    b.upsert(Row.of(1, "new1", 2), 200); // then full,
    b.upsert(Row.of(1, null, 3), 200, BODY); // then masked again: keeps "new1"
    writer.writeStaging("t", "s", b);
    commit(); // a crash here splits transaction 210 across runs: arrival order still decides
    b.clear();
    b.upsert(Row.of(2, null, 5), 210, BODY);
    writer.writeStaging("t", "s", b);
    commit();
    b.clear();
    b.upsert(Row.of(2, "new2", 6), 210); // full after masked in the same transaction: wins whole
    writer.writeStaging("t", "s", b);
    commit(); // the pipeline checkpoints right before a merge
    writer.mergeStaging("t", "s", RowFilter.all());
    commit();
    assertThat(warehouse.rows("t")).containsExactlyInAnyOrder(Row.of(1, "new1", 3), Row.of(2, "new2", 6));
  }

  @Test
  void staging_withoutEarlierVersion_resolvesAgainstTarget() {
    RowBatch b = new RowBatch(8);
    b.upsert(Row.of(1, "t1", 0), 1);
    writer.write("t", b);
    commit();
    b.clear();
    b.upsert(Row.of(1, null, 5), 150, BODY);
    writer.writeStaging("t", "s", b);
    commit(); // the pipeline checkpoints right before a merge
    writer.mergeStaging("t", "s", null);
    commit();
    assertThat(warehouse.rows("t")).containsExactly(Row.of(1, "t1", 5));
  }
}
