package io.tributary.sync.internal;

import io.tributary.sync.TablePhase;
import io.tributary.sync.event.Row;
import io.tributary.sync.event.TableId;
import io.tributary.sync.event.TableSchema;
import io.tributary.sync.memory.MemoryPosition;
import io.tributary.sync.memory.MemoryWarehouse;
import io.tributary.sync.spi.TargetTable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The invariants a {@link DeciderSimulation} checks at every commit over {@link SimulatedShards}, written apart from
 * the engine (no engine routing code): each target's rows are split by the shard they belong to (by its extended
 * fields when they tell shards apart, else by the key, which names its shard), then
 * <ul>
 *   <li>merge mode: a streaming shard's rows are exactly its source rows as of the checkpoint's position of its
 *       source, mapped by column name onto the target's columns (widened to their types, null where the shard lacks
 *       one, extended fields stamped); mirror mode leaves this to {@link DeciderSimulation}'s own check;</li>
 *   <li>a stopped (blacklisted) table's rows never change while it stays stopped, nor do a removed table's, and a
 *       table never selected has no rows;</li>
 *   <li>no source's checkpoint position goes back, and no streaming shard's rows match an older source state than
 *       at the previous commit;</li>
 *   <li>at a restart, the tables the checkpoint recorded keep their phase and progress, and new ones start a full
 *       sync.</li>
 * </ul>
 */
final class MergeInvariant {

  private final SimulatedShards shards;
  private final MemoryWarehouse warehouse;
  private final Supplier<String> replay;
  /** Rows (by column name, null columns left out) of stopped and removed tables, as of when they stopped. */
  private final Map<TableId, Set<Map<String, Object>>> frozen = new HashMap<>();
  private final ShardRows split;
  private final long[] lastPositions;
  /** Per streaming shard: the log index its rows matched at the last commit. */
  private final Map<TableId, Long> matched = new HashMap<>();
  private int checks;
  /**
   * Per target, per column: the names it had before the target renamed it (following a live shard). A shard that
   * dropped a column of the old name keeps its earlier values there (no backfill), now under the new name.
   */
  private final Map<String, Map<String, Set<String>>> formerNames = new HashMap<>();
  /** Totals over all scenarios of a run (one thread), for the test's summary line. */
  static final long[] TOTALS = new long[10];
  static final String[] TOTAL_NAMES = {"merge scenarios", "merge shard checks", "stopped-table checks",
      "removed-table checks", "tables added", "tables removed", "offlines", "multi-source scenarios",
      "changes during a discovery", "of them DDLs of the table added"};

  MergeInvariant(SimulatedShards shards, MemoryWarehouse warehouse, Supplier<String> replay) {
    TOTALS[0] += shards.merge() ? 1 : 0;
    TOTALS[7] += shards.sources.size() > 1 ? 1 : 0;
    this.shards = shards;
    this.warehouse = warehouse;
    this.replay = replay;
    this.lastPositions = new long[shards.sources.size()];
    this.split = new ShardRows(shards, warehouse, replay);
  }

  int checks() {
    return checks;
  }

  // ---------------------------------------------------------------- between runs

  /** The next run leaves {@code t} out: its rows stay as they are (after the restart's recovery commit). */
  void removed(TableId t) {
    TOTALS[5]++;
    String target = shards.targetOf(t);
    TargetTable layout = warehouse.schema(target).orElse(null);
    frozen.put(t, layout == null ? Set.of()
        : ShardRows.named(split.byShard(target, layout).getOrDefault(t, Set.of()), layout));
    matched.remove(t);
  }

  /** The next run adds {@code t}: a full sync replaces its rows. */
  void added(TableId t) {
    TOTALS[4]++;
    frozen.remove(t);
  }

