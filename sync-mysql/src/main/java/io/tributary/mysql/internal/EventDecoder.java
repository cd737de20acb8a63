package io.tributary.mysql.internal;

import com.github.shyiko.mysql.binlog.event.DeleteRowsEventData;
import com.github.shyiko.mysql.binlog.event.Event;
import com.github.shyiko.mysql.binlog.event.EventHeaderV4;
import com.github.shyiko.mysql.binlog.event.EventType;
import com.github.shyiko.mysql.binlog.event.GtidEventData;
import com.github.shyiko.mysql.binlog.event.MariadbGtidEventData;
import com.github.shyiko.mysql.binlog.event.QueryEventData;
import com.github.shyiko.mysql.binlog.event.RotateEventData;
import com.github.shyiko.mysql.binlog.event.TableMapEventData;
import com.github.shyiko.mysql.binlog.event.UpdateRowsEventData;
import com.github.shyiko.mysql.binlog.event.WriteRowsEventData;
import io.tributary.mysql.MySqlPosition;
import io.tributary.sync.ErrorCode;
import io.tributary.sync.SyncException;
import io.tributary.sync.event.ChangeEvent;
import io.tributary.sync.event.TableId;
import io.tributary.sync.event.TransactionEnd;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.ToIntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns binlog events into {@link ChangeEvent}s with sequence numbers and resumable positions, and tracks table
 * layouts through DDL. Runs on the binlog client's thread only.
 *
 * <p>Positions: {@code seq = fileIndex << 32 | eventStartOffset} plus the row's index within its rows event (a rows
 * event is longer in bytes than its row count, so seqs strictly increase). A row's position is the start of its
 * transaction plus the number of rows events and rows delivered, see {@link MySqlPosition}.
 */
final class EventDecoder {

  /** Receives what one binlog event yields, in log order; may block for backpressure. */
  interface Sink {
    void emit(List<Pending> events) throws InterruptedException;
  }

  /**
   * What has been emitted so far: every event with a lower seq, and where to resume.
   *
   * @param handOffs how many batches the sink was given before this progress: a reader that has taken more from
   *                 the sink holds events past it (the progress moves only after a hand-off), so it is stale
   */
  public record Progress(long seq, MySqlPosition position, long handOffs) {
  }

  /** Test seam: runs between a hand-off and the progress update that follows it (the window heartbeats guard). */
  interface HandOffHook {
    void afterHandOff(List<Pending> batch) throws InterruptedException;
  }

  private static final Logger LOG = LoggerFactory.getLogger(EventDecoder.class);

  /**
   * Rows of consecutive rows events are handed over together up to this many: one hand-off per rows event (tens of
   * rows) made the consumer park and be woken for every event, which cost more than decoding on a busy machine.
   * Holding rows back never delays them: a transaction's events are written contiguously at commit and end with a
   * non-rows event (XID or COMMIT), which flushes.
   */
  static final int HANDOFF_ROWS = 1024;

  private final String source;
  private final Map<TableId, MySqlTable> tables;
  private final DdlTracker ddl;
  private final Sink sink;
  private final long notBeforeMillis;
  private boolean zeroDatesAsNull;
  private final GtidTracker gtids;
  /** The server every position names (see {@link MySqlPosition#server()}). */
  private final String server;
  /** The start, while the transaction its skip counts belong to has not begun; then null. */
  private MySqlPosition skipTransaction;
  private final Map<Long, TableMapEventData> tableMaps = new HashMap<>();

  private String file;
  private long fileIndex;
  private boolean inTransaction;
  /** The open transaction handed over changes (rows, or events of DDL tracking): its end is marked. */
  private boolean delivered;
  private MySqlPosition transactionStart;
  private MySqlPosition boundary;
  private int rowsEvents;
  private int skipEvents;
  private long skipRows;
  private volatile Progress progress;
  private List<Pending> out = new ArrayList<>();
  private int heldRows;
  private long handOffs;
  private volatile HandOffHook hook = batch -> { };

