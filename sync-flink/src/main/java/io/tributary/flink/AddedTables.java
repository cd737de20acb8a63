package io.tributary.flink;

import io.tributary.sync.event.TableId;
import io.tributary.sync.event.TableSchema;
import io.tributary.sync.internal.FlinkHost;
import io.tributary.sync.internal.PipelineConfig;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tables the definition selects now that a restored log split does not capture: a table added to the definition
 * before the job was resumed from a savepoint. The split's log is opened with their current schemas too (as the
 * embedded engine opens a restarted run's log with its new tables), so their changes reach the decider, which plans
 * their snapshot (see {@link SnapshotPlans}). Tables no longer selected stay in the log: the decider drops their
 * changes.
 */
final class AddedTables {

  private static final Logger LOG = LoggerFactory.getLogger(AddedTables.class);

  private AddedTables() {
  }

  static void addTo(Map<TableId, TableSchema> schemas, PipelineConfig config, int sourceIndex) {
    for (TableSchema s : FlinkHost.freshStart(config).schemas().get(sourceIndex)) {
      if (schemas.putIfAbsent(s.id(), s) == null) {
        LOG.info("[{}] {} is new to the job: its log changes are read from the restored position", config.name(),
            s.id());
      }
    }
  }
}
