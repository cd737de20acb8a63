package io.tributary.sync.memory;

import io.tributary.sync.event.ChangeEvent;
import io.tributary.sync.event.Column;
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
  /** Guards the tables and the log (which shares it): every statement is one atomic step. */
  private final ReentrantLock lock = new ReentrantLock();
  private final Map<TableId, MemoryTable> tables = new LinkedHashMap<>();
  private final java.util.Set<TableId> dropped = new java.util.HashSet<>();
  private final MemoryLog log;

  public MemoryDatabase(String sourceName) {
    this(sourceName, Clock.systemUTC());
  }

  public MemoryDatabase(String sourceName, Clock clock) {
    this.sourceName = Objects.requireNonNull(sourceName, "sourceName");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.log = new MemoryLog(lock, clock);
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
    locked(() -> {
      if (tables.putIfAbsent(schema.id(), new MemoryTable(schema)) != null) {
        throw new IllegalStateException("table " + schema.id() + " already exists");
      }
      if (dropped.remove(schema.id())) { // a re-creation is a log event, as a MySQL CREATE TABLE is
        append(new SchemaChange(schema.id(), schema, "CREATE TABLE " + schema, nextSeq(),
            nextPosition(), now()));
      }
    });
  }

  public void insert(TableId table, Object... values) {
    locked(() -> {
      MemoryTable t = table(table);
      Row row = t.checkedRow(values);
      Row key = t.keyOf(row);
      if (t.rows.containsKey(key)) {
        throw new IllegalStateException("duplicate key " + key + " in " + table);
      }
      t.rows.put(key, row);
      append(RowChange.insert(table, row, nextSeq(), nextPosition(), now()));
    });
  }

  /** Replaces the row with the same key; returns false (and logs nothing) when there is none. */
  public boolean update(TableId table, Object... values) {
    return lockedGet(() -> {
      MemoryTable t = table(table);
      Row row = t.checkedRow(values);
      Row key = t.keyOf(row);
      Row before = t.rows.get(key);
      if (before == null) {
        return false;
      }
      t.rows.put(key, row);
      append(RowChange.update(table, before, row, nextSeq(), nextPosition(), now()));
      return true;
    });
  }

  /** Deletes the row with this key (values of the key columns in key order); returns whether one existed. */
  public boolean delete(TableId table, Object... key) {
    return lockedGet(() -> {
      MemoryTable t = table(table);
      Row before = t.rows.remove(Row.of(key.clone()));
      if (before == null) {
        return false;
      }
      append(RowChange.delete(table, before, nextSeq(), nextPosition(), now()));
      return true;
    });
  }

  /** Inserts or replaces by key. */
  public void upsert(TableId table, Object... values) {
    locked(() -> {
      if (!update(table, values)) {
        insert(table, values);
      }
    });
  }

  /**
   * Runs {@code body}'s statements as one transaction: no reader (log or snapshot) sees part of it, and its log
   * entries are followed by a {@link TransactionEnd}, their positions marked inside the transaction, as a binlog's
   * XID or pgoutput's Commit mark a server's. Statements outside a transaction are each their own and logged
   * without a marker. Nested calls join the outer transaction. There is no rollback: if {@code body} throws, the
   * statements it made stay applied and the transaction ends there.
   */
  public void transaction(Runnable body) {
    log.transaction(body);
  }

  /** Removes every row of the table, logging one truncate entry (as PostgreSQL's TRUNCATE does). */
  public void truncate(TableId table) {
    locked(() -> {
      table(table).rows.clear();
      append(new io.tributary.sync.event.TableTruncated(table, nextSeq(), nextPosition(), now()));
    });
  }

  /** Drops the table, logging a {@link io.tributary.sync.event.TableDropped}; the name may be created again. */
  public void dropTable(TableId table) {
    locked(() -> {
      table(table);
      tables.remove(table);
      dropped.add(table);
      append(new io.tributary.sync.event.TableDropped(table, "DROP TABLE " + table, nextSeq(),
          nextPosition(), now()));
    });
  }

  /** Appends a nullable column; existing rows read null for it. */
  public void addColumn(TableId table, Column column) {
    locked(() -> {
      MemoryTable t = table(table);
      List<Column> columns = new ArrayList<>(t.schema.columns());
      columns.add(column);
      relayout(t, new TableSchema(table, columns, t.schema.primaryKey()), "ALTER TABLE ADD COLUMN " + column, Map.of());
    });
  }

  public void dropColumn(TableId table, String column) {
    locked(() -> {
      MemoryTable t = table(table);
      List<Column> columns = new ArrayList<>(t.schema.columns());
      columns.removeIf(c -> c.name().equals(column));
      relayout(t, new TableSchema(table, columns, t.schema.primaryKey()), "ALTER TABLE DROP COLUMN " + column,
          Map.of());
    });
  }

  /**
   * Replaces the whole schema (columns matched by name; a numeric column whose type changed kind takes its values in
   * the new type's Java class, other values are kept as they are). For schema-change tests, including incompatible
   * ones.
   */
  public void alterTable(TableSchema newSchema) {
    locked(() -> relayout(table(newSchema.id()), newSchema, "ALTER TABLE " + newSchema, Map.of()));
  }

  /**
   * Replaces the whole schema as {@link #alterTable(TableSchema)}, except that each column named as a key of
   * {@code renamedFrom} takes the values of the old column its value names (a rename, as MySQL's
   * {@code RENAME COLUMN} or {@code CHANGE}); the schema change in the log carries the renames.
   */
  public void alterTable(TableSchema newSchema, Map<String, String> renamedFrom) {
    locked(() -> relayout(table(newSchema.id()), newSchema, "ALTER TABLE " + newSchema + " RENAMING " + renamedFrom,
        renamedFrom));
  }

  /** Renames one column, keeping its type, position and values (and its key membership). */
  public void renameColumn(TableId table, String from, String to) {
    locked(() -> {
      TableSchema old = table(table).schema;
      List<Column> columns = new ArrayList<>();
      for (Column c : old.columns()) {
        columns.add(c.name().equals(from) ? Column.of(to, c.type()) : c);
      }
      List<String> key = old.primaryKey().stream().map(k -> k.equals(from) ? to : k).toList();
      relayout(table(table), new TableSchema(table, columns, key), "ALTER TABLE RENAME COLUMN " + from + " TO " + to,
          Map.of(to, from));
    });
  }

  private void relayout(MemoryTable t, TableSchema newSchema, String ddl, Map<String, String> renamedFrom) {
    t.relayout(newSchema, renamedFrom);
    append(new SchemaChange(newSchema.id(), newSchema, ddl, nextSeq(), nextPosition(), now(), renamedFrom));
  }

  /** The table's rows in key order, as of now. */
  public List<Row> rows(TableId table) {
    return lockedGet(() -> new ArrayList<>(table(table).rows.values()));
  }

  public TableSchema schema(TableId table) {
    return lockedGet(() -> table(table).schema);
  }

  public List<TableSchema> schemas() {
    return lockedGet(() -> tables.values().stream().map(t -> t.schema).toList());
  }

  /** Sequence number of the last log entry (0 when the log is empty). */
  public long lastSeq() {
    return log.lastSeq();
  }

  /** Forgets log entries with a sequence number below {@code seq}, as a server purging old binlogs would. */
  public void purgeLogBefore(long seq) {
    log.purgeBefore(seq);
  }

  /** The next log read of any stream throws {@code failure} once (e.g. a retriable connection reset). */
  public void failNextLogRead(RuntimeException failure) {
    log.failNextRead(failure);
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

  MemoryLog log() {
    return log;
  }

  private long nextSeq() {
    return log.nextSeq();
  }

  private MemoryPosition nextPosition() {
    return log.nextPosition();
  }

  private long now() {
    return clock.millis();
  }

  private void append(ChangeEvent event) {
    log.append(event);
  }

  private void locked(Runnable statement) {
    lock.lock();
    try {
      statement.run();
    } finally {
      lock.unlock();
    }
  }

  private <T> T lockedGet(java.util.function.Supplier<T> statement) {
    lock.lock();
    try {
      return statement.get();
    } finally {
      lock.unlock();
    }
  }
}
