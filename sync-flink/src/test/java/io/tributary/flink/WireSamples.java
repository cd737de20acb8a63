package io.tributary.flink;

import io.tributary.sync.ErrorCode;
import io.tributary.sync.event.ChangeEvent;
import io.tributary.sync.event.ColumnMask;
import io.tributary.sync.event.DataType;
import io.tributary.sync.event.Heartbeat;
import io.tributary.sync.event.Row;
import io.tributary.sync.event.RowChange;
import io.tributary.sync.event.RowFilter;
import io.tributary.sync.event.SchemaChange;
import io.tributary.sync.event.TableDropped;
import io.tributary.sync.event.TableId;
import io.tributary.sync.event.TableNeedsResync;
import io.tributary.sync.event.TableSchema;
import io.tributary.sync.event.TableTruncated;
import io.tributary.sync.event.TransactionEnd;
import io.tributary.sync.memory.MemoryPosition;
import io.tributary.sync.spi.RowBatch;
import io.tributary.sync.spi.SnapshotChunk;
import io.tributary.sync.spi.TargetTable;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Items and values of every kind the engine has, fixed ones (for the frozen formats) and random ones. */
final class WireSamples {

  static final TableId T = new TableId("mem", "db", "", "items");
  static final TableId U = new TableId("mem", "db", "", "other");
  private static final TableSchema EVERY_KIND = everyKind(T);

  private WireSamples() {
  }

  /** A column of every kind, key first. */
  static TableSchema everyKind(TableId id) {
    TableSchema.Builder b = TableSchema.builder(id).primaryKey("id", DataType.bigint());
    for (DataType.Kind k : DataType.Kind.values()) {
      b.column("c_" + k.name().toLowerCase(), switch (k) {
        case DECIMAL -> DataType.decimal(38, 10);
        case CHAR -> DataType.charType(10);
        case VARCHAR -> DataType.string();
        case BINARY -> DataType.binary(16);
        case VARBINARY -> DataType.bytes();
        case TIME -> DataType.time(6);
        case TIMESTAMP -> DataType.timestamp(9);
        case TIMESTAMP_LTZ -> DataType.timestampLtz(3);
        default -> new DataType(k, 0, 0, true);
      });
    }
    return b.build();
  }

  /** Rows of {@link #everyKind}: edge values in turn (extremes, scales, NaN, unpaired surrogates, nulls). */
  static List<Row> fixedRows() {
    return fixedRows(false);
  }

  /**
   * {@code utf8}: as the format before version 3 gave them back, which wrote strings as UTF-8 alone and so turned an
   * unpaired surrogate into '?' (a loss the current format does not have).
   */
  static List<Row> fixedRows(boolean utf8) {
    java.util.function.UnaryOperator<String> s = v -> utf8
        ? new String(v.getBytes(java.nio.charset.StandardCharsets.UTF_8), java.nio.charset.StandardCharsets.UTF_8) : v;
    List<Row> rows = new ArrayList<>();
    rows.add(Row.of(1L, true, (byte) -128, (short) 32767, Integer.MIN_VALUE, Long.MAX_VALUE,
        new BigDecimal("12345678901234567890.1234567890"), Float.NaN, -0.0d, "h\u00e9llo w\u00f6rld \u6f22 \uD83D\uDE00", "",
        new byte[] {0, -1, 127}, new byte[0], LocalDate.of(2026, 12, 5), LocalTime.of(23, 59, 59, 999_999_999),
        LocalDateTime.of(2026, 12, 5, 3, 0, 0, 123_456_789), Instant.ofEpochSecond(-1, 999_000_000),
        "{\"a\": [1, 2]}"));
    Object[] nulls = new Object[18];
    nulls[0] = 2L;
    rows.add(Row.of(nulls));
    rows.add(Row.of(3L, false, (byte) 0, Short.MIN_VALUE, 0, Long.MIN_VALUE, new BigDecimal("1E+5"),
        Float.intBitsToFloat(0x7fc00001), Double.longBitsToDouble(0x7ff0000000000abcL), s.apply("\uD800 unpaired"),
        "x".repeat(3_000), new byte[3_000], null, LocalDate.MIN, LocalTime.MIDNIGHT, LocalDateTime.MAX, Instant.MAX,
        "null"));
    rows.add(Row.of(4L, null, null, null, null, null, new BigDecimal(BigInteger.TEN.pow(40), 200), 1.5f,
        Double.MIN_VALUE, s.apply("a\uDC00"), null, null, new byte[] {9}, LocalDate.MAX, null, LocalDateTime.MIN, Instant.MIN,
        null));
    // a value of another class than its column's kind (an INT in the BIGINT key): kept as it came
    rows.add(Row.of(5, null, null, null, null, 7L, new BigDecimal("18446744073709551615"), null, null, null, null,
        null, null, null, null, null, null, null));
    return rows;
  }

