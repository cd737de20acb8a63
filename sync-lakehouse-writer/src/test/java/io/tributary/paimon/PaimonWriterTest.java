package io.tributary.paimon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.sync.LimitExceededException;
import io.tributary.sync.event.Column;
import io.tributary.sync.event.DataType;
import io.tributary.sync.event.Row;
import io.tributary.sync.event.RowFilter;
import io.tributary.sync.spi.RowBatch;
import io.tributary.sync.spi.TargetTable;
import io.tributary.sync.spi.WriterContext;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;
import org.apache.paimon.data.InternalRow;
import org.apache.paimon.types.DataTypes;
import org.apache.paimon.types.RowType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PaimonWriterTest {

  static final TargetTable USERS = new TargetTable("users",
      List.of(Column.of("id", DataType.bigint().notNull()), Column.of("name", DataType.varchar(50)),
          Column.of("score", DataType.intType())),
      List.of("id"));

  @TempDir Path dir;
  PaimonWriter writer;
  PaimonTables paimon;

  @BeforeEach
  void setUp() {
    writer = PaimonWriter.builder().warehouse(dir).database("db").buckets(2).build();
    writer.open(new WriterContext("p1", 0, null));
    paimon = new PaimonTables(dir, "db");
  }

  @AfterEach
  void tearDown() throws Exception {
    writer.close();
    paimon.close();
  }

  static RowBatch batch() {
    return new RowBatch(16);
  }

  static List<Row> sortById(List<Row> rows) {
    List<Row> out = new java.util.ArrayList<>(rows);
    out.sort(java.util.Comparator.comparing(r -> ((Number) r.get(0)).longValue()));
    return out;
  }

  void checkpoint(long id) {
    writer.commit(id, writer.prepareCommit(id));
  }

  @Test
  void write_insertsUpdatesDeletes_readBackMergedAfterCommit() throws Exception {
    writer.ensureTable(USERS);
    RowBatch b = batch();
    b.upsert(Row.of(1L, "ann", 10), 1);
    b.upsert(Row.of(2L, "bob", 20), 2);
    b.upsert(Row.of(3L, "cid", 30), 3);
    b.upsert(Row.of(1L, "ann", 11), 4);
    b.delete(Row.of(2L, null, null), 5);
    writer.write("users", b);
    assertThat(paimon.read(USERS)).as("nothing visible before commit").isEmpty();
    checkpoint(1);
    assertThat(paimon.read(USERS)).containsExactlyInAnyOrder(Row.of(1L, "ann", 11), Row.of(3L, "cid", 30));

    b.clear();
    b.delete(Row.of(3L, "cid", 30), 6);
    b.upsert(Row.of(3L, "cid", 31), 7);
    b.upsert(Row.of(4L, null, null), 8);
    writer.write("users", b);
    checkpoint(2);
    assertThat(paimon.read(USERS))
        .containsExactlyInAnyOrder(Row.of(1L, "ann", 11), Row.of(3L, "cid", 31), Row.of(4L, null, null));
    assertThat(paimon.table("users").options()).containsEntry("bucket", "2").containsEntry("file.format", "parquet");
  }

  @Test
  void delete_withOnlyKeyOfTableWithNotNullColumns_deletesRow() throws Exception {
    TargetTable t = new TargetTable("nn", List.of(Column.of("id", DataType.intType().notNull()),
        Column.of("v", DataType.varchar(5).notNull()), Column.of("d", DataType.date().notNull())), List.of("id"));
    writer.ensureTable(t);
    RowBatch b = batch();
    b.upsert(Row.of(1, "a", LocalDate.of(2020, 1, 1)), 1);
    b.upsert(Row.of(2, "b", LocalDate.of(2020, 1, 2)), 2);
    writer.write("nn", b);
    checkpoint(1);
    b.clear();
    b.delete(Row.of(1, null, null), 3);
    writer.write("nn", b);
    b.clear();
    b.delete(Row.of(2, null, null), 4);
    writer.writeStaging("nn", "s", b);
    writer.mergeStaging("nn", "s", null);
    checkpoint(2);
    assertThat(paimon.read(t)).isEmpty();
  }

  @Test
  void commit_sameCheckpointTwice_isNoOp() throws Exception {
    writer.ensureTable(USERS);
    RowBatch b = batch();
    b.upsert(Row.of(1L, "ann", 10), 1);
    writer.write("users", b);
    byte[] c = writer.prepareCommit(1);
    writer.commit(1, c);
    long snapshot = paimon.table("users").latestSnapshot().orElseThrow().id();
    writer.commit(1, c);
    assertThat(paimon.table("users").latestSnapshot().orElseThrow().id()).isEqualTo(snapshot);
    assertThat(paimon.table("users").latestSnapshot().orElseThrow().commitIdentifier()).isEqualTo(1);
    assertThat(paimon.table("users").latestSnapshot().orElseThrow().commitUser()).isEqualTo("tributary-p1");
  }

  static final List<Column> ALL_TYPES = List.of(
      Column.of("id", DataType.intType().notNull()),
      Column.of("b", DataType.booleanType()),
      Column.of("ti", DataType.tinyint()),
      Column.of("si", DataType.smallint()),
      Column.of("i", DataType.intType()),
      Column.of("bi", DataType.bigint()),
      Column.of("dec", DataType.decimal(10, 3)),
      Column.of("bigdec", DataType.decimal(38, 10)),
      Column.of("f", DataType.floatType()),
      Column.of("d", DataType.doubleType()),
      Column.of("c", DataType.charType(4)),
      Column.of("vc", DataType.varchar(20)),
      Column.of("s", DataType.string()),
      Column.of("bin", DataType.binary(3)),
      Column.of("vb", DataType.varbinary(10)),
      Column.of("by", DataType.bytes()),
      Column.of("dt", DataType.date()),
      Column.of("tm", DataType.time(3)),
      Column.of("ts0", DataType.timestamp(0)),
      Column.of("ts3", DataType.timestamp(3)),
      Column.of("ts9", DataType.timestamp(9)),
      Column.of("ltz", DataType.timestampLtz(6)),
      Column.of("js", DataType.json()));

  @Test
  void everyDataTypeKind_mapsToPaimonTypeAndRoundTrips() throws Exception {
    TargetTable t = new TargetTable("types", ALL_TYPES, List.of("id"));
    writer.ensureTable(t);
    Row full = Row.of(1, true, (byte) -7, (short) 300, 70000, 1L << 40, new BigDecimal("1234567.891"),
        new BigDecimal("1234567890123456789012345678.0123456789"), 1.5f, -2.25, "ab  ", "héllo", "x".repeat(1000),
        new byte[] {1, 2, 3}, new byte[] {9}, new byte[2000], LocalDate.of(2024, 2, 29),
        LocalTime.of(23, 59, 58, 123_000_000),
        LocalDateTime.of(2020, 1, 2, 3, 4, 5), LocalDateTime.of(1969, 12, 31, 23, 59, 59, 999_000_000),
        LocalDateTime.of(2038, 1, 19, 3, 14, 7, 123_456_789), Instant.parse("2024-03-10T02:30:00.123456Z"),
        "{\"a\":[1,2]}");
    Object[] nulls = new Object[ALL_TYPES.size()];
    nulls[0] = 2;
    Object[] preEpoch = new Object[ALL_TYPES.size()];
    preEpoch[0] = 3;
    preEpoch[20] = LocalDateTime.of(1900, 1, 1, 0, 0, 0, 1);
    preEpoch[21] = Instant.parse("1969-12-31T23:59:59.999999Z");
    RowBatch b = batch();
    b.upsert(full, 1);
    b.upsert(Row.of(nulls), 2);
    b.upsert(Row.of(preEpoch), 3);
    writer.write("types", b);
    checkpoint(1);

    RowType rt = paimon.table("types").rowType();
    assertThat(rt.getTypeAt(rt.getFieldIndex("dec"))).isEqualTo(DataTypes.DECIMAL(10, 3));
    assertThat(rt.getTypeAt(rt.getFieldIndex("s"))).isEqualTo(DataTypes.STRING());
    assertThat(rt.getTypeAt(rt.getFieldIndex("js"))).isEqualTo(DataTypes.STRING());
    assertThat(rt.getTypeAt(rt.getFieldIndex("by"))).isEqualTo(DataTypes.BYTES());
    assertThat(rt.getTypeAt(rt.getFieldIndex("vc"))).isEqualTo(DataTypes.VARCHAR(20));
    assertThat(rt.getTypeAt(rt.getFieldIndex("ts9"))).isEqualTo(DataTypes.TIMESTAMP(9));
    assertThat(rt.getTypeAt(rt.getFieldIndex("ltz"))).isEqualTo(DataTypes.TIMESTAMP_WITH_LOCAL_TIME_ZONE(6));
    assertThat(rt.getTypeAt(rt.getFieldIndex("id"))).isEqualTo(DataTypes.INT().notNull());
    assertThat(paimon.read(t)).containsExactlyInAnyOrder(full, Row.of(nulls), Row.of(preEpoch));

    // Independent of the writer's converter: Paimon's raw values mean what the core values mean.
    InternalRow raw = paimon.readInternal("types").stream().filter(r -> r.getInt(0) == 1).findFirst().orElseThrow();
    assertThat(raw.getInt(rt.getFieldIndex("dt"))).isEqualTo((int) LocalDate.of(2024, 2, 29).toEpochDay());
    assertThat(raw.getTimestamp(rt.getFieldIndex("ltz"), 6).getMillisecond())
        .isEqualTo(Instant.parse("2024-03-10T02:30:00.123Z").toEpochMilli());
    assertThat(raw.getString(rt.getFieldIndex("vc")).toString()).isEqualTo("héllo");
  }

  @Test
  void write_primaryKeyOverLimit_throwsNamingTableKeySizeAndLimit_andWritesNothingOfTheBatch() throws Exception {
    TargetTable t = new TargetTable("k", List.of(Column.of("k", DataType.string().notNull()),
        Column.of("v", DataType.intType())), List.of("k"));
    writer.ensureTable(t);
    RowBatch b = batch();
    b.upsert(Row.of("short", 1), 1);
    b.upsert(Row.of("y".repeat(200), 2), 2);
    assertThatThrownBy(() -> writer.write("k", b))
        .isInstanceOf(LimitExceededException.class)
        .hasMessageContaining("primary key of table k")
        .hasMessageContaining("216 bytes")
        .hasMessageContaining("limit of 128 bytes")
        .hasMessageContaining("k=yyyy");
    checkpoint(1);
    assertThat(paimon.read(t)).isEmpty();
  }

  @Test
  void write_fieldOverLimit_throwsNamingColumn() throws Exception {
    try (PaimonWriter small = PaimonWriter.builder().warehouse(dir.resolve("w2")).maxFieldBytes(100).build()) {
      small.open(new WriterContext("p2", 0, null));
      small.ensureTable(USERS);
      RowBatch b = batch();
      b.upsert(Row.of(1L, "é".repeat(60), 1), 1);
      assertThatThrownBy(() -> small.write("users", b))
          .isInstanceOf(LimitExceededException.class)
          .hasMessageContaining("field users.name is 120 bytes, over the limit of 100 bytes");
    }
  }

  @Test
  void builder_rejectsBadValuesAndRepeats() {
    assertThatThrownBy(() -> PaimonWriter.builder().buckets(0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("0");
    assertThatThrownBy(() -> PaimonWriter.builder().database("a").database("b"))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> PaimonWriter.builder().tableOption("bucket", "-1"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PaimonWriter.builder().fileFormat("csv")).isInstanceOf(IllegalArgumentException.class);
    assertThat(PaimonWriter.builder().tableOption("snapshot.num-retained.max", "5").tableOptions())
        .containsEntry("snapshot.num-retained.max", "5").containsEntry("bucket", "4");
  }

  @Test
  void scopedDelete_betweenPrepareAndCommit_refused() {
    writer.ensureTable(USERS);
    RowBatch b = batch();
    b.upsert(Row.of(1L, "ann", 10), 1);
    writer.write("users", b);
    byte[] c = writer.prepareCommit(1);
    assertThatThrownBy(() -> writer.deleteWhere("users", RowFilter.all()))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("checkpoint 1 is prepared but not committed");
    writer.commit(1, c);
    writer.deleteWhere("users", RowFilter.all());
  }

  @Test
  void tableOptions_passedThrough_snapshotsExpireAsCommitsGoOn() throws Exception {
    Path wh = dir.resolve("expiry");
    try (PaimonWriter w = PaimonWriter.builder().warehouse(wh).database("db")
        .tableOption("snapshot.num-retained.min", "1").tableOption("snapshot.num-retained.max", "3")
        .tableOption("snapshot.time-retained", "1 ms").build();
        PaimonTables tables = new PaimonTables(wh, "db")) {
      w.open(new WriterContext("exp", 0, null));
      w.ensureTable(USERS);
      for (long n = 1; n <= 8; n++) {
        RowBatch b = batch();
        b.upsert(Row.of(n, "x", 1), n);
        w.write("users", b);
        w.commit(n, w.prepareCommit(n));
      }
      var sm = tables.table("users").snapshotManager();
      assertThat(sm.snapshotCount()).isLessThanOrEqualTo(3);
      assertThat(sm.earliestSnapshotId()).isGreaterThan(1);
      assertThat(tables.read(USERS)).hasSize(8);
      assertThat(tables.table("users").options()).containsEntry("snapshot.num-retained.max", "3");
    }
  }

  @Test
  void mixedCaseTableAndColumnNames_keptAsGiven() throws Exception {
    TargetTable t = new TargetTable("Orders_EU", List.of(Column.of("OrderId", DataType.bigint().notNull()),
        Column.of("Total Amount", DataType.decimal(10, 2))), List.of("OrderId"));
    writer.ensureTable(t);
    RowBatch b = batch();
    b.upsert(Row.of(1L, new BigDecimal("9.99")), 1);
    writer.write("Orders_EU", b);
    writer.writeStaging("Orders_EU", "Resync", b);
    writer.mergeStaging("Orders_EU", "Resync", RowFilter.all());
    checkpoint(1);
    writer.ensureTable(t);
    assertThat(paimon.read(t)).containsExactly(Row.of(1L, new BigDecimal("9.99")));
  }

  @Test
  void sharedWriteBufferSmallerThanData_manyTablesStillWrittenCompletely() throws Exception {
    Path wh = dir.resolve("pool");
    List<TargetTable> tables = new java.util.ArrayList<>();
    try (PaimonWriter w = PaimonWriter.builder().warehouse(wh).database("db").writeBufferBytes(1 << 20).build();
        PaimonTables read = new PaimonTables(wh, "db")) {
      w.open(new WriterContext("pool", 0, null));
      for (int t = 0; t < 4; t++) {
        TargetTable table = new TargetTable("t" + t, USERS.columns(), USERS.primaryKey());
        tables.add(table);
        w.ensureTable(table);
      }
      String pad = "x".repeat(40);
      for (int round = 0; round < 5; round++) { // 4 tables x 20,000 rows x ~70 bytes: several times the 1 MB pool
        for (TargetTable table : tables) {
          RowBatch b = batch();
          for (long id = round * 4000L; id < (round + 1) * 4000L; id++) {
            b.upsert(Row.of(id, pad.substring(0, (int) (id % 40)), (int) id), id);
          }
          w.write(table.name(), b);
        }
      }
      w.commit(1, w.prepareCommit(1));
      for (TargetTable table : tables) {
        List<Row> rows = read.read(table);
        assertThat(rows).hasSize(20_000);
        assertThat(rows).contains(Row.of(19_999L, pad.substring(0, 39), 19_999));
      }
    }
  }

  @Test
  void idleTable_laterCheckpointsAddNoSnapshots() throws Exception {
    writer.ensureTable(USERS);
    RowBatch b = batch();
    b.upsert(Row.of(1L, "ann", 10), 1);
    writer.write("users", b);
    checkpoint(1);
    long snapshots = paimon.table("users").snapshotManager().snapshotCount();
    for (long n = 2; n <= 5; n++) {
      checkpoint(n);
    }
    assertThat(paimon.table("users").snapshotManager().snapshotCount()).isEqualTo(snapshots);
  }

  @Test
  void write_unknownTarget_failsWithHint() {
    assertThatThrownBy(() -> writer.write("nope", batch())).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("ensureTable");
  }
}
