package io.tributary.mysql.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ProlepticRowsTest {

  private static long millis(LocalDateTime t) {
    return t.toInstant(ZoneOffset.UTC).toEpochMilli();
  }

  @Test
  void datesBeforeTheCalendarSwitch_areProlepticGregorian_theTenDaysIncluded() {
    assertThat(ProlepticRows.beforeSwitch(1582, 10, 10, 12, 0, 0, 500))
        .isEqualTo(millis(LocalDateTime.of(1582, 10, 10, 12, 0, 0, 500_000_000)));
    assertThat(ProlepticRows.beforeSwitch(1582, 10, 14, 23, 59, 59, 0))
        .isEqualTo(millis(LocalDateTime.of(1582, 10, 14, 23, 59, 59)));
    assertThat(ProlepticRows.beforeSwitch(1, 1, 1, 0, 0, 0, 0)).isEqualTo(millis(LocalDateTime.of(1, 1, 1, 0, 0)));
  }

  @Test
  void fromTheSwitchOn_zeroDatesAndInvalidDates_areLeftToTheLibrary() {
    assertThat(ProlepticRows.beforeSwitch(1582, 10, 15, 0, 0, 0, 0)).isNull();
    assertThat(ProlepticRows.beforeSwitch(2024, 2, 29, 0, 0, 0, 0)).isNull();
    assertThat(ProlepticRows.beforeSwitch(0, 0, 0, 0, 0, 0, 0)).isNull();
    assertThat(ProlepticRows.beforeSwitch(1000, 2, 30, 0, 0, 0, 0)).isNull();
  }
}
