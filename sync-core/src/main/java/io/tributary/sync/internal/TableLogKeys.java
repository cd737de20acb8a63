package io.tributary.sync.internal;

import io.tributary.sync.LogKeys;
import io.tributary.sync.event.ChangeEvent;
import io.tributary.sync.event.SchemaChange;
import io.tributary.sync.event.TableDropped;
import io.tributary.sync.event.TableId;
import io.tributary.sync.event.TableNeedsResync;
import io.tributary.sync.event.TableTruncated;
import org.slf4j.MDC;

/**
 * The source and table MDC keys of a line about one table's rare events (not per row: that is the hot path): the
 * executor puts them while it logs a decider's {@link Effect.Log} about a table. {@code try (var keys =
 * TableLogKeys.put(table)) { ... }}; uses may nest. {@link #tableChangeOf} (pure) tells the decider which log events
 * its lines are about.
 */
final class TableLogKeys implements AutoCloseable {

  private final String source;
  private final String table;

  private TableLogKeys(String source, String table) {
    this.source = source;
    this.table = table;
  }

  /** Puts the table's keys; closing restores what was there (so uses may nest). */
  static TableLogKeys put(TableId table) {
    TableLogKeys previous = new TableLogKeys(MDC.get(LogKeys.SOURCE), MDC.get(LogKeys.TABLE));
    MDC.put(LogKeys.SOURCE, table.source());
    MDC.put(LogKeys.TABLE, table.toString());
    return previous;
  }

  /** The table of a schema change, truncate, drop or resync; null for rows and heartbeats. */
  static TableId tableChangeOf(ChangeEvent e) {
    if (e instanceof SchemaChange s) {
      return s.table();
    } else if (e instanceof TableTruncated t) {
      return t.table();
    } else if (e instanceof TableDropped d) {
      return d.table();
    } else if (e instanceof TableNeedsResync n) {
      return n.table();
    }
    return null;
  }

  @Override
  public void close() {
    restore(LogKeys.SOURCE, source);
    restore(LogKeys.TABLE, table);
  }

  private static void restore(String key, String value) {
    if (value == null) {
      MDC.remove(key);
    } else {
      MDC.put(key, value);
    }
  }
}
