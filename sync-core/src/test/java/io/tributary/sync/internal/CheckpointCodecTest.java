package io.tributary.sync.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.sync.ErrorCode;
import io.tributary.sync.TablePhase;
import io.tributary.sync.event.DataType;
import io.tributary.sync.event.Row;
import io.tributary.sync.event.RowFilter;
import io.tributary.sync.event.TableId;
import io.tributary.sync.event.TableSchema;
import io.tributary.sync.spi.SnapshotChunk;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CheckpointCodecTest {

  @Test
  void roundTrip_keepsEveryField() {
    TableId id = TableId.of("pg", "app", "public", "orders");
    TableSchema schema = TableSchema.builder(id).primaryKey("id", DataType.bigint())
        .primaryKey("day", DataType.date()).column("amount", DataType.decimal(10, 2)).build();
    Row lower = Row.of(1L, LocalDate.of(2024, 1, 2));
    Row upper = Row.of(100L, LocalDate.of(2025, 3, 4));
    RowFilter filter = RowFilter.and(RowFilter.ge("amount", new BigDecimal("1.50")),
        RowFilter.not(RowFilter.isNull("day")), RowFilter.or(RowFilter.eq("id", 7L), RowFilter.lt("id", 3L)));
    BitSet done = new BitSet();
    done.set(1);
    Checkpoint.TableState state = new Checkpoint.TableState(id, TablePhase.RESYNCING, schema,
        List.of(new SnapshotChunk(id, 0, null, lower, filter), new SnapshotChunk(id, 1, lower, upper, filter),
            new SnapshotChunk(id, 2, upper, null, filter)), done, 4242L, RowFilter.all(), filter, null, null);
    Checkpoint cp = new Checkpoint(17, Map.of("pg", new byte[] {1, 2, 3}), Map.of(id, state), new byte[] {9});

    Checkpoint back = CheckpointCodec.decode(CheckpointCodec.encode(cp));

    assertThat(back.id()).isEqualTo(17);
    assertThat(back.positions().get("pg")).containsExactly(1, 2, 3);
    assertThat(back.committable()).containsExactly(9);
    Checkpoint.TableState t = back.tables().get(id);
    assertThat(t.schema()).isEqualTo(schema);
    assertThat(t.chunks()).isEqualTo(state.chunks());
    assertThat(t.done()).isEqualTo(done);
    assertThat(t.highWatermark()).isEqualTo(4242L);
    assertThat(t.mergeScope()).isEqualTo(RowFilter.all());
    assertThat(t.snapshotFilter()).isEqualTo(filter);
    assertThat(t.phase()).isEqualTo(TablePhase.RESYNCING);
  }

  @Test
  void stoppedTable_keepsItsReasonAndCode_andAReasonWithoutCodeReadsAsNeedsResync() {
    TableId id = TableId.of("m", "db", "db", "t");
    TableSchema schema = TableSchema.builder(id).primaryKey("id", DataType.bigint()).build();
    for (ErrorCode code : new ErrorCode[] {ErrorCode.LIMIT_EXCEEDED, null}) {
      Checkpoint.TableState state = new Checkpoint.TableState(id, TablePhase.BLACKLISTED, schema, List.of(),
          new BitSet(), 0, null, RowFilter.all(), "Encoded key size 200 exceeds max size 128", code);
      Checkpoint cp = new Checkpoint(3, Map.of(), Map.of(id, state), null);

      Checkpoint.TableState back = CheckpointCodec.decode(CheckpointCodec.encode(cp)).tables().get(id);

      assertThat(back.reason()).isEqualTo("Encoded key size 200 exceeds max size 128");
      assertThat(back.reasonCode()).isEqualTo(code == null ? ErrorCode.TABLE_NEEDS_RESYNC : code);
    }
  }

  @Test
  void values_roundTripWithTheirJavaClasses() throws Exception {
    Object[] values = {null, true, (byte) 1, (short) 2, 3, 4L, new BigDecimal("-12.3400"), 1.5f, 2.5d, "héllo",
        new byte[] {0, -1}, LocalDate.of(2020, 2, 29), LocalTime.of(23, 59, 59, 999_999_999),
        LocalDateTime.of(1999, 12, 31, 23, 59, 59, 1000), Instant.ofEpochSecond(-5, 7)};
    var bytes = new java.io.ByteArrayOutputStream();
    ValueCodec.writeRow(new java.io.DataOutputStream(bytes), Row.of(values));
    Row back = ValueCodec.readRow(new java.io.DataInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray())));
    assertThat(back).isEqualTo(Row.of(values));
    for (int i = 1; i < values.length; i++) {
      assertThat(back.get(i)).hasSameClassAs(values[i]);
    }
  }

  @Test
  void garbage_isRejectedWithAFix() {
    assertThatThrownBy(() -> CheckpointCodec.decode(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}))
        .isInstanceOfSatisfying(io.tributary.sync.SyncException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.CHECKPOINT_UNREADABLE))
        .hasMessageContaining("not a Tributary checkpoint");
  }
}
