package io.tributary.sync.internal.verify;

import io.tributary.sync.ErrorCode;
import io.tributary.sync.SyncEvent;
import io.tributary.sync.TablePhase;
import io.tributary.sync.VerifyException;
import io.tributary.sync.VerifyOptions;
import io.tributary.sync.VerifyReport;
import io.tributary.sync.VerifyStatus;
import io.tributary.sync.event.Row;
import io.tributary.sync.event.RowFilter;
import io.tributary.sync.event.TableId;
import io.tributary.sync.internal.VerifyView;
import io.tributary.sync.spi.ChangeWriter;
import io.tributary.sync.spi.SnapshotChunk;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One table's verification, on its own thread: plans key-range chunks through the source (as a full sync does, or
 * from the stored resume key), compares them one by one ({@link ChunkComparer}), records progress after each, and
 * with {@code repair} catches the mismatched ranges up through the pipeline's catch-up path (one catch-up whose
 * filter is the union of the ranges, so the table is re-read once) and compares them again.
 */
final class TableVerification {

  private static final Logger LOG = LoggerFactory.getLogger(TableVerification.class);
  private static final int SAMPLE_KEYS = 10;

  private final VerifyHost host;
  private final TableId table;
  private final VerifyOptions options;
  private final VerifyProgress.Store progress;
  private final Consumer<VerifyStatus> status;
  private final Instant started;
  private long sourceRows;
  private long targetRows;
  private long unsettled;

  TableVerification(VerifyHost host, TableId table, VerifyOptions options, VerifyProgress.Store progress,
      Consumer<VerifyStatus> status) {
    this.host = host;
    this.table = table;
    this.options = options;
    this.progress = progress;
    this.status = status;
    this.started = Instant.now(host.clock());
  }

  VerifyReport run() throws InterruptedException {
    VerifyView view = requireVerifiable(host.view(table));
    VerifyProgress earlier = options.resume() ? progress.load(table).orElse(null) : null;
    if (!options.resume()) {
      progress.save(table, null);
    }
    List<String> key = view.route().sourceSchema().primaryKey();
    RowFilter plan = earlier == null || earlier.resumeFrom() == null ? RowFilter.all()
        : RowFilter.keyRange(key, earlier.resumeFrom(), null);
    int chunkSize = options.chunkSize() == 0 ? host.defaultChunkSize() : options.chunkSize();
    List<SnapshotChunk> chunks = earlier != null && earlier.resumeFrom() == null ? List.of()
        : view.source().planChunks(view.route().sourceSchema(), plan, chunkSize);
    LOG.info("[{}] verifying {}: {} chunks{}", host.pipeline(), table, chunks.size(),
        earlier == null ? "" : " after " + earlier.chunksDone() + " done earlier (resumed)");
    try (ChangeWatch.Registration changes = host.watch().register(view.route().sourceSchema(),
        view.source().name())) {
      return run(view, earlier, chunks, changes);
    }
  }

  private VerifyReport run(VerifyView view, VerifyProgress earlier, List<SnapshotChunk> chunks,
      ChangeWatch.Registration changes) throws InterruptedException {
    int offset = earlier == null ? 0 : earlier.chunksDone();
    List<VerifyReport.ChunkMismatch> mismatches = new ArrayList<>(earlier == null ? List.of() : earlier.mismatches());
    int total = offset + chunks.size();
    ChunkComparer comparer = new ChunkComparer(host, view, options, changes);
    for (int i = 0; i < chunks.size(); i++) {
      publish(VerifyStatus.State.VERIFYING, offset + i, total, mismatches, null);
      requireStreaming(host.status().table(table).map(t -> t.phase()).orElse(null));
      SnapshotChunk chunk = chunks.get(i);
      ChunkComparer.Outcome outcome = comparer.compare(chunk);
      unsettled += outcome.unsettledKeys();
      sourceRows += outcome.source().count();
      targetRows += outcome.target().count();
      if (!outcome.clean()) {
        VerifyReport.ChunkMismatch m = mismatch(offset + i, chunk, outcome);
        mismatches.add(m);
        LOG.warn("[{}] verify of {}: chunk {} differs", host.pipeline(), table, m);
        host.emit(new SyncEvent.VerifyMismatch(host.pipeline(), Instant.now(host.clock()), table, m));
      }
      progress.save(table, new VerifyProgress(chunk.upperExclusive(), offset + i + 1, mismatches));
    }
    List<VerifyReport.ChunkMismatch> remaining = List.of();
    boolean repair = options.repair() && !mismatches.isEmpty();
    if (repair) {
      publish(VerifyStatus.State.REPAIRING, total, total, mismatches, null);
      remaining = repair(comparer, mismatches, changes);
    }
    VerifyReport report = new VerifyReport(table, total, sourceRows, targetRows, mismatches, repair, remaining,
        earlier != null, unsettled);
    progress.save(table, null);
    publish(VerifyStatus.State.DONE, total, total, repair ? remaining : mismatches, null);
    LOG.info("[{}] verify of {} finished: {} chunks, {} mismatched{}", host.pipeline(), table, total,
        mismatches.size(), repair ? ", " + remaining.size() + " still mismatched after repair" : "");
    host.emit(new SyncEvent.VerifyFinished(host.pipeline(), Instant.now(host.clock()), table, report));
    return report;
  }

