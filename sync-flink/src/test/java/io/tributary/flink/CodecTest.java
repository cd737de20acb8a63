package io.tributary.flink;

import static org.assertj.core.api.Assertions.assertThat;

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
import io.tributary.sync.memory.MemoryDatabase;
import io.tributary.sync.memory.MemoryPosition;
import io.tributary.sync.spi.ChangeSource;
import io.tributary.sync.spi.RowBatch;
import io.tributary.sync.spi.SnapshotChunk;
import io.tributary.sync.spi.TargetTable;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The runner's wire and state formats give back what they were given (every event kind, every row mark). */
class CodecTest {

  private static final TableId T = new TableId("mem", "db", "", "items");
  private static final TableSchema SCHEMA = TableSchema.builder(T).primaryKey("id", DataType.bigint())
      .column("note", DataType.varchar(20)).column("amount", DataType.decimal(10, 2)).build();
  private final List<ChangeSource> sources = List.of(new MemoryDatabase("mem").source());

  @Test
  void logBatch_everyEventKind_roundTrips() {
    MemoryPosition in = new MemoryPosition(7, true);
    MemoryPosition out = new MemoryPosition(8, false);
    Row row = Row.of(1L, "a", new BigDecimal("1.25"));
    List<ChangeEvent> events = List.of(
        RowChange.insert(T, row, 1, in, 10),
        RowChange.update(T, row, Row.of(1L, null, new BigDecimal("2.00")), ColumnMask.of(1), 2, in, 10),
        RowChange.delete(T, row, 3, in, 10),
        new SchemaChange(T, SCHEMA, "ALTER TABLE items ...", 4, in, 10, Map.of("note", "memo")),
        new TableTruncated(T, 5, in, 10),
        new TableDropped(T, null, 6, in, 10),
        new TableNeedsResync(T, null, "why", "DDL", 7, in, 10, ErrorCode.VALUE_NOT_REPRESENTABLE),
        new Heartbeat(8, out, 11),
        new TransactionEnd(9, out, 12));
    SourceItem.LogBatch back = (SourceItem.LogBatch) SourceItem.decode(
        SourceItem.encode(new SourceItem.LogBatch(0, 42, events)), sources);
    assertThat(back.polledAtNanos()).isEqualTo(42);
    assertThat(back.events()).hasSize(events.size());
    for (int i = 0; i < events.size(); i++) {
      ChangeEvent e = events.get(i);
      ChangeEvent b = back.events().get(i);
      assertThat(b.getClass()).isEqualTo(e.getClass());
      assertThat(b.seq()).isEqualTo(e.seq());
      assertThat(b.commitTimeMillis()).isEqualTo(e.commitTimeMillis());
      assertThat(b.position()).isEqualTo(e.position());
      if (e instanceof RowChange r) {
        RowChange br = (RowChange) b;
        assertThat(br.before()).isEqualTo(r.before());
        assertThat(br.after()).isEqualTo(r.after());
        assertThat(br.unchanged() == null ? null : br.unchanged().indexes())
            .isEqualTo(r.unchanged() == null ? null : r.unchanged().indexes());
      } else if (!(e instanceof Heartbeat || e instanceof TransactionEnd)) {
        assertThat(b).isEqualTo(e); // records of values and positions that are records
      }
    }
  }

  @Test
  void chunkItemsAndSplits_roundTrip() throws Exception {
    SnapshotChunk chunk = new SnapshotChunk(T, 3, Row.of(100L), null, RowFilter.gt("amount", new BigDecimal("1")),
        250);
    SourceItem.ChunkRows rows = new SourceItem.ChunkRows(T, 4, 3, 99, SCHEMA,
        List.of(Row.of(101L, "x", null), Row.of(102L, null, new BigDecimal("3.50"))));
    SourceItem.ChunkRows rowsBack = (SourceItem.ChunkRows) SourceItem.decode(SourceItem.encode(rows), sources);
    assertThat(rowsBack.rows()).isEqualTo(rows.rows());
    assertThat(rowsBack.schema()).isEqualTo(SCHEMA);
    assertThat(SourceItem.decode(SourceItem.encode(new SourceItem.ChunkDone(T, 4, 3, SCHEMA, 99, 120)), sources))
        .isEqualTo(new SourceItem.ChunkDone(T, 4, 3, SCHEMA, 99, 120));
    SourceItem.LogOpened opened = (SourceItem.LogOpened) SourceItem.decode(SourceItem.encode(
        new SourceItem.LogOpened(0, new byte[] {1, 2}, List.of(new SourceItem.TablePlan(T, List.of(chunk))))),
        sources);
    assertThat(opened.plans().get(0).chunks()).containsExactly(chunk);

    TributarySplit.Serializer splits = TributarySplit.Serializer.INSTANCE;
    TributarySplit.Chunk c = new TributarySplit.Chunk(0, chunk, SCHEMA, 2, 7);
    assertThat(splits.deserialize(splits.getVersion(), splits.serialize(c))).isEqualTo(c);
    TributarySplit.Log log = (TributarySplit.Log) splits.deserialize(splits.getVersion(), splits.serialize(
        new TributarySplit.Log(0, new byte[] {5}, List.of(SCHEMA), List.of(new SourceItem.TablePlan(T,
            List.of(chunk))))));
    assertThat(log.position()).containsExactly(5);
    assertThat(log.schemas()).containsExactly(SCHEMA);
    assertThat(log.plans().get(0).chunks()).containsExactly(chunk);
    EnumeratorState.Serializer state = new EnumeratorState.Serializer();
    EnumeratorState saved = new EnumeratorState(true, List.of(c),
        List.of(new PlanMessages.Answer(7, T, List.of(chunk))), List.of(11L, -3L));
    assertThat(state.deserialize(state.getVersion(), state.serialize(saved))).isEqualTo(saved);
    assertThat(PlanMessages.decode(PlanMessages.encode(new PlanMessages.Request(7, 0, T, SCHEMA,
        RowFilter.eq("note", "x"), 3)))).isEqualTo(new PlanMessages.Request(7, 0, T, SCHEMA, RowFilter.eq("note", "x"),
        3));
  }

