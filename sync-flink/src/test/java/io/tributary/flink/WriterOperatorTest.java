package io.tributary.flink;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.paimon.PaimonWriter;
import io.tributary.sync.event.DataType;
import io.tributary.sync.event.Row;
import io.tributary.sync.event.TableId;
import io.tributary.sync.event.TableSchema;
import io.tributary.sync.memory.MemoryDatabase;
import io.tributary.sync.spi.RowBatch;
import io.tributary.sync.spi.TargetTable;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.java.tuple.Tuple3;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A writer subtask (one, in Flink's operator test harness) over a real Paimon warehouse in a temp dir: a staging area
 * dropped and written again before the next commit. The engine commits a drop before the area is written again
 * (Paimon refuses a write to a staging area dropped since the last commit); on Flink the decider's cut after the
 * drop is only a flush, so the subtask must hold what follows the drop until the next commit, as it does after a
 * merge. A restored re-sync does exactly this (FlinkOperationsIT failed once so: "staging area ... was merged or
 * dropped; it can be written again after the next commit", the job restarting until Flink gave up).
 */
class WriterOperatorTest {

  private static final TableSchema SCHEMA = TableSchema.builder(new TableId("mem", "db", "", "items"))
      .primaryKey("id", DataType.bigint()).column("note", DataType.varchar(20)).build();

  @TempDir
  Path dir;

  @Test
  void stagingDroppedThenWrittenBeforeTheNextCommit_heldUntilTheCommit() throws Exception {
    String warehouse = dir.resolve("warehouse").toString();
    Definition definition = b -> b.name("drop-test").source(new MemoryDatabase("mem").source())
        .writer(PaimonWriter.builder().warehouse(Path.of(warehouse)).database("lake").buckets(1).build());
    try (var h = new OneInputStreamOperatorTestHarness<Tuple3<String, Integer, byte[]>, Void>(
        new WriterOperator(definition), 1, 1, 0)) {
      h.open();
      send(h, new WriteOp.Ensure(new TargetTable("items", SCHEMA.columns(), List.of("id")), Map.of()));
      send(h, new WriteOp.Write("s1", batch(Row.of(1L, "first"))));
      checkpoint(h, 1);
      send(h, new WriteOp.Drop("s1")); // a re-sync cancelled ...
      send(h, new WriteOp.Write("s1", batch(Row.of(2L, "again")))); // ... and started again at once
      checkpoint(h, 2);
      send(h, new WriteOp.Merge("s1", io.tributary.sync.event.RowFilter.all()));
      checkpoint(h, 3);
      checkpoint(h, 4);
    }
    assertThat(FlinkIt.lake(warehouse, "items")).as("the dropped area's row gone, the new one merged")
        .containsExactly(Row.of(2L, "again"));
  }

  private static RowBatch batch(Row row) {
    RowBatch b = new RowBatch(1);
    b.upsert(row, 1); // a log change: staged (snapshot rows may go straight into an empty target)
    return b;
  }

  private static void send(OneInputStreamOperatorTestHarness<Tuple3<String, Integer, byte[]>, Void> h,
      WriteOp op) throws Exception {
    // one shard (a one-bucket table): rows go to shard 0, a table-level operation as its copy for shard 0 (-1)
    int shard = op instanceof WriteOp.Write ? 0 : -1;
    h.processElement(new StreamRecord<>(Tuple3.of("items", shard, WriteOp.encode(op))));
  }

  private static void checkpoint(OneInputStreamOperatorTestHarness<Tuple3<String, Integer, byte[]>, Void> h,
      long id) throws Exception {
    h.prepareSnapshotPreBarrier(id);
    h.snapshot(id, id);
    h.notifyOfCompletedCheckpoint(id);
  }
}
