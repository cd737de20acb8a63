package io.tributary.sync.internal;

import io.tributary.sync.SyncMode;
import io.tributary.sync.TablePhase;
import io.tributary.sync.event.RowFilter;
import io.tributary.sync.event.TableId;
import io.tributary.sync.spi.ChangeSource;

/**
 * What verification needs of one table, read on the sink thread (the only thread that may read a table's runtime
 * state) and handed to the verifier's thread as an immutable value.
 *
 * @param table       the source table
 * @param source      its source
 * @param phase       its phase now
 * @param route       how its rows map to the target (source schema, target layout, extended fields); null when
 *                    the table is stopped
 * @param targetScope the target rows that are this table's: {@link RowFilter#all()} in mirror mode, its extended
 *                    fields' values in merge mode, null when its rows cannot be told apart from other shards'
 */
public record VerifyView(TableId table, ChangeSource source, TablePhase phase, TableRoute route,
    RowFilter targetScope) {

  /** Sink thread only. */
  static VerifyView of(PipelineConfig config, TableSet tables, TableId id) {
    TableRuntime t = tables.require(id);
    RowFilter scope = tables.planner.replaceScope(t.id, tables.members(t.target), config.mode() == SyncMode.MIRROR);
    return new VerifyView(t.id, config.sources().get(t.sourceIndex), t.phase, t.route, scope);
  }
}
