package io.tributary.sync.internal.verify;

import io.tributary.sync.ErrorCode;
import io.tributary.sync.PipelineNotRunningException;
import io.tributary.sync.PipelineState;
import io.tributary.sync.PipelineStatus;
import io.tributary.sync.SyncException;
import io.tributary.sync.VerifyOptions;
import io.tributary.sync.event.Row;
import io.tributary.sync.event.RowFilter;
import io.tributary.sync.internal.TableRoute;
import io.tributary.sync.internal.VerifyView;
import io.tributary.sync.spi.SnapshotChunk;
import io.tributary.sync.spi.SnapshotSink;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Compares one chunk: reads the source rows of its key range as a full sync does (between a low and a high
 * watermark), waits until the pipeline has committed past the high watermark, reads the target's rows of the range
 * and compares count, hash and per-key hashes. A key the log changed while this ran can differ legitimately (the
 * target shows a later state than the read): {@link ChangeWatch} names the keys the log changed at or after the
 * read's low watermark; those are compared again up to {@code rechecks} times, and reported as unsettled (not as
 * mismatches) if the log changed them every time.
 * Verifier thread only.
 */
final class ChunkComparer {

  private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

  /**
   * A chunk's last comparison, the keys found to differ though the log did not change them meanwhile (real
   * mismatches), and how many keys differed but were changed by the log in every comparison (not judged).
   */
  record Outcome(ChunkRows source, ChunkRows target, List<Row> differingKeys, int unsettledKeys) {
    boolean clean() {
      return differingKeys.isEmpty();
    }
  }

