package io.tributary.sync.internal;

import io.tributary.sync.event.ChangeEvent;
import io.tributary.sync.event.TableId;
import io.tributary.sync.event.TableSchema;
import io.tributary.sync.spi.ChangeSource;
import io.tributary.sync.spi.LogStream;
import io.tributary.sync.spi.StartPosition;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The log readers of a {@link DeciderSimulation} run, without threads: one log per source, opened as the runtime
 * opens them (a lost position recovered through the real {@link LogOpener}); a poll of a random source's log is cut
 * into pieces at random points, as socket reads are, and the pieces of all logs reach the decider one per step, in
 * one queue. A poll that fails part-way (wider: source failures) queues the events read before it, then the failure.
 */
final class SimulatedLogs {

  /** Marks where a log poll failed part-way: the run then dies as a reader failure kills it. */
  private static final WorkItem.LogBatch LOG_FAILED = new WorkItem.LogBatch(0, SimulatedFailures.LOG_FAILED, 1, 0);

  private final Random rnd;
  private final SimulatedShards shards;
  private final SimulatedFailures failures;
  private final List<LogStream> logs = new ArrayList<>();
  private final ArrayDeque<WorkItem.LogBatch> pieces = new ArrayDeque<>();

  SimulatedLogs(Random rnd, SimulatedShards shards, SimulatedFailures failures) {
    this.rnd = rnd;
    this.shards = shards;
    this.failures = failures;
  }

  /** A new run: the pieces read and not delivered are gone. */
  void clear() {
    pieces.clear();
  }

  boolean hasPieces() {
    return !pieces.isEmpty();
  }

  /** Opens every source's log from {@code restored}'s positions (or the latest); the decider's answer. */
  Input.LogsOpened open(PipelineConfig config, Checkpoint restored, Map<TableId, TableRuntime> tables) {
    logs.clear();
    LogOpener opener = new LogOpener(config); // a lost position is recovered as the runtime does
    for (int i = 0; i < shards.sources.size(); i++) {
      ChangeSource s = shards.changeSource(i);
      Map<TableId, TableSchema> schemas = new LinkedHashMap<>();
      for (TableRuntime t : tables.values()) {
        if (t.sourceIndex == i) {
          schemas.put(t.id, t.schema);
        }
      }
      byte[] position = restored == null ? null : restored.positions().get(s.name());
      failures.maybePurgeLog(shards.sources.get(i), position != null); // wider: the position may be lost
      logs.add(opener.open(i, s, position == null ? StartPosition.latest()
          : StartPosition.at(s.decodePosition(position)), position != null, schemas));
    }
    List<LostPositionRecovery.Lost> lost = opener.takeLost();
    failures.lostPositions += lost.size();
    if (!lost.isEmpty()) {
      failures.positionLost(restored);
    }
    return new Input.LogsOpened(logs.stream().map(LogStream::startPosition).toList(), lost, 0);
  }

  /** Polls a random source's log, queueing what it read in random pieces. */
  void poll() {
    if (failures.logDead()) {
      return;
    }
    try {
      int source = rnd.nextInt(logs.size()); // sim-merge: a random source's log
      List<ChangeEvent> events = failures.polled(logs.get(source).poll(Duration.ZERO)); // may fail
      int i = 0;
      while (i < events.size()) { // cut at random points, as socket reads are
        int n = 1 + rnd.nextInt(events.size() - i);
        pieces.add(new WorkItem.LogBatch(source, events.subList(i, i + n), 1, 0));
        i += n;
      }
      if (failures.logDead()) {
        pieces.add(LOG_FAILED);
      }
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The next piece for the decider (or the reader's failure), or null. */
  Input nextPiece() {
    WorkItem.LogBatch piece = pieces.poll();
    return piece == LOG_FAILED ? failures.logFailure() : piece;
  }
}
