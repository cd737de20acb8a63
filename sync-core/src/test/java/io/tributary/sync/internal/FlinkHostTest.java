package io.tributary.sync.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.sync.SyncPipeline;
import io.tributary.sync.TablePhase;
import io.tributary.sync.event.ChangeEvent;
import io.tributary.sync.event.DataType;
import io.tributary.sync.event.Row;
import io.tributary.sync.event.RowFilter;
import io.tributary.sync.event.TableId;
import io.tributary.sync.event.TableSchema;
import io.tributary.sync.memory.MemoryDatabase;
import io.tributary.sync.memory.MemoryWarehouse;
import io.tributary.sync.memory.MemoryWriter;
import io.tributary.sync.spi.ChangeSource;
import io.tributary.sync.spi.LogStream;
import io.tributary.sync.spi.RowBatch;
import io.tributary.sync.spi.SnapshotChunk;
import io.tributary.sync.spi.SnapshotSink;
import io.tributary.sync.spi.StartPosition;
import io.tributary.sync.spi.TargetTable;
import io.tributary.sync.spi.WriterContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The facade a non-local runtime (the Flink runner) hosts the decider through, driven by hand as that runtime does:
 * the fresh start's plan asked of a throwaway decider, the decider's plan request answered with it, chunk items and
 * log batches fed in, checkpoints cut at the host's moments, and a decider restored from the cut's bytes.
 */
class FlinkHostTest {

  private final MemoryDatabase db = new MemoryDatabase("mem");
  private final TableId items = db.tableId("shop", "", "items");
  private final MemoryWarehouse warehouse = new MemoryWarehouse();
  private final MemoryWriter writer = new MemoryWriter(warehouse);

  /** Executes effects on the writer at once; plan requests and cuts are kept for the test to answer. */
  private class Host extends HostExecutor.NoOp {
    final List<long[]> planRequests = new ArrayList<>();
    final List<Long> cuts = new ArrayList<>();
    byte[] state;
    int reads;

    @Override
    public void write(String target, String staging, RowBatch batch) {
      if (staging == null) {
        writer.write(target, batch);
      } else {
        writer.writeStaging(target, staging, batch);
      }
    }

    @Override
    public void mergeStaging(String target, String staging, RowFilter replaceScope) {
      // As the Flink writer operator: a merge waits for the commit of the writes before it (the decider's cut
      // before a merge is only a flush there); here that commit comes at once.
      long id = cuts.get(cuts.size() - 1);
      writer.commit(id, writer.prepareCommit(id));
      writer.mergeStaging(target, staging, replaceScope);
    }

    @Override
    public RuntimeException ensureTable(TargetTable table, Map<String, String> renamedFrom) {
      writer.ensureTable(table);
      return null;
    }

    @Override
    public void planChunks(int sourceIndex, TableId table, long generation, TableSchema schema, RowFilter filter,
        int priority) {
      planRequests.add(new long[] {sourceIndex, generation});
    }

    @Override
    public void readChunk(int sourceIndex, SnapshotChunk chunk, long generation, TableSchema schema, int priority) {
      reads++;
    }

    @Override
    public void checkpoint(long id, byte[] encoded) {
      state = encoded;
      cuts.add(id);
    }
  }

