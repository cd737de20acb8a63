package io.tributary.sync.internal;

import io.tributary.sync.SyncMode;
import io.tributary.sync.TableNotCapturedException;
import io.tributary.sync.TablePhase;
import io.tributary.sync.event.RowFilter;
import io.tributary.sync.event.TableId;
import io.tributary.sync.spi.ChangeSource;

/**
 * What verification needs of one table, taken from the decider's published state ({@link RunView}, immutable) and
 * handed to the verifier's thread.
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

  static VerifyView of(PipelineConfig config, RunView view, TableId id) {
    RunView.Table t = view.tables().stream().filter(x -> x.id().equals(id)).findFirst()
        .orElseThrow(() -> new TableNotCapturedException(config.name(), id,
            view.tables().stream().map(RunView.Table::id)
                .collect(java.util.stream.Collectors.toCollection(java.util.LinkedHashSet::new))));
    java.util.List<TableId> members = view.tables().stream().filter(x -> x.target().equals(t.target()))
        .map(RunView.Table::id).toList();
    RowFilter scope = new TargetPlanner(config.extendedFields(), config.extendedFieldsInPrimaryKey(),
        config.heterogeneousMerge()).replaceScope(t.id(), members, config.mode() == SyncMode.MIRROR);
    return new VerifyView(t.id(), config.sources().get(t.sourceIndex()), t.phase(), t.route(), scope);
  }
}
