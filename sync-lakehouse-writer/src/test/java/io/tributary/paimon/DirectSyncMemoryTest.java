package io.tributary.paimon;

import static io.tributary.paimon.StagingMergeRandomizedTest.T;
import static io.tributary.paimon.StagingMergeRandomizedTest.sorted;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.sync.event.ColumnMask;
import io.tributary.sync.event.Row;
import io.tributary.sync.event.RowFilter;
import io.tributary.sync.spi.RowBatch;
import io.tributary.sync.spi.WriterContext;
import java.lang.ref.WeakReference;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A direct sync's snapshot rows are not kept by the writer once written (issue 13: the interval log kept a whole
 * commit interval of them, the whole table when it fit in one: ~570 MiB live for 1M rows against 250 MiB staged),
 * so the sync's heap does not grow with the rows of an interval. The price is the contract that a merge comes right
 * after a checkpoint when anything was written since the last one (the engine's {@code MergeTrigger}); the writer
 * refuses a merge that would have to look up rows it no longer has.
 */
class DirectSyncMemoryTest {

  private static final ColumnMask NAME = ColumnMask.of(1);

  @TempDir Path dir;

  private PaimonWriter open() {
    PaimonWriter w = PaimonWriter.builder().warehouse(dir).database("db").buckets(2).build();
    w.open(new WriterContext("direct", 0, null));
    w.ensureTable(T);
    return w;
  }

  private static void checkpoint(PaimonWriter w, long id) {
    w.commit(id, w.prepareCommit(id));
  }

  @Test
  void directSnapshotRows_areNotRetainedAfterTheirWrite() {
    try (PaimonWriter w = open()) {
      List<WeakReference<Row>> written = new ArrayList<>();
      for (int batch = 0; batch < 20; batch++) {
        RowBatch b = new RowBatch(1000);
        for (int i = 0; i < 1000; i++) {
          long id = batch * 1000L + i;
          Row row = Row.of(id, "n" + id, (int) id);
          if (i % 100 == 0) {
            written.add(new WeakReference<>(row));
          }
          b.upsertSnapshot(row, 99);
        }
        w.writeStaging("t", "snap", b);
      }
      // No checkpoint yet: everything above is in the current interval. None of it may be kept alive.
      Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).until(() -> {
        System.gc();
        return written.stream().allMatch(r -> r.get() == null);
      });
      checkpoint(w, 1);
    }
  }

  @Test
  void mergeNeedingTheTarget_rightAfterDirectRows_isRefused_andAfterACheckpointResolves() throws Exception {
    try (PaimonTables paimon = new PaimonTables(dir, "db"); PaimonWriter w = open()) {
      RowBatch b = new RowBatch(8);
      b.upsert(Row.of(1L, null, 11), 150, NAME); // a log change leaving the name unchanged, staged first
      b.upsertSnapshot(Row.of(1L, "snap", 10), 99);
      b.upsertSnapshot(Row.of(2L, "snap2", 20), 99);
      w.writeStaging("t", "snap", b);
      // The snapshot row of key 1 is not remembered: a merge now could not fold the update onto it.
      assertThatThrownBy(() -> w.mergeStaging("t", "snap", RowFilter.all()))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("checkpoint right before mergeStaging");
      checkpoint(w, 1); // what the pipeline does before a merge
      w.mergeStaging("t", "snap", RowFilter.all());
      checkpoint(w, 2);
      assertThat(sorted(paimon.read(T))).containsExactly(Row.of(1L, "snap", 11), Row.of(2L, "snap2", 20));
    }
  }
}
