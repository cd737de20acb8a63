package io.tributary.sync.internal;

import io.tributary.sync.event.RowFilter;
import io.tributary.sync.event.TableId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The runtime's half of operator commands: the decider sees a command as data with an id ({@link WorkItem.Command})
 * and answers with {@link Effect.CompleteCommand}; the callers' futures stay here, keyed by that id, and fail when
 * the run ends before their command was applied. Any thread submits; the sink thread completes.
 */
final class CommandFutures {

  private final Map<Long, CompletableFuture<Void>> pending = new ConcurrentHashMap<>();
  private final AtomicLong ids = new AtomicLong();
  private volatile boolean ended;

  /** Registers a command's future and returns the command to queue. */
  WorkItem.Command register(WorkItem.Command.Op op, List<TableId> tables, RowFilter filter,
      CompletableFuture<Void> done) {
    long id = ids.incrementAndGet();
    pending.put(id, done);
    return new WorkItem.Command(id, op, tables, filter);
  }

  boolean ended() {
    return ended;
  }

  void complete(Effect.CompleteCommand c) {
    CompletableFuture<Void> done = pending.remove(c.id());
    if (done != null && c.error() == null) {
      done.complete(null);
    } else if (done != null) {
      done.completeExceptionally(c.error());
    }
  }

  /** The run ended (or was killed): commands not yet applied fail, and so do later ones. */
  void failPending() {
    ended = true;
    for (Long id : List.copyOf(pending.keySet())) {
      CompletableFuture<Void> done = pending.remove(id);
      if (done != null) {
        done.completeExceptionally(new IllegalStateException("the pipeline run ended before the operation was"
            + " applied; retry it once the pipeline runs"));
      }
    }
  }
}
