package io.tributary.sync.internal.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.sync.event.Row;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

/** Canonical row hashes: equal values of the classes one column type may use hash equal; differences show. */
class RowHashTest {

  @Test
  void equalValuesOfDifferentClasses_hashEqual() {
    assertThat(RowHash.of(Row.of(1, new BigDecimal("1.50"), "x"))).isEqualTo(RowHash.of(Row.of(1L,
        new BigDecimal("1.5"), "x")));
    assertThat(RowHash.value(new BigDecimal("10"))).isEqualTo(RowHash.value(10L));
    assertThat(RowHash.value(0.0)).isEqualTo(RowHash.value(-0.0));
  }

  @Test
  void differentValuesOrPositions_hashDifferent() {
    assertThat(RowHash.of(Row.of(1, 2))).isNotEqualTo(RowHash.of(Row.of(2, 1)));
    assertThat(RowHash.of(Row.of(1, null))).isNotEqualTo(RowHash.of(Row.of(null, 1)));
    assertThat(RowHash.of(Row.of("a", LocalDateTime.of(2024, 1, 1, 0, 0))))
        .isNotEqualTo(RowHash.of(Row.of("a", LocalDateTime.of(2024, 1, 1, 0, 0, 0, 1_000_000))));
    assertThat(RowHash.value(new byte[] {1, 2})).isNotEqualTo(RowHash.value(new byte[] {2, 1}));
  }

  @Test
  void chunkSummary_isOrderIndependent_andNamesTheDifferingKeys() {
    ChunkRows a = new ChunkRows(new int[] {0});
    ChunkRows b = new ChunkRows(new int[] {0});
    for (long i = 0; i < 100; i++) {
      a.add(Row.of(i, "v" + i));
      b.add(Row.of(99 - i, "v" + (99 - i)));
    }
    assertThat(a.sameSummary(b)).isTrue();
    assertThat(a.differingKeys(b)).isEmpty();
    b.add(Row.of(500L, "stray"));
    assertThat(a.sameSummary(b)).isFalse();
    assertThat(a.differingKeys(b)).containsExactly(RowHash.of(Row.of(500L)));
  }
}
