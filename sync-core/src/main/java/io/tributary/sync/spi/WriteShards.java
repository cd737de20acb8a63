package io.tributary.sync.spi;

import io.tributary.sync.event.Row;

/**
 * How a writer spreads one target's rows over writers working side by side (the Flink runner's writer subtasks):
 * rows of different shards may be written concurrently by different writers of one {@link Group}, rows of one shard
 * only by one. A table format with buckets answers with its bucket count and its own bucket function, so that each
 * bucket has one writer. Asked read-only ({@link ChangeWriter#shards}).
 */
public interface WriteShards {

  /** One shard: every row of the target is written by one writer. */
  WriteShards ONE = new WriteShards() {
    @Override
    public int count() {
      return 1;
    }

    @Override
    public int shardOf(Row row) {
      return 0;
    }
  };

  /** The number of shards, at least 1. */
  int count();

  /** The shard of {@code row} (laid out by the target's columns), in {@code [0, count())}; a function of its key. */
  int shardOf(Row row);

  /**
   * A writer's part in a group of writers sharing targets: the targets are owned by {@code owner} (not by each
   * writer's pipeline name), and this writer writes only the shards {@code owned} names, including the rows that
   * table-level calls touch ({@link ChangeWriter#mergeStaging}'s replace scope, {@link ChangeWriter#deleteWhere}).
   * Its siblings may create or evolve the same target concurrently: {@link ChangeWriter#ensureTable} must tolerate
   * that (the same layout made twice is made once).
   */
  record Group(String owner, Owned owned) {
  }

  /** Which shards of a target a writer of a {@link Group} writes. */
  @FunctionalInterface
  interface Owned {
    boolean owns(String target, int shard);
  }
}
