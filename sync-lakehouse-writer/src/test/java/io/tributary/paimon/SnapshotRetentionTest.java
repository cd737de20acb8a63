package io.tributary.paimon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.sync.event.Row;
import io.tributary.sync.spi.RowBatch;
import io.tributary.sync.spi.WriterContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.paimon.Snapshot;
import org.apache.paimon.io.DataFileMeta;
import org.apache.paimon.table.FileStoreTable;
import org.apache.paimon.table.source.DataSplit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Frequent commits leave bounded tables: Paimon expires snapshots beyond {@code snapshotRetention}'s bounds at each
 * commit and deletes the files only they referenced, and compaction keeps the live files per bucket near its
 * trigger. Checked on a real warehouse, by Paimon's own snapshot manager and the table directory.
 */
class SnapshotRetentionTest {

  @TempDir Path dir;

  @Test
  void defaults_keepAnHourOfSnapshots_butAtMost200() {
    assertThat(PaimonWriter.builder().tableOptions()).containsEntry("snapshot.time-retained", "1 h")
        .containsEntry("snapshot.num-retained.min", "10").containsEntry("snapshot.num-retained.max", "200");
    assertThat(PaimonWriter.builder().snapshotRetention(Duration.ofMinutes(5), 3, 50).tableOptions())
        .containsEntry("snapshot.time-retained", "300000 ms").containsEntry("snapshot.num-retained.min", "3")
        .containsEntry("snapshot.num-retained.max", "50");
  }

  @Test
  void badBounds_areRefusedWithTheReason() {
    assertThatThrownBy(() -> PaimonWriter.builder().snapshotRetention(Duration.ZERO, 1, 10))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must be positive");
    assertThatThrownBy(() -> PaimonWriter.builder().snapshotRetention(Duration.ofHours(1), 0, 10))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 <= min <= max");
    assertThatThrownBy(() -> PaimonWriter.builder().snapshotRetention(Duration.ofHours(1), 20, 10))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got min 20, max 10");
    assertThatThrownBy(() -> PaimonWriter.builder().snapshotRetention(Duration.ofHours(1), 1, 10)
        .snapshotRetention(Duration.ofHours(2), 1, 10)).isInstanceOf(IllegalStateException.class);
  }

  /**
   * 60 checkpoints of upserts (a quarter of them to keys already written, so compaction has rows to merge) under a
   * bound of 6 snapshots: after every commit at most 6 snapshots exist, every data file left in the table directory
   * is referenced by one of them (expiry deleted the rest), the latest snapshot holds at most 8 files per bucket
   * once compaction has caught up (no commit waits for it, so on a loaded machine that may take a few more
   * checkpoints), and the table reads back every key with its latest value.
   */
  @Test
  void frequentCommits_leaveBoundedSnapshotsAndFiles() throws Exception {
    int buckets = 2;
    try (PaimonWriter writer = PaimonWriter.builder().warehouse(dir).database("db").buckets(buckets)
        .snapshotRetention(Duration.ofHours(1), 2, 6).build();
        PaimonTables paimon = new PaimonTables(dir, "db")) {
      writer.open(new WriterContext("p", 0, null));
      writer.ensureTable(PaimonWriterTest.USERS);
      long seq = 0;
      long nextKey = 1;
      for (long checkpoint = 1; checkpoint <= 60; checkpoint++) {
        RowBatch b = new RowBatch(16);
        for (int i = 0; i < 8; i++) {
          long key = i < 2 && nextKey > 1 ? 1 + (checkpoint * 7 + i) % (nextKey - 1) : nextKey++;
          b.upsert(Row.of(key, "k" + key, (int) checkpoint), ++seq);
        }
        writer.write("users", b);
        writer.commit(checkpoint, writer.prepareCommit(checkpoint));
        FileStoreTable table = paimon.table("users");
        assertThat(table.snapshotManager().snapshotCount()).as("snapshots after checkpoint %d", checkpoint)
            .isLessThanOrEqualTo(6);
      }
      int perBucket = 5 + 3; // Paimon's num-sorted-run.compaction-trigger default, and the runs of a compaction or so
      PaimonTables.checkpointUntil(writer, 61, () -> liveFiles(paimon) <= buckets * perBucket);
      FileStoreTable table = paimon.table("users");
      Set<String> referenced = new HashSet<>();
      for (Snapshot s : (Iterable<Snapshot>) () -> {
        try {
          return table.snapshotManager().snapshots();
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }) {
        referenced.addAll(dataFiles(table, s.id()));
      }
      List<String> onDisk = filesOnDisk(dir.resolve("db.db").resolve("users"));
      assertThat(onDisk).as("data files on disk, each referenced by a retained snapshot").isNotEmpty()
          .allSatisfy(f -> assertThat(referenced).contains(f));
      assertThat(onDisk).as("files on disk: far fewer than the 120 the 60 commits wrote").hasSizeLessThan(60);
      assertThat(paimon.read(PaimonWriterTest.USERS)).hasSize((int) nextKey - 1);
    }
  }

  private static int liveFiles(PaimonTables paimon) throws Exception {
    FileStoreTable table = paimon.table("users");
    return dataFiles(table, table.snapshotManager().latestSnapshotId()).size();
  }

  private static Set<String> dataFiles(FileStoreTable table, long snapshot) {
    Set<String> out = new HashSet<>();
    for (DataSplit split : table.newSnapshotReader().withSnapshot(snapshot).read().dataSplits()) {
      for (DataFileMeta f : split.dataFiles()) {
        out.add(f.fileName());
      }
    }
    return out;
  }

  private static List<String> filesOnDisk(Path tableDir) throws java.io.IOException {
    try (Stream<Path> files = Files.walk(tableDir)) {
      return files.filter(p -> p.getParent().getFileName().toString().startsWith("bucket-"))
          .map(p -> p.getFileName().toString()).toList();
    }
  }
}
