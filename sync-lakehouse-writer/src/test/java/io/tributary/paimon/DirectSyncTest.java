package io.tributary.paimon;

import static io.tributary.paimon.StagingMergeRandomizedTest.T;
import static io.tributary.paimon.StagingMergeRandomizedTest.sorted;
import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.sync.event.Row;
import io.tributary.sync.event.RowFilter;
import io.tributary.sync.spi.RowBatch;
import io.tributary.sync.spi.WriterContext;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full sync into a target that is empty when it starts writes its snapshot rows straight into the target (each row
 * once); only log changes are staged, and the merge applies them over the snapshot rows without an overwrite. A
 * target with rows keeps the staged sync (its readers unaffected until the merge, stale rows removed by it). The
 * choice survives a restart in the committable.
 */
class DirectSyncTest {

  @TempDir Path dir;

  private static final String STAGING = T.name() + "__staging_direct__snap";

  private PaimonWriter open(long id, byte[] committable) {
    PaimonWriter w = PaimonWriter.builder().warehouse(dir).database("db").buckets(2).build();
    w.open(new WriterContext("direct", id, committable));
    w.ensureTable(T);
    return w;
  }

  private static void checkpoint(PaimonWriter w, long id) {
    w.commit(id, w.prepareCommit(id));
  }

  @Test
  void emptyTarget_snapshotRowsGoStraightIn_andStagedLogChangesWinAtTheMerge() throws Exception {
    try (PaimonTables paimon = new PaimonTables(dir, "db"); PaimonWriter w = open(0, null)) {
      RowBatch b = new RowBatch(8);
      // Log changes staged before the chunk holding their keys was read (low watermark 100): they are newer.
      b.upsert(Row.of(1L, "a", 11), 100);
      b.delete(Row.of(2L, null, null), 101);
      // An older log change of key 4, already reflected in the chunk's row: equal to it, harmless.
      b.upsert(Row.of(4L, "a", 40), 50);
      b.upsertSnapshot(Row.of(1L, "a", 10), 99);
      b.upsertSnapshot(Row.of(2L, "a", 20), 99); // deleted by the log at 101: must not come back
      b.upsertSnapshot(Row.of(3L, "a", 30), 99);
      b.upsertSnapshot(Row.of(4L, "a", 40), 99);
      w.writeStaging("t", "snap", b);
      checkpoint(w, 1);
      // The target was empty: its snapshot rows are there already; the staging table holds only the 3 log changes.
      assertThat(sorted(paimon.read(T))).containsExactly(Row.of(1L, "a", 10), Row.of(2L, "a", 20),
          Row.of(3L, "a", 30), Row.of(4L, "a", 40));
      assertThat(paimon.readInternal(STAGING)).hasSize(3);

      w.mergeStaging("t", "snap", RowFilter.all());
      checkpoint(w, 2);
      assertThat(sorted(paimon.read(T))).containsExactly(Row.of(1L, "a", 11), Row.of(3L, "a", 30),
          Row.of(4L, "a", 40));
      assertThat(paimon.tables()).containsExactly("t");
    }
  }

  @Test
  void targetWithRows_staysStaged_unaffectedUntilTheMergeOverwritesIt() throws Exception {
    try (PaimonTables paimon = new PaimonTables(dir, "db"); PaimonWriter w = open(0, null)) {
      RowBatch b = new RowBatch(8);
      b.upsert(Row.of(9L, "a", 90), 1);
      w.write("t", b);
      checkpoint(w, 1);
      b.clear();
      b.upsertSnapshot(Row.of(1L, "a", 10), 99);
      w.writeStaging("t", "snap", b);
      checkpoint(w, 2);
      assertThat(sorted(paimon.read(T))).containsExactly(Row.of(9L, "a", 90));
      w.mergeStaging("t", "snap", RowFilter.all());
      checkpoint(w, 3);
      assertThat(sorted(paimon.read(T))).containsExactly(Row.of(1L, "a", 10)); // row 9, gone at the source, too
    }
  }

