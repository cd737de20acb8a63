package io.tributary.sync.internal;

import io.tributary.sync.event.TableId;
import io.tributary.sync.memory.MemoryWarehouse;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The invariants a {@link DeciderSimulation} checks, told what the runs do: at each restart the selection's change
 * and the restored tables, at each commit the targets ({@link MergeInvariant}, and {@link MirrorInvariant} in mirror
 * mode), the acknowledged syncs ({@link SyncDurability}) and, with the wider dimensions, the stopped tables. Why its
 * own class: driving the scenario and checking it are two jobs; this one only reads what the runs did.
 */
final class SimChecks {

  final MergeInvariant invariant;
  final SyncDurability durability;
  private final MirrorInvariant mirror;
  private final SimulatedShards shards;
  private final WiderScenario wide;
  private final MemoryWarehouse warehouse;
  private final Supplier<String> replay;

  SimChecks(SimulatedShards shards, WiderScenario wide, MemoryWarehouse warehouse, Supplier<String> replay) {
    this.shards = shards;
    this.wide = wide;
    this.warehouse = warehouse;
    this.replay = replay;
    this.invariant = new MergeInvariant(shards, warehouse, replay);
    this.mirror = new MirrorInvariant(shards.sources.get(0), warehouse, replay);
    this.durability = new SyncDurability(replay);
  }

  /** A restart changed the selection ({@code table}: the table added or removed), after its recovery commit. */
  void selectionChanged(SimulatedShards.Change change, TableId table) {
    switch (change) {
      case ADDED -> invariant.added(table);
      case REMOVED -> invariant.removed(table);
      case OFFLINE -> invariant.offline();
      case NONE -> { }
    }
    wide.stopped.selectionChanged(change, table, warehouse);
    durability.selectionChanged(change, table);
  }

  /** Right after {@link Decider#restore}. */
  void restored(Checkpoint restored, Map<TableId, TableRuntime> tables) {
    invariant.restored(restored, tables); // sim-merge
    durability.restored(restored, tables);
    durability.runEnded();
  }

  /** Checkpoint {@code c} was committed: every target holds the source's rows as of its position, and more. */
  void committed(Effect.TakeCheckpoint c) {
    invariant.check(c); // sim-merge: merge-mode targets, stopped and removed tables untouched, never back in time
    if (!shards.merge()) {
      mirror.check(c);
    }
    durability.committed(c);
    if (wide.active()) {
      wide.stopped.check(c, warehouse, replay.get() + ": checkpoint " + c.id()); // stopped tables stay as they were
    }
  }

  /** How many checks passed. */
  int checks() {
    return mirror.checks() + invariant.checks() + durability.checks();
  }
}
