package io.tributary.sync.testing;

import io.tributary.sync.SyncPipeline;
import io.tributary.sync.event.Row;
import io.tributary.sync.memory.MemoryWarehouse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The stress check of {@link SyncPipeline#awaitCaughtUp}: commit one change at the source (an insert or an update),
 * call {@code awaitCaughtUp} at once, and require the change in the target when it returns true; many times over.
 * Each table has columns {@code (id int primary key, v int)}. A failure names the seed and iteration and tells a
 * late change (it appears within 3 s) from a lost one.
 *
 * <p>Sizes: {@code -Dtributary.caughtUp.iterations=N} (default: the caller's), {@code -Dtributary.caughtUp.seed=S}.
 * {@code -Dtributary.caughtUp.countMisses=true} counts misses instead of failing (to measure a build that has the
 * window), and skips the end-of-run comparison.
 */
public final class CaughtUpStress {

  /** Runs one autocommitted statement on the source. */
  @FunctionalInterface
  public interface Sql {
    void execute(String statement) throws Exception;
  }

  /** A source table (as SQL names it) and its target in the warehouse. */
  public record Table(String sqlName, String target) {
  }

  /** {@code awaitCaughtUp} latencies of a run, in microseconds. */
  public record Latencies(long[] micros) {
    public long percentile(double p) {
      long[] sorted = micros.clone();
      Arrays.sort(sorted);
      return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }

    @Override
    public String toString() {
      return String.format("%d awaits: p50 %.1f ms, p99 %.1f ms, max %.1f ms", micros.length,
          percentile(0.5) / 1000.0, percentile(0.99) / 1000.0, percentile(1.0) / 1000.0);
    }
  }

  private final SyncPipeline pipeline;
  private final MemoryWarehouse warehouse;
  private final Sql sql;
  private final List<Table> tables;
  /** Per table: id to the v the source holds. */
  private final List<Map<Integer, Integer>> expected = new ArrayList<>();
  private static final boolean COUNT_MISSES = Boolean.getBoolean("tributary.caughtUp.countMisses");
  private int misses;

  public CaughtUpStress(SyncPipeline pipeline, MemoryWarehouse warehouse, Sql sql, List<Table> tables) {
    this.pipeline = pipeline;
    this.warehouse = warehouse;
    this.sql = sql;
    this.tables = tables;
    tables.forEach(t -> expected.add(new HashMap<>()));
  }

  public static int iterations(int byDefault) {
    return Integer.getInteger("tributary.caughtUp.iterations", byDefault);
  }

  public static long seed() {
    return Long.getLong("tributary.caughtUp.seed", System.nanoTime());
  }

  /** Records a row the source already holds (inserted before the pipeline started). */
  public void known(int table, int id, int v) {
    expected.get(table).put(id, v);
  }

  /**
   * Commits one random change and awaits; {@code iteration} also becomes the new value of v. Returns the time
   * {@code awaitCaughtUp} took, in microseconds.
   */
  public long step(Random random, long seed, int iteration) throws Exception {
    int table = random.nextInt(tables.size());
    Map<Integer, Integer> rows = expected.get(table);
    boolean update = !rows.isEmpty() && random.nextBoolean();
    int id = update ? new ArrayList<>(rows.keySet()).get(random.nextInt(rows.size())) : rows.size() + 1_000_000;
    Table t = tables.get(table);
    sql.execute(update ? "UPDATE " + t.sqlName() + " SET v = " + iteration + " WHERE id = " + id
        : "INSERT INTO " + t.sqlName() + " (id, v) VALUES (" + id + ", " + iteration + ")");
    rows.put(id, iteration);
    long started = System.nanoTime();
    boolean caughtUp = pipeline.awaitCaughtUp(Duration.ofSeconds(30));
    long micros = (System.nanoTime() - started) / 1000;
    String what = String.format("seed %d, iteration %d: %s of %s id %d to v=%d", seed, iteration,
        update ? "update" : "insert", t.sqlName(), id, iteration);
    if (!caughtUp) {
      throw new AssertionError(what + ": awaitCaughtUp returned false after 30 s; status " + pipeline.status());
    }
    Integer found = value(t.target(), id);
    if ((found == null || found != iteration) && COUNT_MISSES) {
      misses++;
    } else if (found == null || found != iteration) {
      throw new AssertionError(what + ": awaitCaughtUp returned true after " + micros / 1000.0 + " ms but the target"
          + " holds v=" + found + "; " + lateOrLost(t.target(), id, iteration));
    }
    return micros;
  }

  /** Runs {@code iterations} steps and checks every table row for row at the end. */
  public Latencies run(long seed, int iterations) throws Exception {
    Random random = new Random(seed);
    long[] micros = new long[iterations];
    for (int i = 0; i < iterations; i++) {
      micros[i] = step(random, seed, i);
    }
    for (int table = 0; table < tables.size() && !COUNT_MISSES; table++) {
      Map<Integer, Integer> actual = new HashMap<>();
      for (Row r : warehouse.rows(tables.get(table).target())) {
        actual.put(((Number) r.get(0)).intValue(), ((Number) r.get(1)).intValue());
      }
      if (!actual.equals(expected.get(table))) {
        throw new AssertionError("seed " + seed + ": target " + tables.get(table).target() + " differs: expected "
            + expected.get(table) + " but was " + actual);
      }
    }
    return new Latencies(micros);
  }

  /** Changes missing when {@code awaitCaughtUp} returned true (counted only with {@code countMisses}). */
  public int misses() {
    return misses;
  }

  private Integer value(String target, int id) {
    for (Row r : warehouse.rows(target)) {
      if (((Number) r.get(0)).intValue() == id) {
        return ((Number) r.get(1)).intValue();
      }
    }
    return null;
  }

  private String lateOrLost(String target, int id, int v) {
    long started = System.nanoTime();
    try {
      Awaitility.await().atMost(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(10))
          .until(() -> Objects.equals(value(target, id), v));
      return "it arrived " + (System.nanoTime() - started) / 1_000_000 + " ms later (late)";
    } catch (ConditionTimeoutException e) {
      return "still missing 3 s later (lost)";
    }
  }
}
