package io.tributary.sync.internal;

import io.tributary.sync.event.Row;
import io.tributary.sync.event.RowFilter;
import io.tributary.sync.event.TableId;
import io.tributary.sync.event.TableSchema;
import java.util.List;
import java.util.Random;

/**
 * The operator's catch-ups and prioritisations in a {@link DeciderSimulation}, as {@code SyncPipeline.catchUp} and
 * {@code prioritize} send them: a catch-up is a re-sync with a filter (a key range, or a row filter over any column,
 * named as the source spells it now, which the decider may not know yet: then the command is refused).
 */
final class SimulatedOperator {

  private final Random rnd;
  private final SimulatedShards shards;

  SimulatedOperator(Random rnd, SimulatedShards shards) {
    this.rnd = rnd;
    this.shards = shards;
  }

  /**
   * The next command: mostly catch-ups (of a streaming table, as an operator repairs one, when there is one: {@code
   * streaming} says which are), some prioritisations of one or two tables.
   */
  WorkItem.Command next(long id, java.util.function.Predicate<TableId> streaming) {
    TableId t = shards.randomTable(rnd);
    List<TableId> live = shards.tables().stream().filter(streaming).toList();
    boolean any = rnd.nextInt(8) == 0; // now and then a table in any phase (refused, covered, or re-synced whole)
    if (!live.isEmpty() && !any) {
      t = live.get(rnd.nextInt(live.size()));
    }
    if (rnd.nextInt(4) == 0 || live.isEmpty() && !any) {
      List<TableId> tables = rnd.nextBoolean() ? List.of(t) : List.of(t, shards.randomTable(rnd));
      return new WorkItem.Command(id, WorkItem.Command.Op.PRIORITIZE, tables.stream().distinct().toList(), null);
    }
    return new WorkItem.Command(id, WorkItem.Command.Op.RESYNC, List.of(t), filter(t));
  }

  /**
   * A plain command (any scenario): mostly re-syncs, some pauses and resumes, of a random table; null when not
   * allowed on it ({@link SimulatedShards#commandAllowed}).
   */
  WorkItem.Command plain(long id, java.util.Map<TableId, TableRuntime> tables) {
    TableId t = shards.randomTable();
    int r = rnd.nextInt(4);
    WorkItem.Command.Op op = r < 2 ? WorkItem.Command.Op.RESYNC
        : r == 2 ? WorkItem.Command.Op.PAUSE : WorkItem.Command.Op.RESUME;
    TableRuntime runtime = tables.get(t); // sim-merge
    if (runtime != null && !shards.commandAllowed(t, runtime.phase, op)) {
      return null;
    }
    return new WorkItem.Command(id, op, List.of(t), null);
  }

  /** A catch-up filter of {@code t}: a key range between two of its rows' keys, or a condition on any column. */
  private RowFilter filter(TableId t) {
    SimulatedSource source = shards.sourceOf(t);
    TableSchema schema = source.db.schema(t);
    List<Row> rows = source.db.rows(t);
    String column = schema.columns().get(rnd.nextInt(schema.columnCount())).name();
    Long at = (long) rnd.nextInt(100);
    switch (rnd.nextInt(5)) {
      case 0, 1 -> {
        if (rows.size() >= 2) {
          int[] key = schema.primaryKeyIndexes();
          Row low = rows.get(rnd.nextInt(rows.size())).project(key);
          Row high = rows.get(rnd.nextInt(rows.size())).project(key);
          if (compare(low, high) > 0) {
            Row swap = low;
            low = high;
            high = swap;
          }
          return RowFilter.keyRange(schema.primaryKey(), low, rnd.nextBoolean() ? high : null);
        }
        return RowFilter.ge(schema.primaryKey().get(0), at);
      }
      case 2 -> {
        return RowFilter.lt(column, at);
      }
      case 3 -> {
        return rnd.nextBoolean() ? RowFilter.isNull(column) : RowFilter.not(RowFilter.isNull(column));
      }
      default -> {
        return RowFilter.or(RowFilter.ge(column, at), RowFilter.isNull(column));
      }
    }
  }

  private static int compare(Row a, Row b) {
    for (int i = 0; i < a.size(); i++) {
      int c = RowFilter.compareValues(a.get(i), b.get(i));
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }
}
