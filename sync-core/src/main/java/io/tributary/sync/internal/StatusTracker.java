package io.tributary.sync.internal;

import io.tributary.sync.ErrorCode;
import io.tributary.sync.PipelineState;
import io.tributary.sync.PipelineStatus;
import io.tributary.sync.SyncEvent;
import io.tributary.sync.TablePhase;
import io.tributary.sync.event.TableId;
import io.tributary.sync.spi.ChangeSource;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes consistent status snapshots from the sink thread to any reader thread, keeps rates over a sliding
 * window, counts failovers, and decides latency alerts (with hysteresis: one alert on crossing, one on recovery).
 */
final class StatusTracker {

  private static final Logger LOG = LoggerFactory.getLogger(StatusTracker.class);
  private static final long RATE_WINDOW_MILLIS = 10_000;
  /** A source's fence when it cannot tell its log end (see {@code ChangeSource.logEnd}). */
  static final long UNKNOWN_END = Long.MIN_VALUE;

  private record Sample(long at, long read, long written) {
  }

  private record Published(List<PipelineStatus.TableStatus> tables, Map<String, PipelineStatus.SourceStatus> sources,
      long read, long written, double readRate, double writeRate, boolean staging, long[] idlePolledAt, long[] idleSeq,
      long[] committedSeq, long bufferedBytes, boolean uncommitted, long run, long at) {
  }

  private final PipelineConfig config;
  private final ArrayDeque<Sample> samples = new ArrayDeque<>();
  private volatile Published published;
  /** The decider's state as last published, for readers off the sink thread (verification). */
  private volatile RunView lastView;
  private volatile int failovers;
  private volatile long lastCheckpointId;
  private volatile Instant lastCheckpointAt;
  private volatile String failure;
  private volatile Throwable failureCause;
  private volatile ErrorCode failureCode;
  /** The latest failover's cause until a checkpoint shows the pipeline working again; in status while not FAILED. */
  private volatile Throwable lastFailover;
  private volatile ErrorCode lastFailoverCode;
  private final TableProgress progress = new TableProgress();
  /** Tables whose latency / read-lag alert is raised, in the run {@link #alertsOf} (sink thread only). */
  private final Set<TableId> latencyAlerted = new java.util.HashSet<>();
  private final Set<TableId> readLagAlerted = new java.util.HashSet<>();
  private long alertsOf;

  StatusTracker(PipelineConfig config) {
    this.config = config;
  }

  /** The decider's state as last published by the current or last run, or null before any. */
  RunView lastView() {
    return lastView;
  }

  int failover(Throwable e, ErrorCode code) {
    lastFailover = e;
    lastFailoverCode = code;
    return ++failovers;
  }

  void failed(Throwable e, ErrorCode code) {
    failure = e.getMessage() == null ? e.toString() : e.getMessage();
    failureCause = e;
    failureCode = code;
  }

  void checkpointed(long id, Instant at) {
    lastFailover = null;
    lastFailoverCode = null;
    lastCheckpointId = id;
    lastCheckpointAt = at;
  }