  @Test
  void freshStartPlannedOutside_chunksAndLogFedIn_checkpointRestores() throws Exception {
    db.createTable(TableSchema.builder(items).primaryKey("id", DataType.bigint()).column("v", DataType.varchar(20))
        .build());
    for (long i = 1; i <= 45; i++) {
      db.insert(items, i, "v" + i);
    }
    var config = FlinkHost.config(SyncPipeline.builder().name("p").source(db.source()).writer(writer).fullSync(true)
        .snapshotChunkSize(10));
    ChangeSource source = config.sources().get(0);

    FlinkHost.FreshStart fresh = FlinkHost.freshStart(config);
    assertThat(fresh.snapshots()).extracting(FlinkHost.PlanRequest::table).containsExactly(items);
    assertThat(fresh.schemas().get(0)).extracting(TableSchema::id).containsExactly(items);
    TableSchema schema = fresh.schemas().get(0).get(0);
    LogStream log = source.openLog(StartPosition.latest(), Map.of(items, schema));
    List<SnapshotChunk> chunks = source.planChunks(schema, fresh.snapshots().get(0).filter(), 10);

    writer.open(new WriterContext("p", 0, null));
    Host exec = new Host();
    FlinkHost host = FlinkHost.create(config, null, exec);
    host.start(0);
    host.logsOpened(List.of(log.startPosition()), System.nanoTime());
    assertThat(exec.planRequests).hasSize(1);
    host.chunksPlanned(items, exec.planRequests.get(0)[1], chunks); // the enumerator's plan answers the request
    assertThat(exec.reads).isEqualTo(chunks.size());

    db.update(items, 3L, "changed before its chunk");
    for (SnapshotChunk c : chunks) {
      long[] low = {0};
      List<Row> rows = new ArrayList<>();
      source.readChunk(c, schema, new SnapshotSink() {
        @Override
        public void lowWatermark(long seq) {
          low[0] = seq;
        }

        @Override
        public void accept(Row row) {
          rows.add(row);
        }

        @Override
        public void highWatermark(long seq) {
          host.chunkRows(items, host.generation(items), c.index(), low[0], schema, rows);
          host.chunkDone(items, host.generation(items), c.index(), schema, low[0], Math.max(seq, low[0]));
        }
      });
      if (c.index() == 1) {
        db.delete(items, 40L); // a change while the snapshot is read: staged, merged over the chunk rows
      }
    }
    db.insert(items, 100L, "after the snapshot");
    List<ChangeEvent> events = log.poll(Duration.ofMillis(100));
    host.logBatch(0, events, System.nanoTime());
    host.tick(10_000); // the merge is due: the log is past every chunk's high watermark
    host.checkpointNow();
    long id = exec.cuts.get(exec.cuts.size() - 1);
    assertThat(exec.cuts).as("a fresh start's cut (leftover staging dropped), the cuts before and after the merge,"
        + " then the host's").hasSize(4);
    writer.commit(id, writer.prepareCommit(id)); // one commit covers both cuts, as one Flink checkpoint does
    exec.cuts.forEach(c -> host.committed(c, 10_000)); // confirmed in the order cut

    Comparator<Row> byId = Comparator.comparingLong(r -> (Long) r.get(0));
    List<Row> expected = new ArrayList<>(db.rows(items));
    expected.sort(byId);
    List<Row> actual = new ArrayList<>(warehouse.rows("items"));
    actual.sort(byId);
    assertThat(actual).isEqualTo(expected);
    Checkpoint saved = CheckpointCodec.decode(exec.state);
    assertThat(saved.id()).isEqualTo(id);
    assertThat(saved.tables().get(items).phase()).isEqualTo(TablePhase.STREAMING);

    Host again = new Host();
    FlinkHost restored = FlinkHost.create(config, exec.state, again);
    restored.start(20_000);
    restored.logsOpened(List.of(source.decodePosition(saved.positions().get("mem"))), System.nanoTime());
    assertThat(restored.checkpointId()).isEqualTo(id);
    assertThat(again.planRequests).isEmpty(); // streaming: nothing to snapshot again
    log.close();
  }

  /**
   * Operator commands through the host reach the decider as the embedded engine's: each ends with its outcome
   * ({@code commandDone}), a pause cancels the table's snapshot, a resume asks for a new plan, and a command for a
   * table the pipeline does not capture is refused without failing the run.
   */
  @Test
  void commands_reachTheDecider_outcomesAndCancellationsReported() {
    db.createTable(TableSchema.builder(items).primaryKey("id", DataType.bigint()).column("v", DataType.varchar(20))
        .build());
    var config = FlinkHost.config(SyncPipeline.builder().name("p").source(db.source()).writer(writer));
    List<Object> seen = new ArrayList<>();
    Host exec = new Host() {
      @Override
      public void commandDone(long id, RuntimeException error) {
        seen.add(id + (error == null ? " done" : " refused"));
      }

      @Override
      public void cancelSnapshot(TableId table) {
        seen.add("cancel " + table.table());
      }
    };
    writer.open(new WriterContext("p", 0, null));
    FlinkHost host = FlinkHost.create(config, null, exec);
    host.start(0);
    host.logsOpened(List.of(new io.tributary.sync.memory.MemoryPosition(1L)), System.nanoTime());
    host.command(1, "PAUSE", List.of(items), null);
    host.command(2, "RESUME", List.of(items), null);
    host.command(3, "PAUSE", List.of(db.tableId("shop", "", "missing")), null);
    assertThat(seen).containsExactly("cancel items", "1 done", "cancel items", "2 done", "3 refused");
    assertThat(exec.planRequests).as("the resume's re-sync asks for a plan").hasSize(1);
  }
}
