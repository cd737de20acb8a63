package io.tributary.sync.memory;

import io.tributary.sync.event.ChangeEvent;
import io.tributary.sync.event.Column;
import io.tributary.sync.event.DataType;
import io.tributary.sync.event.Row;
import io.tributary.sync.event.RowChange;
import io.tributary.sync.event.SchemaChange;
import io.tributary.sync.event.TableId;
import io.tributary.sync.event.TableSchema;
import io.tributary.sync.event.TransactionEnd;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An in-memory database with primary-key tables and a totally ordered change log, usable as a real
 * {@link io.tributary.sync.spi.ChangeSource} through {@link #source()}: for unit tests of the engine and of host
 * applications. Thread-safe: every statement is atomic and linearizable (one lock), so any number of threads may
 * write while a pipeline snapshots and streams. Log entry {@code i} (from 0) has sequence number {@code i + 1}.
 *
 * <p>Like a real server it can purge its log ({@link #purgeLogBefore}) and fail a reader
 * ({@link #failNextLogRead}), so failure handling is testable too. Added columns read as null in existing rows
 * (no column defaults), which keeps the source and a CDC target comparable without a backfill.
 */
public final class MemoryDatabase {

  private final String sourceName;
  private final Clock clock;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition appended = lock.newCondition();
  private final Map<TableId, MemoryTable> tables = new LinkedHashMap<>();
  private final List<ChangeEvent> log = new ArrayList<>();
  private final java.util.Set<TableId> dropped = new java.util.HashSet<>();
  private long purgedBefore;
  /** Nesting depth of {@link #transaction}: entries logged while above 0 belong to one transaction. */
  private int transactionDepth;
  private RuntimeException pendingLogFailure;

  public MemoryDatabase(String sourceName) {
    this(sourceName, Clock.systemUTC());
  }

  public MemoryDatabase(String sourceName, Clock clock) {
    this.sourceName = Objects.requireNonNull(sourceName, "sourceName");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** The data source name tables of this database carry. */
  public String sourceName() {
    return sourceName;
  }

  /** A new {@link io.tributary.sync.spi.ChangeSource} over this database, named {@link #sourceName()}. */
  public MemorySource source() {
    return new MemorySource(this);
  }

  /** An id for a table of this database. */
  public TableId tableId(String database, String schema, String table) {
    return TableId.of(sourceName, database, schema, table);
  }

  /** Creates a table (a table without a primary key is allowed here so the pipeline's refusal can be tested). */
  public void createTable(TableSchema schema) {
    if (!schema.id().source().equals(sourceName)) {
      throw new IllegalArgumentException(schema.id() + " does not belong to source " + sourceName);
    }
    lock.lock();
    try {
      if (tables.putIfAbsent(schema.id(), new MemoryTable(schema)) != null) {
        throw new IllegalStateException("table " + schema.id() + " already exists");
      }
      if (dropped.remove(schema.id())) { // a re-creation is a log event, as a MySQL CREATE TABLE is
        append(new SchemaChange(schema.id(), schema, "CREATE TABLE " + schema, nextSeq(),
            nextPosition(), now()));
      }
    } finally {
      lock.unlock();
    }
  }

  public void insert(TableId table, Object... values) {
    lock.lock();
    try {
      MemoryTable t = table(table);
      Row row = checkedRow(t, values);
      Row key = t.keyOf(row);
      if (t.rows.containsKey(key)) {
        throw new IllegalStateException("duplicate key " + key + " in " + table);
      }
      t.rows.put(key, row);
      append(RowChange.insert(table, row, nextSeq(), nextPosition(), now()));
    } finally {
      lock.unlock();
    }
  }

  /** Replaces the row with the same key; returns false (and logs nothing) when there is none. */
  public boolean update(TableId table, Object... values) {
    lock.lock();
    try {
      MemoryTable t = table(table);
      Row row = checkedRow(t, values);
      Row key = t.keyOf(row);
      Row before = t.rows.get(key);
      if (before == null) {
        return false;
      }
      t.rows.put(key, row);
      append(RowChange.update(table, before, row, nextSeq(), nextPosition(), now()));
      return true;
    } finally {
      lock.unlock();
    }
  }

  /** Deletes the row with this key (values of the key columns in key order); returns whether one existed. */
  public boolean delete(TableId table, Object... key) {
    lock.lock();
    try {
      MemoryTable t = table(table);
      Row before = t.rows.remove(Row.of(key.clone()));
      if (before == null) {
        return false;
      }
      append(RowChange.delete(table, before, nextSeq(), nextPosition(), now()));
      return true;
    } finally {
      lock.unlock();
    }
  }

  /** Inserts or replaces by key. */
  public void upsert(TableId table, Object... values) {
    lock.lock();
    try {
      if (!update(table, values)) {
        insert(table, values);
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * Runs {@code body}'s statements as one transaction: no reader (log or snapshot) sees part of it, and its log
   * entries are followed by a {@link TransactionEnd}, their positions marked inside the transaction, as a binlog's
   * XID or pgoutput's Commit mark a server's. Statements outside a transaction are each their own and logged
   * without a marker. Nested calls join the outer transaction. There is no rollback: if {@code body} throws, the
   * statements it made stay applied and the transaction ends there.
   */
  public void transaction(Runnable body) {
    lock.lock();
    try {
      int logged = log.size();
      transactionDepth++;
      try {
        body.run();
      } finally {
        transactionDepth--;
        if (transactionDepth == 0 && log.size() > logged) {
          append(new TransactionEnd(nextSeq(), new MemoryPosition(log.size() + 1L), now()));
        }
      }
    } finally {
      lock.unlock();
    }
  }

  /** Removes every row of the table, logging one truncate entry (as PostgreSQL's TRUNCATE does). */
  public void truncate(TableId table) {
    lock.lock();
    try {
      table(table).rows.clear();
      append(new io.tributary.sync.event.TableTruncated(table, nextSeq(), nextPosition(),
          now()));
    } finally {
      lock.unlock();
    }
  }

  /** Drops the table, logging a {@link io.tributary.sync.event.TableDropped}; the name may be created again. */
  public void dropTable(TableId table) {
    lock.lock();
    try {
      table(table);
      tables.remove(table);
      dropped.add(table);
      append(new io.tributary.sync.event.TableDropped(table, "DROP TABLE " + table, nextSeq(),
          nextPosition(), now()));
    } finally {
      lock.unlock();
    }
  }

  /** Appends a nullable column; existing rows read null for it. */
  public void addColumn(TableId table, Column column) {
    lock.lock();
    try {
      MemoryTable t = table(table);
      List<Column> columns = new ArrayList<>(t.schema.columns());
      columns.add(column);
      relayout(t, new TableSchema(table, columns, t.schema.primaryKey()), "ALTER TABLE ADD COLUMN " + column);
    } finally {
      lock.unlock();
    }
  }

  public void dropColumn(TableId table, String column) {
    lock.lock();
    try {
      MemoryTable t = table(table);
      List<Column> columns = new ArrayList<>(t.schema.columns());
      columns.removeIf(c -> c.name().equals(column));
      relayout(t, new TableSchema(table, columns, t.schema.primaryKey()), "ALTER TABLE DROP COLUMN " + column);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Replaces the whole schema (columns matched by name; a numeric column whose type changed kind takes its values in
   * the new type's Java class, other values are kept as they are). For schema-change tests, including incompatible
   * ones.
   */
  public void alterTable(TableSchema newSchema) {
    lock.lock();
    try {
      relayout(table(newSchema.id()), newSchema, "ALTER TABLE " + newSchema);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Replaces the whole schema as {@link #alterTable(TableSchema)}, except that each column named as a key of
   * {@code renamedFrom} takes the values of the old column its value names (a rename, as MySQL's
   * {@code RENAME COLUMN} or {@code CHANGE}); the schema change in the log carries the renames.
   */
  public void alterTable(TableSchema newSchema, Map<String, String> renamedFrom) {
    lock.lock();
    try {
      relayout(table(newSchema.id()), newSchema, "ALTER TABLE " + newSchema + " RENAMING " + renamedFrom,
          renamedFrom);
    } finally {
      lock.unlock();
    }
  }

  /** Renames one column, keeping its type, position and values (and its key membership). */
  public void renameColumn(TableId table, String from, String to) {
    lock.lock();
    try {
      TableSchema old = table(table).schema;
      List<Column> columns = new ArrayList<>();
      for (Column c : old.columns()) {
        columns.add(c.name().equals(from) ? Column.of(to, c.type()) : c);
      }
      List<String> key = old.primaryKey().stream().map(k -> k.equals(from) ? to : k).toList();
      relayout(table(table), new TableSchema(table, columns, key), "ALTER TABLE RENAME COLUMN " + from + " TO " + to,
          Map.of(to, from));
    } finally {
      lock.unlock();
    }
  }

  private void relayout(MemoryTable t, TableSchema newSchema, String ddl) {
    relayout(t, newSchema, ddl, Map.of());
  }

  private void relayout(MemoryTable t, TableSchema newSchema, String ddl, Map<String, String> renamedFrom) {
    TableSchema old = t.schema;
    int[] from = new int[newSchema.columnCount()];
    for (int i = 0; i < from.length; i++) {
      String name = newSchema.columns().get(i).name();
      from[i] = renamedFrom.containsKey(name) ? old.indexOf(renamedFrom.get(name))
          : renamedFrom.containsValue(name) ? -1 : old.indexOf(name); // a name renamed away is a new column
    }
    // A column whose type changed kind holds its values in the new type, as a database read after the change does.
    DataType[] retype = new DataType[from.length];
    for (int i = 0; i < from.length; i++) {
      DataType to = newSchema.columns().get(i).type();
      retype[i] = from[i] >= 0 && old.columns().get(from[i]).type().kind() != to.kind() ? to : null;
    }
    List<Row> rows = new ArrayList<>(t.rows.values());
    t.rows.clear();
    t.setSchema(newSchema);
    for (Row r : rows) {
      Object[] values = new Object[from.length];
      for (int i = 0; i < from.length; i++) {
        values[i] = from[i] < 0 ? null : NumericRetype.to(r.get(from[i]), retype[i]);
      }
      Row row = Row.of(values);
      t.rows.put(t.keyOf(row), row);
    }
    append(new SchemaChange(newSchema.id(), newSchema, ddl, nextSeq(), nextPosition(), now(), renamedFrom));
  }

  /** The table's rows in key order, as of now. */
  public List<Row> rows(TableId table) {
    lock.lock();
    try {
      return new ArrayList<>(table(table).rows.values());
    } finally {
      lock.unlock();
    }
  }

  public TableSchema schema(TableId table) {
    lock.lock();
    try {
      return table(table).schema;
    } finally {
      lock.unlock();
    }
  }

  public List<TableSchema> schemas() {
    lock.lock();
    try {
      return tables.values().stream().map(t -> t.schema).toList();
    } finally {
      lock.unlock();
    }
  }

  /** Sequence number of the last log entry (0 when the log is empty). */
  public long lastSeq() {
    lock.lock();
    try {
      return log.size();
    } finally {
      lock.unlock();
    }
  }

  /** Forgets log entries with a sequence number below {@code seq}, as a server purging old binlogs would. */
  public void purgeLogBefore(long seq) {
    lock.lock();
    try {
      for (long i = purgedBefore; i < Math.min(seq - 1, log.size()); i++) {
        log.set((int) i, null);
      }
      purgedBefore = Math.max(purgedBefore, Math.min(seq - 1, log.size()));
    } finally {
      lock.unlock();
    }
  }

  /** The next log read of any stream throws {@code failure} once (e.g. a retriable connection reset). */
  public void failNextLogRead(RuntimeException failure) {
    lock.lock();
    try {
      pendingLogFailure = failure;
      appended.signalAll();
    } finally {
      lock.unlock();
    }
  }

  // ---- access for MemorySource (same package) ----

  ReentrantLock lock() {
    return lock;
  }

  Clock clock() {
    return clock;
  }

  MemoryTable table(TableId id) {
    MemoryTable t = tables.get(id);
    if (t == null) {
      throw new IllegalArgumentException("no table " + id + " in memory database " + sourceName);
    }
    return t;
  }

  /** Copies up to {@code max} entries from {@code from}, waiting up to {@code timeoutNanos} for the first one. */
  List<ChangeEvent> read(long from, int max, long timeoutNanos) throws InterruptedException {
    lock.lock();
    try {
      long remaining = timeoutNanos;
      while (from >= log.size() && pendingLogFailure == null && remaining > 0) {
        remaining = appended.awaitNanos(remaining);
      }
      if (pendingLogFailure != null) {
        RuntimeException failure = pendingLogFailure;
        pendingLogFailure = null;
        throw failure;
      }
      if (from < purgedBefore) {
        throw new io.tributary.sync.PositionUnavailableException("memory log position " + from
            + " was purged; the oldest available is " + purgedBefore + ": restart from a newer position and"
            + " re-sync the affected tables", null);
      }
      int end = (int) Math.min(log.size(), from + max);
      return new ArrayList<>(log.subList((int) from, end));
    } finally {
      lock.unlock();
    }
  }

  long logSize() {
    return log.size();
  }

  long firstAvailableIndex() {
    return purgedBefore;
  }

  /** Index of the first entry committed at or after {@code epochMillis}. */
  long indexAt(long epochMillis) {
    lock.lock();
    try {
      for (int i = (int) purgedBefore; i < log.size(); i++) {
        if (log.get(i).commitTimeMillis() >= epochMillis) {
          return i;
        }
      }
      return log.size();
    } finally {
      lock.unlock();
    }
  }

  /** The position after the entry about to be logged. */
  private MemoryPosition nextPosition() {
    return new MemoryPosition(log.size() + 1L, transactionDepth > 0);
  }

  private long nextSeq() {
    return log.size() + 1L;
  }

  private long now() {
    return clock.millis();
  }

  private void append(ChangeEvent event) {
    log.add(event);
    appended.signalAll();
  }

  private static Row checkedRow(MemoryTable t, Object[] values) {
    if (values.length != t.schema.columnCount()) {
      throw new IllegalArgumentException(t.schema.id() + " has " + t.schema.columnCount() + " columns, got "
          + values.length + " values");
    }
    for (int i : t.keyIndexes) {
      if (values[i] == null) {
        throw new IllegalArgumentException("primary-key column " + t.schema.columns().get(i).name() + " of "
            + t.schema.id() + " must not be null");
      }
    }
    return Row.of(values.clone());
  }
}