  /** Uncommitted rows count: a target written in the same interval is not empty. */
  @Test
  void targetWrittenSinceTheLastCheckpoint_isNotEmpty() throws Exception {
    try (PaimonTables paimon = new PaimonTables(dir, "db"); PaimonWriter w = open(0, null)) {
      RowBatch b = new RowBatch(8);
      b.upsert(Row.of(9L, "a", 90), 1);
      w.write("t", b);
      b.clear();
      b.upsertSnapshot(Row.of(1L, "a", 10), 99);
      w.writeStaging("t", "snap", b);
      checkpoint(w, 1);
      assertThat(sorted(paimon.read(T))).containsExactly(Row.of(9L, "a", 90));
      assertThat(paimon.readInternal(STAGING)).hasSize(1);
    }
  }

  /**
   * After a restart the target holds the sync's own committed rows: the restored committable says the sync is
   * direct, so its merge must not overwrite them (their chunks are finished and never read again).
   */
  @Test
  void restartMidSync_staysDirect_andTheMergeKeepsTheCommittedSnapshotRows() throws Exception {
    try (PaimonTables paimon = new PaimonTables(dir, "db")) {
      PaimonWriter w = open(0, null);
      RowBatch b = new RowBatch(8);
      b.upsertSnapshot(Row.of(1L, "a", 10), 99);
      b.upsertSnapshot(Row.of(2L, "a", 20), 99);
      w.writeStaging("t", "snap", b);
      byte[] saved = w.prepareCommit(1);
      w.commit(1, saved);
      b.clear();
      b.upsertSnapshot(Row.of(3L, "a", 30), 199); // lost in the crash: its chunk is read again
      w.writeStaging("t", "snap", b);
      w.close();

      w = open(1, saved);
      b.clear();
      b.upsertSnapshot(Row.of(3L, "a", 31), 299);
      b.delete(Row.of(1L, null, null), 300);
      w.writeStaging("t", "snap", b);
      w.mergeStaging("t", "snap", RowFilter.all());
      checkpoint(w, 2);
      w.close();
      assertThat(sorted(paimon.read(T))).containsExactly(Row.of(2L, "a", 20), Row.of(3L, "a", 31));
      assertThat(paimon.tables()).containsExactly("t");
    }
  }

  /** A crash after the save of a checkpoint but before its commit: open commits it and the sync stays direct. */
  @Test
  void crashBeforeTheCommit_openCommitsIt_andTheSyncStaysDirect() throws Exception {
    try (PaimonTables paimon = new PaimonTables(dir, "db")) {
      PaimonWriter w = open(0, null);
      RowBatch b = new RowBatch(8);
      b.upsertSnapshot(Row.of(1L, "a", 10), 99);
      w.writeStaging("t", "snap", b);
      byte[] saved = w.prepareCommit(1);
      w.close();

      w = open(1, saved);
      assertThat(sorted(paimon.read(T))).containsExactly(Row.of(1L, "a", 10));
      b.clear();
      b.upsertSnapshot(Row.of(2L, "a", 20), 199);
      w.writeStaging("t", "snap", b);
      w.mergeStaging("t", "snap", RowFilter.all());
      checkpoint(w, 2);
      w.close();
      assertThat(sorted(paimon.read(T))).containsExactly(Row.of(1L, "a", 10), Row.of(2L, "a", 20));
    }
  }

  /**
   * A direct sync dropped (cancelled, e.g. by a truncate) leaves its rows in the target; the next sync finds the
   * target not empty, stages, and its overwrite removes whatever the source no longer has.
   */
  @Test
  void droppedDirectSync_nextSyncStages_andItsOverwriteRemovesStaleRows() throws Exception {
    try (PaimonTables paimon = new PaimonTables(dir, "db"); PaimonWriter w = open(0, null)) {
      RowBatch b = new RowBatch(8);
      b.upsertSnapshot(Row.of(1L, "a", 10), 99);
      w.writeStaging("t", "snap", b);
      w.dropStaging("t", "snap");
      checkpoint(w, 1);
      b.clear();
      b.upsertSnapshot(Row.of(2L, "a", 20), 199);
      w.writeStaging("t", "snap", b);
      checkpoint(w, 2);
      assertThat(sorted(paimon.read(T))).containsExactly(Row.of(1L, "a", 10));
      w.mergeStaging("t", "snap", RowFilter.all());
      checkpoint(w, 3);
      assertThat(sorted(paimon.read(T))).containsExactly(Row.of(2L, "a", 20));
    }
  }