  /** One item of each kind, every event kind, every row mark: what the frozen format files hold. */
  static Map<String, Object> fixedItems() {
    return fixedItems(false);
  }

  /** {@code utf8}: see {@link #fixedRows(boolean)}. */
  static Map<String, Object> fixedItems(boolean utf8) {
    TableSchema schema = everyKind(T);
    List<Row> rows = fixedRows(utf8);
    MemoryPosition in = new MemoryPosition(7, true);
    MemoryPosition out = new MemoryPosition(8, false);
    List<ChangeEvent> events = List.of(
        RowChange.insert(T, rows.get(0), 1, in, 10),
        RowChange.update(T, rows.get(0), rows.get(2), ColumnMask.of(1, 3), 2, in, 10),
        RowChange.update(U, Row.of(1, "u"), Row.of(1, "v"), null, 2, in, 10),
        RowChange.delete(T, rows.get(3), 3, in, 10),
        new SchemaChange(T, schema, "ALTER TABLE items ...", 4, in, 10, Map.of("c_int", "c_old")),
        new TableTruncated(T, 5, in, 10),
        new TableDropped(T, null, 6, in, 10),
        new TableNeedsResync(T, null, "why", "DDL", 7, in, 10, ErrorCode.VALUE_NOT_REPRESENTABLE),
        new TableNeedsResync(U, schema, "why", null, 7, in, 10, ErrorCode.SCHEMA_INCOMPATIBLE),
        new Heartbeat(8, out, 11),
        new TransactionEnd(9, out, 12));
    SnapshotChunk chunk = new SnapshotChunk(T, 3, Row.of(100L), null, RowFilter.gt("c_decimal", new BigDecimal("1")),
        250);
    Map<String, Object> items = new LinkedHashMap<>();
    items.put("logOpened", new SourceItem.LogOpened(0, new byte[] {1, 2},
        List.of(new SourceItem.TablePlan(T, List.of(chunk)))));
    items.put("logBatch", new SourceItem.LogBatch(0, 42, events));
    items.put("chunkRows", new SourceItem.ChunkRows(T, 4, 3, 99, schema, rows));
    items.put("chunkDone", new SourceItem.ChunkDone(T, 4, 3, schema, 99, 120));
    items.put("command", new SourceItem.Command("c1", "RESYNC", List.of(T, U), RowFilter.le("c_int", 5)));
    items.put("ensure", new WriteOp.Ensure(new TargetTable("items", schema.columns(), List.of("id")),
        Map.of("c_int", "c_old")));
    items.put("write", new WriteOp.Write("s1", batch(rows)));
    items.put("writeTarget", new WriteOp.Write(null, batch(rows.subList(0, 2))));
    items.put("merge", new WriteOp.Merge("s1", RowFilter.eq("c_varchar", "x")));
    items.put("mergeAll", new WriteOp.Merge("s1", null));
    items.put("drop", new WriteOp.Drop("s1"));
    items.put("deleteWhere", new WriteOp.DeleteWhere(RowFilter.eq("c_varchar", "x")));
    return items;
  }

  /** A batch with every row mark: upsert, snapshot, delete, unchanged columns, moved key. */
  static RowBatch batch(List<Row> rows) {
    RowBatch b = new RowBatch(2);
    for (int i = 0; i < rows.size(); i++) {
      Row r = rows.get(i);
      switch (i % 5) {
        case 0 -> b.upsert(r, i);
        case 1 -> b.upsertSnapshot(r, i);
        case 2 -> b.delete(r, -i);
        case 3 -> b.upsert(r, Long.MAX_VALUE - i, ColumnMask.of(1, 17));
        default -> b.upsertMoved(r, i, ColumnMask.of(2), Row.of(99L));
      }
    }
    return b;
  }

