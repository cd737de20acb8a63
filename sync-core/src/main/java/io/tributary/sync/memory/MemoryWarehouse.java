package io.tributary.sync.memory;

import io.tributary.sync.event.Column;
import io.tributary.sync.event.ColumnMask;
import io.tributary.sync.event.Row;
import io.tributary.sync.event.RowFilter;
import io.tributary.sync.spi.TargetTable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The durable side of the in-memory lakehouse: committed target tables, committed staging areas and prepared
 * commits. It outlives pipeline runs (as a real warehouse outlives a crashed process), so crash tests abandon a
 * pipeline and start another over the same warehouse. Each {@link MemoryWriter#open} fences the previous writer,
 * whose later calls fail, as a new Paimon commit of the same user would.
 */
public final class MemoryWarehouse {

  /** Operations of a commit, applied in order at commit time. */
  sealed interface Op {
    record Write(String target, Row[] rows, boolean[] deletes) implements Op {
    }

    record Stage(String target, String staging, Row[] rows, long[] seqs, boolean[] deletes, ColumnMask[] unchanged)
        implements Op {
    }

    record Merge(String target, String staging, RowFilter replaceScope) implements Op {
    }

    record DropStaging(String target, String staging) implements Op {
    }

    record DeleteWhere(String target, RowFilter filter) implements Op {
    }
  }

  /**
   * Sees every committed state of the warehouse, for tests that check an invariant of each commit rather than of
   * the end state.
   */
  @FunctionalInterface
  public interface CommitListener {
    /**
     * Called once per commit that published data, under the warehouse's lock, on the committing thread.
     *
     * @param checkpointId the commit's checkpoint
     * @param tables       every target table's rows as a reader sees them right after the commit (a copy)
     */
    void committed(long checkpointId, Map<String, List<Row>> tables);
  }

  private final List<CommitListener> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();
  private final Map<String, WarehouseTable> tables = new LinkedHashMap<>();
  private final TreeMap<Long, List<Op>> prepared = new TreeMap<>();
  private long lastCommitted;
  private int epoch;
  private int commits;

  /** An empty warehouse: no tables, nothing committed. */
  public MemoryWarehouse() {
  }

  public synchronized List<String> tableNames() {
    return new ArrayList<>(tables.keySet());
  }

  /** The committed rows of a target table, as a reader sees them. */
  public synchronized List<Row> rows(String target) {
    WarehouseTable t = tables.get(target);
    return t == null ? List.of() : new ArrayList<>(t.rows.values());
  }

  public synchronized Optional<TargetTable> schema(String target) {
    WarehouseTable t = tables.get(target);
    return t == null ? Optional.empty() : Optional.of(t.schema);
  }

  /** Number of committed staging areas of a target (they disappear after a merge). */
  public synchronized int stagingAreas(String target) {
    WarehouseTable t = tables.get(target);
    return t == null ? 0 : t.staging.size();
  }

  /** The highest checkpoint id committed so far. */
  public synchronized long lastCommittedCheckpoint() {
    return lastCommitted;
  }

  /** How many commits published data (a re-commit of an already committed id does not count). */
  public synchronized int commitCount() {
    return commits;
  }

  /** Registers a listener for every later commit (see {@link CommitListener}). */
  public void addCommitListener(CommitListener listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
  }

  synchronized int fence() {
    return ++epoch;
  }

  synchronized void checkEpoch(int writerEpoch) {
    if (writerEpoch != epoch) {
      throw new IllegalStateException("memory writer was fenced by a newer pipeline run (epoch " + writerEpoch
          + " < " + epoch + ")");
    }
  }

  synchronized void ensureTable(int writerEpoch, TargetTable wanted) {
    ensureTable(writerEpoch, wanted, Map.of());
  }

  /**
   * Creates or evolves a table; columns of {@code wanted} named in {@code renamedFrom} take the values of the
   * existing columns it names (in committed rows and staging areas). A rename already made is skipped.
   */
  synchronized void ensureTable(int writerEpoch, TargetTable wanted, Map<String, String> renamedFrom) {
    checkEpoch(writerEpoch);
    WarehouseTable t = tables.get(wanted.name());
    if (t == null) {
      tables.put(wanted.name(), new WarehouseTable(wanted));
    } else {
      t.evolve(wanted, renamedFrom);
    }
  }

  synchronized void prepare(int writerEpoch, long checkpointId, List<Op> ops) {
    checkEpoch(writerEpoch);
    prepared.put(checkpointId, ops);
  }

  /** Commits a prepared checkpoint once; a repeat or an unknown id already committed is a no-op. */
  synchronized void commit(int writerEpoch, long checkpointId) {
    checkEpoch(writerEpoch);
    if (checkpointId <= lastCommitted) {
      prepared.remove(checkpointId);
      return;
    }
    List<Op> ops = prepared.remove(checkpointId);
    if (ops == null) {
      throw new IllegalStateException("checkpoint " + checkpointId + " was never prepared");
    }
    for (Op op : ops) {
      apply(op);
    }
    lastCommitted = checkpointId;
    commits++;
    if (!listeners.isEmpty()) {
      Map<String, List<Row>> state = new LinkedHashMap<>();
      tables.forEach((name, t) -> state.put(name, List.copyOf(t.rows.values())));
      Map<String, List<Row>> view = java.util.Collections.unmodifiableMap(state);
      listeners.forEach(l -> l.committed(checkpointId, view));
    }
  }

  /** Forgets prepared commits after {@code checkpointId}: they were never saved in a checkpoint. */
  synchronized void discardPreparedAfter(long checkpointId) {
    prepared.tailMap(checkpointId, false).clear();
  }

  private void apply(Op op) {
    if (op instanceof Op.Write w) {
      table(w.target()).write(w);
    } else if (op instanceof Op.Stage s) {
      table(s.target()).stage(s);
    } else if (op instanceof Op.Merge m) {
      table(m.target()).merge(m);
    } else if (op instanceof Op.DropStaging d) {
      // No-op when absent (ChangeWriter#dropStaging), as for a never-created target.
      WarehouseTable t = tables.get(d.target());
      if (t != null) {
        t.staging.remove(d.staging());
      }
    } else if (op instanceof Op.DeleteWhere d) {
      table(d.target()).deleteWhere(d.filter());
    }
  }

  /** The committed row of {@code key} in a target, or null. */
  synchronized Row row(String target, Row key) {
    WarehouseTable t = tables.get(target);
    return t == null ? null : t.rows.get(key);
  }

  private WarehouseTable table(String target) {
    WarehouseTable t = tables.get(target);
    if (t == null) {
      throw new IllegalStateException("target table " + target + " does not exist; ensureTable first");
    }
    return t;
  }

  /**
   * Puts a row into a target directly, as a hand edit of the table outside any pipeline would (for tests of
   * verification and repair); replaces the row of its key. Laid out by the target's current columns.
   */
  public synchronized void putDirectly(String target, Row row) {
    WarehouseTable t = table(target);
    t.rows.put(row.project(t.keyIndexes), row);
  }

  /** Deletes the row of {@code key} (key values in key order) from a target directly; see {@link #putDirectly}. */
  public synchronized boolean deleteDirectly(String target, Row key) {
    return table(target).rows.remove(key) != null;
  }

  /** Column names of a target, for tests. */
  public synchronized List<String> columnNames(String target) {
    return schema(target).map(s -> s.columns().stream().map(Column::name).toList()).orElse(List.of());
  }
}
