package io.tributary.flink;

import org.apache.flink.api.common.functions.Partitioner;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.api.java.tuple.Tuple3;
import org.apache.flink.util.MathUtils;

/**
 * Where a write operation goes: shard {@code s} of target {@code t} to writer subtask {@code (h(t) + s) mod p}, the
 * same function for the partitioner between the decision operator and the writers and for each writer's own
 * shards ({@code WriteShards.Group}). Round robin from a hashed start, so a table's buckets are spread evenly over
 * the subtasks, and a one-shard target lands on {@code h(t) mod p} (keyed by target). The records are
 * {@code (target, shard, operation)}; a table-level operation's copy for shard {@code s} carries {@code -1 - s} (see
 * {@link WriteRouter}). The writer parallelism is fixed for a job's life ({@link WriterIdentity}).
 */
final class WriteRouting {

  private WriteRouting() {
  }

  /** The writer subtask of shard {@code shard} of {@code target} at writer parallelism {@code parallelism}. */
  static int subtask(String target, int shard, int parallelism) {
    return Math.floorMod(MathUtils.murmurHash(target.hashCode()) + shard, parallelism);
  }

  /** The shard a record is routed by (a table-level operation's copy carries {@code -1 - shard}). */
  static int shard(int field) {
    return field >= 0 ? field : -1 - field;
  }

  /** Whether a writer subtask applies this record: a table-level copy only for the first of its shards. */
  static boolean applies(int field, int parallelism) {
    return field >= 0 || -1 - field < parallelism;
  }

  /** The partitioner of the writer input. */
  static final class ByShard implements Partitioner<Tuple3<String, Integer, byte[]>> {
    private static final long serialVersionUID = 1L;

    @Override
    public int partition(Tuple3<String, Integer, byte[]> op, int numPartitions) {
      return subtask(op.f0, shard(op.f1), numPartitions);
    }
  }

  /** The partitioner's key: the record itself. */
  static final class Record implements KeySelector<Tuple3<String, Integer, byte[]>, Tuple3<String, Integer, byte[]>> {
    private static final long serialVersionUID = 1L;

    @Override
    public Tuple3<String, Integer, byte[]> getKey(Tuple3<String, Integer, byte[]> value) {
      return value;
    }
  }
}
