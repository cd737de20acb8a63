package io.tributary.sync.internal;

import io.tributary.sync.ErrorCode;
import io.tributary.sync.LimitExceededException;
import io.tributary.sync.SyncMode;
import io.tributary.sync.TablePhase;
import io.tributary.sync.event.ChangeEvent;
import io.tributary.sync.event.ColumnMask;
import io.tributary.sync.event.Row;
import io.tributary.sync.event.RowChange;
import io.tributary.sync.event.RowFilter;
import io.tributary.sync.event.TableDropped;
import io.tributary.sync.event.TableId;
import io.tributary.sync.event.TableNeedsResync;
import io.tributary.sync.event.TableTruncated;
import java.util.Map;

/**
 * The run's data path: routes each row change and snapshot row of a table to its target (key changes, limits,
 * staging vs direct by the table's phase, {@code _seq} stamping) and applies the log's table-level events (truncate,
 * drop, needs-resync). Why its own class: it is one of the engine's jobs (issue 12 splits the engine by job: table
 * lifecycle, data path, merge trigger, commit policy), and keeping it apart from the run loop and checkpoints lets the
 * {@link Decider} take it over as is: rows leave as batches in write effects. Called in log order.
 */
final class DataPath {

  private final PipelineConfig config;
  private final TableSet ts;
  private final Map<TableId, TableRuntime> tables;
  private final Batcher batcher;
  private long recordsWritten;
  /**
   * Whether the writer resolves a moved row's unchanged columns under its old key itself. Not when writes of one
   * target are spread over several writers (the Flink runner's writer subtasks keyed by bucket): the old key may
   * live in another writer's uncommitted rows, and that writer would also have to delete it.
   */
  private boolean writerResolvesMoves = true;

  DataPath(PipelineConfig config, TableSet ts, Batcher batcher) {
    this.config = config;
    this.ts = ts;
    this.tables = ts.tables;
    this.batcher = batcher;
  }

  /** See {@link #writerResolvesMoves}: off, such a move stops its table as it does while the table's sync runs. */
  void writerResolvesMoves(boolean value) {
    writerResolvesMoves = value;
  }

  /** Rows handed to the batcher (target writes and staging), for status. */
  long recordsWritten() {
    return recordsWritten;
  }

  /** Applies a row change, truncate, drop or needs-resync of the log; other events are not the data path's. */
  void onChange(ChangeEvent e) {
    if (e instanceof RowChange r) {
      onRow(r);
    } else if (e instanceof TableTruncated t) {
      onTruncate(t);
    } else if (e instanceof TableDropped d) {
      onDropped(d);
    } else if (e instanceof TableNeedsResync n) {
      onNeedsResync(n);
    }
  }

  private void onRow(RowChange r) {
    TableRuntime t = tables.get(r.table());
    if (t == null || t.beforeDiscovery(r.seq())) {
      return; // a table new to the run: its sync supersedes a change committed before its discovery
    }
    switch (r.op()) {
      case INSERT -> t.inserts++;
      case UPDATE -> t.updates++;
      case DELETE -> t.deletes++;
    }
    t.lastPosition = r.position();
    t.readCommitTime = r.commitTimeMillis();
    if (t.phase != TablePhase.STREAMING && !t.phase.staging()) {
      return; // paused, blacklisted
    }
    Row image = r.after() != null ? r.after() : r.before();
    if (image != null && image.size() != t.schema.columnCount() && outOfLayout(t, r, image)) {
      return;
    }
    TableRoute route = t.route;
    try {
      if (r.op() == RowChange.Op.DELETE) {
        add(t, route.toTarget(r.before()), r.seq(), true);
      } else {
        if (r.op() == RowChange.Op.UPDATE && r.before() != null && route.keyChanged(r.before(), r.after())) {
          if (r.unchanged() != null && !t.phase.staging() && writerResolvesMoves) {
            // the unchanged values live under the old key: the writer reads them there before the delete
            Row moved = route.toTarget(r.after());
            Limits.check(t, moved, route, config);
            batcher.addMoved(t, moved, r.seq(), route.toTarget(r.unchanged()), route.toTarget(r.before()));
            t.rowsWritten += 2;
            recordsWritten += 2;
            t.changeWritten(r.commitTimeMillis());
            return;
          }
          if (r.unchanged() != null) {
            // a staging area resolves unchanged columns by key at the merge, so not across a key change; nor can
            // one writer of several (writerResolvesMoves off) reach an old key another writer holds
            ts.blacklist(t, "an update at " + r.position() + " changed the primary key of a row and left columns "
                + r.unchanged() + " unchanged without sending their values "
                + (t.phase.staging() ? "while the table's sync runs" : "and the target's writes are spread over"
                    + " several writers (Flink writer subtasks keyed by bucket)")
                + "; re-sync the table (PostgreSQL: REPLICA IDENTITY FULL carries them when keys of rows with large"
                + " values change)");
            return;
          }
          add(t, route.toTarget(r.before()), r.seq(), true);
        }
        Row row = route.toTarget(r.after());
        Limits.check(t, row, route, config);
        add(t, row, r.seq(), false, route.toTarget(r.unchanged()));
      }
      t.changeWritten(r.commitTimeMillis());
    } catch (LimitExceededException ex) {
      ts.blacklist(t, ex.code(), ex.getMessage());
    }
  }