  /**
   * @param tables          the captured tables' layouts as of {@code start}; updated in place by DDL
   * @param start           where the read starts; its skip counts apply to the transaction found there
   * @param notBeforeMillis drop row and schema events committed earlier (timestamp starts); 0 for none
   * @param lookup          a table's current definition on the server, for DDL that names no columns
   *                        ({@code CREATE TABLE ... SELECT}, a rename of an untracked table into a captured name)
   *                        and for a table stopped by DDL or rows that do not fit its tracked layout
   */
  /** Zero dates read as null ({@code ZeroDates.NULL}) instead of being refused (the default). */
  public EventDecoder zeroDatesAsNull(boolean asNull) {
    this.zeroDatesAsNull = asNull;
    return this;
  }

  public EventDecoder(String source, Map<TableId, MySqlTable> tables, MySqlPosition start, boolean mariaDb,
      long notBeforeMillis, Function<TableId, Optional<MySqlTable>> lookup, Sink sink) {
    this(source, tables, start, mariaDb, notBeforeMillis, lookup, id -> 0, sink);
  }

  /**
   * @param longUniqueKeys how many MariaDB long unique keys a table has on the server now (their hidden hash
   *                       columns trail its rows in the log)
   */
  public EventDecoder(String source, Map<TableId, MySqlTable> tables, MySqlPosition start, boolean mariaDb,
      long notBeforeMillis, Function<TableId, Optional<MySqlTable>> lookup, ToIntFunction<TableId> longUniqueKeys,
      Sink sink) {
    this.source = source;
    this.tables = tables;
    this.ddl = new DdlTracker(source, tables, lookup, longUniqueKeys, mariaDb);
    this.sink = sink;
    this.notBeforeMillis = notBeforeMillis;
    this.gtids = new GtidTracker(mariaDb, start.gtids());
    this.file = start.file();
    this.fileIndex = file.isEmpty() ? 0 : MySqlPosition.fileIndex(file);
    this.server = start.server();
    if (start.transaction().isEmpty()) {
      this.skipEvents = start.skipEvents();
      this.skipRows = start.skipRows();
    } else { // held until that transaction begins: others (another domain's, after a GTID start) may come first
      this.skipTransaction = start;
    }
    // A GTID start has no file yet: until its first commit a resume repeats the GTID start, skip counts and all.
    this.boundary = file.isEmpty() || skipTransaction != null ? start : at(start.position(), start.gtids());
    this.progress = new Progress(file.isEmpty() ? 0 : boundary.seq(), start, 0);
  }

  public Progress progress() {
    return progress;
  }

  void hook(HandOffHook hook) {
    this.hook = hook;
  }

  /** The server's current tracked layouts (for diagnostics and tests). */
  public Map<TableId, MySqlTable> tables() {
    return tables;
  }

