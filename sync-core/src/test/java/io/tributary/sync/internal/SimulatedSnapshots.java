package io.tributary.sync.internal;

import io.tributary.sync.event.Row;
import io.tributary.sync.event.TableId;
import io.tributary.sync.event.TableSchema;
import io.tributary.sync.spi.SnapshotSink;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The snapshot workers of a {@link DeciderSimulation} run, without threads: the snapshot effects queue up as tasks
 * (plans and chunk reads), a step runs one of them (the oldest or the newest), and the items a task produces (the
 * plan, a chunk's rows in pieces and its watermarks) reach the decider one per step, interleaved with the log.
 * Cancellations, re-schemas and prioritisations act on the queued tasks as {@link SnapshotWorkers} does.
 */
final class SimulatedSnapshots {

  private final Random rnd;
  private final SimulatedShards shards;
  private final SimulatedFailures failures;
  private final int chunkSize;
  private final ArrayDeque<Effect> tasks = new ArrayDeque<>();
  private final ArrayDeque<Input> items = new ArrayDeque<>();

  SimulatedSnapshots(Random rnd, SimulatedShards shards, SimulatedFailures failures, int chunkSize) {
    this.rnd = rnd;
    this.shards = shards;
    this.failures = failures;
    this.chunkSize = chunkSize;
  }

  /** A new run: the workers' queues are gone. */
  void clear() {
    tasks.clear();
    items.clear();
  }

  /** The next item for the decider, or null. */
  Input nextItem() {
    return items.poll();
  }

  /** Runs a queued task, the oldest or the newest. */
  void runTask() {
    if (tasks.isEmpty()) {
      return;
    }
    Effect task = rnd.nextBoolean() ? tasks.pollFirst() : tasks.pollLast();
    if (task instanceof Effect.PlanChunks p) {
      TableSchema schema = p.schema();
      items.add(new WorkItem.ChunksPlanned(p.table(), p.generation(),
          shards.changeSource(p.sourceIndex()).planChunks(schema, p.filter(), chunkSize)));
    } else if (task instanceof Effect.ReadChunk r) {
      read(r);
    }
  }

  private void read(Effect.ReadChunk r) {
    WorkItem.Failed failure = failures.chunkFailure(r); // wider: the read fails at its end
    try {
      shards.changeSource(r.sourceIndex()).readChunk(r.chunk(), r.schema(), new SnapshotSink() {
        long low;
        List<Row> rows = new ArrayList<>();

        @Override
        public void lowWatermark(long seq) {
          low = seq;
        }

        @Override
        public void accept(Row row) {
          rows.add(row);
          if (rows.size() == 3) {
            flush();
          }
        }

        @Override
        public void highWatermark(long seq) {
          flush();
          items.add(new WorkItem.ChunkDone(r.chunk().table(), r.generation(), r.chunk().index(),
              r.schema(), low, Math.max(seq, low)));
        }

        private void flush() {
          if (!rows.isEmpty()) {
            items.add(new WorkItem.ChunkRows(r.chunk().table(), r.generation(), r.chunk().index(), low,
                r.schema(), rows, 1));
            rows = new ArrayList<>();
          }
        }
      });
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
    if (failure != null) {
      items.pollLast(); // its ChunkDone
      items.add(failure);
    }
  }

  /** Executes {@code e} if it is a snapshot effect; false if it is not one. */
  boolean execute(Effect e) {
    if (e instanceof Effect.PlanChunks || e instanceof Effect.ReadChunk) {
      tasks.add(e);
    } else if (e instanceof Effect.CancelSnapshot c) {
      tasks.removeIf(x -> table(x).equals(c.table()));
    } else if (e instanceof Effect.Reschema r) { // queued reads of the sync read with the new schema
      List<Effect> moved = new ArrayList<>();
      tasks.removeIf(x -> {
        if (x instanceof Effect.ReadChunk c && c.chunk().table().equals(r.table())
            && c.generation() == r.generation()) {
          moved.add(new Effect.ReadChunk(c.sourceIndex(), c.chunk(), c.generation(), r.schema(), c.priority()));
          return true;
        }
        return false;
      });
      tasks.addAll(moved);
    } else if (e instanceof Effect.Prioritize p) { // wider: the table's queued snapshot work goes first
      List<Effect> first = new ArrayList<>();
      tasks.removeIf(x -> table(x).equals(p.table()) && first.add(x));
      for (int i = first.size() - 1; i >= 0; i--) {
        tasks.addFirst(first.get(i));
      }
    } else {
      return false;
    }
    return true;
  }

  private static TableId table(Effect e) {
    return e instanceof Effect.PlanChunks p ? p.table() : ((Effect.ReadChunk) e).chunk().table();
  }
}
