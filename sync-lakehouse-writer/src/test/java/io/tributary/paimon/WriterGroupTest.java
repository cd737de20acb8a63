package io.tributary.paimon;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.sync.event.Column;
import io.tributary.sync.event.DataType;
import io.tributary.sync.event.Row;
import io.tributary.sync.event.RowFilter;
import io.tributary.sync.spi.RowBatch;
import io.tributary.sync.spi.TargetTable;
import io.tributary.sync.spi.WriteShards;
import io.tributary.sync.spi.WriterContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.stream.LongStream;
import org.apache.paimon.Snapshot;
import org.apache.paimon.data.InternalRow;
import org.apache.paimon.reader.RecordReader;
import org.apache.paimon.table.FileStoreTable;
import org.apache.paimon.table.source.ReadBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two Paimon writers of one group sharing a table bucket by bucket (as the Flink runner's writer subtasks do): the
 * shards the writer announces are the buckets Paimon writes the rows to, both may create and evolve the table at the
 * same moment, and a merge's replace scope and a {@code deleteWhere} delete only in each writer's own buckets.
 */
class WriterGroupTest {

  static final TargetTable ORDERS = new TargetTable("orders",
      List.of(Column.of("region", DataType.varchar(20).notNull()), Column.of("id", DataType.bigint().notNull()),
          Column.of("amount", DataType.intType())),
      List.of("region", "id"));

  @TempDir Path dir;
  final List<PaimonWriter> writers = new ArrayList<>();
  PaimonTables paimon;

  @BeforeEach
  void setUp() {
    for (int k = 0; k < 2; k++) {
      int me = k;
      PaimonWriter w = PaimonWriter.builder().warehouse(dir).database("db").buckets(4).build();
      w.open(new WriterContext("job-w" + k, 0, null,
          new WriteShards.Group("job-writers", (target, bucket) -> bucket % 2 == me)));
      writers.add(w);
    }
    paimon = new PaimonTables(dir, "db");
  }

  @AfterEach
  void tearDown() throws Exception {
    writers.forEach(PaimonWriter::close);
    paimon.close();
  }

  static Row row(long id, int amount) {
    return Row.of(id % 3 == 0 ? "eu" : "us-" + (id % 7), id, amount);
  }

  /** Both writers at once (the Flink subtasks get the same Ensure at about the same time). */
  void ensureConcurrently(TargetTable table) throws Exception {
    CountDownLatch start = new CountDownLatch(1);
    List<CompletableFuture<Void>> all = new ArrayList<>();
    for (PaimonWriter w : writers) {
      all.add(CompletableFuture.runAsync(() -> {
        try {
          start.await();
        } catch (InterruptedException e) {
          throw new IllegalStateException(e);
        }
        w.ensureTable(table);
      }));
    }
    start.countDown();
    CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get();
  }

  /** Rows to the writer of their shard, as the Flink router sends them. */
  void route(WriteShards shards, List<Row> rows, java.util.function.BiConsumer<PaimonWriter, RowBatch> call) {
    RowBatch[] parts = {new RowBatch(16), new RowBatch(16)};
    long seq = 1;
    for (Row r : rows) {
      parts[shards.shardOf(r) % 2].upsert(r, seq++);
    }
    for (int k = 0; k < 2; k++) {
      if (!parts[k].isEmpty()) {
        call.accept(writers.get(k), parts[k]);
      }
    }
  }

  void checkpoint(long id) {
    for (PaimonWriter w : writers) {
      w.commit(id, w.prepareCommit(id));
    }
  }

  List<Row> rows(long from, long to, int amount) {
    return LongStream.rangeClosed(from, to).mapToObj(i -> row(i, amount)).toList();
  }

  @Test
  void shardsAreBuckets_siblingsShareTheTable_scopedDeletesStayInOwnBuckets() throws Exception {
    WriteShards before = writers.get(0).shards(ORDERS);
    assertThat(before.count()).as("the builder's bucket count, table not created yet").isEqualTo(4);
    ensureConcurrently(ORDERS);
    FileStoreTable t = paimon.table("orders");
    assertThat(t.options()).containsEntry("tributary.pipeline", "job-writers");
    WriteShards shards = writers.get(1).shards(ORDERS);
    route(shards, rows(1, 400, 1), (w, b) -> w.write("orders", b));
    checkpoint(1);
    assertThat(read(ORDERS)).hasSize(400);
    // Paimon put each row in the bucket the shards named, before and after the table existed.
    Set<Integer> used = new HashSet<>();
    for (int bucket = 0; bucket < 4; bucket++) {
      for (Row r : readBucket(paimon.table("orders"), bucket)) {
        assertThat(shards.shardOf(r)).as("bucket of %s", r).isEqualTo(bucket);
        assertThat(before.shardOf(r)).isEqualTo(bucket);
        used.add(bucket);
      }
    }
    assertThat(used).containsExactlyInAnyOrder(0, 1, 2, 3);
    Set<String> users = new HashSet<>();
    for (Snapshot s : paimon.table("orders").snapshotManager().safelyGetAllSnapshots()) {
      users.add(s.commitUser());
    }
    assertThat(users).containsExactlyInAnyOrder("tributary-job-w0", "tributary-job-w1");

    // A layout change made by both at once.
    TargetTable wider = new TargetTable("orders", List.of(ORDERS.columns().get(0), ORDERS.columns().get(1),
        ORDERS.columns().get(2), Column.of("note", DataType.varchar(10))), ORDERS.primaryKey());
    ensureConcurrently(wider);
    try (PaimonTables uncached = new PaimonTables(dir, "db")) {
      assertThat(uncached.table("orders").rowType().getFieldNames())
          .containsExactly("region", "id", "amount", "note");
    }

    // A re-sync: rows 1..100 are the source now, staged only by the writer of their buckets; both merge with an
    // overwrite scope, and each deletes the other rows of its own buckets only (the second writer stages nothing of
    // ids 1..100 in shards it does not own, yet its buckets' rows 101..400 must go).
    route(shards, rows(1, 100, 2).stream().map(r -> Row.of(r.get(0), r.get(1), r.get(2), null)).toList(),
        (w, b) -> w.writeStaging("orders", "resync", b));
    checkpoint(2);
    for (PaimonWriter w : writers) {
      w.mergeStaging("orders", "resync", RowFilter.all());
    }
    checkpoint(3);
    List<Row> now = read(wider);
    assertThat(now).hasSize(100).allMatch(r -> (long) r.get(1) <= 100 && (int) r.get(2) == 2);

    for (PaimonWriter w : writers) {
      w.deleteWhere("orders", RowFilter.gt("id", 50L));
    }
    checkpoint(4);
    assertThat(read(wider)).hasSize(50).allMatch(r -> (long) r.get(1) <= 50);
  }

  @Test
  void aWriterWithNoStagedRowsStillClearsItsBuckets() throws Exception {
    ensureConcurrently(ORDERS);
    WriteShards shards = writers.get(0).shards(ORDERS);
    route(shards, rows(1, 200, 1), (w, b) -> w.write("orders", b));
    checkpoint(1);
    // Only rows of writer 0's buckets staged: writer 1's merge has no staging table at all.
    List<Row> mine = rows(1, 200, 5).stream().filter(r -> shards.shardOf(r) % 2 == 0).toList();
    route(shards, mine, (w, b) -> w.writeStaging("orders", "s", b));
    checkpoint(2);
    // The two merges may fall into different checkpoints (a subtask holds a merge until its writes are committed):
    // the second must not delete the rows the first merged into buckets that are not its own.
    writers.get(0).mergeStaging("orders", "s", RowFilter.all());
    checkpoint(3);
    writers.get(1).mergeStaging("orders", "s", RowFilter.all());
    checkpoint(4);
    assertThat(read(ORDERS)).containsExactlyInAnyOrderElementsOf(mine);
  }

  /** Through a catalog of its own (a cached one would not see a sibling's layout change). */
  List<Row> read(TargetTable table) throws Exception {
    try (PaimonTables uncached = new PaimonTables(dir, "db")) {
      return uncached.read(table);
    }
  }

  private static List<Row> readBucket(FileStoreTable t, int bucket) throws Exception {
    ReadBuilder rb = t.newReadBuilder().withBucket(bucket);
    List<Row> out = new ArrayList<>();
    try (RecordReader<InternalRow> r = rb.newRead().createReader(rb.newScan().plan())) {
      r.forEachRemaining(i -> out.add(Row.of(i.getString(0).toString(), i.getLong(1),
          i.isNullAt(2) ? null : i.getInt(2))));
    }
    return out;
  }
}
