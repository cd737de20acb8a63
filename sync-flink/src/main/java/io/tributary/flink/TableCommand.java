package io.tributary.flink;

import io.tributary.sync.event.RowFilter;
import io.tributary.sync.event.TableId;
import io.tributary.sync.internal.FlinkHost;
import io.tributary.sync.internal.ValueCodec;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An operator command for a running Tributary Flink job, fed through {@link TributaryFlink#commands}: the same
 * table operations as the embedded engine's {@code SyncPipeline.resync/catchUp/pause/resume/prioritize}, reaching the
 * job's decider as the same inputs, in order with the data. {@code id} makes it idempotent: a command whose id the
 * job already applied (a control stream replayed after a failover) is skipped. Serializable (Flink ships it).
 */
public final class TableCommand implements Serializable {

  private static final long serialVersionUID = 1L;

  /** What a command does; {@link #RESYNC} with a filter is a catch-up. */
  public enum Op { RESYNC, PAUSE, RESUME, PRIORITIZE, VERIFY }

  private final String id;
  private final Op op;
  private final ArrayList<String[]> tables = new ArrayList<>();
  private final byte[] filter;
  /** A verification's options (as {@link FlinkVerifications} writes them), else null. */
  private String verifyOptions;

  private TableCommand(String id, Op op, List<TableId> tables, RowFilter filter) {
    this.id = Objects.requireNonNull(id, "id");
    this.op = op;
    if (tables.isEmpty()) {
      throw new IllegalArgumentException("a table command names at least one table");
    }
    for (TableId t : tables) {
      this.tables.add(new String[] {t.source(), t.database(), t.schema(), t.table()});
    }
    this.filter = filter == null ? null : io.tributary.flink.Bytes.of(out -> FlinkHost.writeFilter(out, filter));
  }

  /** Re-fetches {@code table} whole (its staging is merged when done), as {@code SyncPipeline.resync}. */
  public static TableCommand resync(String id, TableId table) {
    return new TableCommand(id, Op.RESYNC, List.of(table), null);
  }

  /** Re-fetches the rows of {@code table} matching {@code filter}, as {@code SyncPipeline.catchUp}. */
  public static TableCommand catchUp(String id, TableId table, RowFilter filter) {
    return new TableCommand(id, Op.RESYNC, List.of(table), Objects.requireNonNull(filter, "filter"));
  }

  /** Stops applying changes to {@code table} (its snapshot, if any, is abandoned). */
  public static TableCommand pause(String id, TableId table) {
    return new TableCommand(id, Op.PAUSE, List.of(table), null);
  }

  /** Resumes a paused table by re-fetching it (a re-sync), so no change made while paused is missed. */
  public static TableCommand resume(String id, TableId table) {
    return new TableCommand(id, Op.RESUME, List.of(table), null);
  }

  /** Reads these tables' unread snapshot chunks before any other's. */
  public static TableCommand prioritize(String id, List<TableId> tables) {
    return new TableCommand(id, Op.PRIORITIZE, tables, null);
  }

  /**
   * Verifies {@code table}: compares its source with its target while the job runs, as
   * {@code SyncPipeline.verify(table, options)} does (the same code, hosted by the job's decision operator: see
   * {@link FlinkVerifications}). The report goes to the definition's listeners ({@code SyncEvent.VerifyMismatch} per
   * mismatched chunk, {@code SyncEvent.VerifyFinished}) and the job's log; with {@code options.repair()} the
   * mismatched ranges are then caught up and compared again.
   */
  public static TableCommand verify(String id, TableId table, io.tributary.sync.VerifyOptions options) {
    TableCommand c = new TableCommand(id, Op.VERIFY, List.of(table), null);
    c.verifyOptions = FlinkVerifications.encode(Objects.requireNonNull(options, "options"));
    return c;
  }

  /** {@link #verify(String, TableId, io.tributary.sync.VerifyOptions)} with the defaults: compare only. */
  public static TableCommand verify(String id, TableId table) {
    return verify(id, table, io.tributary.sync.VerifyOptions.defaults());
  }

  /** Verifies {@code table} and repairs the mismatched chunks, as {@code SyncPipeline.repair(table)}. */
  public static TableCommand repair(String id, TableId table) {
    return verify(id, table, io.tributary.sync.VerifyOptions.defaults().withRepair(true));
  }

  public String id() {
    return id;
  }

  public Op op() {
    return op;
  }

  public List<TableId> tables() {
    List<TableId> out = new ArrayList<>(tables.size());
    tables.forEach(t -> out.add(new TableId(t[0], t[1], t[2], t[3])));
    return out;
  }

  /** The catch-up's filter, or null. */
  public RowFilter filter() {
    return filter == null ? null : Bytes.read(filter, FlinkHost::readFilter);
  }

  /** As the decision operator receives it (a {@link SourceItem.Command}). */
  byte[] encode() {
    String name = verifyOptions == null ? op.name() : op.name() + " " + verifyOptions;
    return SourceItem.encode(new SourceItem.Command(id, name, tables(), filter()));
  }

  @Override
  public String toString() {
    return op + " " + tables() + (filter == null ? "" : " where " + filter())
        + (verifyOptions == null ? "" : " " + verifyOptions) + " (id " + id + ")";
  }
}