  /** Called on the sink thread: the decider's state and the runtime's (readers, buffer), as {@code view}. */
  void publish(RunView view) {
    lastView = view;
    long now = config.clock().millis();
    List<PipelineStatus.TableStatus> tables = new ArrayList<>();
    boolean staging = false;
    Set<TableId> ids = new LinkedHashSet<>();
    view.tables().forEach(t -> ids.add(t.id()));
    progress.retain(ids);
    for (RunView.Table t : view.tables()) {
      staging |= t.phase().staging();
      tables.add(new PipelineStatus.TableStatus(t.id(), t.target(), t.phase(), t.reason(), t.reasonCode(),
          t.done().cardinality(), t.chunks().size(), t.snapshotRows(), t.inserts(), t.updates(), t.deletes(),
          t.rowsWritten(), t.lastPosition(), t.lastWriteTime(), t.dataLatencyMillis(),
          TableProgress.lag(t, view.sources().get(t.sourceIndex()).positionTime(), now), progress.snapshot(t, now)));
    }
    Map<String, PipelineStatus.SourceStatus> sources = new LinkedHashMap<>();
    List<Long> readLatency = view.runtime().readLatencyMillis();
    for (int i = 0; i < readLatency.size(); i++) {
      String name = config.sources().get(i).name();
      RunView.Source c = view.sources().get(i);
      sources.put(name, new PipelineStatus.SourceStatus(name, c.position(), c.committedSeq(), readLatency.get(i),
          c.splitTransactions()));
    }
    samples.addLast(new Sample(now, view.recordsRead(), view.recordsWritten()));
    while (samples.size() > 2 && samples.peekFirst().at() < now - RATE_WINDOW_MILLIS) {
      samples.removeFirst();
    }
    Sample first = samples.peekFirst();
    double seconds = Math.max(0.001, (now - first.at()) / 1000.0);
    double readRate = samples.size() < 2 ? 0 : (view.recordsRead() - first.read()) / seconds;
    double writeRate = samples.size() < 2 ? 0 : (view.recordsWritten() - first.written()) / seconds;
    published = new Published(List.copyOf(tables), Map.copyOf(sources), view.recordsRead(), view.recordsWritten(),
        readRate, writeRate, staging, view.idlePolledAt(), view.idleSeq(), view.committedSeq(),
        view.runtime().bufferedBytes(), view.uncommitted(), view.runtime().run(), now);
    synchronized (this) {
      notifyAll(); // wakes awaitCaughtUp
    }
  }

  /** Waits up to {@code nanos} for the next published status. */
  synchronized void awaitPublish(long nanos) throws InterruptedException {
    if (nanos > 0) {
      wait(Math.max(1, nanos / 1_000_000));
    }
  }

  PipelineStatus current(PipelineState state) {
    Published p = published;
    PipelineStatus.Phase phase = switch (state) {
      case STARTING -> PipelineStatus.Phase.INITIALIZATION;
      case RUNNING -> p == null ? PipelineStatus.Phase.INITIALIZATION
          : p.staging() ? PipelineStatus.Phase.FULL_SYNC : PipelineStatus.Phase.INCREMENTAL;
      default -> PipelineStatus.Phase.NONE;
    };
    boolean failed = state == PipelineState.FAILED;
    // Lags are "now minus a commit time": a reader between two publications (or while the sink thread is stuck
    // in a commit) sees them grow, rather than frozen at the last publication.
    List<PipelineStatus.TableStatus> tables = p == null ? List.of() : p.tables();
    if (p != null && state == PipelineState.RUNNING) {
      long age = config.clock().millis() - p.at();
      tables = age <= 0 ? tables : tables.stream().map(t -> t.aged(age)).toList();
    }
    return new PipelineStatus(config.name(), state, phase, failed ? failure : null,
        failed ? failureCause : lastFailover, failed ? failureCode : lastFailoverCode,
        tables, p == null ? Map.of() : p.sources(), p == null ? 0 : p.read(),
        p == null ? 0 : p.written(), p == null ? 0 : p.readRate(), p == null ? 0 : p.writeRate(), failovers,
        lastCheckpointId, lastCheckpointAt, p == null ? 0 : p.bufferedBytes());
  }

  Set<TableId> tables() {
    Published p = published;
    Set<TableId> out = new LinkedHashSet<>();
    if (p != null) {
      p.tables().forEach(t -> out.add(t.table()));
    }
    return out;
  }

  /**
   * Whether the latest status shows every change before {@code fence} committed: no table stages (a staged change
   * is not in its target until the merge, which is committed at once), nothing waits for a commit, and each source's
   * last checkpoint covers its fence, taken when the wait began. A checkpoint records the seq of the last event the
   * sink handled; the log delivers in seq order, so every change with a smaller seq was handled, and written to
   * the target or its staging, before that checkpoint committed. For a source that cannot tell its log end
   * ({@link #UNKNOWN_END}) the fence is a heartbeat from a poll begun after {@code calledNanos}, and its seq.
   */
  boolean caughtUp(long[] fence, long calledNanos, long currentRun) {
    Published p = published;
    // Only the current run's status: after a restart the last run's would show its final checkpoint, not the
    // full syncs the new run is about to start (tables added to the configuration, say).
    if (p == null || p.run() != currentRun || p.staging() || p.uncommitted()) {
      return false;
    }
    for (int i = 0; i < fence.length; i++) {
      boolean covered = fence[i] != UNKNOWN_END ? p.committedSeq()[i] >= fence[i]
          : p.idlePolledAt()[i] - calledNanos > 0 && p.committedSeq()[i] >= p.idleSeq()[i];
      if (!covered) {
        return false;
      }
    }
    return true;
  }

