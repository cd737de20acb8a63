package io.tributary.sync.internal;

import io.tributary.sync.TablePhase;
import io.tributary.sync.event.Row;
import io.tributary.sync.event.TableId;
import io.tributary.sync.memory.MemoryPosition;
import io.tributary.sync.memory.MemoryWarehouse;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The mirror-mode invariant of a {@link DeciderSimulation}, checked at every commit: every table the checkpoint
 * records as streaming holds exactly the source's rows as of the checkpoint's position (no lost, extra or stale
 * rows), and the checkpoint does not split a source transaction. Merge targets are {@link MergeInvariant}'s.
 */
final class MirrorInvariant {

  private final SimulatedSource source;
  private final MemoryWarehouse warehouse;
  private final Supplier<String> replay;
  private int checks;

  MirrorInvariant(SimulatedSource source, MemoryWarehouse warehouse, Supplier<String> replay) {
    this.source = source;
    this.warehouse = warehouse;
    this.replay = replay;
  }

  int checks() {
    return checks;
  }

  /** Every streaming table's target holds the source's rows as of the checkpoint's position. */
  void check(Effect.TakeCheckpoint c) {
    MemoryPosition p = (MemoryPosition) c.positions()[0];
    if (p.insideTransaction()) {
      throw new AssertionError(replay.get() + ": checkpoint " + c.id() + " at " + p + " splits a transaction");
    }
    Map.Entry<Long, Map<TableId, Set<Row>>> asOf = source.asOf(p.nextIndex());
    for (Checkpoint.TableState t : c.tables().values()) {
      if (t.phase() != TablePhase.STREAMING) {
        continue;
      }
      checks++;
      Set<Row> target = new HashSet<>(warehouse.rows(t.id().table()));
      Map.Entry<Long, Map<TableId, Set<Row>>> expected = asOf;
      if (!t.schema().equals(source.schemaAt(asOf.getKey(), t.id()))) {
        // A schema change is checkpointed at the position before its DDL, with the new schema, before the target
        // evolves (the DDL, replayed from there, changes nothing): until the target has evolved it is the source
        // before the DDL, after that (later in the run, or once a restart planned it) the source right after it.
        Map.Entry<Long, Map<TableId, Set<Row>>> after = source.next(asOf.getKey());
        if (after == null || !t.schema().equals(source.schemaAt(after.getKey(), t.id()))) {
          throw new AssertionError(replay.get() + ": checkpoint " + c.id() + " at " + p + " records " + t.schema()
              + ", which the source has neither at log index " + asOf.getKey() + " nor right after");
        }
        if (!target.equals(asOf.getValue().get(t.id()))) {
          expected = after;
        }
      }
      Set<Row> rows = expected.getValue().get(t.id());
      if (!target.equals(rows)) {
        Set<Row> missing = new HashSet<>(rows);
        missing.removeAll(target);
        Set<Row> extra = new HashSet<>(target);
        extra.removeAll(rows);
        throw new AssertionError(replay.get() + ": checkpoint " + c.id() + " at " + p + ": " + t.id() + " differs"
            + " from the source as of log index " + expected.getKey() + "; missing " + missing + ", extra " + extra);
      }
    }
  }
}
