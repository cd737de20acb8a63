package io.tributary.flink;

import io.tributary.sync.event.TableId;
import io.tributary.sync.event.TableSchema;
import io.tributary.sync.internal.FlinkHost;
import io.tributary.sync.internal.PipelineConfig;
import io.tributary.sync.spi.ChangeSource;
import io.tributary.sync.spi.LogStream;
import io.tributary.sync.spi.SnapshotChunk;
import io.tributary.sync.spi.StartPosition;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The split enumerator. On a fresh start it fixes each source's log position first (opens the log at its latest
 * position and closes it again), then plans the chunks of every table the definition full-syncs, as the local engine
 * does (log before snapshot, so the log covers every chunk's watermarks). Log splits go to a fixed reader each;
 * chunk splits go, highest priority first, to whichever reader asks for work. Unassigned chunks are its state.
 */
final class ChunkEnumerator implements SplitEnumerator<TributarySplit, EnumeratorState> {

  private static final Logger LOG = LoggerFactory.getLogger(ChunkEnumerator.class);
  /** How many re-read ids are remembered (a re-read asked again after more than these would be read twice: safe). */
  private static final int REREAD_IDS = 100_000;

  private final SplitEnumeratorContext<TributarySplit> context;
  private final Definition definition;
  private final Deque<TributarySplit.Chunk> chunks = new ArrayDeque<>();
  private final List<TributarySplit.Log> logs = new ArrayList<>();
  private final Set<Integer> waiting = new LinkedHashSet<>();
  private boolean planned;
  /** The job build's key, where the decision operator's coordinator finds this enumerator (null: none). */
  private final String key;
  /** Per table, the last snapshot planned while the job runs (answered again when asked again). */
  private final Map<TableId, PlanMessages.Answer> runPlans = new LinkedHashMap<>();
  /** Ids of the re-reads added as splits (oldest first, bounded): a re-read asked again is added once. */
  private final LinkedHashSet<Long> rereads = new LinkedHashSet<>();
  /** Sources for plans made while the job runs (opened on first use). */
  private PipelineConfig runConfig;

  ChunkEnumerator(SplitEnumeratorContext<TributarySplit> context, Definition definition, EnumeratorState restored,
      String key) {
    this.context = context;
    this.definition = definition;
    this.key = key;
    if (restored != null) {
      planned = restored.planned();
      for (TributarySplit s : restored.unassigned()) {
        addUnassigned(s, false);
      }
      restored.plans().forEach(a -> runPlans.put(a.table(), a));
      rereads.addAll(restored.rereads());
    }
  }

  @Override
  public void start() {
    PlanCoordinator.register(key, this);
    if (!planned) {
      plan();
      planned = true;
    }
    context.registeredReaders().keySet().forEach(this::assignLogs);
  }

  private void plan() {
    PipelineConfig config = Configs.of(definition);
    try {
      FlinkHost.FreshStart fresh = FlinkHost.freshStart(config);
      List<ChangeSource> sources = config.sources();
      List<byte[]> positions = new ArrayList<>();
      for (int i = 0; i < sources.size(); i++) {
        Map<TableId, TableSchema> schemas = new LinkedHashMap<>();
        fresh.schemas().get(i).forEach(s -> schemas.put(s.id(), s));
        try (LogStream log = sources.get(i).openLog(StartPosition.latest(), schemas)) {
          positions.add(log.startPosition().encode());
          LOG.info("[{}] source {} starts at {}", config.name(), sources.get(i).name(), log.startPosition());
        }
      }
      List<List<SourceItem.TablePlan>> plans = new ArrayList<>();
      sources.forEach(s -> plans.add(new ArrayList<>()));
      List<FlinkHost.PlanRequest> requests = new ArrayList<>(fresh.snapshots());
      requests.sort(Comparator.comparingInt(FlinkHost.PlanRequest::priority).reversed());
      for (FlinkHost.PlanRequest r : requests) {
        List<SnapshotChunk> planned = sources.get(r.sourceIndex()).planChunks(r.schema(), r.filter(),
            config.snapshotChunkSize());
        plans.get(r.sourceIndex()).add(new SourceItem.TablePlan(r.table(), planned));
        planned.forEach(c -> chunks.add(new TributarySplit.Chunk(r.sourceIndex(), c, r.schema(), r.priority(), 0)));
        LOG.info("[{}] {} planned in {} chunks", config.name(), r.table(), planned.size());
      }
      for (int i = 0; i < sources.size(); i++) {
        logs.add(new TributarySplit.Log(i, positions.get(i), fresh.schemas().get(i), plans.get(i)));
      }
    } finally {
      config.sources().forEach(Configs::closeQuietly);
      Configs.closeQuietly(config.writer());
    }
  }

  private void addUnassigned(TributarySplit s, boolean front) {
    if (s instanceof TributarySplit.Log l) {
      logs.add(l);
    } else if (front) {
      chunks.addFirst((TributarySplit.Chunk) s);
    } else {
      chunks.addLast((TributarySplit.Chunk) s);
    }
  }

  /** A source's log always goes to the same reader (source index modulo parallelism). */
  private void assignLogs(int subtask) {
    int parallelism = context.currentParallelism();
    for (var it = logs.iterator(); it.hasNext(); ) {
      TributarySplit.Log l = it.next();
      if (l.sourceIndex() % parallelism == subtask) {
        context.assignSplit(l, subtask);
        it.remove();
      }
    }
  }

  @Override
  public void handleSplitRequest(int subtaskId, String requesterHostname) {
    waiting.add(subtaskId);
    serveWaiting();
  }

  private void serveWaiting() {
    for (var it = waiting.iterator(); it.hasNext() && !chunks.isEmpty(); ) {
      int subtask = it.next();
      if (context.registeredReaders().containsKey(subtask)) {
        context.assignSplit(chunks.pollFirst(), subtask);
      }
      it.remove();
    }
  }

  @Override
  public void addSplitsBack(List<TributarySplit> splits, int subtaskId) {
    for (int i = splits.size() - 1; i >= 0; i--) {
      addUnassigned(splits.get(i), true);
    }
    if (context.registeredReaders().containsKey(subtaskId)) {
      assignLogs(subtaskId);
    }
    serveWaiting();
  }

  @Override
  public void addReader(int subtaskId) {
    assignLogs(subtaskId);
  }

  @Override
  public EnumeratorState snapshotState(long checkpointId) {
    List<TributarySplit> unassigned = new ArrayList<>(logs);
    unassigned.addAll(chunks);
    return new EnumeratorState(planned, unassigned, new ArrayList<>(runPlans.values()), new ArrayList<>(rereads));
  }

  /**
   * A message of the decision operator ({@link PlanMessages}), from any thread: handled in the coordinator thread,
   * answers go to {@code reply}.
   */
  void fromDecider(Object message, java.util.function.Consumer<Object> reply) {
    context.runInCoordinatorThread(() -> {
      if (message instanceof PlanMessages.Request r) {
        planWhileRunning(r, reply);
      } else if (message instanceof PlanMessages.Prioritize p) {
        List<TributarySplit.Chunk> first = new ArrayList<>();
        chunks.removeIf(c -> c.chunk().table().equals(p.table()) && first.add(c));
        for (int i = first.size() - 1; i >= 0; i--) {
          chunks.addFirst(first.get(i));
        }
        LOG.info("[{}] {} prioritised: {} unread chunks first", name(), p.table(), first.size());
      } else if (message instanceof PlanMessages.Reread r) {
        reread(r, reply);
      } else if (message instanceof PlanMessages.Reschema r) {
        int n = 0;
        List<TributarySplit.Chunk> all = new ArrayList<>(chunks);
        chunks.clear();
        for (TributarySplit.Chunk c : all) {
          if (c.chunk().table().equals(r.table()) && c.plan() == r.plan() && !c.schema().equals(r.schema())) {
            c = new TributarySplit.Chunk(c.sourceIndex(), c.chunk(), r.schema(), c.priority(), c.plan());
            n++;
          }
          chunks.addLast(c);
        }
        LOG.info("[{}] {}: {} unread chunks switched to its new layout", name(), r.table(), n);
      } else if (message instanceof PlanMessages.Cancel c) {
        int before = chunks.size();
        chunks.removeIf(x -> x.chunk().table().equals(c.table()));
        LOG.info("[{}] {}'s snapshot cancelled: {} unread chunks dropped", name(), c.table(), before - chunks.size());
      }
    });
  }

  /**
   * The decider reads a chunk again (its table's layout changed during the sync): the chunk becomes a split again,
   * first in line (re-reads hold up the table's merge), unless this re-read was added before (asked again after the
   * decision operator's restore). Acknowledged either way; the split is in this enumerator's next checkpoint.
   */
  private void reread(PlanMessages.Reread r, java.util.function.Consumer<Object> reply) {
    if (rereads.add(r.id())) {
      if (rereads.size() > REREAD_IDS) {
        var it = rereads.iterator();
        it.next();
        it.remove();
      }
      chunks.addFirst(new TributarySplit.Chunk(r.sourceIndex(), r.chunk(), r.schema(), r.priority(), r.plan()));
      LOG.info("[{}] {} read again with its new layout", name(), r.chunk());
    }
    reply.accept(new PlanMessages.RereadAdded(r.id()));
    serveWaiting();
  }

  /**
   * Plans a snapshot the decider asked for while the job runs (a table added on a restore, a re-sync, a catch-up, a
   * resume): its chunks become splits (unassigned chunks of the table's earlier plan are dropped), and the chunk
   * list goes back to the decider. A plan asked for again (after the operator's restore) is answered as made.
   */
  private void planWhileRunning(PlanMessages.Request r, java.util.function.Consumer<Object> reply) {
    PlanMessages.Answer known = runPlans.get(r.table());
    if (known != null && known.plan() == r.plan()) {
      reply.accept(known); // asked again (the operator restored): its splits are here, in readers or handed back
      return;
    }
    if (runConfig == null) {
      runConfig = Configs.of(definition);
    }
    List<SnapshotChunk> planned = runConfig.sources().get(r.sourceIndex()).planChunks(r.schema(), r.filter(),
        runConfig.snapshotChunkSize());
    chunks.removeIf(c -> c.chunk().table().equals(r.table()));
    planned.forEach(c -> chunks.add(new TributarySplit.Chunk(r.sourceIndex(), c, r.schema(), r.priority(),
        r.plan())));
    PlanMessages.Answer answer = new PlanMessages.Answer(r.plan(), r.table(), planned);
    runPlans.put(r.table(), answer);
    LOG.info("[{}] {} planned in {} chunks while running (plan {})", runConfig.name(), r.table(), planned.size(),
        r.plan());
    reply.accept(answer);
    serveWaiting();
  }

  private String name() {
    if (runConfig == null) {
      runConfig = Configs.of(definition);
    }
    return runConfig.name();
  }

  @Override
  public void close() {
    PlanCoordinator.unregister(key, this);
    if (runConfig != null) {
      runConfig.sources().forEach(Configs::closeQuietly);
      Configs.closeQuietly(runConfig.writer());
    }
  }
}
