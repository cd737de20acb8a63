package io.tributary.sync.internal;

import io.tributary.sync.LogKeys;
import io.tributary.sync.event.TableId;
import io.tributary.sync.event.TableSchema;
import io.tributary.sync.spi.ChangeSource;
import io.tributary.sync.spi.LogStream;
import io.tributary.sync.spi.StartPosition;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * A run's start-up I/O, the runtime's part: the tables it captures (selected by the configuration and
 * preflighted), and the sources' logs opened where the checkpoint (or a custom start) says. Restoring the tables'
 * state from the checkpoint is the decider's part ({@link RunOpening#restoreTables}).
 */
final class RunStartup {

  private static final Logger LOG = LoggerFactory.getLogger(RunStartup.class);

  private RunStartup() {
  }

  /** Selects the tables (asking the sources) and checks them (preflight); {@code restored} null: a fresh start. */
  static TableSelection selectTables(PipelineConfig config, Checkpoint restored) {
    List<ChangeSource> sources = config.sources();
    // A resumed run replays its logs from the checkpoint's position, older than the schemas discovered now: the
    // positions around the discovery tell a table new to the run which of its changes its schema already has.
    long[] before = restored == null ? null : logEnds(sources);
    TableSelection selection = TableSelection.select(config, sources,
        restored == null ? java.util.Set.of() : restored.tables().keySet());
    if (restored != null) {
      long[] after = logEnds(sources);
      List<Checkpoint.Discovery> around = new java.util.ArrayList<>();
      for (int i = 0; i < sources.size(); i++) {
        around.add(before[i] == Long.MIN_VALUE || after[i] == Long.MIN_VALUE ? null
            : new Checkpoint.Discovery(before[i], after[i]));
      }
      selection = selection.discoveredBetween(around);
      // Still selected by the configuration but no longer in the source: gone while the pipeline was stopped.
      java.util.Set<TableId> found = new java.util.HashSet<>();
      selection.tables().forEach(s -> found.add(s.schema().id()));
      restored.tables().keySet().stream().filter(id -> !found.contains(id) && TableSelection.wanted(config, id))
          .forEach(id -> LOG.warn("[{}] table {} of checkpoint {} is no longer in the source (dropped or renamed"
              + " while the pipeline was stopped); no longer captured, its target keeps the rows as of then",
              config.name(), id, restored.id()));
    }
    for (ChangeSource s : sources) {
      List<TableSchema> mine = selection.schemasOf(s.name());
      s.preflight(mine).throwIfFailed();
    }
    return selection;
  }

  /**
   * Each source's log end now ({@link ChangeSource#logEnd}), {@code Long.MIN_VALUE} for a source that cannot tell.
   * A source that cannot be asked fails the start (retried), as its discovery would.
   */
  private static long[] logEnds(List<ChangeSource> sources) {
    long[] ends = new long[sources.size()];
    for (int i = 0; i < ends.length; i++) {
      ends[i] = sources.get(i).logEnd().orElse(Long.MIN_VALUE);
    }
    return ends;
  }

  /**
   * Refuses to resume from {@code restored} when the target already holds a later checkpoint's commit: an earlier
   * run (a process still stopping, or being killed, when this run loaded the store) committed after the load. Its
   * checkpoint was saved before that commit, so the next attempt loads it. Resuming from the older one instead
   * would replay the log over newer data and commit states that mix the two cuts: a torn source transaction, rows
   * stepping back in time (issue 12). Writers that cannot tell their last commit answer 0 and are not checked.
   */
  static void requireLatestCheckpoint(PipelineConfig config, Checkpoint restored, long lastCommitted) {
    if (restored != null && lastCommitted > restored.id()) {
      throw io.tributary.sync.SyncException.of(io.tributary.sync.ErrorCode.CHECKPOINT_BEHIND_TARGET, "pipeline '"
          + config.name() + "' loaded checkpoint " + restored.id() + ", but the target already holds the commit of"
          + " checkpoint " + lastCommitted + ": another run of this pipeline committed after the load; restarting"
          + " from the newer checkpoint", null);
    }
  }

  /** Opens each source's log, starts one reader per source, and returns where each log starts. */
  static List<io.tributary.sync.event.SourcePosition> openLogs(PipelineConfig config, RunContext ctx,
      Checkpoint restored, Map<String, StartPosition> customStarts, Map<TableId, TableRuntime> tables,
      WorkQueue queue, LogOpener opener, List<LogReader> readers) {
    List<io.tributary.sync.event.SourcePosition> starts = new java.util.ArrayList<>();
    List<ChangeSource> sources = config.sources();
    int n = sources.size();
    for (int i = 0; i < n; i++) {
      ChangeSource s = sources.get(i);
      StartPosition start = customStarts.get(s.name());
      boolean fromCheckpoint = start == null;
      if (start == null) {
        byte[] saved = restored == null ? null : restored.positions().get(s.name());
        start = saved == null ? StartPosition.latest() : StartPosition.at(s.decodePosition(saved));
      }
      Map<TableId, TableSchema> schemas = new LinkedHashMap<>();
      for (TableRuntime t : tables.values()) {
        if (t.sourceIndex == i) {
          schemas.put(t.id, t.schema);
        }
      }
      LogStream stream;
      try (var keys = MDC.putCloseable(LogKeys.SOURCE, s.name())) {
        stream = opener.open(i, s, start, fromCheckpoint, schemas);
      }
      starts.add(stream.startPosition());
      LOG.info("[{}] source {} log opened at {}", config.name(), s.name(), stream.startPosition());
      LogReader reader = new LogReader(i, s, stream, queue, config.clock(), ctx.threads("log-" + s.name(), s.name()));
      readers.add(reader);
    }
    readers.forEach(LogReader::start);
    return starts;
  }
}
