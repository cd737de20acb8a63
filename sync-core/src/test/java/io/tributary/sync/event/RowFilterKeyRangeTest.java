package io.tributary.sync.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.sync.testing.Seeds;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link RowFilter#keyRange} against a brute-force lexicographic comparison of random composite keys. */
class RowFilterKeyRangeTest {

  private static final TableId T = new TableId("s", "d", "d", "t");
  private static final TableSchema SCHEMA = TableSchema.builder(T).primaryKey("a", DataType.intType())
      .primaryKey("b", DataType.varchar(5)).primaryKey("c", DataType.bigint()).column("v", DataType.intType()).build();

  @Test
  void keyRange_matchesExactlyTheKeysBetweenItsBounds_lexicographically() {
    long seed = Seeds.one();
    Random random = new Random(seed);
    for (int round = 0; round < 2000; round++) {
      Row lower = random.nextInt(5) == 0 ? null : key(random);
      Row upper = random.nextInt(5) == 0 ? null : key(random);
      RowFilter f = RowFilter.keyRange(List.of("a", "b", "c"), lower, upper);
      Row row = Row.of(random.nextInt(3), String.valueOf((char) ('a' + random.nextInt(3))), (long) random.nextInt(3),
          random.nextInt());
      Row key = row.project(new int[] {0, 1, 2});
      boolean expected = (lower == null || compare(key, lower) >= 0) && (upper == null || compare(key, upper) < 0);
      assertThat(f.test(SCHEMA, row)).as("seed %d: %s in [%s, %s) by %s", seed, key, lower, upper, f)
          .isEqualTo(expected);
    }
  }

  @Test
  void keyRange_withoutBounds_isAll_andABoundOfTheWrongWidthIsRefused() {
    assertThat(RowFilter.keyRange(List.of("a"), null, null)).isEqualTo(RowFilter.all());
    assertThat(RowFilter.keyRange(List.of("a"), Row.of(1), null).toString()).isEqualTo("a >= 1");
    assertThatThrownBy(() -> RowFilter.keyRange(List.of("a", "b"), Row.of(1), null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[a, b]");
  }

  private static Row key(Random random) {
    return Row.of(random.nextInt(3), String.valueOf((char) ('a' + random.nextInt(3))), (long) random.nextInt(3));
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static int compare(Row x, Row y) {
    for (int i = 0; i < x.size(); i++) {
      int c = ((Comparable) x.get(i)).compareTo(y.get(i));
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }
}