  @Test
  void commands_roundTrip() {
    TableCommand c = TableCommand.catchUp("c1", T, RowFilter.le("amount", new BigDecimal("2.50")));
    assertThat(c.filter()).isEqualTo(RowFilter.le("amount", new BigDecimal("2.50")));
    assertThat(SourceItem.decode(c.encode(), sources)).isEqualTo(new SourceItem.Command("c1", "RESYNC", List.of(T),
        RowFilter.le("amount", new BigDecimal("2.50"))));
    assertThat(SourceItem.decode(TableCommand.pause("p", T).encode(), sources))
        .isEqualTo(new SourceItem.Command("p", "PAUSE", List.of(T), null));
    assertThat(PlanMessages.decode(PlanMessages.encode(new PlanMessages.Cancel(T))))
        .isEqualTo(new PlanMessages.Cancel(T));
    assertThat(PlanMessages.decode(PlanMessages.encode(new PlanMessages.Prioritize(T))))
        .isEqualTo(new PlanMessages.Prioritize(T));
    io.tributary.sync.spi.SnapshotChunk chunk = new io.tributary.sync.spi.SnapshotChunk(T, 2, Row.of(1L), null, RowFilter.all(), 5);
    PlanMessages.Reread reread = new PlanMessages.Reread(42, 7, 1, chunk, SCHEMA, 3);
    assertThat(PlanMessages.decode(PlanMessages.encode(reread))).isEqualTo(reread);
    assertThat(PlanMessages.decode(PlanMessages.encode(new PlanMessages.RereadAdded(42))))
        .isEqualTo(new PlanMessages.RereadAdded(42));
    assertThat(PlanMessages.decode(PlanMessages.encode(new PlanMessages.Reschema(T, 7, SCHEMA))))
        .isEqualTo(new PlanMessages.Reschema(T, 7, SCHEMA));
  }

  @Test
  void writeOps_roundTrip_keepingEveryRowMark() {
    RowBatch batch = new RowBatch(4);
    batch.upsert(Row.of(1L, "a", null), 10);
    batch.upsertSnapshot(Row.of(2L, "b", null), 11);
    batch.delete(Row.of(3L, null, null), 12);
    batch.upsert(Row.of(4L, null, new BigDecimal("1.00")), 13, ColumnMask.of(1));
    batch.upsertMoved(Row.of(5L, null, null), 14, ColumnMask.of(1, 2), Row.of(4L, null, null));
    WriteOp.Write w = (WriteOp.Write) WriteOp.decode(WriteOp.encode(new WriteOp.Write("s1", batch)));
    assertThat(w.staging()).isEqualTo("s1");
    assertThat(w.batch().toString()).isEqualTo(batch.toString());
    for (int i = 0; i < batch.size(); i++) {
      assertThat(w.batch().isSnapshot(i)).isEqualTo(batch.isSnapshot(i));
      assertThat(w.batch().isDelete(i)).isEqualTo(batch.isDelete(i));
    }
    TargetTable table = new TargetTable("items", SCHEMA.columns(), List.of("id"));
    assertThat(WriteOp.decode(WriteOp.encode(new WriteOp.Ensure(table, Map.of("b", "a")))))
        .isEqualTo(new WriteOp.Ensure(table, Map.of("b", "a")));
    assertThat(WriteOp.decode(WriteOp.encode(new WriteOp.Merge("s1", null)))).isEqualTo(new WriteOp.Merge("s1", null));
    assertThat(WriteOp.decode(WriteOp.encode(new WriteOp.DeleteWhere(RowFilter.eq("note", "x")))))
        .isEqualTo(new WriteOp.DeleteWhere(RowFilter.eq("note", "x")));
    RowBatch times = new RowBatch(1);
    times.upsert(Row.of(LocalDateTime.of(2026, 12, 5, 3, 0, 0, 123_456_000)), 1);
    assertThat(((WriteOp.Write) WriteOp.decode(WriteOp.encode(new WriteOp.Write(null, times)))).batch().row(0))
        .isEqualTo(times.row(0));
  }
}