  private record Pass(ChunkRows source, ChunkRows target, long low, long high, long committed) {
  }

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ChunkComparer.class);

  private final VerifyHost host;
  private final VerifyOptions options;
  private final Throttle throttle;
  private final ChangeWatch.Registration changes;
  private VerifyView view;

  ChunkComparer(VerifyHost host, VerifyView view, VerifyOptions options, ChangeWatch.Registration changes) {
    this.host = host;
    this.view = view;
    this.changes = changes;
    this.options = options;
    this.throttle = new Throttle(options.maxRowsPerSecond());
  }

  VerifyView view() {
    return view;
  }

  /**
   * Compares the chunk; keys that differ but were changed by the log during the comparison are compared again (up
   * to {@code rechecks} times), the others are mismatches at once: the target read shows the pipeline's state at
   * or after the source read, so an unchanged key must be equal.
   */
  Outcome compare(SnapshotChunk chunk) throws InterruptedException {
    Map<Long, Row> mismatched = new LinkedHashMap<>();
    Set<Long> pending = null;
    Pass pass = null;
    long deadline = System.nanoTime() + options.commitTimeout().toNanos();
    boolean blind = false;
    for (int judged = 0; judged <= options.rechecks(); ) {
      if (pass != null) {
        // Let writes pass; a blind pass waits for the source's next snapshot.
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(blind ? 100 : 10L << Math.min(judged, 5)));
        view = TableVerification.requireStreaming(host.view(chunk.table())); // a schema change may have remapped it
      }
      pass = pass(chunk);
      Set<Long> differing = pass.source().differingKeys(pass.target());
      if (pending != null) {
        differing.retainAll(pending);
      }
      blind = !changes.covers(pass.low());
      if (blind) {
        // Read under a snapshot older than the record of changes (a shared one): no key can be judged; read again.
        pending = differing;
        if (pending.isEmpty() || System.nanoTime() - deadline > 0) {
          break;
        }
        continue;
      }
      judged++;
      Set<Long> changed = new HashSet<>();
      for (long k : differing) {
        if (changes.changedSince(k, pass.low())) {
          changed.add(k);
        } else {
          mismatched.put(k, ChunkRows.key(k, pass.source(), pass.target()));
          if (LOG.isDebugEnabled() && mismatched.size() <= 3) {
            LOG.debug("[{}] {}: key {} differs: source {}, target {} (read at seq {}..{}, target read at committed"
                + " seq {})", host.pipeline(), chunk, mismatched.get(k), pass.source().row(k), pass.target().row(k),
                pass.low(), pass.high(), pass.committed());
          }
        }
      }
      changes.prune(pass.low());
      pending = changed;
      if (pending.isEmpty()) {
        break;
      }
    }
    return new Outcome(pass.source(), pass.target(), new ArrayList<>(mismatched.values()), pending.size());
  }

  private Pass pass(SnapshotChunk chunk) throws InterruptedException {
    TableRoute route = view.route();
    int[] key = sourceKeyInTarget(route);
    ChunkRows source = new ChunkRows(key);
    long[] low = {Long.MIN_VALUE};
    long[] high = {Long.MIN_VALUE};
    view.source().readChunk(chunk, route.sourceSchema(), new SnapshotSink() {
      @Override
      public void lowWatermark(long seq) {
        low[0] = seq;
      }

      @Override
      public void accept(Row row) throws InterruptedException {
        throttle.acquire();
        source.add(route.toTarget(row));
      }

      @Override
      public void highWatermark(long seq) {
        high[0] = seq;
      }
    });
    if (high[0] == Long.MIN_VALUE) {
      throw new IllegalStateException("source " + view.source().name() + " read " + chunk + " without a high"
          + " watermark");
    }
    long committed = awaitCommitted(high[0]);
    ChunkRows target = new ChunkRows(key);
    try {
      host.writer().scan(route.target(), targetFilter(chunk), row -> {
        try {
          throttle.acquire();
        } catch (InterruptedException e) {
          throw new Interrupted(e);
        }
        target.add(row);
      });
    } catch (Interrupted e) {
      throw e.cause;
    }
    return new Pass(source, target, low[0], high[0], committed);
  }

  /**
   * Where the source key's columns are in the target layout: rows are told apart by the source key (in merge mode
   * the target key adds extended fields, equal for all of one table's rows), as the log watch names keys.
   */
  private static int[] sourceKeyInTarget(TableRoute route) {
    List<String> names = route.sourceSchema().primaryKey();
    int[] out = new int[names.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = route.target().indexOf(names.get(i));
      if (out[i] < 0) {
        throw new IllegalStateException("target " + route.target().name() + " lacks key column " + names.get(i));
      }
    }
    return out;
  }

  /** The target rows that correspond to the chunk's source rows: the table's scope, the key range, the filter. */
  RowFilter targetFilter(SnapshotChunk chunk) {
    List<RowFilter> parts = new ArrayList<>();
    if (!(view.targetScope() instanceof RowFilter.All)) {
      parts.add(view.targetScope());
    }
    if (chunk.lowerInclusive() != null || chunk.upperExclusive() != null) {
      parts.add(RowFilter.keyRange(view.route().sourceSchema().primaryKey(), chunk.lowerInclusive(),
          chunk.upperExclusive()));
    }
    if (!(chunk.filter() instanceof RowFilter.All)) {
      parts.add(chunk.filter());
    }
    return parts.isEmpty() ? RowFilter.all() : parts.size() == 1 ? parts.get(0)
        : RowFilter.and(parts.toArray(RowFilter[]::new));
  }

  /**
   * Waits until every change the source logged before the read's high watermark is committed to the target, so the
   * target shows the chunk at the read's point or later.
   */
  private long awaitCommitted(long high) throws InterruptedException {
    long deadline = System.nanoTime() + options.commitTimeout().toNanos();
    String source = view.source().name();
    while (true) {
      PipelineStatus s = host.status();
      if (s.state() != PipelineState.RUNNING) {
        throw new PipelineNotRunningException("pipeline " + host.pipeline() + " is " + s.state() + ", not RUNNING:"
            + " verification of " + view.table() + " stopped; verify again once it runs (it resumes)", s.state());
      }
      PipelineStatus.SourceStatus st = s.sources().get(source);
      if (st != null && st.committedSeq() >= high) {
        return st.committedSeq();
      }
      if (System.nanoTime() - deadline > 0) {
        throw new SyncException(ErrorCode.TRANSIENT, "verification of " + view.table() + " waited "
            + options.commitTimeout() + " for the pipeline to commit source " + source + " past seq " + high
            + " (committed: " + (st == null ? "none" : st.committedSeq()) + "); the pipeline lags: verify again"
            + " later (it resumes), or raise VerifyOptions.commitTimeout");
      }
      LockSupport.parkNanos(POLL_NANOS);
      if (Thread.interrupted()) {
        throw new InterruptedException("verification of " + view.table() + " interrupted");
      }
    }
  }

  /** Carries an interrupt out of the scan's consumer. */
  private static final class Interrupted extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final transient InterruptedException cause;

    Interrupted(InterruptedException cause) {
      super(cause);
      this.cause = cause;
    }
  }
}
