package io.tributary.paimon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.sync.SchemaIncompatibleException;
import io.tributary.sync.SyncException;
import io.tributary.sync.event.Column;
import io.tributary.sync.event.DataType;
import io.tributary.sync.event.Row;
import io.tributary.sync.spi.RowBatch;
import io.tributary.sync.spi.TargetTable;
import io.tributary.sync.spi.WriterContext;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import org.apache.paimon.data.InternalRow;
import org.apache.paimon.types.DataField;
import org.apache.paimon.types.DataTypes;
import org.apache.paimon.types.RowType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TIME(0..9) and TIMESTAMP(6) through Paimon exactly (issue 11.6): Paimon's TIME is an int of milliseconds of the
 * day, so TIME(p > 3) is stored as BIGINT micro- or nanoseconds, and a value a column cannot hold is refused.
 */
class TimeTypeTest {

  static final List<Column> COLUMNS = List.of(Column.of("id", DataType.intType().notNull()),
      Column.of("t0", DataType.time(0)), Column.of("t3", DataType.time(3)), Column.of("t4", DataType.time(4)),
      Column.of("t6", DataType.time(6)), Column.of("t9", DataType.time(9)),
      Column.of("ts6", DataType.timestamp(6)), Column.of("ltz6", DataType.timestampLtz(6)));
  static final TargetTable TIMES = new TargetTable("times", COLUMNS, List.of("id"));

  @TempDir Path dir;
  PaimonWriter writer;
  PaimonTables paimon;

  @BeforeEach
  void setUp() {
    writer = PaimonWriter.builder().warehouse(dir).database("db").buckets(2).build();
    writer.open(new WriterContext("times", 0, null));
    paimon = new PaimonTables(dir, "db");
  }

  @AfterEach
  void tearDown() throws Exception {
    writer.close();
    paimon.close();
  }

  void checkpoint(long id) {
    writer.commit(id, writer.prepareCommit(id));
  }

  static Row row(int id, LocalTime t0, LocalTime t3, LocalTime t4, LocalTime t6, LocalTime t9) {
    return Row.of(id, t0, t3, t4, t6, t9, null, null);
  }

  @Test
  void paimonTime_holdsMillisecondsInAnInt_whateverItsPrecision() {
    assertThat(InternalRow.getDataClass(DataTypes.TIME(6))).isEqualTo(Integer.class);
    assertThat(InternalRow.getDataClass(DataTypes.TIME(9))).isEqualTo(Integer.class);
  }

  @Test
  void timeEdgeValues_everyPrecision_roundTripExactly_andReadBackAsStored() throws Exception {
    writer.ensureTable(TIMES);
    LocalTime midnight = LocalTime.MIDNIGHT;
    LocalTime micro = LocalTime.of(0, 0, 0, 1_000);
    LocalTime lastMicro = LocalTime.of(23, 59, 59, 999_999_000);
    LocalTime issue = LocalTime.of(19, 42, 45, 849_703_000);
    List<Row> rows = new ArrayList<>(List.of(
        row(1, midnight, midnight, midnight, midnight, midnight),
        row(2, LocalTime.of(23, 59, 59), LocalTime.of(23, 59, 59, 999_000_000), LocalTime.of(23, 59, 59, 999_900_000),
            lastMicro, LocalTime.of(23, 59, 59, 999_999_999)),
        row(3, LocalTime.of(0, 0, 1), LocalTime.of(0, 0, 0, 1_000_000), LocalTime.of(0, 0, 0, 100_000), micro,
            LocalTime.of(0, 0, 0, 1)),
        row(4, LocalTime.of(19, 42, 45), LocalTime.of(19, 42, 45, 849_000_000), LocalTime.of(19, 42, 45, 849_700_000),
            issue, LocalTime.of(19, 42, 45, 849_703_123)),
        row(5, null, null, null, LocalTime.MAX, null), // PostgreSQL's 24:00:00, as its source reports it
        Row.of(6, null, null, null, null, null, LocalDateTime.of(2024, 2, 29, 19, 42, 45, 849_703_000),
            Instant.parse("1969-12-31T23:59:59.999999Z"))));
    RowBatch b = new RowBatch(8);
    for (int i = 0; i < rows.size(); i++) {
      b.upsert(rows.get(i), i);
    }
    writer.write("times", b);
    checkpoint(1);

    RowType rt = paimon.table("times").rowType();
    assertThat(rt.getTypeAt(rt.getFieldIndex("t0"))).isEqualTo(DataTypes.TIME(0));
    assertThat(rt.getTypeAt(rt.getFieldIndex("t3"))).isEqualTo(DataTypes.TIME(3));
    DataField t6 = rt.getFields().get(rt.getFieldIndex("t6"));
    assertThat(t6.type()).isEqualTo(DataTypes.BIGINT());
    assertThat(t6.description()).isEqualTo("TIME(6) as microseconds of the day");
    assertThat(rt.getFields().get(rt.getFieldIndex("t9")).description()).isEqualTo("TIME(9) as nanoseconds of the day");
    assertThat(rt.getTypeAt(rt.getFieldIndex("ts6"))).isEqualTo(DataTypes.TIMESTAMP(6));

    assertThat(PaimonWriterTest.sortById(paimon.read(TIMES))).isEqualTo(rows);
    try (PaimonTableReader reader = PaimonTableReader.open(dir, "db")) {
      assertThat(reader.columns("times")).isEqualTo(COLUMNS);
      assertThat(PaimonWriterTest.sortById(reader.read("times"))).isEqualTo(rows);
    }
    // What any Paimon reader sees: microseconds of the day, 24:00:00 as a whole day.
    List<InternalRow> raw = paimon.readInternal("times");
    InternalRow r4 = raw.stream().filter(r -> r.getInt(0) == 4).findFirst().orElseThrow();
    assertThat(r4.getLong(rt.getFieldIndex("t6"))).isEqualTo(issue.toNanoOfDay() / 1000);
    assertThat(r4.getInt(rt.getFieldIndex("t3"))).isEqualTo(70_965_849);
    InternalRow r5 = raw.stream().filter(r -> r.getInt(0) == 5).findFirst().orElseThrow();
    assertThat(r5.getLong(rt.getFieldIndex("t6"))).isEqualTo(86_400_000_000L);
    InternalRow r6 = raw.stream().filter(r -> r.getInt(0) == 6).findFirst().orElseThrow();
    assertThat(r6.getTimestamp(rt.getFieldIndex("ts6"), 6).toLocalDateTime())
        .isEqualTo(LocalDateTime.of(2024, 2, 29, 19, 42, 45, 849_703_000));
  }

