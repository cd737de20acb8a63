package io.tributary.sync.testing;

import java.util.Random;
import java.util.stream.LongStream;

/**
 * Seeds for randomized tests: {@code count} fresh ones per run (printed by the parameterized test names and in
 * assertion messages), or exactly the one given with {@code -Dtributary.seed=N} to re-run a failure.
 */
public final class Seeds {

  private Seeds() {
  }

  public static LongStream of(int count) {
    String fixed = System.getProperty("tributary.seed");
    if (fixed != null) {
      return LongStream.of(Long.parseLong(fixed));
    }
    long base = new Random().nextLong() & 0xffffffL;
    return LongStream.range(base, base + count);
  }

  /** One seed: the given one, or a fresh one. */
  public static long one() {
    return of(1).findFirst().orElseThrow();
  }
}