  /**
   * A target was created or evolved: a column it no longer has is gone from the frozen rows for good, even if a
   * shard adds one of its name again before the next commit (merge mode plans a target from its live members); a
   * column it renamed (following a live shard) holds the frozen rows' values under its new name.
   */
  void evolved(TargetTable target, Map<String, String> renamedFrom) {
    Map<String, Set<String>> former = formerNames.computeIfAbsent(target.name(), k -> new HashMap<>());
    renamedFrom.forEach((to, from) -> {
      Set<String> names = new HashSet<>(former.getOrDefault(from, Set.of()));
      names.add(from);
      former.put(to, names);
    });
    frozen.replaceAll((t, rows) -> shards.targetOf(t).equals(target.name())
        ? ShardRows.present(ShardRows.renamed(rows, renamedFrom), ShardRows.names(target)) : rows);
  }

  /** The checkpoint was dropped: every selected table is synced afresh (removed ones stay as they are). */
  void offline() {
    TOTALS[6]++;
    frozen.keySet().removeIf(shards::selected);
    matched.clear();
  }

  /** Right after {@link Decider#restore}: checkpointed tables keep their state, new ones start a full sync. */
  void restored(Checkpoint restored, Map<TableId, TableRuntime> tables) {
    for (TableRuntime t : tables.values()) {
      Checkpoint.TableState was = restored == null ? null : restored.tables().get(t.id);
      if (was == null) {
        if (t.phase != TablePhase.SNAPSHOTTING) {
          fail("table " + t.id + " is new to this run but starts " + t.phase + ", not with a full sync");
        }
      } else if (t.phase != was.phase() || !t.chunks.equals(was.chunks()) || !t.done.equals(was.done())) {
        fail("table " + t.id + " restarts " + t.phase + " with chunks " + t.done + " of " + t.chunks.size()
            + " done, but its checkpoint had " + was.phase() + " with " + was.done());
      }
    }
    for (TableId t : shards.tables()) {
      if (shards.selected(t) != tables.containsKey(t)) {
        fail("table " + t + " is " + (shards.selected(t) ? "" : "not ") + "selected, but the run "
            + (tables.containsKey(t) ? "captures" : "does not capture") + " it");
      }
    }
  }

  // ---------------------------------------------------------------- at every commit

  void check(Effect.TakeCheckpoint c) {
    for (int i = 0; i < c.positions().length; i++) {
      MemoryPosition p = (MemoryPosition) c.positions()[i];
      if (p.insideTransaction()) {
        fail("checkpoint " + c.id() + " at " + p + " of source " + i + " splits a transaction");
      }
      if (p.nextIndex() < lastPositions[i]) {
        fail("checkpoint " + c.id() + " steps source " + i + " back from log@" + lastPositions[i] + " to " + p);
      }
      lastPositions[i] = p.nextIndex();
    }
    for (String target : shards.targets()) {
      TargetTable layout = warehouse.schema(target).orElse(null);
      Map<TableId, Set<Row>> own = null; // the target's rows by shard, split when a check needs them
      for (TableId t : shards.members(target)) {
        Checkpoint.TableState st = c.tables().get(t);
        boolean stopped = st != null && st.phase() == TablePhase.BLACKLISTED;
        if (st != null && !shards.selected(t)) {
          fail("checkpoint " + c.id() + " records table " + t + ", which this run does not select");
        }
        if (st != null && !stopped && shards.selected(t)) {
          frozen.remove(t);
        }
        boolean streaming = st != null && st.phase() == TablePhase.STREAMING && shards.merge();
        if (!stopped && !frozen.containsKey(t) && !streaming && (st != null || shards.everSelected(t))) {
          continue;
        }
        if (own == null) {
          own = layout == null ? Map.of() : split.byShard(target, layout);
        }
        Set<Row> mine = own.getOrDefault(t, Set.of());
        if (streaming) {
          checks++;
          TOTALS[1]++;
          streaming(c, target, t, st, layout, mine);
          continue;
        }
        Set<Map<String, Object>> rows = ShardRows.named(mine, layout);
        if (stopped) {
          frozen.putIfAbsent(t, rows);
        }
        if (frozen.containsKey(t)) {
          checks++;
          TOTALS[st == null ? 3 : 2]++;
          Set<Map<String, Object>> was = frozen.get(t);
          if (!was.equals(rows)) {
            fail("checkpoint " + c.id() + ": " + (shards.selected(t) ? "stopped" : "removed") + " table " + t
                + "'s rows in " + target + " changed; " + ShardRows.diff(was, rows));
          }
        } else if (!rows.isEmpty()) {
          fail("checkpoint " + c.id() + ": never selected table " + t + " has rows in " + target + ": " + rows);
        }
      }
    }
  }

