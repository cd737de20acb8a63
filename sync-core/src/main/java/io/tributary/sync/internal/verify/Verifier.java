package io.tributary.sync.internal.verify;

import io.tributary.sync.PipelineStatus;
import io.tributary.sync.SyncEvent;
import io.tributary.sync.VerifyOptions;
import io.tributary.sync.VerifyReport;
import io.tributary.sync.VerifyStatus;
import io.tributary.sync.event.RowFilter;
import io.tributary.sync.event.TableId;
import io.tributary.sync.internal.PipelineEngine;
import io.tributary.sync.internal.VerifyView;
import io.tributary.sync.spi.ChangeWriter;
import io.tributary.sync.spi.CheckpointStore;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pipeline's verifications: at most one per table at a time, each on its own thread from the pipeline's thread
 * factory (role {@code verify}), with its latest status per table for {@link PipelineStatus#verifications()}. Lives
 * as long as the pipeline, across runs; a verification fails when the run it compares against stops, and a later
 * one resumes it. Thread-safe.
 */
public final class Verifier {

  private static final Logger LOG = LoggerFactory.getLogger(Verifier.class);

  private final VerifyHost host;
  private final ThreadFactory threads;
  private final VerifyProgress.Store progress;
  private final Map<TableId, VerifyStatus> statuses = new ConcurrentHashMap<>();
  private final Map<TableId, Thread> running = new ConcurrentHashMap<>();

  /** @param watch the watch whose {@link ChangeWatch#wrap wrapped} sources the engine reads */
  public Verifier(PipelineEngine engine, ChangeWatch watch) {
    this(new EngineHost(engine, watch), engine.threads("verify"));
  }

  /**
   * Verifications against another runtime's pipeline (the Flink runner's decision operator), each on a thread of
   * {@code threads}.
   */
  public Verifier(VerifyHost host, ThreadFactory threads) {
    this.host = host;
    this.threads = threads;
    this.progress = new VerifyProgress.Store(host.store(), host.pipeline());
  }

  /** Starts verifying {@code table}; the future completes with the report, or with why it could not finish. */
  public CompletableFuture<VerifyReport> verify(TableId table, VerifyOptions options) {
    CompletableFuture<VerifyReport> done = new CompletableFuture<>();
    Thread thread = threads.newThread(() -> {
      VerifyReport report = null;
      Throwable failure = null;
      try {
        report = new TableVerification(host, table, options, progress, s -> statuses.put(table, s)).run();
      } catch (InterruptedException | RuntimeException | Error e) {
        failed(table, e);
        failure = e;
      } finally {
        running.remove(table); // before the caller hears: a verify called on completion must be accepted
      }
      if (failure == null) {
        done.complete(report);
      } else {
        done.completeExceptionally(failure);
      }
    });
    if (running.putIfAbsent(table, thread) != null) {
      return CompletableFuture.failedFuture(new IllegalStateException("a verification of " + table
          + " is running; wait for its future (status().verification(table) shows its progress)"));
    }
    thread.start();
    return done;
  }

  /** Interrupts running verifications (the pipeline is closing); their progress stays for a resume. */
  public void close() {
    running.values().forEach(Thread::interrupt);
  }

  public Map<TableId, VerifyStatus> statuses() {
    return Map.copyOf(statuses);
  }

  private void failed(TableId table, Throwable e) {
    LOG.warn("[{}] verify of {} failed: {}", host.pipeline(), table, e.toString());
    VerifyStatus s = statuses.get(table);
    statuses.put(table, new VerifyStatus(table, VerifyStatus.State.FAILED, s == null ? 0 : s.chunksDone(),
        s == null ? 0 : s.chunksTotal(), s == null ? java.util.List.of() : s.mismatches(),
        e.getMessage() == null ? e.toString() : e.getMessage(),
        s == null ? Instant.now(host.clock()) : s.startedAt(), Instant.now(host.clock())));
  }

  /** The embedded engine as a verification's host. */
  private record EngineHost(PipelineEngine engine, ChangeWatch watch) implements VerifyHost {

    @Override
    public String pipeline() {
      return engine.config().name();
    }

    @Override
    public VerifyView view(TableId table) throws InterruptedException {
      try {
        return engine.verifyView(table).get();
      } catch (ExecutionException e) {
        PipelineStatus s = engine.status();
        if (s.state() != io.tributary.sync.PipelineState.RUNNING) { // the run ended while the query waited
          throw new io.tributary.sync.PipelineNotRunningException("pipeline " + pipeline() + " is " + s.state()
              + ", not RUNNING: verification of " + table + " stopped; verify again once it runs (it resumes)",
              s.state());
        }
        throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
      }
    }

    @Override
    public PipelineStatus status() {
      return engine.status();
    }

    @Override
    public ChangeWriter writer() {
      return engine.config().writer();
    }

    @Override
    public CheckpointStore store() {
      return engine.config().checkpointStore();
    }

    @Override
    public int defaultChunkSize() {
      return engine.config().snapshotChunkSize();
    }

    @Override
    public Clock clock() {
      return engine.config().clock();
    }

    @Override
    public void emit(SyncEvent event) {
      engine.emit(event);
    }

    @Override
    public ChangeWatch watch() {
      return watch;
    }

    @Override
    public CompletableFuture<Void> catchUp(TableId table, RowFilter filter) {
      return engine.resync(table, filter);
    }
  }
}