  @Test
  void timeFinerThanItsColumnHolds_isRefusedWithTheValue_notTruncated() throws Exception {
    writer.ensureTable(TIMES);
    RowBatch b = new RowBatch(2);
    b.upsert(row(1, null, LocalTime.of(19, 42, 45, 849_703_000), null, null, null), 1);
    assertThatThrownBy(() -> writer.write("times", b)).isInstanceOf(SyncException.class)
        .hasMessageContaining("19:42:45.849703").hasMessageContaining("times.t3 TIME(3)")
        .hasMessageContaining("holds milliseconds").hasMessageContaining("not truncated");
    RowBatch midnight = new RowBatch(2);
    midnight.upsert(row(2, null, LocalTime.MAX, null, null, null), 1);
    assertThatThrownBy(() -> writer.write("times", midnight)).isInstanceOf(SyncException.class)
        .hasMessageContaining("24:00:00").hasMessageContaining("times.t3");
    RowBatch nanos = new RowBatch(2);
    nanos.upsert(row(3, null, null, null, LocalTime.of(1, 2, 3, 4), null), 1);
    assertThatThrownBy(() -> writer.write("times", nanos)).isInstanceOf(SyncException.class)
        .hasMessageContaining("holds microseconds");
    checkpoint(1);
    assertThat(paimon.read(TIMES)).isEmpty();
  }

  @Test
  void timestampFinerThanOrBeyondWhatItsColumnStores_isRefused_notTruncatedOrOverflowed() throws Exception {
    TargetTable t = new TargetTable("ts", List.of(Column.of("id", DataType.intType().notNull()),
        Column.of("ts3", DataType.timestamp(3)), Column.of("ts6", DataType.timestamp(6)),
        Column.of("ltz6", DataType.timestampLtz(6))), List.of("id"));
    writer.ensureTable(t);
    List<Row> refused = List.of(
        Row.of(1, LocalDateTime.of(2020, 1, 1, 0, 0, 0, 1_500_000), null, null),
        Row.of(2, null, LocalDateTime.of(2020, 1, 1, 0, 0, 0, 1_500), null),
        Row.of(3, null, LocalDateTime.MAX, null), // PostgreSQL's 'infinity'
        Row.of(4, null, null, Instant.parse("2020-01-01T00:00:00.000000001Z")));
    for (Row r : refused) {
      RowBatch b = new RowBatch(1);
      b.upsert(r, 1);
      assertThatThrownBy(() -> writer.write("ts", b)).isInstanceOf(SyncException.class)
          .hasMessageContaining("cannot be stored exactly").hasMessageContaining("not truncated");
    }
    RowBatch ok = new RowBatch(1);
    Row exact = Row.of(5, LocalDateTime.of(2020, 1, 1, 0, 0, 0, 1_000_000), LocalDateTime.of(9999, 12, 31, 23, 59, 59,
        999_999_000), Instant.parse("0001-01-01T00:00:00.000001Z"));
    ok.upsert(exact, 1);
    writer.write("ts", ok);
    checkpoint(1);
    assertThat(paimon.read(t)).containsExactly(exact);
  }

