package io.tributary.flink;

import io.tributary.sync.event.ChangeEvent;
import io.tributary.sync.event.SchemaChange;
import io.tributary.sync.event.TableId;
import io.tributary.sync.event.TableNeedsResync;
import io.tributary.sync.event.TableSchema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The schemas a log split reopens with, kept in step with the log: a source decodes rows after a position by the
 * table layouts at that position, so a log split restored after a DDL must carry the layout the DDL made, not the
 * one of the job's start (the embedded engine reopens with its checkpoint's schemas for the same reason).
 */
final class LogSchemas {

  private LogSchemas() {
  }

  /** Whether {@code events} change any table's layout (the common case, no, costs one pass). */
  static boolean changesAny(List<ChangeEvent> events) {
    for (ChangeEvent e : events) {
      if (e instanceof SchemaChange || e instanceof TableNeedsResync r && r.newSchema() != null) {
        return true;
      }
    }
    return false;
  }

  /** {@code schemas} after {@code events}, in order (a table's place in the list kept). */
  static List<TableSchema> after(List<TableSchema> schemas, List<ChangeEvent> events) {
    Map<TableId, TableSchema> out = new LinkedHashMap<>();
    schemas.forEach(s -> out.put(s.id(), s));
    for (ChangeEvent e : events) {
      if (e instanceof SchemaChange c) {
        out.put(c.table(), c.newSchema());
      } else if (e instanceof TableNeedsResync r && r.newSchema() != null) {
        out.put(r.table(), r.newSchema());
      }
    }
    return new ArrayList<>(out.values());
  }
}
