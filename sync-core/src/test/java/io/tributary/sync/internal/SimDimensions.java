package io.tributary.sync.internal;

import java.util.Random;

/**
 * Which of the wider dimensions one {@link DeciderSimulation} scenario has, drawn from its seed (each about every
 * other scenario, so the plain ones stay covered too); each can be switched off for all scenarios with a system
 * property, which the replay command then repeats.
 *
 * @param catchUp        operator catch-ups over a key range or row filter, and prioritise ({@code
 *                       -Dtributary.sim.catchUp=false})
 * @param schemaKinds    column renames, pure reorders, primary-key changes, widening and narrowing ({@code
 *                       -Dtributary.sim.schemaKinds=false}; also off with {@code -Dtributary.sim.schemaChanges=false})
 * @param canRename      whether the writer declares {@code RENAME_COLUMN} (else a rename reaches it as drop + add)
 * @param writerFailures the writer refusing a target ({@code ensureTable}) or a batch, or failing transiently ({@code
 *                       -Dtributary.sim.writerFailures=false})
 * @param sourceFailures chunk reads and log polls failing, and the checkpoint position lost ({@code
 *                       -Dtributary.sim.sourceFailures=false})
 */
record SimDimensions(boolean catchUp, boolean schemaKinds, boolean canRename, boolean writerFailures,
    boolean sourceFailures) {

  private static final String[] PROPERTIES = {"catchUp", "schemaKinds", "writerFailures", "sourceFailures"};

  static SimDimensions draw(Random rnd, boolean schemaChanges) {
    return new SimDimensions(rnd.nextBoolean() && on("catchUp"),
        rnd.nextBoolean() && on("schemaKinds") && schemaChanges, rnd.nextBoolean(),
        rnd.nextBoolean() && on("writerFailures"), rnd.nextBoolean() && on("sourceFailures"));
  }

  private static boolean on(String dimension) {
    return Boolean.parseBoolean(System.getProperty("tributary.sim." + dimension, "true"));
  }

  /** The switches that were off, as system properties for the replay command. */
  static String replayFlags() {
    StringBuilder out = new StringBuilder();
    for (String p : PROPERTIES) {
      if (!on(p)) {
        out.append(" -Dtributary.sim.").append(p).append("=false");
      }
    }
    return out.toString();
  }

  /** The seed and a one-line command that replays its scenario, with the switches that were off. */
  static String replay(long seed, boolean schemaChanges) {
    return "seed " + seed + " (replay: mvn -B -o -q -pl sync-core verify -Dtest=DeciderSimulationTest"
        + " -Dtributary.seed=" + seed + (schemaChanges ? "" : " -Dtributary.sim.schemaChanges=false")
        + (SimulatedShards.MERGE ? "" : " -Dtributary.sim.merge=false")
        + (SimulatedSelection.SELECTION ? "" : " -Dtributary.sim.selection=false")
        + (StoppedTables.STRICT_WIDTHS ? " -Dtributary.sim.strictWidths=true" : "")
        + (SimulatedSelection.ADDED_AFTER_DDL ? "" : " -Dtributary.sim.addedAfterDdl=false")
        + (DiscoveryWindow.ON ? "" : " -Dtributary.sim.discoveryWindow=false")
        + (SimulatedShards.UPSERT_RESYNC_ALTER ? " -Dtributary.sim.upsertResyncAlter=true" : "")
        + replayFlags()
        + " -Dsurefire.failIfNoSpecifiedTests=false)";
  }

  /** How many of the dimensions are on (for the run's summary). */
  int count() {
    return (catchUp ? 1 : 0) + (schemaKinds ? 1 : 0) + (writerFailures ? 1 : 0) + (sourceFailures ? 1 : 0);
  }
}