  /** Type matrix: PostgreSQL's date 'infinity' (LocalDate.MAX) used to wrap around Paimon's int of epoch days. */
  @Test
  void dateBeyondPaimonsIntOfEpochDays_isRefused_neverWrapped() throws Exception {
    TargetTable t = new TargetTable("dates", List.of(Column.of("id", DataType.intType().notNull()),
        Column.of("d", DataType.date())), List.of("id"));
    writer.ensureTable(t);
    for (LocalDate infinity : List.of(LocalDate.MAX, LocalDate.MIN)) {
      RowBatch b = new RowBatch(1);
      b.upsert(Row.of(1, infinity), 1);
      assertThatThrownBy(() -> writer.write("dates", b)).isInstanceOf(SyncException.class)
          .hasMessageContaining(infinity.toString()).hasMessageContaining("epoch days in an int");
    }
    RowBatch ok = new RowBatch(1);
    Row edges = Row.of(2, LocalDate.of(5874897, 12, 31)); // PostgreSQL's largest date
    Row bc = Row.of(3, LocalDate.of(-4712, 1, 1)); // 4713-01-01 BC, PostgreSQL's smallest
    ok.upsert(edges, 1);
    ok.upsert(bc, 1);
    writer.write("dates", ok);
    checkpoint(1);
    assertThat(paimon.read(t)).containsExactlyInAnyOrder(edges, bc);
  }

  @Test
  void timestampInfinity_isRefusedForItsRange_notForItsFraction() throws Exception {
    TargetTable t = new TargetTable("inf", List.of(Column.of("id", DataType.intType().notNull()),
        Column.of("ts6", DataType.timestamp(6))), List.of("id"));
    writer.ensureTable(t);
    RowBatch b = new RowBatch(1);
    b.upsert(Row.of(1, LocalDateTime.MAX), 1);
    assertThatThrownBy(() -> writer.write("inf", b)).isInstanceOf(SyncException.class)
        .hasMessageContaining("epoch microseconds in a long");
  }

  @Test
  void timePrecisionChanges_keepTheUnit_orAreRefused() throws Exception {
    List<Column> v1 = List.of(Column.of("id", DataType.intType().notNull()), Column.of("a", DataType.time(0)),
        Column.of("b", DataType.time(4)), Column.of("c", DataType.time(3)));
    TargetTable t1 = new TargetTable("evo", v1, List.of("id"));
    writer.ensureTable(t1);
    RowBatch b = new RowBatch(2);
    b.upsert(Row.of(1, LocalTime.of(1, 2, 3), LocalTime.of(1, 2, 3, 400_000), LocalTime.of(1, 2, 3, 5_000_000)), 1);
    writer.write("evo", b);
    checkpoint(1);
    // TIME(4) -> TIME(6): BIGINT microseconds either way, only the description changes. (Paimon itself refuses
    // TIME(0) -> TIME(3) as lossy, so that change stops the table with Paimon's reason, as before.)
    List<Column> v2 = List.of(v1.get(0), v1.get(1), Column.of("b", DataType.time(6)), v1.get(3));
    TargetTable t2 = new TargetTable("evo", v2, List.of("id"));
    writer.ensureTable(t2);
    RowBatch b2 = new RowBatch(2);
    b2.upsert(Row.of(2, LocalTime.of(1, 2, 3), LocalTime.of(1, 2, 3, 456), null), 2);
    assertThatThrownBy(() -> writer.write("evo", b2)).hasMessageContaining("holds microseconds");
    RowBatch b3 = new RowBatch(2);
    b3.upsert(Row.of(2, LocalTime.of(1, 2, 3), LocalTime.of(1, 2, 3, 456_000), null), 2);
    writer.write("evo", b3);
    checkpoint(2);
    assertThat(PaimonWriterTest.sortById(paimon.read(t2))).containsExactly(
        Row.of(1, LocalTime.of(1, 2, 3), LocalTime.of(1, 2, 3, 400_000), LocalTime.of(1, 2, 3, 5_000_000)),
        Row.of(2, LocalTime.of(1, 2, 3), LocalTime.of(1, 2, 3, 456_000), null));
    assertThat(paimon.table("evo").rowType().getFields().get(2).description())
        .isEqualTo("TIME(6) as microseconds of the day");
    // TIME(3) -> TIME(6): milliseconds in a Paimon TIME cannot become microseconds in place.
    List<Column> v3 = List.of(v2.get(0), v2.get(1), v2.get(2), Column.of("c", DataType.time(6)));
    assertThatThrownBy(() -> writer.ensureTable(new TargetTable("evo", v3, List.of("id"))))
        .isInstanceOf(SchemaIncompatibleException.class).hasMessageStartingWith("invalid modify column: evo.c")
        .hasMessageContaining("milliseconds").hasMessageContaining("drop the target table and re-sync");
  }
}
