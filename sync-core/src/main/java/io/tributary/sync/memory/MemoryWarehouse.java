package io.tributary.sync.memory;

import io.tributary.sync.SchemaIncompatibleException;
import io.tributary.sync.event.Column;
import io.tributary.sync.event.ColumnMask;
import io.tributary.sync.event.Row;
import io.tributary.sync.event.RowFilter;
import io.tributary.sync.event.SchemaDiff;
import io.tributary.sync.event.TableSchema;
import io.tributary.sync.spi.TargetTable;
import java.util.ArrayList;
import java.util.HashMap;
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

  /**
   * One staged image (or tombstone) of a key with its sequence number; {@code unchanged} columns carry no value
   * and resolve against the newest earlier version of the key at the merge.
   */
  record Staged(Row row, long seq, boolean delete, ColumnMask unchanged) {
  }

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

  private static final class Table {
    TargetTable schema;
    int[] keyIndexes;
    final Map<Row, Row> rows = new LinkedHashMap<>();
    /**
     * Per staging area and key, the versions from the newest full image on, in sequence order and, within a
     * sequence number (one source transaction), in arrival order.
     */
    final Map<String, Map<Row, List<Staged>>> staging = new HashMap<>();

    Table(TargetTable schema) {
      this.schema = schema;
      this.keyIndexes = schema.primaryKeyIndexes();
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
  private final Map<String, Table> tables = new LinkedHashMap<>();
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
    Table t = tables.get(target);
    return t == null ? List.of() : new ArrayList<>(t.rows.values());
  }

  public synchronized Optional<TargetTable> schema(String target) {
    Table t = tables.get(target);
    return t == null ? Optional.empty() : Optional.of(t.schema);
  }

  /** Number of committed staging areas of a target (they disappear after a merge). */
  public synchronized int stagingAreas(String target) {
    Table t = tables.get(target);
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
    Table t = tables.get(wanted.name());
    if (t == null) {
      tables.put(wanted.name(), new Table(wanted));
      return;
    }
    Map<String, String> renames = new HashMap<>();
    renamedFrom.forEach((now, old) -> {
      if (t.schema.indexOf(old) >= 0 && !(t.schema.indexOf(now) >= 0 && !renamedFrom.containsValue(now))) {
        renames.put(now, old); // else already renamed (a replay): the column keeps its name
      }
    });
    SchemaDiff diff = SchemaDiff.between(t.schema.asSchema(), wanted.asSchema(), renames);
    Optional<String> why = diff.incompatibility();
    if (why.isPresent()) {
      throw new SchemaIncompatibleException("target table " + wanted.name() + ": " + why.get());
    }
    if (diff.isEmpty()) {
      return;
    }
    int[] from = new int[wanted.columns().size()];
    for (int i = 0; i < from.length; i++) {
      String name = wanted.columns().get(i).name();
      String old = diff.renamedFrom().get(name);
      from[i] = old != null ? t.schema.indexOf(old) : diff.renamedFrom().containsValue(name) ? -1
          : t.schema.indexOf(name);
    }
    // A widened column holds its values in the wider type, as a lakehouse table read after the change does.
    io.tributary.sync.event.DataType[] widen = new io.tributary.sync.event.DataType[from.length];
    for (int i = 0; i < from.length; i++) {
      io.tributary.sync.event.DataType to = wanted.columns().get(i).type();
      widen[i] = from[i] >= 0 && t.schema.columns().get(from[i]).type().kind() != to.kind() ? to : null;
    }
    Map<Row, Row> relaid = new LinkedHashMap<>();
    t.rows.forEach((k, r) -> relaid.put(k, relayout(r, from, widen)));
    t.rows.clear();
    t.rows.putAll(relaid);
    for (Map<Row, List<Staged>> area : t.staging.values()) {
      area.values().forEach(versions -> versions.replaceAll(s -> new Staged(relayout(s.row(), from, widen), s.seq(),
          s.delete(), s.unchanged() == null ? null : s.unchanged().relayout(from))));
    }
    t.schema = wanted;
    t.keyIndexes = wanted.primaryKeyIndexes();
  }

  private static Row relayout(Row r, int[] from, io.tributary.sync.event.DataType[] widen) {
    Object[] v = new Object[from.length];
    for (int i = 0; i < from.length; i++) {
      v[i] = from[i] < 0 ? null : NumericRetype.to(r.get(from[i]), widen[i]);
    }
    return Row.of(v);
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
      Table t = table(w.target());
      for (int i = 0; i < w.rows().length; i++) {
        Row key = w.rows()[i].project(t.keyIndexes);
        if (w.deletes()[i]) {
          t.rows.remove(key);
        } else {
          t.rows.put(key, w.rows()[i]);
        }
      }
    } else if (op instanceof Op.Stage s) {
      Table t = table(s.target());
      Map<Row, List<Staged>> area = t.staging.computeIfAbsent(s.staging(), k -> new HashMap<>());
      for (int i = 0; i < s.rows().length; i++) {
        Row key = s.rows()[i].project(t.keyIndexes);
        ColumnMask unchanged = s.unchanged() == null ? null : s.unchanged()[i];
        List<Staged> versions = area.computeIfAbsent(key, k -> new ArrayList<>(1));
        int at = versions.size();
        while (at > 0 && versions.get(at - 1).seq() > s.seqs()[i]) {
          at--; // after every version of a lower or equal sequence number: later writes win ties
        }
        versions.add(at, new Staged(s.rows()[i], s.seqs()[i], s.deletes()[i], unchanged));
        for (int v = versions.size() - 1; v > 0; v--) {
          if (versions.get(v).unchanged() == null) {
            versions.subList(0, v).clear(); // versions before the newest full image no longer matter
            break;
          }
        }
      }
    } else if (op instanceof Op.Merge m) {
      Table t = table(m.target());
      Map<Row, List<Staged>> area = t.staging.remove(m.staging());
      Map<Row, Row> before = new HashMap<>(); // the target rows unchanged columns may resolve against
      if (area != null) {
        area.forEach((key, versions) -> {
          if (versions.get(0).unchanged() != null && t.rows.containsKey(key)) {
            before.put(key, t.rows.get(key));
          }
        });
      }
      if (m.replaceScope() != null) {
        deleteWhere(t, m.replaceScope());
      }
      if (area != null) {
        area.forEach((key, versions) -> {
          Row row = fold(m.target(), key, before.get(key), versions);
          if (row == null) {
            t.rows.remove(key);
          } else {
            t.rows.put(key, row);
          }
        });
      }
    } else if (op instanceof Op.DropStaging d) {
      Table t = tables.get(d.target()); // no-op when absent (ChangeWriter#dropStaging), as for a never-created target
      if (t != null) {
        t.staging.remove(d.staging());
      }
    } else if (op instanceof Op.DeleteWhere d) {
      deleteWhere(table(d.target()), d.filter());
    }
  }

  /**
   * The key's final row after its staged versions in sequence order, each unchanged column taken from the newest
   * earlier version (the target's row before the merge for the oldest); null for a deleted key.
   */
  private static Row fold(String target, Row key, Row current, Iterable<Staged> versions) {
    for (Staged s : versions) {
      if (s.delete()) {
        current = null;
      } else if (s.unchanged() == null) {
        current = s.row();
      } else if (current == null) {
        throw new IllegalStateException("staged update of key " + key + " in " + target + " left columns "
            + s.unchanged() + " unchanged, and neither the staging area nor the target holds an earlier version");
      } else {
        current = s.unchanged().fill(s.row(), current);
      }
    }
    return current;
  }

  /** The committed row of {@code key} in a target, or null. */
  synchronized Row row(String target, Row key) {
    Table t = tables.get(target);
    return t == null ? null : t.rows.get(key);
  }

  private static void deleteWhere(Table t, RowFilter filter) {
    TableSchema schema = t.schema.asSchema();
    t.rows.values().removeIf(r -> filter.test(schema, r));
  }

  private Table table(String target) {
    Table t = tables.get(target);
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
    Table t = table(target);
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