  /** A streaming shard's rows in {@code target} are its source rows as of its source's checkpoint position. */
  private void streaming(Effect.TakeCheckpoint c, String target, TableId t, Checkpoint.TableState st,
      TargetTable layout, Set<Row> actual) {
    SimulatedSource source = shards.sourceOf(t);
    MemoryPosition p = (MemoryPosition) c.positions()[shards.sourceIndex(t)];
    Map.Entry<Long, Map<TableId, Set<Row>>> asOf = source.asOf(p.nextIndex());
    List<Map.Entry<Long, Map<TableId, Set<Row>>>> candidates = new ArrayList<>(List.of(asOf));
    if (!st.schema().equals(source.schemaAt(asOf.getKey(), t))) {
      // As in DeciderSimulation: a schema change is checkpointed before its DDL with the new schema, before the
      // target evolves; the shard is then the source before the DDL or right after it.
      Map.Entry<Long, Map<TableId, Set<Row>>> after = source.next(asOf.getKey());
      if (after == null || !st.schema().equals(source.schemaAt(after.getKey(), t))) {
        fail("checkpoint " + c.id() + " at " + p + " records " + st.schema() + ", which " + t
            + " has neither at log index " + asOf.getKey() + " nor right after");
      }
      candidates.add(after);
    }
    Set<Row> first = null;
    Set<Row> own = actual;
    for (Map.Entry<Long, Map<TableId, Set<Row>>> e : candidates) {
      TableSchema schema = source.schemaAt(e.getKey(), t);
      Set<Row> expected = layout == null ? Set.of() : split.map(t, schema, e.getValue().get(t), layout);
      // A column the shard dropped while the target keeps it (another shard has it): its rows written before the
      // drop keep their values there (no backfill), later ones hold null; either is right, so it is not compared.
      boolean[] dropped = new boolean[layout == null ? 0 : layout.columns().size()];
      for (int i = 0; i < dropped.length; i++) {
        String name = layout.columns().get(i).name();
        dropped[i] = split.field(name) == null && schema.indexOf(name) < 0 && (source.hadColumn(t, name, e.getKey())
            || formerNames.getOrDefault(target, Map.of()).getOrDefault(name, Set.of()).stream()
                .anyMatch(n -> source.hadColumn(t, n, e.getKey())));
      }
      expected = ShardRows.blank(expected, dropped);
      actual = ShardRows.blank(own, dropped);
      first = first == null ? expected : first;
      if (expected.equals(actual)) {
        Long before = matched.put(t, e.getKey());
        if (before != null && before > e.getKey()) {
          fail("checkpoint " + c.id() + ": " + t + " in " + target + " stepped back in time, from the source as of"
              + " log index " + before + " to " + e.getKey());
        }
        return;
      }
    }
    Set<Row> missing = new HashSet<>(first);
    missing.removeAll(actual);
    Set<Row> extra = new HashSet<>(actual);
    extra.removeAll(first);
    fail("checkpoint " + c.id() + " at " + p + ": " + t + "'s rows in " + target + " (columns " + ShardRows.names(layout)
        + ") differ from the source as of log index " + asOf.getKey() + "; missing " + missing + ", extra " + extra);
  }

  private void fail(String what) {
    throw new AssertionError(replay.get() + ": " + what);
  }
}