  public void handle(Event event) throws InterruptedException {
    EventHeaderV4 h = event.getHeader();
    EventType type = h.getEventType();
    long start = h.getNextPosition() - h.getEventLength();
    switch (type) {
      case ROTATE -> rotate(event.getData());
      case GTID -> begin(start, ((GtidEventData) event.getData()).getMySqlGtid().toString());
      case MARIADB_GTID -> {
        MariadbGtidEventData g = event.getData();
        // The event's server id is the header's: the library leaves MariadbGtidEventData's at 0.
        begin(start, g.getDomainId() + "-" + h.getServerId() + "-" + g.getSequence());
      }
      case QUERY -> query(h, start, event.getData());
      case TABLE_MAP -> {
        TableMapEventData m = event.getData();
        tableMaps.put(m.getTableId(), m);
      }
      case XID -> end(h, start);
      case PARTIAL_UPDATE_ROWS_EVENT -> partialUpdate(h, start, event.getData());
      case TRANSACTION_PAYLOAD -> throw SyncException.of(ErrorCode.SERVER_UNSUPPORTED,
          "source '" + source + "': compressed transaction at "
          + file + ":" + start + "; row positions inside compressed payloads are not supported. Set "
          + "binlog_transaction_compression=OFF on the server and restart from a position after this transaction, "
          + "re-syncing the affected tables", null);
      default -> {
        if (EventType.isRowMutation(type)) {
          rows(h, start, event.getData());
        }
      }
    }
    if (EventType.isRowMutation(type) && heldRows < HANDOFF_ROWS) {
      return; // held back, and so is the progress: a heartbeat must not claim rows not yet handed over
    }
    if (!out.isEmpty()) {
      List<Pending> batch = out;
      out = new ArrayList<>();
      heldRows = 0;
      sink.emit(batch); // before the progress moves past them: heartbeats rely on it
      handOffs++;
      hook.afterHandOff(batch);
    }
    if (h.getNextPosition() > 0 && !file.isEmpty()) {
      long seq = fileIndex << 32 | h.getNextPosition();
      progress = new Progress(Math.max(seq, progress.seq()), resumePosition(), handOffs);
    }
  }

  private void rotate(RotateEventData r) {
    if (r.getBinlogFilename().equals(file)) {
      return; // the server's announcement of the start file: keep the start position and its skip counts
    }
    if (file.isEmpty()) { // a GTID start learns its file: offsets count from here, the boundary stays the start
      file = r.getBinlogFilename();
      fileIndex = MySqlPosition.fileIndex(file);
      return;
    }
    LOG.debug("source '{}': binlog rotated to {}", source, r.getBinlogFilename());
    file = r.getBinlogFilename();
    fileIndex = MySqlPosition.fileIndex(file);
    if (!inTransaction) {
      boundary = at(r.getBinlogPosition(), gtids.committed());
      progress = new Progress(boundary.seq(), boundary, handOffs);
    }
  }

  private void begin(long start, String gtid) {
    gtids.pending(gtid);
    inTransaction = true;
    transactionStart = at(start, gtids.committed()).inTransaction(gtid);
    if (skipTransaction != null && skipTransaction.transaction().equals(gtid)) {
      skipEvents = skipTransaction.skipEvents();
      skipRows = skipTransaction.skipRows();
      skipTransaction = null;
    }
    delivered = skipEvents > 0 || skipRows > 0; // the transaction a resume starts inside: its end is marked
    rowsEvents = 0;
  }

  private void query(EventHeaderV4 h, long start, QueryEventData q) throws InterruptedException {
    String sql = q.getSql().trim();
    if (sql.equalsIgnoreCase("BEGIN")) {
      if (!inTransaction) {
        inTransaction = true;
        delivered = skipEvents > 0 || skipRows > 0;
        transactionStart = at(start, gtids.committed());
        rowsEvents = 0;
      }
      return;
    }
    String upper = sql.toUpperCase(java.util.Locale.ROOT);
    if (upper.startsWith("SAVEPOINT") || upper.startsWith("ROLLBACK TO") || upper.startsWith("RELEASE SAVEPOINT")
        || upper.startsWith("XA ")) {
      return;
    }
    if (sql.equalsIgnoreCase("COMMIT") || sql.equalsIgnoreCase("ROLLBACK")) {
      end(h, start); // ROLLBACK ends a group whose non-transactional changes stay applied
      return;
    }
    // DDL: an implicit commit, logged as its own event group.
    MySqlPosition after = at(h.getNextPosition(), gtids.committedWithPending());
    ddl.onStatement(sql, q.getDatabase(), new DdlTracker.Stamp(fileIndex << 32 | start, after, h.getTimestamp(),
        h.getTimestamp() >= notBeforeMillis), out);
    end(h, start);
  }

