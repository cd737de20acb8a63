package io.tributary.postgres.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.sync.ErrorCode;
import io.tributary.sync.SyncException;
import io.tributary.sync.event.DataType;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;

/** Values no target holds are refused by the source, with the column, before any writer sees them. */
class UnrepresentableTest {

  @Test
  void infinityAndMillisecond2400_areRefused_finiteValuesPass() {
    ColumnType date = new ColumnType("date", DataType.date(), Codec.DATE, null);
    ColumnType ts = new ColumnType("timestamp", DataType.timestamp(6), Codec.TIMESTAMP, null);
    ColumnType tstz = new ColumnType("timestamptz", DataType.timestampLtz(3), Codec.TIMESTAMPTZ, null);
    ColumnType time3 = new ColumnType("time", DataType.time(3), Codec.TIME, null);
    ColumnType time6 = new ColumnType("time", DataType.time(6), Codec.TIME, null);
    assertRefused(date, "infinity", "infinity");
    assertRefused(date, "-infinity", "-infinity");
    assertRefused(ts, "infinity", "infinity");
    assertRefused(tstz, "-infinity", "-infinity");
    assertRefused(time3, "24:00:00", "24:00:00");
    assertThat(Unrepresentable.check(time6, ValueCodec.decode(time6, "24:00:00"), "c")).isEqualTo(LocalTime.MAX);
    assertThat(Unrepresentable.check(date, ValueCodec.decode(date, "2024-02-29"), "c")).hasToString("2024-02-29");
  }

  private static void assertRefused(ColumnType type, String text, String reason) {
    assertThatThrownBy(() -> Unrepresentable.check(type, ValueCodec.decode(type, text), "c"))
        .isInstanceOfSatisfying(SyncException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.VALUE_NOT_REPRESENTABLE))
        .hasMessageContaining("column c").hasMessageContaining(reason);
  }
}
