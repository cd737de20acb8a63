package io.tributary.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.sync.event.Column;
import io.tributary.sync.event.DataType;
import io.tributary.sync.event.Row;
import io.tributary.sync.event.RowFilter;
import io.tributary.sync.memory.MemoryWarehouse;
import io.tributary.sync.memory.MemoryWriter;
import io.tributary.sync.spi.ForwardingChangeWriter;
import io.tributary.sync.spi.RowBatch;
import io.tributary.sync.spi.TargetTable;
import io.tributary.sync.spi.WriteShards;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.api.java.tuple.Tuple3;
import org.junit.jupiter.api.Test;

/**
 * The routing of write operations by target and shard: a batch split by shard keeps each key's rows in order, every
 * row of a shard goes to one subtask, and a table-level operation is applied once by every subtask that owns a shard of
 * its target (and by no other), at any writer parallelism.
 */
class WriteRouterTest {

  static final TargetTable T = new TargetTable("t", List.of(Column.of("id", DataType.bigint().notNull()),
      Column.of("v", DataType.intType())), List.of("id"));

  /** A writer whose targets have {@code shards} shards: the id modulo the count. */
  static ForwardingChangeWriter writer(int shards) {
    return new ForwardingChangeWriter(new MemoryWriter(new MemoryWarehouse())) {
      @Override
      public WriteShards shards(TargetTable table) {
        return new WriteShards() {
          @Override
          public int count() {
            return shards;
          }

          @Override
          public int shardOf(Row row) {
            return (int) ((long) row.get(0) % shards);
          }
        };
      }
    };
  }

  @Test
  void batchesSplitByShardInOrder_tableLevelOpsOncePerOwningSubtask() {
    for (int shards : new int[] {1, 2, 4, 8}) {
      for (int parallelism = 1; parallelism <= 5; parallelism++) {
        List<Tuple3<String, Integer, byte[]>> out = new ArrayList<>();
        WriteRouter router = new WriteRouter(writer(shards), out::add);
        router.ensure(T, Map.of());
        RowBatch batch = new RowBatch(8);
        for (long i = 0; i < 100; i++) {
          if (i % 7 == 3) {
            batch.delete(Row.of(i % 10, null), i);
          } else {
            batch.upsert(Row.of(i % 10, (int) i), i);
          }
        }
        router.write("t", null, batch);
        router.merge("t", "s", RowFilter.all());

        // What each subtask applies, in order.
        Map<Integer, List<String>> applied = new HashMap<>();
        Map<Long, Integer> subtaskOfKey = new HashMap<>();
        Map<Long, List<Long>> seqsOfKey = new HashMap<>();
        for (Tuple3<String, Integer, byte[]> op : out) {
          int subtask = WriteRouting.subtask(op.f0, WriteRouting.shard(op.f1), parallelism);
          if (!WriteRouting.applies(op.f1, parallelism)) {
            continue;
          }
          WriteOp decoded = WriteOp.decode(op.f2);
          List<String> mine = applied.computeIfAbsent(subtask, k -> new ArrayList<>());
          if (decoded instanceof WriteOp.Write w) {
            for (int i = 0; i < w.batch().size(); i++) {
              long key = (long) w.batch().row(i).get(0);
              assertThat(subtaskOfKey.computeIfAbsent(key, k -> subtask)).as("key %d on one subtask", key)
                  .isEqualTo(subtask);
              mine.add("row " + w.batch().seq(i));
              seqsOfKey.computeIfAbsent(key, k -> new ArrayList<>()).add(w.batch().seq(i));
            }
          } else {
            mine.add(decoded.getClass().getSimpleName());
          }
        }
        Set<Integer> owners = new HashSet<>();
        for (int s = 0; s < shards; s++) {
          owners.add(WriteRouting.subtask("t", s, parallelism));
        }
        assertThat(applied.keySet()).as("%d shards at p=%d", shards, parallelism).isEqualTo(owners);
        List<Long> allSeqs = new ArrayList<>();
        for (List<String> ops : applied.values()) {
          assertThat(ops.get(0)).isEqualTo("Ensure");
          assertThat(ops.get(ops.size() - 1)).isEqualTo("Merge");
          assertThat(ops.stream().filter(o -> !o.startsWith("row"))).containsExactly("Ensure", "Merge");
          ops.stream().filter(o -> o.startsWith("row")).forEach(o -> allSeqs.add(Long.parseLong(o.substring(4))));
        }
        // A subtask of several shards gets them one after the other; each key's changes keep the decider's order.
        seqsOfKey.forEach((key, seqs) -> assertThat(seqs).as("key %d in the decider's order", key).isSorted());
        assertThat(allSeqs).as("every row once").hasSize(100).doesNotHaveDuplicates();
        if (parallelism >= shards) {
          assertThat(owners).as("shards spread over distinct subtasks").hasSize(shards);
        }
      }
    }
  }

  @Test
  void aWriteBeforeItsTargetIsEnsuredIsABug() {
    WriteRouter router = new WriteRouter(writer(4), op -> { });
    assertThatThrownBy(() -> router.write("t", null, new RowBatch(1)))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("before its EnsureTable");
  }
}
