package io.tributary.mysql.internal;

import io.tributary.mysql.MySqlPosition;
import io.tributary.sync.event.SchemaChange;
import io.tributary.sync.event.TableDropped;
import io.tributary.sync.event.TableId;
import io.tributary.sync.event.TableNeedsResync;
import io.tributary.sync.event.TableTruncated;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.ToIntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tracks the captured tables' layouts through DDL statements and rows events, on the binlog client's thread. A
 * statement or rows event it cannot carry stops that table alone ({@link TableNeedsResync}) instead of failing the
 * read: the table then decodes with the server's current layout when that fits its rows, and its rows are skipped
 * while no layout fits (the engine ignores a stopped table's rows until a re-sync, which reads the table anew).
 */
final class DdlTracker {

  /** Where an event sits in the log: its seq, where to resume after it, its commit time, whether to emit it. */
  record Stamp(long seq, MySqlPosition position, long time, boolean emit) {
  }

  private static final Logger LOG = LoggerFactory.getLogger(DdlTracker.class);

  private final String source;
  private final Map<TableId, MySqlTable> tables;
  private final Set<TableId> captured;
  private final Function<TableId, Optional<MySqlTable>> lookup;
  private final LongUniqueHashes hashes;
  private final boolean mariaDb;
  /** Per table without a fitting layout, the table-map id its server layout was last looked up for. */
  private final Map<TableId, Long> lookedUp = new HashMap<>();
  private final GhostTables ghosts = new GhostTables();

  DdlTracker(String source, Map<TableId, MySqlTable> tables, Function<TableId, Optional<MySqlTable>> lookup,
      ToIntFunction<TableId> longUniqueKeys, boolean mariaDb) {
    this.source = source;
    this.tables = tables;
    this.captured = new HashSet<>(tables.keySet());
    this.lookup = lookup;
    this.hashes = new LongUniqueHashes(source, mariaDb, this::current, longUniqueKeys);
    this.mariaDb = mariaDb;
  }

  /** Applies a DDL statement (an implicit commit, its own event group) and adds the events it yields. */
  void onStatement(String sql, String db, Stamp s, List<Pending> out) {
    var truncated = DdlParser.truncatedTable(sql, source, db);
    if (truncated.isPresent() && tables.containsKey(truncated.get()) && s.emit()) {
      out.add(new Pending.Ready(new TableTruncated(truncated.get(), s.seq(), s.position(), s.time())));
    }
    for (TableId dropped : DdlParser.droppedTables(sql, source, db)) {
      ghosts.dropped(dropped);
      drop(dropped, sql, s, out);
    }
    var altered = DdlParser.alteredTable(sql, source, db);
    List<DdlParser.Rename> renames = DdlParser.renamedTables(sql, source, db);
    Optional<GhostTables.Swap> swap = ghosts.swap(renames);
    for (DdlParser.Rename r : renames) {
      if (swap.isPresent() && (r.from().equals(swap.get().original()) || r.from().equals(swap.get().ghost()))) {
        continue; // an online schema change tool's swap: the table carries on with the ghost's layout, below
      }
      MySqlTable moved = tables.get(r.from());
      if (moved != null && altered.isPresent()) {
        moved = alterOrNull(moved, sql); // ALTER TABLE ... RENAME with other clauses: it moves altered
      }
      drop(r.from(), sql, s, out);
      if (captured.contains(r.to())) {
        replace(r.to(), moved != null ? moved.withId(r.to()) : null, sql, s, out);
      }
    }
    if (swap.isPresent()) {
      GhostTables.Swap w = swap.get();
      LOG.info("source '{}': {} swapped in for {} by an online schema change (`{}`): following it", source,
          w.ghost(), w.original(), sql);
      replace(w.original(), w.layout(), sql, s, out);
    }
    var created = DdlParser.createdTable(sql, source, db);
    if (created.isPresent() && captured.contains(created.get())) {
      create(created.get(), sql, db, s, out);
    } else if (created.isPresent() && GhostTables.originalOf(created.get()).isPresent()) {
      ghosts.created(created.get(), ghostLayout(created.get(), sql, db), tables::get);
    }
    if (altered.isPresent() && renames.isEmpty() && ghosts.tracks(altered.get())) {
      ghosts.altered(altered.get(), ghost -> alterOrNull(ghost, sql));
    }
    if (altered.isPresent() && renames.isEmpty() && tables.containsKey(altered.get())) {
      alter(altered.get(), sql, s, out);
    } else if (altered.isPresent() && renames.isEmpty() && captured.contains(altered.get())) {
      relearn(altered.get(), sql, s, out);
    }
    Optional<TableId> keyDropped = DdlParser.primaryKeyDropped(sql, source, db);
    if (keyDropped.isPresent() && tables.containsKey(keyDropped.get())) {
      MySqlTable t = tables.get(keyDropped.get());
      replace(t.id(), MySqlTable.of(t.id(), t.columns(), List.of(), t.charset()), sql, s, out);
    }
    Optional<TableId> exchanged = DdlParser.exchangedTable(sql, source, db);
    if (exchanged.isPresent() && tables.containsKey(exchanged.get())) {
      stop(exchanged.get(), tables.get(exchanged.get()), "EXCHANGE PARTITION swapped rows into it without row "
          + "events", sql, s, out);
    }
  }

  private void create(TableId id, String sql, String db, Stamp s, List<Pending> out) {
    boolean exists = tables.containsKey(id);
    if (exists && DdlParser.createIfNotExists(sql)) {
      return; // the server kept the existing table (and logged the statement anyway)
    }
    Optional<TableId> like = DdlParser.likeTable(sql, source, db);
    MySqlTable layout;
    try {
      layout = createdLayout(id, like, sql);
    } catch (DdlParser.UnsupportedDdl e) {
      stop(id, current(id), "CREATE TABLE cannot be carried by the log: " + e.getMessage(), sql, s, out);
      return;
    } catch (RuntimeException e) {
      stop(id, current(id), "CREATE TABLE not understood: " + e.getMessage(), sql, s, out);
      return;
    }
    if (exists && DdlParser.createOrReplace(sql) && s.emit()) {
      // CREATE OR REPLACE empties the table: the target's rows go first, then the new layout applies.
      out.add(new Pending.Ready(new TableTruncated(id, s.seq(), s.position(), s.time())));
    }
    replace(id, layout, sql, s, out);
  }

  /** A possible ghost table's layout as its CREATE gives it (LIKE a tracked table, or columns), or null. */
  private MySqlTable ghostLayout(TableId id, String sql, String db) {
    try {
      return createdLayout(id, DdlParser.likeTable(sql, source, db), sql);
    } catch (RuntimeException e) {
      return null; // not followed: a swap of it then stops the table as before
    }
  }

  /**
   * The layout a {@code CREATE TABLE} gives {@code id}: the tracked table it copies ({@code LIKE}), or its own
   * column definitions; null when neither is known. Throws when the statement cannot be understood.
   */
  private MySqlTable createdLayout(TableId id, Optional<TableId> like, String sql) {
    return like.isPresent()
        ? Optional.ofNullable(tables.get(like.get())).map(t -> t.withId(id)).orElse(null)
        : DdlParser.create(id, sql, mariaDb, databaseCharset(id)).orElse(null);
  }

  private void alter(TableId id, String sql, Stamp s, List<Pending> out) {
    DdlParser.Altered a;
    try {
      a = DdlParser.alter(tables.get(id), sql, mariaDb);
    } catch (RuntimeException e) {
      LOG.warn("source '{}': `{}` on {} not understood: {}", source, sql, id, e.toString());
      stop(id, current(id), "the source could not apply this DDL to its tracked layout ("
          + e.getMessage() + ")", sql, s, out);
      return;
    }
    tables.put(id, a.table());
    if (a.rowsChangedBy() != null) {
      stop(id, a.table(), a.rowsChangedBy(), sql, s, out);
    } else if (s.emit()) {
      out.add(new Pending.Ready(new SchemaChange(id, a.table().schema(), sql, s.seq(), s.position(), s.time(),
          a.renamedFrom())));
    }
  }

  /**
   * The default character set of a table created without one: the database's, which the server's current
   * definition of the table shows (a CREATE in the log is usually followed by the table on the server).
   */
  private String databaseCharset(TableId id) {
    MySqlTable now = current(id);
    return now == null ? null : now.charset();
  }

  /** DDL on a stopped table whose layout is unknown: the server's layout, if it is readable now, applies again. */
  private void relearn(TableId id, String sql, Stamp s, List<Pending> out) {
    MySqlTable now = current(id);
    if (now != null) {
      tables.put(id, now);
      lookedUp.remove(id);
      if (s.emit()) {
        out.add(new Pending.Ready(new SchemaChange(id, now.schema(), sql, s.seq(), s.position(), s.time())));
      }
    }
  }

  private MySqlTable alterOrNull(MySqlTable table, String sql) {
    try {
      return DdlParser.alter(table, sql, mariaDb).table();
    } catch (RuntimeException e) {
      return null; // the renamed table's layout then comes from the server
    }
  }

  /** A captured table is gone under its name: forget its layout and say so. */
  private void drop(TableId id, String sql, Stamp s, List<Pending> out) {
    boolean stopped = lookedUp.remove(id) != null; // a stopped table without a layout is still there until now
    if (captured.contains(id) && (tables.remove(id) != null || stopped) && s.emit()) {
      out.add(new Pending.Ready(new TableDropped(id, sql, s.seq(), s.position(), s.time())));
    }
  }

  /**
   * A captured name now holds a new table: rows from here decode with {@code layout}, or with the server's current
   * definition when the statement does not give one (the best knowledge there is; {@link #forRows} still refuses
   * rows whose column types do not fit it).
   */
  private void replace(TableId id, MySqlTable layout, String sql, Stamp s, List<Pending> out) {
    MySqlTable table = layout != null ? layout : current(id);
    lookedUp.remove(id);
    if (table == null) {
      // MySQL 8 writes a DDL's binlog event before its data dictionary commit, so the server may not show the new
      // table yet: its first table-map looks the server up again and adopts a fitting layout quietly.
      tables.remove(id);
      lookedUp.put(id, -1L);
      LOG.info("source '{}': no definition of {} yet after `{}`; its first rows event looks it up again", source,
          id, sql);
      return;
    }
    tables.put(id, table);
    if (s.emit()) {
      out.add(new Pending.Ready(new SchemaChange(id, table.schema(), sql, s.seq(), s.position(), s.time())));
    }
  }

  /** The server's current layout of a table, null when unknown or not decodable (say, a column of a new type). */
  private MySqlTable current(TableId id) {
    try {
      return lookup.apply(id).orElse(null);
    } catch (RuntimeException e) {
      LOG.warn("source '{}': cannot read the current definition of {}: {}", source, id, e.toString());
      return null;
    }
  }

  /** Stops a captured table whose change the log cannot carry; rows decode with its tracked layout meanwhile. */
  void refuse(TableId id, String reason, Stamp s, List<Pending> out) {
    if (captured.contains(id)) {
      LOG.warn("source '{}': {}", source, reason);
      stop(id, tables.get(id), reason, null, s, out);
    }
  }

  /** Stops a table with a reason; {@code layout} (may be null: unknown) is what its rows decode with from here. */
  private void stop(TableId id, MySqlTable layout, String reason, String sql, Stamp s, List<Pending> out) {
    if (layout != null) {
      tables.put(id, layout);
    } else {
      tables.remove(id);
      lookedUp.putIfAbsent(id, -1L); // announced: its next table-map looks the server up again, quietly
    }
    if (s.emit()) {
      out.add(new Pending.Ready(new TableNeedsResync(id, layout == null ? null : layout.schema(), reason, sql,
          s.seq(), s.position(), s.time())));
    }
  }

  /**
   * The layout to decode a rows event of a captured table with, or null to skip it (not captured, or no layout
   * fits). {@code s} stamps the events this adds, which precede the event's rows. When the tracked layout does not fit the event's column types, the table stops and the server's current
   * layout is adopted if it fits; a table without a fitting layout looks the server up again on its next
   * table-map (a new table id follows every DDL on the server).
   */
  MySqlTable forRows(TableId id, long tableMapId, byte[] types, Stamp s, List<Pending> out) {
    MySqlTable table = tables.get(id);
    if (table != null && (ColumnTypes.fits(types, table) || hashes.onlyHashesExtra(id, tableMapId, types, table))) {
      return table;
    }
    if (!captured.contains(id)) {
      return null;
    }
    Long last = lookedUp.get(id);
    if (last != null && last == tableMapId) {
      return null;
    }
    lookedUp.put(id, tableMapId);
    MySqlTable current = Optional.ofNullable(current(id))
        .filter(t -> ColumnTypes.fits(types, t) || hashes.onlyHashesExtra(id, tableMapId, types, t)).orElse(null);
    if (table != null || last == null) {
      String reason = "rows of " + id + " have " + types.length + " columns " + ColumnTypes.describe(types)
          + " in the binlog but the tracked layout " + (table == null ? "is unknown"
          : "has " + table.columns().size() + " " + table.schema().columnNames() + " with other types")
          + " (a DDL statement was missed or misread, or the schema given for the start position is stale)";
      LOG.warn("source '{}': {}", source, reason);
      stop(id, current, reason, null, s, out);
    } else if (current != null) {
      tables.put(id, current); // the stopped table's layout is known again: a re-sync reads and decodes with it
      if (s.emit()) {
        out.add(new Pending.Ready(new SchemaChange(id, current.schema(), null, s.seq(), s.position(), s.time())));
      }
    }
    if (current != null) {
      lookedUp.remove(id);
    }
    return current; // the table is stopped as of here: its rows reach the engine, which ignores them until a re-sync
  }
}
