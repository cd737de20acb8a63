package io.tributary.flink;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.sync.event.ChangeEvent;
import io.tributary.sync.event.Column;
import io.tributary.sync.event.ColumnMask;
import io.tributary.sync.event.DataType;
import io.tributary.sync.event.Row;
import io.tributary.sync.event.RowChange;
import io.tributary.sync.event.TableId;
import io.tributary.sync.event.TableSchema;
import io.tributary.sync.memory.MemoryDatabase;
import io.tributary.sync.memory.MemoryPosition;
import io.tributary.sync.spi.ChangeSource;
import io.tributary.sync.spi.RowBatch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Every value the engine has goes through the wire and comes back exact: the same Java class, decimals with their
 * scale, floats and doubles bit for bit (NaN payloads too), strings char for char (unpaired surrogates too), large
 * strings and binaries, temporals to the nanosecond, nulls. Random schemas, rows, log batches over interleaved
 * tables and write batches with every row mark. Seed printed; re-run with {@code -Dtributary.seed=N}.
 */
class WireRoundTripTest {

  private final List<ChangeSource> sources = List.of(new MemoryDatabase("mem").source());

  @Test
  void randomItems_comeBackExact() {
    long seed = Long.getLong("tributary.seed", System.nanoTime());
    System.out.println("WireRoundTripTest seed " + seed + " (re-run with -Dtributary.seed=" + seed + ")");
    Random r = new Random(seed);
    for (int round = 0; round < 200; round++) {
      List<TableSchema> schemas = List.of(schema(r, "a"), schema(r, "b"), schema(r, "c"));
      TableSchema s = schemas.get(0);
      List<Row> rows = new ArrayList<>();
      for (int i = r.nextInt(60); i > 0; i--) {
        rows.add(WireSamples.row(r, s));
      }
      SourceItem.ChunkRows chunk = new SourceItem.ChunkRows(s.id(), r.nextLong(), r.nextInt(1000), r.nextLong(), s,
          rows);
      SourceItem.ChunkRows chunkBack = (SourceItem.ChunkRows) SourceItem.decode(SourceItem.encode(chunk), sources);
      assertThat(chunkBack).isEqualTo(chunk);
      assertExact(chunkBack.rows(), rows);

      List<ChangeEvent> events = new ArrayList<>();
      for (int i = r.nextInt(40); i > 0; i--) {
        TableSchema t = schemas.get(r.nextInt(schemas.size()));
        Row before = r.nextBoolean() ? WireSamples.row(r, t) : null;
        Row after = before == null || r.nextBoolean() ? WireSamples.row(r, t) : null;
        RowChange.Op op = after == null ? RowChange.Op.DELETE : before == null ? RowChange.Op.INSERT
            : RowChange.Op.UPDATE;
        ColumnMask mask = r.nextInt(4) == 0 && op == RowChange.Op.UPDATE
            ? ColumnMask.of(r.nextInt(t.columns().size())) : null;
        events.add(new RowChange(t.id(), op, before, after, r.nextLong(), new MemoryPosition(r.nextInt(1000),
            r.nextBoolean()), r.nextLong(), mask));
      }
      SourceItem.LogBatch batch = new SourceItem.LogBatch(0, r.nextLong(), events);
      SourceItem.LogBatch batchBack = (SourceItem.LogBatch) SourceItem.decode(SourceItem.encode(batch), sources);
      assertThat(batchBack).isEqualTo(batch);
      for (int i = 0; i < events.size(); i++) {
        RowChange a = (RowChange) events.get(i);
        RowChange b = (RowChange) batchBack.events().get(i);
        assertExact(Arrays.asList(b.before(), b.after()), Arrays.asList(a.before(), a.after()));
      }

      RowBatch write = WireSamples.batch(rows);
      WriteOp.Write back = (WriteOp.Write) WriteOp.decode(WriteOp.encode(new WriteOp.Write("st", write)));
      assertThat(WireSamples.describe(back.batch())).isEqualTo(WireSamples.describe(write));
      List<Row> written = new ArrayList<>();
      List<Row> read = new ArrayList<>();
      for (int i = 0; i < write.size(); i++) {
        written.add(write.row(i));
        written.add(write.unchangedFrom(i));
        read.add(back.batch().row(i));
        read.add(back.batch().unchangedFrom(i));
      }
      assertExact(read, written);
    }
  }

  private static TableSchema schema(Random r, String name) {
    TableSchema.Builder b = TableSchema.builder(new TableId("mem", "db", "", name)).primaryKey("id",
        DataType.bigint());
    List<Column> kinds = WireSamples.everyKind(new TableId("mem", "db", "", name)).columns();
    for (int i = r.nextInt(25); i > 0; i--) {
      DataType t = kinds.get(1 + r.nextInt(kinds.size() - 1)).type();
      b.column("c" + i, r.nextBoolean() ? t : t.notNull());
    }
    return b.build();
  }

  /** Row by row and value by value: same class, same value; floats by their bits, byte arrays by content. */
  static void assertExact(List<Row> actual, List<Row> expected) {
    assertThat(actual).hasSameSizeAs(expected);
    for (int i = 0; i < expected.size(); i++) {
      Row e = expected.get(i);
      Row a = actual.get(i);
      if (e == null) {
        assertThat(a).isNull();
        continue;
      }
      assertThat(a.size()).isEqualTo(e.size());
      for (int c = 0; c < e.size(); c++) {
        Object ev = e.get(c);
        Object av = a.get(c);
        String at = "row " + i + " column " + c + ": " + ev;
        if (ev == null) {
          assertThat(av).as(at).isNull();
          continue;
        }
        assertThat(av).as(at).isNotNull();
        assertThat(av.getClass()).as(at).isEqualTo(ev.getClass());
        if (ev instanceof Float f) {
          assertThat(Float.floatToRawIntBits((Float) av)).as(at).isEqualTo(Float.floatToRawIntBits(f));
        } else if (ev instanceof Double d) {
          assertThat(Double.doubleToRawLongBits((Double) av)).as(at).isEqualTo(Double.doubleToRawLongBits(d));
        } else if (ev instanceof byte[] b) {
          assertThat((byte[]) av).as(at).isEqualTo(b);
        } else {
          assertThat(av).as(at).isEqualTo(ev); // BigDecimal.equals compares the scale too
        }
      }
    }
  }
}
