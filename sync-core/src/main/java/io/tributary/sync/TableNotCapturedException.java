package io.tributary.sync;

import io.tributary.sync.event.TableId;
import java.util.Set;

/**
 * An operation (resync, catch-up, pause, resume, prioritize) named a table the pipeline does not capture: not
 * selected, excluded, without a primary key, or from another source. The message lists the captured tables.
 */
public class TableNotCapturedException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  private final transient TableId table;
  private final transient Set<TableId> captured;

  public TableNotCapturedException(String pipeline, TableId table, Set<TableId> captured) {
    super("table " + table + " is not captured by pipeline " + pipeline + "; captured: " + captured
        + ". Check the table id (source, database, schema, table) against SyncPipeline.tables(), or add the table"
        + " to the pipeline's selectors and restart it");
    this.table = table;
    this.captured = Set.copyOf(captured);
  }

  /** The table named. */
  public TableId table() {
    return table;
  }

  /** The tables the pipeline captures. */
  public Set<TableId> captured() {
    return captured;
  }
}
