package io.tributary.mysql.internal;

import io.tributary.mysql.MySqlPosition;
import io.tributary.sync.ErrorCode;
import io.tributary.sync.SyncException;
import io.tributary.sync.event.ChangeEvent;
import io.tributary.sync.event.SchemaChange;
import io.tributary.sync.event.TableSchema;
import io.tributary.sync.event.TableId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A fresh start ({@code Latest}): the log end and the tables' layouts at that very point. The engine discovered the
 * layouts earlier (then planned its targets, seconds under load); a DDL committed in between lies before the log end,
 * so the log never replays it and the rows after it would not match the layout handed over.
 *
 * <p>The layouts are read, then the log end, then the layouts again, until two reads around a log end agree: a DDL
 * is in the binlog before the end only if it was logged before the end was read, and MariaDB logs a DDL after
 * applying it, so the second read sees it; one logged after the end is replayed from the log, and seen by neither
 * read unless it also applied before the second read, which then differs from the first and is retried. (MySQL 8
 * logs a DDL just before its dictionary commit: a DDL logged before the end and committed after the second read
 * slips through, a window of microseconds; the decoder's layout check stops the table on a column-count or binlog
 * type mismatch, but a signedness-only change would pass unseen.)
 */
public record FreshStart(MySqlPosition end, Map<TableId, MySqlTable> tables) {

  private static final int ATTEMPTS = 20;

  public static FreshStart read(String source, Supplier<Map<TableId, MySqlTable>> layouts,
      Supplier<MySqlPosition> logEnd) {
    Map<TableId, MySqlTable> before = layouts.get();
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      MySqlPosition end = logEnd.get();
      Map<TableId, MySqlTable> after = layouts.get();
      if (after.equals(before)) {
        return new FreshStart(end, after);
      }
      before = after;
    }
    throw SyncException.of(ErrorCode.TRANSIENT, "source '" + source + "': the selected tables' layouts changed in "
        + "each of " + ATTEMPTS + " reads around the binlog end (DDL running continuously); the start is retried",
        null);
  }

  /**
   * A {@link SchemaChange} at {@code at} for each table whose layout here differs from the one the engine
   * handed over, so the engine adopts the layout the rows after the start have.
   */
  public List<ChangeEvent> changes(Map<TableId, TableSchema> given, MySqlPosition at, long nowMillis) {
    List<ChangeEvent> out = new ArrayList<>();
    given.forEach((id, schema) -> {
      MySqlTable now = tables.get(id);
      if (now != null && !now.schema().equals(schema)) {
        out.add(new SchemaChange(id, now.schema(), null, at.seq(), at, nowMillis));
      }
    });
    return out;
  }
}
