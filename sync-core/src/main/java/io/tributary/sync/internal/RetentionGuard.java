package io.tributary.sync.internal;

import io.tributary.sync.SyncEvent;
import io.tributary.sync.event.SourcePosition;
import io.tributary.sync.spi.ChangeSource;
import io.tributary.sync.spi.LogRetention;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The retention alert: asks each source how long its checkpoint position stays on the server
 * ({@link ChangeSource#logRetention}) and alerts when that falls under the configured thresholds, and again when it
 * is safe. Runs on its own timer thread, never on the data path; positions are those of the running run's last
 * checkpoint, else of the stored checkpoint (a starting or stopped pipeline: the first check happens at start,
 * before the logs are opened, and {@code SyncPipeline.logRetention()} checks a stopped pipeline).
 */
final class RetentionGuard {

  private static final Logger LOG = LoggerFactory.getLogger(RetentionGuard.class);

  /** A run's last checkpoint positions and when the log was at each (-1 unknown). */
  record Checkpointed(SourcePosition[] positions, long[] times) {
  }

  private final PipelineConfig config;
  private final Supplier<PipelineRun> run;
  private final Consumer<SyncEvent> emit;
  private final ThreadFactory threads;
  private final Map<String, Boolean> atRisk = new HashMap<>();
  private ScheduledExecutorService timer;
  private PipelineRun lastRun;

  RetentionGuard(PipelineConfig config, Supplier<PipelineRun> run, Consumer<SyncEvent> emit, ThreadFactory threads) {
    this.config = config;
    this.run = run;
    this.emit = emit;
    this.threads = threads;
  }

  synchronized void start() {
    if (timer == null) {
      timer = Executors.newSingleThreadScheduledExecutor(threads);
      timer.scheduleWithFixedDelay(this::checkQuietly, 0, config.retentionCheckInterval().toMillis(),
          TimeUnit.MILLISECONDS);
    }
  }

  synchronized void stop() {
    if (timer != null) {
      timer.shutdownNow();
      timer = null;
    }
  }

  private void checkQuietly() {
    try {
      check();
    } catch (RuntimeException e) {
      LOG.debug("[{}] retention check failed: {}", config.name(), e.toString());
    }
  }

  /** Checks every source now, alerting on a crossing; returns what each source that can tell said. */
  synchronized Map<String, LogRetention> check() {
    PipelineRun r = run.get();
    if (r != null) {
      lastRun = r;
    }
    Checkpointed current = r == null ? null : r.checkpointed();
    // A run that ended in this process still knows when the log was at its last positions (the stored checkpoint
    // does not keep times): used when they are the stored ones.
    Checkpointed ended = r == null && lastRun != null ? lastRun.checkpointed() : null;
    Map<String, byte[]> stored = current != null ? Map.of() : config.checkpointStore().load(config.name())
        .map(CheckpointCodec::decode).map(Checkpoint::positions).orElse(Map.of());
    Map<String, LogRetention> out = new LinkedHashMap<>();
    List<ChangeSource> sources = config.sources();
    for (int i = 0; i < sources.size(); i++) {
      ChangeSource s = sources.get(i);
      SourcePosition position;
      long time = -1;
      if (current != null) {
        position = current.positions()[i];
        time = current.times()[i];
      } else {
        byte[] saved = stored.get(s.name());
        if (saved == null) {
          continue; // never checkpointed: nothing to lose yet
        }
        position = s.decodePosition(saved);
        if (ended != null && ended.positions()[i] != null
            && java.util.Arrays.equals(ended.positions()[i].encode(), saved)) {
          time = ended.times()[i];
        }
      }
      Optional<LogRetention> answer;
      try {
        answer = s.logRetention(position, time);
      } catch (RuntimeException e) {
        LOG.debug("[{}] retention check of source {} failed: {}", config.name(), s.name(), e.toString());
        continue;
      }
      if (answer.isPresent()) {
        out.put(s.name(), answer.get());
        evaluate(s.name(), position, answer.get());
      }
    }
    return out;
  }

  /** Whether an answer is under the configured thresholds (or the position is already gone). */
  boolean atRisk(LogRetention r) {
    return r.lost() || (r.timeLeft() != null && r.timeLeft().compareTo(config.retentionMinTimeLeft()) < 0)
        || (r.bytesLeft() >= 0 && r.bytesLeft() < config.retentionMinBytesLeft());
  }

  private void evaluate(String source, SourcePosition position, LogRetention r) {
    boolean risk = atRisk(r);
    boolean before = Boolean.TRUE.equals(atRisk.put(source, risk));
    if (risk != before) {
      SyncEvent.LogRetentionAlert alert = new SyncEvent.LogRetentionAlert(config.name(), Instant.now(config.clock()),
          source, String.valueOf(position), risk, r.bytesLeft(), r.timeLeft(), r.detail());
      if (risk) {
        LOG.warn("[{}] {}", config.name(), alert.summary());
      } else {
        LOG.info("[{}] {}", config.name(), alert.summary());
      }
      emit.accept(alert);
    }
  }
}