  /**
   * A change laid out by another schema than the table's: logged before a DDL the table's schema already has. That
   * happens to a table new to the run (added to the selection, discovered with today's schema) whose log is read
   * from an older checkpoint's position. While its sync runs the change is skipped: it precedes the DDL, which
   * precedes the snapshot's reads (by the table's schema), whose rows supersede it. Otherwise the table stops: its
   * rows cannot be routed by name.
   */
  private boolean outOfLayout(TableRuntime t, RowChange r, Row image) {
    if (!t.phase.staging()) {
      ts.blacklist(t, "a change at " + r.position() + " has " + image.size() + " values but the table's schema "
          + t.schema + " has " + t.schema.columnCount() + " columns; re-sync the table");
    }
    return true;
  }

  /** Stops a table whose source is gone; its target keeps the rows as of the drop (see {@link TableDropped}). */
  private void onDropped(TableDropped e) {
    TableRuntime t = tables.get(e.table());
    if (t == null || t.beforeDiscovery(e.seq())) { // before a new table's discovery: it exists as discovered
      return;
    }
    ts.blacklist(t, ErrorCode.TABLE_DROPPED,
        "source table " + t.id + " was dropped or renamed away" + (e.ddl() == null ? "" : " by `"
        + e.ddl() + "`") + " at " + e.position() + "; its target keeps the rows as of then. Re-sync the table once it"
        + " exists again, or remove it from the pipeline");
  }

  /** Stops a table the log cannot carry on (see {@link TableNeedsResync}); its layout from here on is kept. */
  private void onNeedsResync(TableNeedsResync e) {
    TableRuntime t = tables.get(e.table());
    if (t == null || t.beforeDiscovery(e.seq())) { // before a new table's discovery: it exists as discovered
      return;
    }
    if (e.newSchema() != null) {
      t.schema = e.newSchema(); // a re-sync reads, and later rows decode, with the layout the source now has
    }
    ts.blacklist(t, e.code(),
        e.reason() + (e.ddl() == null ? "" : " (`" + e.ddl() + "`)") + " at " + e.position()
        + "; re-sync the table");
  }

  /** Deletes the table's target rows; a running sync of the table starts over, since its staging is stale. */
  private void onTruncate(TableTruncated e) {
    TableRuntime t = tables.get(e.table());
    if (t == null || t.phase == TablePhase.PAUSED || t.phase == TablePhase.BLACKLISTED || t.beforeDiscovery(e.seq())) {
      return;
    }
    RowFilter scope = ts.planner.replaceScope(t.id, ts.members(t.target), config.mode() == SyncMode.MIRROR);
    if (scope == null) {
      ts.blacklist(t, ErrorCode.TRUNCATE_UNSUPPORTED,
          "TRUNCATE of " + t.id + " cannot be applied to virtual table " + t.target + ": its rows are not"
          + " told apart from other shards'; configure identifying extendedFields(...) and re-sync the table");
      return;
    }
    t.changeWritten(e.commitTimeMillis());
    if (t.phase.staging()) {
      // Whole, even for a catch-up: the truncate emptied the table, and a catch-up replaces only its filter's rows.
      ts.out().info(DataPath.class, "[{}] {} truncated during its sync: re-syncing it whole", config.name(), t.id);
      ts.ops.resync(t.id, null);
      return;
    }
    batcher.flushTarget(t.target);
    ts.out().add(new Effect.DeleteWhere(t.target, scope));
    ts.out().info(DataPath.class, "[{}] {} truncated: deleted its rows from {}", config.name(), t.id,
        t.target);
  }

  /** Writes a snapshot chunk's rows to the table's staging; returns how many were read (0 if they were dropped). */
  int onChunkRows(WorkItem.ChunkRows r) {
    TableRuntime t = tables.get(r.table());
    if (t == null || t.generation != r.generation() || !t.phase.staging()) {
      return 0;
    }
    if (!r.schema().equals(t.schema)) {
      // Read before a schema change reached the table: its chunk is read again with the new schema (ChunkRereads),
      // and by-name routing of these rows could misplace a renamed column (a renamed key would come out null).
      t.discarded.set(r.index());
      return 0;
    }
    TableRoute route = r.schema() == t.schema ? t.route
        : new TableRoute(r.schema(), ts.targets.get(t.target), ts.planner.extendedFields());
    long seq = r.lowWatermark() - 1;
    try {
      for (Row source : r.rows()) {
        Row row = route.toTarget(source);
        Limits.check(t, row, route, config);
        batcher.addSnapshot(t, row, seq); // marked: a writer may write it straight into an empty target
        t.rowsWritten++;
        recordsWritten++;
      }
    } catch (LimitExceededException ex) {
      ts.blacklist(t, ex.code(), ex.getMessage());
      return 0;
    }
    t.snapshotRows += r.rows().size();
    if (!t.done.get(r.index())) {
      t.readLows.put(r.index(), r.lowWatermark()); // rows of a read under way are staged (see ChunkRereads)
    }
    return r.rows().size();
  }

  private void add(TableRuntime t, Row row, long seq, boolean delete) {
    add(t, row, seq, delete, null);
  }

  private void add(TableRuntime t, Row row, long seq, boolean delete, ColumnMask unchanged) {
    batcher.add(t, row, seq, delete, unchanged);
    t.rowsWritten++;
    recordsWritten++;
  }
}