  /**
   * Catches the mismatched ranges up (read the source rows, delete the target's rows of the ranges, merge), waits
   * until the catch-up is merged and committed, and compares the ranges again.
   */
  private List<VerifyReport.ChunkMismatch> repair(ChunkComparer comparer, List<VerifyReport.ChunkMismatch> found,
      ChangeWatch.Registration changes) throws InterruptedException {
    List<String> key = comparer.view().route().sourceSchema().primaryKey();
    RowFilter[] ranges = found.stream().map(m -> RowFilter.keyRange(key, m.lowerInclusive(), m.upperExclusive()))
        .toArray(RowFilter[]::new);
    RowFilter filter = ranges.length == 1 ? ranges[0] : RowFilter.or(ranges);
    LOG.info("[{}] repairing {}: catch-up of {} chunk(s)", host.pipeline(), table, ranges.length);
    try {
      host.catchUp(table, filter).get();
    } catch (java.util.concurrent.ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
    }
    // The command's status is published before its future completes: the table is RESYNCING (or already back).
    long deadline = System.nanoTime() + options.commitTimeout().toNanos();
    while (host.status().table(table).map(t -> t.phase()).orElse(null) != TablePhase.STREAMING) {
      if (host.status().table(table).map(t -> t.phase() == TablePhase.BLACKLISTED).orElse(true)
          || System.nanoTime() - deadline > 0) {
        throw new VerifyException(ErrorCode.VERIFY_TABLE_NOT_STREAMING, table, "repair of " + table + ": its"
            + " catch-up did not finish (table " + host.status().table(table).map(t -> t.phase()).orElse(null)
            + "); see status() for why, then verify again");
      }
      java.util.concurrent.locks.LockSupport.parkNanos(20_000_000L);
      if (Thread.interrupted()) {
        throw new InterruptedException("repair of " + table + " interrupted");
      }
    }
    // A query on the sink thread runs after the merge's checkpoint, which follows the merge at once.
    ChunkComparer again = new ChunkComparer(host, requireVerifiable(host.view(table)), options, changes);
    List<VerifyReport.ChunkMismatch> remaining = new ArrayList<>();
    for (VerifyReport.ChunkMismatch m : found) {
      SnapshotChunk chunk = new SnapshotChunk(table, m.index(), m.lowerInclusive(), m.upperExclusive(),
          RowFilter.all());
      ChunkComparer.Outcome outcome = again.compare(chunk);
      if (!outcome.clean()) {
        remaining.add(mismatch(m.index(), chunk, outcome));
      }
    }
    return remaining;
  }

  private static VerifyReport.ChunkMismatch mismatch(int index, SnapshotChunk chunk, ChunkComparer.Outcome o) {
    List<Row> sample = o.differingKeys().subList(0, Math.min(SAMPLE_KEYS, o.differingKeys().size()));
    return new VerifyReport.ChunkMismatch(index, chunk.lowerInclusive(), chunk.upperExclusive(), o.source().count(),
        o.target().count(), o.source().hash(), o.target().hash(), o.differingKeys().size(), sample);
  }

  private void publish(VerifyStatus.State state, int done, int total, List<VerifyReport.ChunkMismatch> found,
      String failure) {
    status.accept(new VerifyStatus(table, state, done, total, found, failure, started, null));
  }

  private VerifyView requireVerifiable(VerifyView view) {
    if (!host.writer().capabilities().contains(ChangeWriter.Capability.SCAN)) {
      throw new VerifyException(ErrorCode.VERIFY_UNSUPPORTED, table, "cannot verify " + table + ": writer "
          + host.writer() + " cannot read its targets back (it does not declare Capability.SCAN); use a writer that"
          + " does (Paimon, in-memory)");
    }
    if (view.targetScope() == null) {
      throw new VerifyException(ErrorCode.VERIFY_UNSUPPORTED, table, "cannot verify " + table + ": in its virtual"
          + " table its rows cannot be told apart from other shards'; configure extendedFields(...) that identify"
          + " the source table");
    }
    return requireStreaming(view);
  }

  static VerifyView requireStreaming(VerifyView view) {
    requireStreaming(view.table(), view.phase());
    return view;
  }

  private void requireStreaming(TablePhase phase) {
    requireStreaming(table, phase);
  }

  private static void requireStreaming(TableId table, TablePhase phase) {
    if (phase != TablePhase.STREAMING) {
      throw new VerifyException(ErrorCode.VERIFY_TABLE_NOT_STREAMING, table, "cannot verify " + table + ": it is "
          + phase + ", not STREAMING, so its target is not expected to equal its source; wait until status() shows"
          + " it STREAMING (re-sync a stopped one), then verify again (it resumes from its last finished chunk)");
    }
  }
}
