package io.tributary.paimon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.sync.SchemaIncompatibleException;
import io.tributary.sync.event.Column;
import io.tributary.sync.event.DataType;
import io.tributary.sync.event.Row;
import io.tributary.sync.event.RowFilter;
import io.tributary.sync.spi.RowBatch;
import io.tributary.sync.spi.TargetTable;
import io.tributary.sync.spi.WriterContext;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import org.apache.paimon.types.DataTypes;
import org.apache.paimon.types.RowType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchemaEvolutionTest {

  @TempDir Path dir;
  PaimonWriter writer;
  PaimonTables paimon;
  long checkpoint;

  @BeforeEach
  void setUp() {
    writer = PaimonWriter.builder().warehouse(dir).database("db").buckets(1).build();
    writer.open(new WriterContext("evo", 0, null));
    paimon = new PaimonTables(dir, "db");
  }

  @AfterEach
  void tearDown() throws Exception {
    writer.close();
    paimon.close();
  }

  static TargetTable table(Column... columns) {
    return new TargetTable("e", List.of(columns), List.of("id"));
  }

  static final Column ID = Column.of("id", DataType.intType().notNull());

  void write(Row... rows) {
    RowBatch b = new RowBatch(4);
    for (Row r : rows) {
      b.upsert(r, 0);
    }
    writer.write("e", b);
  }

  void commit() {
    checkpoint++;
    writer.commit(checkpoint, writer.prepareCommit(checkpoint));
  }

  @Test
  void addAndDropColumns_oldRowsReadNullInNewColumns() throws Exception {
    writer.ensureTable(table(ID, Column.of("a", DataType.varchar(5)), Column.of("gone", DataType.intType())));
    write(Row.of(1, "x", 7));
    commit();
    TargetTable v2 = table(ID, Column.of("a", DataType.varchar(5)), Column.of("b", DataType.bigint().notNull()));
    writer.ensureTable(v2);
    write(Row.of(2, "y", 5L));
    commit();
    assertThat(PaimonWriterTest.sortById(paimon.read(v2))).containsExactly(Row.of(1, "x", null), Row.of(2, "y", 5L));
    RowType rt = paimon.table("e").rowType();
    assertThat(rt.getFieldNames()).containsExactly("id", "a", "b");
    assertThat(rt.getTypeAt(2).isNullable()).as("added columns are nullable: old rows have no value").isTrue();
  }

  @Test
  void losslessWidenings_applied_andOldValuesReadInTheNewType() throws Exception {
    writer.ensureTable(table(ID, Column.of("i", DataType.intType()), Column.of("f", DataType.floatType()),
        Column.of("s", DataType.varchar(3)), Column.of("d", DataType.decimal(5, 2))));
    write(Row.of(1, 42, 1.5f, "abc", new BigDecimal("123.45")));
    commit();
    TargetTable wide = table(ID, Column.of("i", DataType.bigint()), Column.of("f", DataType.doubleType()),
        Column.of("s", DataType.varchar(10)), Column.of("d", DataType.decimal(8, 3)));
    writer.ensureTable(wide);
    write(Row.of(2, 1L << 40, 0.1, "abcdefghij", new BigDecimal("12345.678")));
    commit();
    RowType rt = paimon.table("e").rowType();
    assertThat(rt.getTypeAt(1)).isEqualTo(DataTypes.BIGINT());
    assertThat(rt.getTypeAt(2)).isEqualTo(DataTypes.DOUBLE());
    assertThat(rt.getTypeAt(3)).isEqualTo(DataTypes.VARCHAR(10));
    assertThat(rt.getTypeAt(4)).isEqualTo(DataTypes.DECIMAL(8, 3));
    assertThat(PaimonWriterTest.sortById(paimon.read(wide))).containsExactly(
        Row.of(1, 42L, 1.5, "abc", new BigDecimal("123.450")),
        Row.of(2, 1L << 40, 0.1, "abcdefghij", new BigDecimal("12345.678")));
  }

  @Test
  void otherLosslessWidenings_applied() throws Exception {
    writer.ensureTable(table(ID, Column.of("t", DataType.tinyint()), Column.of("c", DataType.charType(3)),
        Column.of("n", DataType.intType()), Column.of("ts", DataType.timestamp(3)),
        Column.of("b", DataType.binary(2))));
    write(Row.of(1, (byte) 5, "abc", 7, java.time.LocalDateTime.of(2020, 1, 1, 0, 0, 0, 5_000_000), new byte[] {1, 2}));
    commit();
    TargetTable wide = table(ID, Column.of("t", DataType.intType()), Column.of("c", DataType.varchar(5)),
        Column.of("n", DataType.decimal(12, 2)), Column.of("ts", DataType.timestamp(6)),
        Column.of("b", DataType.varbinary(4)));
    writer.ensureTable(wide);
    write(Row.of(2, 300, "abcde", new BigDecimal("1.50"), java.time.LocalDateTime.of(2021, 1, 1, 0, 0, 0, 1000),
        new byte[] {1, 2, 3, 4}));
    commit();
    assertThat(PaimonWriterTest.sortById(paimon.read(wide))).containsExactly(
        Row.of(1, 5, "abc", new BigDecimal("7.00"), java.time.LocalDateTime.of(2020, 1, 1, 0, 0, 0, 5_000_000),
            new byte[] {1, 2}),
        Row.of(2, 300, "abcde", new BigDecimal("1.50"), java.time.LocalDateTime.of(2021, 1, 1, 0, 0, 0, 1000),
            new byte[] {1, 2, 3, 4}));
  }

  @Test
  void changeWithinOneCheckpoint_laterWriteOfSameKeyStillWins() throws Exception {
    writer.ensureTable(table(ID, Column.of("a", DataType.intType())));
    write(Row.of(1, 1), Row.of(2, 2));
    TargetTable v2 = table(ID, Column.of("a", DataType.bigint()), Column.of("b", DataType.string()));
    writer.ensureTable(v2);
    write(Row.of(1, 10L, "new"));
    RowBatch del = new RowBatch(1);
    del.delete(Row.of(2, null, null), 0);
    writer.write("e", del);
    commit();
    assertThat(paimon.read(v2)).containsExactly(Row.of(1, 10L, "new"));
  }

  @Test
  void stagingTableFollowsTheTargetSchema() throws Exception {
    writer.ensureTable(table(ID, Column.of("a", DataType.intType())));
    RowBatch b = new RowBatch(2);
    b.upsert(Row.of(1, 1), 5);
    writer.writeStaging("e", "s", b);
    commit();
    TargetTable v2 = table(ID, Column.of("a", DataType.intType()), Column.of("b", DataType.string()));
    writer.ensureTable(v2);
    b.clear();
    b.upsert(Row.of(2, 2, "two"), 6);
    writer.writeStaging("e", "s", b);
    writer.mergeStaging("e", "s", RowFilter.all());
    commit();
    assertThat(PaimonWriterTest.sortById(paimon.read(v2))).containsExactly(Row.of(1, 1, null), Row.of(2, 2, "two"));
  }

  @Test
  void incompatibleChanges_refusedWithOperatorWording() {
    writer.ensureTable(table(ID, Column.of("k2", DataType.intType().notNull()), Column.of("s", DataType.varchar(20)),
        Column.of("n", DataType.bigint())));
    assertThatThrownBy(() -> writer.ensureTable(new TargetTable("e", List.of(ID,
        Column.of("k2", DataType.intType().notNull())), List.of("id", "k2"))))
        .isInstanceOf(SchemaIncompatibleException.class).hasMessageStartingWith("pk column different");
    assertThatThrownBy(() -> writer.ensureTable(table(Column.of("id", DataType.bigint().notNull()))))
        .isInstanceOf(SchemaIncompatibleException.class).hasMessageStartingWith("pk column type mismatch");
    assertThatThrownBy(() -> writer.ensureTable(table(ID, Column.of("k2", DataType.intType().notNull()),
        Column.of("s", DataType.varchar(10)), Column.of("n", DataType.bigint()))))
        .isInstanceOf(SchemaIncompatibleException.class).hasMessageStartingWith("invalid modify column")
        .hasMessageContaining("e.s from VARCHAR(20) to VARCHAR(10)");
    assertThatThrownBy(() -> writer.ensureTable(table(ID, Column.of("k2", DataType.intType().notNull()),
        Column.of("s", DataType.varchar(20)), Column.of("n", DataType.intType()))))
        .isInstanceOf(SchemaIncompatibleException.class).hasMessageStartingWith("invalid modify column");
    assertThatThrownBy(() -> writer.ensureTable(table(ID, Column.of("k2", DataType.intType().notNull()),
        Column.of("s", DataType.intType()), Column.of("n", DataType.bigint()))))
        .isInstanceOf(SchemaIncompatibleException.class).hasMessageStartingWith("invalid modify column");
  }
}