  /**
   * Ends the transaction at the event starting at {@code start}; if it delivered anything, marks the end with a
   * {@link TransactionEnd} at the boundary after it, so the engine may commit there (and only between transactions).
   */
  private void end(EventHeaderV4 h, long start) {
    boolean mark = delivered;
    commit(h.getNextPosition());
    if (mark) {
      out.add(new Pending.Ready(new TransactionEnd(fileIndex << 32 | start, boundary, h.getTimestamp())));
    }
  }

  private void commit(long end) {
    gtids.commit();
    inTransaction = false;
    delivered = false;
    skipEvents = 0;
    skipRows = 0;
    rowsEvents = 0;
    boundary = at(end, gtids.committed());
    if (skipTransaction != null) { // a resume here still owes the skip to that transaction
      boundary = boundary.withSkip(skipTransaction.skipEvents(), skipTransaction.skipRows())
          .inTransaction(skipTransaction.transaction());
    }
  }

  private MySqlPosition at(long offset, String executed) {
    return new MySqlPosition(file, offset, executed, 0, 0, server);
  }

  private MySqlPosition resumePosition() {
    if (!inTransaction) {
      return boundary;
    }
    return rowsEvents <= skipEvents
        ? transactionStart.withSkip(skipEvents, skipRows) : transactionStart.withSkip(rowsEvents, 0);
  }

  /** JSON diffs instead of rows: the table stops (a re-sync reads its documents), counted as a rows event. */
  private void partialUpdate(EventHeaderV4 h, long start, PartialUpdateRows data) {
    if (transactionStart == null) {
      transactionStart = boundary;
    }
    int index = rowsEvents++;
    TableMapEventData map = data == null ? null : tableMaps.get(data.tableId());
    if (index < skipEvents || map == null) {
      return;
    }
    TableId id = TableId.of(source, map.getDatabase(), map.getTable());
    ddl.refuse(id, "an update of " + id + " was logged as JSON diffs (binlog_row_value_options=PARTIAL_JSON), "
        + "which carry no whole document: SET GLOBAL binlog_row_value_options='' (and in my.cnf; sessions may set "
        + "it too) and re-sync the table", new DdlTracker.Stamp((fileIndex << 32 | start) - 1,
        transactionStart.withSkip(index, 0), h.getTimestamp(), h.getTimestamp() >= notBeforeMillis), out);
  }

  private void rows(EventHeaderV4 h, long start, Object data) throws InterruptedException {
    if (transactionStart == null) { // a rows event outside BEGIN/GTID: its own group
      transactionStart = boundary;
    }
    int index = rowsEvents++;
    if (index < skipEvents) {
      return;
    }
    long skip = index == skipEvents ? skipRows : 0;
    long tableId = data instanceof WriteRowsEventData w ? w.getTableId()
        : data instanceof UpdateRowsEventData u ? u.getTableId() : ((DeleteRowsEventData) data).getTableId();
    TableMapEventData map = tableMaps.get(tableId);
    if (map == null) {
      return;
    }
    TableId id = TableId.of(source, map.getDatabase(), map.getTable());
    // A stop this adds sits just before the event's first row (inside the TABLE_MAP's bytes), resuming at it.
    int before = out.size();
    MySqlTable table = ddl.forRows(id, tableId, map.getColumnTypes(), new DdlTracker.Stamp((fileIndex << 32 | start)
        - 1, transactionStart.withSkip(index, 0), h.getTimestamp(), h.getTimestamp() >= notBeforeMillis), out);
    delivered |= out.size() > before;
    if (table == null || h.getTimestamp() < notBeforeMillis) {
      return;
    }
    BitSet compressed = map instanceof CompressedColumns.TableMap m ? m.compressed() : new BitSet();
    RowsBatch batch = new RowsBatch(id, table, map.getColumnTypes(), compressed, data, fileIndex << 32 | start,
        fileIndex << 32 | h.getNextPosition(), transactionStart, index, (int) skip, h.getTimestamp(),
        zeroDatesAsNull);
    out.add(batch);
    delivered = true;
    heldRows += batch.size();
  }


}
