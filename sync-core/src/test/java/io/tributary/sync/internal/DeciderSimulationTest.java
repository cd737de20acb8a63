package io.tributary.sync.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.sync.testing.Seeds;
import org.junit.jupiter.api.Test;

/**
 * Seeded simulation of the {@link Decider} (see {@link DeciderSimulation}): 10,000 short scenarios per run (about
 * 10 s on a quiet 2-core machine), no threads, no sleeps. {@code -Dtributary.seed=N} replays one scenario ({@code
 * -Dtributary.sim.trace=true} prints its inputs and effects); {@code -Dtributary.sim.scenarios=N} sets how many (a
 * longer soak; {@code -Dtributary.sim.firstSeed=N} runs seeds N.. instead of a random range), {@code -Dtributary.sim.steps=N} how long each is; {@code -Dtributary.sim.merge=false} (mirror mode
 * only), {@code -Dtributary.sim.selection=false} (no tables added or removed between runs, no offline) and {@code
 * -Dtributary.sim.schemaChanges=false} turn dimensions off, as {@code -Dtributary.sim.catchUp|schemaKinds|
 * writerFailures|sourceFailures=false} do the wider ones (see {@link SimDimensions}).
 */
class DeciderSimulationTest {

  @Test
  void everyCommitMatchesTheSourceAtItsPosition() {
    int scenarios = Integer.getInteger("tributary.sim.scenarios", 10_000);
    int steps = Integer.getInteger("tributary.sim.steps", 300);
    long started = System.nanoTime();
    long commits = 0;
    long checks = 0;
    long crashes = 0;
    long merges = 0;
    long[] wider = new long[8]; // with a wider dimension, catch-ups, failovers, refused batches, lost, stops, gaps
    String first = System.getProperty("tributary.sim.firstSeed"); // a fixed range, to compare two builds' figures
    long[] seeds = first == null ? Seeds.of(scenarios).toArray()
        : java.util.stream.LongStream.range(Long.parseLong(first), Long.parseLong(first) + scenarios).toArray();
    for (int i = 0; i < seeds.length; i++) {
      DeciderSimulation sim = new DeciderSimulation(seeds[i]);
      DeciderSimulation.Result r;
      try {
        r = sim.run(steps);
      } catch (RuntimeException | AssertionError e) {
        throw new AssertionError("scenario " + (i + 1) + " of " + seeds.length + ", " + sim.replay() + ": " + e, e);
      }
      commits += r.commits();
      checks += r.checks();
      crashes += r.crashes();
      merges += r.merges();
      WiderScenario w = sim.wider();
      wider[0] += w.dims.count() > 0 ? 1 : 0;
      wider[1] += w.catchUps;
      wider[2] += w.failures.failovers;
      wider[3] += w.failures.refused;
      wider[4] += w.failures.lostPositions;
      wider[5] += w.stopped.stops();
      wider[6] += w.stopped.narrowings;
      wider[7] += sim.resumedSyncs();
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    System.out.printf("decider simulation: %d scenarios (seeds %d..%d) of %d steps in %.1f s (%.0f/s): %d commits,"
        + " %d table checks, %d merges, %d crashes%n", seeds.length, seeds[0], seeds[seeds.length - 1], steps,
        seconds, seeds.length / seconds, commits, checks, merges, crashes);
    StringBuilder totals = new StringBuilder(); // sim-merge: the dimensions' coverage
    for (int i = 0; i < MergeInvariant.TOTALS.length; i++) {
      totals.append(i == 0 ? "" : ", ").append(MergeInvariant.TOTALS[i]).append(' ')
          .append(MergeInvariant.TOTAL_NAMES[i]);
    }
    System.out.println("decider simulation: " + totals);
    System.out.printf("  wider: %d scenarios with catch-up/schema/writer/source dimensions: %d catch-ups, %d failovers"
        + " (%d refused batches), %d lost positions, %d tables stopped (%d by a narrowed merge column, a known gap:"
        + " see StoppedTables), %d acknowledged catch-ups/re-syncs resumed after a restart%n", wider[0], wider[1],
        wider[2], wider[3], wider[4], wider[5], wider[6], wider[7]);
    assertThat(checks).as("streaming tables checked at commits").isPositive();
    assertThat(merges).as("full syncs merged").isPositive();
  }
}