  /**
   * While a direct sync fills the target, the target's writer lets sorted runs pile up instead of compacting every
   * few commits (the table's own trigger is 5 runs); once the merge ends the fill, the next commit starts compacting
   * them, and a later one commits the result.
   */
  @Test
  void whileFilling_theTargetIsNotCompacted_andTheHandOverCompactsIt() throws Exception {
    try (PaimonTables paimon = new PaimonTables(dir, "db"); PaimonWriter w = open(0, null)) {
      RowBatch b = new RowBatch(8);
      fillTwelveRuns(w, b);
      assertThat(maxFilesPerBucket(paimon)).isGreaterThan(10); // 12 runs per written bucket, none compacted
      w.mergeStaging("t", "snap", RowFilter.all());
      checkpoint(w, 13);
      b.clear();
      b.upsert(Row.of(100L, "a", 1), 200);
      b.upsert(Row.of(101L, "a", 1), 200);
      w.write("t", b);
      checkpoint(w, 14);
      untilCompacted(w, paimon, 15);
      assertThat(paimon.read(T)).hasSize(26);
    }
  }

  /**
   * The hand-over's compaction rewrites the whole filled table (seconds for 1M rows, minutes for 100M): it runs in
   * the background, and the checkpoints after the merge, which commit every table of the pipeline, do not wait for
   * it. With Paimon's default write stop (8 runs, the fill leaves 12 here) the first checkpoint after the merge waited
   * for it; here compaction cannot start until the test lets it, so that checkpoint would never return.
   */
  @Test
  void theHandOversCompaction_runsInTheBackground_andNoCheckpointWaitsForIt() throws Exception {
    java.util.concurrent.CountDownLatch compactionMayRun = new java.util.concurrent.CountDownLatch(1);
    try (PaimonTables paimon = new PaimonTables(dir, "db");
        PaimonWriter w = PaimonWriter.builder().warehouse(dir).database("db").buckets(2).build()) {
      w.useThreadFactory(r -> {
        Thread t = new Thread(() -> {
          try {
            compactionMayRun.await();
          } catch (InterruptedException e) {
            return;
          }
          r.run();
        });
        t.setDaemon(true);
        return t;
      });
      w.open(new WriterContext("direct", 0, null));
      w.ensureTable(T);
      RowBatch b = new RowBatch(8);
      fillTwelveRuns(w, b);
      w.mergeStaging("t", "snap", RowFilter.all());
      org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(60), () -> {
        checkpoint(w, 13);
        for (long id = 14; id <= 17; id++) { // log changes go on being committed meanwhile
          b.clear();
          b.upsert(Row.of(100L + id, "a", 1), 200 + id);
          w.write("t", b);
          checkpoint(w, id);
        }
      }, "a checkpoint waited for the hand-over's compaction");
      assertThat(paimon.read(T)).hasSize(28);
      assertThat(maxFilesPerBucket(paimon)).as("not compacted yet").isGreaterThan(10);
      compactionMayRun.countDown();
      untilCompacted(w, paimon, 18);
      assertThat(paimon.read(T)).hasSize(28);
    } finally {
      compactionMayRun.countDown();
    }
  }

  /** Twelve checkpoints (ids 1..12) of a direct sync's snapshot rows, two per checkpoint: 12 runs per bucket. */
  private static void fillTwelveRuns(PaimonWriter w, RowBatch b) {
    for (long id = 1; id <= 12; id++) {
      b.clear();
      b.upsertSnapshot(Row.of(2 * id, "a", 1), 99);
      b.upsertSnapshot(Row.of(2 * id + 1, "a", 1), 99);
      w.writeStaging("t", "snap", b);
      checkpoint(w, id);
    }
  }

  /** Checkpoints (ids from {@code firstId}) until a background compaction's result is committed: ≤ 8 runs/bucket. */
  private static void untilCompacted(PaimonWriter w, PaimonTables paimon, long firstId) {
    PaimonTables.checkpointUntil(w, firstId, () -> maxFilesPerBucket(paimon) <= 8);
  }

  /**
   * The files a fill flushes are written without Parquet's dictionary (a quarter of a fill's CPU at a 200 ms commit
   * interval, for keys that are mostly unique) and with Snappy instead of zstd (whose per-page streams keep each
   * file's output buffer alive until finalized); the hand-over's compaction rewrites them with the table's own
   * options, dictionary and zstd included.
   */
  @Test
  void whileFilling_filesHaveNoDictionaryAndSnappy_andTheHandOverRewritesThemWithTheTablesOptions()
      throws Exception {
    try (PaimonTables paimon = new PaimonTables(dir, "db"); PaimonWriter w = open(0, null)) {
      RowBatch b = new RowBatch(64);
      for (long c = 1; c <= 9; c++) {
        b.clear();
        for (long id = 0; id < 50; id++) {
          b.upsertSnapshot(Row.of(c * 100 + id, "same", 1), 99);
        }
        w.writeStaging("t", "snap", b);
        checkpoint(w, c);
      }
      assertThat(dictionaryFiles(paimon)).containsOnly(false);
      assertThat(codecs(paimon)).containsOnly("SNAPPY");
      w.mergeStaging("t", "snap", RowFilter.all());
      checkpoint(w, 10);
      b.clear();
      b.upsert(Row.of(1L, "same", 1), 200);
      b.upsert(Row.of(2L, "same", 1), 200);
      w.write("t", b);
      checkpoint(w, 11); // starts compacting the fill's runs with the table's own options
      untilCompacted(w, paimon, 12);
      assertThat(dictionaryFiles(paimon)).contains(true);
      assertThat(codecs(paimon)).contains("ZSTD");
      assertThat(paimon.read(T)).hasSize(452);
    }
  }

  /**
   * Parquet holds a whole row group in memory while writing and reading it, so the writer's tables cap it
   * ({@code parquet.block.size}, 8 MB by default) and compactions of a large table stay within that bound: the key
   * must reach Parquet (a smaller cap here gives files of several row groups).
   */
  @Test
  void rowGroupSize_isATableOption_thatParquetHonours() throws Exception {
    assertThat(PaimonWriter.builder().tableOptions()).containsEntry("parquet.block.size", "8388608");
    java.util.Random random = new java.util.Random(13);
    try (PaimonTables paimon = new PaimonTables(dir, "db"); PaimonWriter w = PaimonWriter.builder().warehouse(dir)
        .database("db").buckets(1).tableOption("parquet.block.size", "65536").build()) {
      w.open(new WriterContext("groups", 0, null));
      w.ensureTable(T);
      RowBatch b = new RowBatch(20_000);
      for (long id = 0; id < 20_000; id++) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 32; i++) {
          text.append((char) ('a' + random.nextInt(26)));
        }
        b.upsert(Row.of(id, text.toString(), 1), 1);
      }
      w.write("t", b);
      checkpoint(w, 1);
      assertThat(footers(paimon, List::size)).hasSize(1).allSatisfy(groups -> assertThat(groups).isGreaterThan(3));
    }
  }

  /** Per live data file of the target: whether any column chunk is dictionary-encoded. */
  private static List<Boolean> dictionaryFiles(PaimonTables paimon) throws Exception {
    return footers(paimon, blocks -> blocks.stream().flatMap(block -> block.getColumns().stream())
        .anyMatch(col -> col.getEncodings().stream().anyMatch(e -> e.usesDictionary())));
  }

  /** The compression codecs of the live data files' column chunks. */
  private static List<String> codecs(PaimonTables paimon) throws Exception {
    return footers(paimon, blocks -> blocks.stream().flatMap(block -> block.getColumns().stream())
        .map(col -> col.getCodec().name()).distinct().collect(java.util.stream.Collectors.joining(",")));
  }

  private static <V> List<V> footers(PaimonTables paimon, java.util.function.Function<
      List<org.apache.paimon.shade.org.apache.parquet.hadoop.metadata.BlockMetaData>, V> of) throws Exception {
    var table = paimon.table(T.name());
    List<V> out = new java.util.ArrayList<>();
    for (var split : table.newReadBuilder().newScan().plan().splits()) {
      var ds = (org.apache.paimon.table.source.DataSplit) split;
      for (var file : ds.dataFiles()) {
        var path = table.store().pathFactory().createDataFilePathFactory(ds.partition(), ds.bucket())
            .toPath(file);
        try (var reader = org.apache.paimon.format.parquet.ParquetUtil.getParquetReader(table.fileIO(), path,
            file.fileSize(), new org.apache.paimon.options.Options())) {
          out.add(of.apply(reader.getFooter().getBlocks()));
        }
      }
    }
    return out;
  }

  private static int maxFilesPerBucket(PaimonTables paimon) throws Exception {
    int max = 0;
    for (var split : paimon.table(T.name()).newReadBuilder().newScan().plan().splits()) {
      max = Math.max(max, ((org.apache.paimon.table.source.DataSplit) split).dataFiles().size());
    }
    return max;
  }
}