  /**
   * Called on the sink thread after a checkpoint: per table, the end-to-end latency (the manual's "latency" alert)
   * and the source read lag (its "checkpoint read latency"), each fired on crossing its threshold and on recovery.
   * A paused, pending or stopped table is behind by choice or already alerted; it raises none, and a table in a
   * full sync raises no latency alert (its snapshot progress and ETA tell how far it is; its read lag still counts).
   */
  List<SyncEvent.LatencyAlert> latencyAlerts(RunView view, Instant at) {
    if (view.runtime().run() != alertsOf) { // a new run starts without alerts raised, as its tables do
      alertsOf = view.runtime().run();
      latencyAlerted.clear();
      readLagAlerted.clear();
    }
    List<SyncEvent.LatencyAlert> alerts = new ArrayList<>();
    long data = config.dataLatencyThreshold() == null ? -1 : config.dataLatencyThreshold().toMillis();
    long read = config.readLatencyThreshold() == null ? -1 : config.readLatencyThreshold().toMillis();
    long now = at.toEpochMilli();
    for (RunView.Table t : view.tables()) {
      if (t.phase() == TablePhase.BLACKLISTED || t.phase() == TablePhase.PAUSED || t.phase() == TablePhase.PENDING) {
        continue;
      }
      PipelineStatus.Lag lag = TableProgress.lag(t, view.sources().get(t.sourceIndex()).positionTime(), now);
      // A table this checkpoint committed: how late its latest change became visible; a quiet one: how far behind
      // its target is now (its read lag once nothing waits), so an alert clears when the table goes quiet.
      long e2e = at.equals(t.lastWriteTime()) ? Math.max(t.dataLatencyMillis(), lag.endToEndMillis())
          : lag.endToEndMillis();
      boolean dataAlerted = latencyAlerted.contains(t.id());
      if (data >= 0 && !t.phase().staging() && e2e >= 0 && e2e > data != dataAlerted) {
        toggle(latencyAlerted, t.id(), !dataAlerted);
        alerts.add(new SyncEvent.LatencyAlert(config.name(), at, SyncEvent.LatencyKind.DATA, t.id().toString(),
            e2e, data, !dataAlerted));
      }
      boolean readAlerted = readLagAlerted.contains(t.id());
      if (read >= 0 && lag.readMillis() >= 0 && lag.readMillis() > read != readAlerted) {
        toggle(readLagAlerted, t.id(), !readAlerted);
        alerts.add(new SyncEvent.LatencyAlert(config.name(), at, SyncEvent.LatencyKind.READ_CHECKPOINT,
            t.id().toString(), lag.readMillis(), read, !readAlerted));
      }
    }
    return alerts;
  }

  private static void toggle(Set<TableId> alerted, TableId id, boolean on) {
    if (on) {
      alerted.add(id);
    } else {
      alerted.remove(id);
    }
  }

  /** Each source's log end now, {@link #UNKNOWN_END} where it cannot tell; null when one failed. */
  long[] logEnds() {
    long[] ends = new long[config.sources().size()];
    for (int i = 0; i < ends.length; i++) {
      ChangeSource s = config.sources().get(i);
      try {
        ends[i] = s.logEnd().orElse(UNKNOWN_END);
      } catch (RuntimeException e) {
        LOG.debug("[{}] awaitCaughtUp: log end of source {} unknown for now: {}", config.name(), s.name(),
            e.toString());
        return null;
      }
    }
    return ends;
  }
}
