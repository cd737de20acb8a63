package io.tributary.mysql.internal;

import io.tributary.sync.event.TableId;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToIntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * MariaDB long unique keys (UNIQUE on a BLOB/TEXT without a prefix, or {@code USING HASH}) add a hidden
 * {@code DB_ROW_HASH_n} BIGINT column per key after the table's columns: rows events carry them, information_schema
 * does not show them. This tells, confirming with the server, when a rows event's extra columns are only those.
 */
final class LongUniqueHashes {

  /** The answer for a table-map id and layout. */
  private record Check(long tableMapId, MySqlTable layout, int hashes, boolean ok) {
  }

  private static final Logger LOG = LoggerFactory.getLogger(LongUniqueHashes.class);

  private final String source;
  private final boolean mariaDb;
  private final Function<TableId, MySqlTable> current;
  private final ToIntFunction<TableId> longUniqueKeys;
  private final Map<TableId, Check> checked = new HashMap<>();

  /**
   * @param current        a table's current layout on the server, null when unknown
   * @param longUniqueKeys how many long unique keys a table has on the server now
   */
  LongUniqueHashes(String source, boolean mariaDb, Function<TableId, MySqlTable> current,
      ToIntFunction<TableId> longUniqueKeys) {
    this.source = source;
    this.mariaDb = mariaDb;
    this.current = current;
    this.longUniqueKeys = longUniqueKeys;
  }

  /**
   * Whether the event's columns are the tracked layout's followed by exactly the hidden {@code DB_ROW_HASH_n}
   * BIGINT columns of the table's MariaDB long unique keys (then its rows decode with the tracked layout, ignoring
   * them). Extra columns are never taken on trust: the server must have that many long unique keys and the tracked
   * layout as its current one, so a missed ADD COLUMN still stops the table. Asked once per table-map id, and not
   * again while the layout and the number of hash columns stay as confirmed. The server is asked about its present:
   * when the log is read behind DDL that changed the table's columns or long unique keys, the check fails and the
   * table stops (a re-sync), never decoding a column wrongly.
   */
  boolean onlyHashesExtra(TableId id, long tableMapId, byte[] types, MySqlTable table) {
    int extra = types.length - table.columns().size();
    if (!mariaDb || extra <= 0 || !ColumnTypes.fits(Arrays.copyOf(types, table.columns().size()), table)) {
      return false;
    }
    for (int i = table.columns().size(); i < types.length; i++) {
      if ((types[i] & 0xFF) != 8) {
        return false;
      }
    }
    Check last = checked.get(id);
    if (last != null && last.layout().equals(table) && (last.tableMapId() == tableMapId
        || last.ok() && last.hashes() == extra)) {
      return last.ok(); // asked for this table map, or confirmed for this layout and as many keys before
    }
    boolean ok;
    try {
      MySqlTable now = current.apply(id);
      ok = now != null && now.schema().columns().equals(table.schema().columns())
          && longUniqueKeys.applyAsInt(id) == extra;
    } catch (RuntimeException e) {
      LOG.warn("source '{}': cannot read the long unique keys of {}: {}", source, id, e.toString());
      ok = false;
    }
    checked.put(id, new Check(tableMapId, table, extra, ok));
    return ok;
  }
}
