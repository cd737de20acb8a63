package io.tributary.sync.internal;

import io.tributary.sync.LostLogPosition;
import io.tributary.sync.PositionUnavailableException;
import io.tributary.sync.event.TableId;
import io.tributary.sync.event.TableSchema;
import io.tributary.sync.spi.ChangeSource;
import io.tributary.sync.spi.LogStream;
import io.tributary.sync.spi.StartPosition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runtime's side of {@code onLostLogPosition(RESYNC)} (I/O: opening and restarting the sources' logs): a
 * checkpoint position the server no longer has restarts the log at the current position, and the source is reported
 * to the decider ({@link Input.LogsOpened}), whose {@link LostPositionRecovery} re-syncs its tables. Sink thread
 * only, during a run's start-up.
 */
final class LogOpener {

  private static final Logger LOG = LoggerFactory.getLogger(LogOpener.class);

  private final PipelineConfig config;
  private final List<LostPositionRecovery.Lost> lost = new ArrayList<>();

  LogOpener(PipelineConfig config) {
    this.config = config;
  }

  /**
   * Opens a source's log at {@code start}. Under RESYNC, a checkpoint position the server no longer has restarts
   * the log at the current position instead, and the source is remembered for {@link #takeLost}. A custom start the
   * operator chose is never replaced: that one still fails.
   */
  LogStream open(int sourceIndex, ChangeSource source, StartPosition start, boolean fromCheckpoint,
      Map<TableId, TableSchema> schemas) {
    try {
      return source.openLog(start, schemas);
    } catch (PositionUnavailableException e) {
      if (config.onLostLogPosition() != LostLogPosition.RESYNC || !fromCheckpoint) {
        throw e;
      }
      LOG.warn("[{}] source {}: checkpoint position {} is gone ({}); restarting its log at the current position and"
          + " re-syncing its tables (onLostLogPosition RESYNC)", config.name(), source.name(), start, e.getMessage());
      // The log restarts now: its tables' schemas are the present ones (a change in the lost range is in no log).
      Map<TableId, TableSchema> current = new java.util.LinkedHashMap<>(schemas);
      for (TableSchema s : source.discoverTables()) {
        current.replace(s.id(), s);
      }
      LogStream stream = source.restartLog(current);
      String from = start instanceof StartPosition.At at ? String.valueOf(at.position()) : String.valueOf(start);
      lost.add(new LostPositionRecovery.Lost(sourceIndex, source.name(), from, String.valueOf(stream.startPosition()),
          e.getMessage(), Map.copyOf(current)));
      return stream;
    }
  }

  /** The sources whose positions were lost while opening the logs (then forgotten here). */
  List<LostPositionRecovery.Lost> takeLost() {
    List<LostPositionRecovery.Lost> out = List.copyOf(lost);
    lost.clear();
    return out;
  }
}