  /** A random value of {@code type}'s Java class (DataType's list), null now and then when nullable. */
  static Object value(Random r, DataType type) {
    if (type.nullable() && r.nextInt(8) == 0) {
      return null;
    }
    return switch (type.kind()) {
      case BOOLEAN -> r.nextBoolean();
      case TINYINT -> (byte) r.nextInt();
      case SMALLINT -> (short) r.nextInt();
      case INT -> r.nextInt(3) == 0 ? r.nextInt(100) : r.nextInt();
      case BIGINT -> r.nextInt(3) == 0 ? (long) r.nextInt(100) : r.nextLong();
      case DECIMAL -> decimal(r);
      case FLOAT -> r.nextInt(10) == 0 ? Float.intBitsToFloat(r.nextInt()) : r.nextFloat() * 1000 - 500;
      case DOUBLE -> r.nextInt(10) == 0 ? Double.longBitsToDouble(r.nextLong()) : r.nextGaussian() * 1e6;
      case CHAR, VARCHAR, JSON -> string(r);
      case BINARY, VARBINARY -> {
        byte[] b = new byte[r.nextInt(20) == 0 ? 100_000 + r.nextInt(1000) : r.nextInt(40)];
        r.nextBytes(b);
        yield b;
      }
      case DATE -> LocalDate.ofEpochDay(r.nextInt(3_000_000) - 1_000_000);
      case TIME -> LocalTime.ofNanoOfDay(Math.floorMod(r.nextLong(), 86_400_000_000_000L));
      case TIMESTAMP -> LocalDateTime.of(LocalDate.ofEpochDay(r.nextInt(200_000) - 100_000),
          LocalTime.ofNanoOfDay(Math.floorMod(r.nextLong(), 86_400_000_000_000L)));
      case TIMESTAMP_LTZ -> Instant.ofEpochSecond(r.nextLong() % 10_000_000_000L, r.nextInt(1_000_000_000));
    };
  }

  private static BigDecimal decimal(Random r) {
    return switch (r.nextInt(5)) {
      case 0 -> BigDecimal.valueOf(r.nextLong(), r.nextInt(20));
      case 1 -> new BigDecimal(new BigInteger(r.nextInt(130) + 1, r), r.nextInt(40));
      case 2 -> new BigDecimal(new BigInteger(r.nextInt(64) + 1, r).negate(), r.nextInt(300) - 150);
      case 3 -> new BigDecimal(new BigInteger(64, r)); // an unsigned BIGINT
      default -> BigDecimal.valueOf(r.nextInt(100_000), 2);
    };
  }

  private static String string(Random r) {
    int n = r.nextInt(20) == 0 ? 70_000 + r.nextInt(1000) : r.nextInt(30);
    StringBuilder sb = new StringBuilder(n);
    int mode = r.nextInt(5);
    for (int i = 0; i < n; i++) {
      switch (mode) {
        case 0 -> sb.append((char) (' ' + r.nextInt(95)));
        case 1 -> sb.append((char) (r.nextInt(0x3000)));
        case 2 -> sb.appendCodePoint(r.nextInt(3) == 0 ? 0x1F600 + r.nextInt(80) : 0x4E00 + r.nextInt(500));
        case 3 -> sb.append((char) r.nextInt(0x10000)); // anything, unpaired surrogates included
        default -> sb.append(r.nextInt(10) == 0 ? (char) (0xD800 + r.nextInt(0x800)) : 'a'); // ASCII, lone surrogates
      }
    }
    return sb.toString();
  }

  /** A random row of {@code schema}; now and then a value of another class than its kind's (kept as it came). */
  static Row row(Random r, TableSchema schema) {
    Object[] v = new Object[schema.columns().size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = value(r, schema.columns().get(i).type());
      if (r.nextInt(50) == 0) {
        v[i] = value(r, EVERY_KIND.columns().get(r.nextInt(18)).type());
      }
    }
    return Row.of(v);
  }

  /** The fields of two batches, row by row (a RowBatch has no equals). */
  static String describe(RowBatch b) {
    StringBuilder sb = new StringBuilder(b.toString());
    for (int i = 0; i < b.size(); i++) {
      sb.append(b.isSnapshot(i) ? 'S' : '-');
    }
    return sb.toString();
  }
}
