package io.tributary.flink;

import io.tributary.sync.event.RowFilter;
import io.tributary.sync.spi.ChangeWriter;
import io.tributary.sync.spi.RowBatch;
import io.tributary.sync.spi.TargetTable;
import io.tributary.sync.spi.WriteShards;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.flink.api.java.tuple.Tuple3;

/**
 * Turns the decider's write effects into writer-subtask records by target and shard (see docs/design.md, "Writers
 * keyed by target and bucket"). Rows go to the shard of their key (the writer's {@link ChangeWriter#shards}: Paimon's
 * buckets), each batch split in order, so every key's changes reach its one subtask in the decider's order and each
 * bucket has one writer. A table-level operation ({@code Ensure}, {@code Merge}, {@code Drop}, {@code DeleteWhere})
 * is sent once per shard, consecutively; a subtask applies the copy of the first of its shards only
 * ({@link WriteRouting#applies}), so every subtask writing the target does it once, at the same place in its rows'
 * order. A target's shards are asked of the writer at each {@code Ensure} (every target is ensured at the start of
 * each run, restores included, before its first write). Runs in the decision operator's thread.
 */
final class WriteRouter {

  private final ChangeWriter writer;
  private final Consumer<Tuple3<String, Integer, byte[]>> out;
  private final Map<String, WriteShards> shards = new HashMap<>();
  /** Per-shard parts of the batch being split, reused (encoded at once). */
  private RowBatch[] parts = new RowBatch[0];

  /** @param writer built by the definition, never opened: {@code shards} only reads */
  WriteRouter(ChangeWriter writer, Consumer<Tuple3<String, Integer, byte[]>> out) {
    this.writer = writer;
    this.out = out;
  }

  void ensure(TargetTable table, Map<String, String> renamedFrom) {
    WriteShards s = writer.shards(table);
    shards.put(table.name(), s.count() > 1 ? s : WriteShards.ONE);
    toEveryShard(table.name(), new WriteOp.Ensure(table, renamedFrom));
  }

  /** Rows for the target or one of its staging areas; encoded now (the decider reuses the batch). */
  void write(String target, String staging, RowBatch batch) {
    WriteShards s = shardsOf(target);
    if (s.count() == 1) {
      out.accept(Tuple3.of(target, 0, WriteOp.encode(new WriteOp.Write(staging, batch))));
      return;
    }
    if (parts.length < s.count()) {
      parts = new RowBatch[s.count()];
    }
    for (int i = 0; i < batch.size(); i++) {
      int shard = s.shardOf(batch.row(i));
      RowBatch part = parts[shard];
      if (part == null) {
        part = parts[shard] = new RowBatch(64);
      }
      copy(batch, i, part);
    }
    for (int shard = 0; shard < s.count(); shard++) {
      RowBatch part = parts[shard];
      if (part != null && !part.isEmpty()) {
        out.accept(Tuple3.of(target, shard, WriteOp.encode(new WriteOp.Write(staging, part))));
        part.clear();
      }
    }
  }

  void merge(String target, String staging, RowFilter replaceScope) {
    toEveryShard(target, new WriteOp.Merge(staging, replaceScope));
  }

  void drop(String target, String staging) {
    toEveryShard(target, new WriteOp.Drop(staging));
  }

  void deleteWhere(String target, RowFilter filter) {
    toEveryShard(target, new WriteOp.DeleteWhere(filter));
  }

  private void toEveryShard(String target, WriteOp op) {
    byte[] encoded = WriteOp.encode(op);
    int n = shardsOf(target).count();
    for (int shard = 0; shard < n; shard++) {
      out.accept(Tuple3.of(target, -1 - shard, encoded));
    }
  }

  private WriteShards shardsOf(String target) {
    WriteShards s = shards.get(target);
    if (s == null) {
      throw new IllegalStateException("write to target " + target + " before its EnsureTable in this run");
    }
    return s;
  }

  private static void copy(RowBatch from, int i, RowBatch to) {
    if (from.isDelete(i)) {
      to.delete(from.row(i), from.seq(i));
    } else if (from.isSnapshot(i)) {
      to.upsertSnapshot(from.row(i), from.seq(i));
    } else if (from.unchangedFrom(i) != null) {
      to.upsertMoved(from.row(i), from.seq(i), from.unchanged(i), from.unchangedFrom(i));
    } else {
      to.upsert(from.row(i), from.seq(i), from.unchanged(i));
    }
  }
}
