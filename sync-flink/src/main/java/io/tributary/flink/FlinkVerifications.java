package io.tributary.flink;

import io.tributary.sync.PipelineStatus;
import io.tributary.sync.SyncEvent;
import io.tributary.sync.VerifyOptions;
import io.tributary.sync.event.ChangeEvent;
import io.tributary.sync.event.RowFilter;
import io.tributary.sync.event.TableId;
import io.tributary.sync.internal.FlinkHost;
import io.tributary.sync.internal.PipelineConfig;
import io.tributary.sync.internal.VerifyView;
import io.tributary.sync.internal.verify.ChangeWatch;
import io.tributary.sync.internal.verify.Verifier;
import io.tributary.sync.internal.verify.VerifyHost;
import io.tributary.sync.spi.ChangeWriter;
import io.tributary.sync.spi.CheckpointStore;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.common.operators.MailboxExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Verification of a running job's tables ({@link TableCommand#verify}, {@link TableCommand#repair}), hosted by the
 * decision operator: the engine's own verifier ({@code SyncPipeline.verify}'s code) on a thread of its own, with
 * this operator as its pipeline. Why here and not outside the job: a chunk's comparison needs what only the job has
 * (docs/design.md, "Verify and repair"): the position its writers have committed (the target is read once every
 * change before the read's high watermark is committed) and the keys its log changed since the read's low watermark
 * (such keys may differ legitimately). The decision operator sees every log batch, in order, before its writes go
 * out (fed to the {@link ChangeWatch}), and the commits (Flink's checkpoints). The verifier reads source chunks with
 * the definition's source and the target with the writer's read-only {@code scan}, both built in this task and
 * never opened for writing. The report goes to the definition's listeners ({@code VerifyMismatch},
 * {@code VerifyFinished}) and the log.
 *
 * <p>What the verifier is shown of the job is settled: the status as of barrier n-2 (recorded when the decider cut
 * that checkpoint, so it holds exactly what went out before the barrier), once checkpoint n completed. Not the
 * status when n completes: Flink tells the decision operator and the writer subtasks of a completed checkpoint
 * independently, and the next barrier may reach the decider before the notification does (seen in FlinkVerifyIT:
 * a repair's merge emitted after barrier n+1 looked committed at n); and a writer subtask holds operations while its
 * previous commit is pending and after a merge until its next commit, so what went out before barrier n-2 may be
 * committed only with n-1 or n. Two checkpoints of margin cover both unless notifications lag barriers by two full
 * checkpoints. So a committed position shown to the verifier is in the target, and a table shown STREAMING after a
 * repair's catch-up has its merge committed (the embedded engine commits the merge at once).
 */
final class FlinkVerifications implements VerifyHost, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(FlinkVerifications.class);
  private static final AtomicLong THREADS = new AtomicLong();

  private final PipelineConfig config;
  private final RunReporting reporting;
  private final FlinkHost host;
  private final Map<Long, String> commandIds;
  private final MailboxExecutor mailbox;
  private final ChangeWatch watch = new ChangeWatch();
  private final Verifier verifier;
  /** Catch-ups of repairs handed to the decider, by decider command number (operator thread). */
  private final Map<Long, CompletableFuture<Void>> catchUps = new HashMap<>();
  private final Map<Long, TableId> pending = new HashMap<>();
  /** Catch-ups the decider started: done once a settled status recorded after it shows the table back. */
  private final List<Started> started = new java.util.ArrayList<>();
  /** Statuses recorded at barriers not yet settled, by checkpoint id (operator thread). */
  private final java.util.TreeMap<Long, PipelineStatus> recorded = new java.util.TreeMap<>();
  /** The last barrier the decider was cut at (operator thread). */
  private long lastBarrier = -1;
  /** What the verifier sees ({@link #status}); null until a recorded barrier settled. */
  private volatile Recorded settled;

  private record Recorded(long checkpointId, PipelineStatus status) {
  }

  private record Started(TableId table, long afterBarrier, CompletableFuture<Void> done) {
  }

  FlinkVerifications(PipelineConfig config, RunReporting reporting, FlinkHost host, Map<Long, String> commandIds,
      MailboxExecutor mailbox) {
    this.config = config;
    this.reporting = reporting;
    this.host = host;
    this.commandIds = commandIds;
    this.mailbox = mailbox;
    this.verifier = new Verifier(this, r -> {
      Thread t = new Thread(r, "tributary-verify-" + config.name() + "-" + THREADS.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
  }

  /** Whether command op {@code op} is a verification's ({@link TableCommand.Op#VERIFY} and its options). */
  static boolean handles(String op) {
    return op.startsWith(TableCommand.Op.VERIFY.name() + " ");
  }

  /** {@code options} as a verify command's op carries them (after {@code VERIFY }). */
  static String encode(VerifyOptions o) {
    return "repair=" + o.repair() + " maxRowsPerSecond=" + o.maxRowsPerSecond() + " chunkSize=" + o.chunkSize()
        + " rechecks=" + o.rechecks() + " resume=" + o.resume() + " commitTimeoutMillis=" + o.commitTimeout().toMillis();
  }

  static VerifyOptions decode(String op) {
    Map<String, String> v = new HashMap<>();
    for (String part : op.substring(op.indexOf(' ') + 1).split(" ")) {
      int eq = part.indexOf('=');
      v.put(part.substring(0, eq), part.substring(eq + 1));
    }
    return new VerifyOptions(Boolean.parseBoolean(v.get("repair")), Long.parseLong(v.get("maxRowsPerSecond")),
        Integer.parseInt(v.get("chunkSize")), Integer.parseInt(v.get("rechecks")),
        Boolean.parseBoolean(v.get("resume")), java.time.Duration.ofMillis(Long.parseLong(v.get("commitTimeoutMillis"))));
  }

  /** Starts verifying the command's table (operator thread); the outcome is logged and told to the listeners. */
  void start(SourceItem.Command c) {
    VerifyOptions options = decode(c.op());
    for (TableId table : c.tables()) {
      verifier.verify(table, options).whenComplete((report, failure) -> {
        if (failure != null) {
          LOG.warn("[{}] command {}: verification of {} failed: {}", config.name(), c.id(), table,
              failure.toString());
        } else {
          LOG.info("[{}] command {}: verification of {} done: {} chunks, {} mismatched{}", config.name(), c.id(),
              table, report.chunksTotal(), report.mismatches().size(),
              report.repaired() ? ", " + report.remaining().size() + " still mismatched after repair" : "");
        }
      });
    }
  }

  /** Log events of source {@code sourceIndex}, before the decider applies them (operator thread). */
  void observe(int sourceIndex, List<ChangeEvent> events) {
    watch.observe(config.sources().get(sourceIndex).name(), events);
  }

  /** The decider was cut at barrier {@code checkpointId}, its batches sent (operator thread): a status is recorded. */
  void barrier(long checkpointId) {
    reporting.publish(host, true);
    recorded.put(checkpointId, reporting.status());
    lastBarrier = checkpointId;
  }

  /** Checkpoint {@code checkpointId} completed (operator thread): the status of barrier id - 2 or older settles. */
  void checkpointCompleted(long checkpointId) {
    var settling = recorded.headMap(checkpointId - 2, true);
    if (settling.isEmpty()) {
      return;
    }
    Recorded s = new Recorded(settling.lastKey(), settling.get(settling.lastKey()));
    settling.clear();
    settled = s;
    started.removeIf(c -> {
      boolean back = c.afterBarrier() < s.checkpointId() && s.status().table(c.table())
          .map(t -> t.phase() == io.tributary.sync.TablePhase.STREAMING).orElse(false);
      if (back) {
        c.done().complete(null);
      }
      return back;
    });
  }

  /**
   * The decider answered command {@code n} (operator thread). A repair's catch-up it started is done for the
   * verifier once a settled status of a later barrier shows its table STREAMING again (its merge committed).
   */
  void commandDone(long n, RuntimeException error) {
    CompletableFuture<Void> f = catchUps.remove(n);
    TableId table = pending.remove(n);
    if (f == null) {
      return;
    }
    if (error != null) {
      f.completeExceptionally(error);
      return;
    }
    started.add(new Started(table, lastBarrier, f));
  }

  /** The verifications' statuses (as {@code PipelineStatus.verifications()}). */
  Map<TableId, io.tributary.sync.VerifyStatus> statuses() {
    return verifier.statuses();
  }

  @Override
  public void close() {
    verifier.close();
    catchUps.values().forEach(f -> f.cancel(false));
    started.forEach(c -> c.done().cancel(false));
  }

  // ---------------------------------------------------------------- VerifyHost (the verifier's threads)

  @Override
  public String pipeline() {
    return config.name();
  }

  @Override
  public VerifyView view(TableId table) {
    return reporting.verifyView(table);
  }

  /** The settled status (see the class comment); until there is one, the current one without committed positions. */
  @Override
  public PipelineStatus status() {
    Recorded r = settled;
    if (r != null) {
      return r.status();
    }
    PipelineStatus s = reporting.status();
    return new PipelineStatus(s.name(), s.state(), s.phase(), s.failure(), s.failureCause(), s.failureCode(),
        s.tables(), Map.of(), s.recordsRead(), s.recordsWritten(), s.readRate(), s.writeRate(), s.failovers(),
        s.lastCheckpointId(), s.lastCheckpointAt(), s.bufferedBytes());
  }

  @Override
  public ChangeWriter writer() {
    return config.writer(); // never opened: scan is read-only and needs no open
  }

  @Override
  public CheckpointStore store() {
    return config.checkpointStore();
  }

  @Override
  public int defaultChunkSize() {
    return config.snapshotChunkSize();
  }

  @Override
  public Clock clock() {
    return config.clock();
  }

  @Override
  public void emit(SyncEvent event) {
    reporting.emit(event);
  }

  @Override
  public ChangeWatch watch() {
    return watch;
  }

  /** A repair's catch-up, handed to the decider on the operator thread as a {@link TableCommand#catchUp} is. */
  @Override
  public CompletableFuture<Void> catchUp(TableId table, RowFilter filter) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    mailbox.execute(() -> {
      long n = OperatorCommands.next();
      catchUps.put(n, done); // before the decider runs it: its answer may come at once
      pending.put(n, table);
      OperatorCommands.issue(n, host, commandIds, config.name(), "repair of " + table, TableCommand.Op.RESYNC.name(),
          List.of(table), filter);
    }, "tributary repair of %s", table);
    return done;
  }
}
