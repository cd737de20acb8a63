package io.tributary.sync;

import java.time.Duration;
import java.util.Objects;

/**
 * The builders' guards, one idiom for every option: set twice is an {@link IllegalStateException} naming the value
 * already set, null a {@link NullPointerException} naming the option, a bad value an
 * {@link IllegalArgumentException} with the value. {@code -1} marks an int or long option not yet set.
 */
final class Checks {

  static final int UNSET = -1;

  private Checks() {
  }

  static void requireUnset(Object current, String option) {
    if (current != null) {
      throw new IllegalStateException(option + " was already set to " + current);
    }
  }

  static void requireUnset(long current, String option) {
    if (current != UNSET) {
      throw new IllegalStateException(option + " was already set to " + current);
    }
  }

  /** {@code value}, once it is known the option was not set before and the value is not null. */
  static <T> T once(T current, String option, T value) {
    requireUnset(current, option);
    return Objects.requireNonNull(value, option);
  }

  static int positive(int current, String option, int value) {
    requireUnset(current, option);
    if (value <= 0) {
      throw new IllegalArgumentException(option + " must be > 0, got " + value);
    }
    return value;
  }

  static Duration positive(Duration current, String option, Duration value) {
    requireUnset(current, option);
    return positive(option, value);
  }

  static Duration positive(String option, Duration value) {
    Objects.requireNonNull(value, option);
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(option + " must be positive, got " + value);
    }
    return value;
  }
}
