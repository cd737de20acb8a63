package io.tributary.paimon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.sync.SyncException;
import io.tributary.sync.event.Row;
import io.tributary.sync.spi.RowBatch;
import io.tributary.sync.spi.WriterContext;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.paimon.Snapshot;
import org.apache.paimon.utils.SnapshotManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StorageFailureTest {

  @TempDir Path dir;

  @AfterEach
  void reset() {
    FlakyFileIO.failures.set(0);
    FlakyFileIO.pathFilter = "";
  }

  PaimonWriter open(long id, byte[] committable) {
    PaimonWriter w = PaimonWriter.builder().warehouse("flaky://" + dir.toAbsolutePath()).database("db")
        .buckets(1).retry(4, Duration.ofMillis(1))
        // Paimon retries a failed commit itself; keep its loop short so the writer's own retry is exercised.
        .tableOption("commit.max-retries", "1").tableOption("commit.min-retry-wait", "1 ms")
        .tableOption("commit.max-retry-wait", "2 ms").build();
    w.open(new WriterContext("flaky", id, committable));
    w.ensureTable(PaimonWriterTest.USERS);
    return w;
  }

  @Test
  void crashHalfwayThroughCommittingSeveralTables_recoveryCommitsTheRestExactlyOnce() throws Exception {
    io.tributary.sync.spi.TargetTable second =
        new io.tributary.sync.spi.TargetTable("zz_second", PaimonWriterTest.USERS.columns(), List.of("id"));
    byte[] c1;
    try (PaimonWriter w = open(0, null)) {
      w.ensureTable(second);
      w.write("users", rows(1));
      w.write("zz_second", rows(2));
      c1 = w.prepareCommit(1);
      FlakyFileIO.pathFilter = "/zz_second/";
      FlakyFileIO.failures.set(1000);
      byte[] committable = c1;
      assertThatThrownBy(() -> w.commit(1, committable)).isInstanceOf(SyncException.class);
    }
    FlakyFileIO.failures.set(0);
    try (PaimonTables paimon = new PaimonTables(dir, "db")) {
      assertThat(paimon.read(PaimonWriterTest.USERS)).hasSize(1);
      assertThat(paimon.read(second)).isEmpty();
      try (PaimonWriter w = open(1, c1)) {
        assertThat(paimon.read(PaimonWriterTest.USERS)).containsExactly(Row.of(1L, "n1", 1));
        assertThat(paimon.read(second)).containsExactly(Row.of(2L, "n2", 1));
        assertThat(paimon.table("users").snapshotManager().latestSnapshotId()).isEqualTo(1);
        assertThat(paimon.table("zz_second").snapshotManager().latestSnapshotId()).isEqualTo(1);
      }
    }
  }

  static RowBatch rows(long id) {
    RowBatch b = new RowBatch(1);
    b.upsert(Row.of(id, "n" + id, 1), id);
    return b;
  }

  @Test
  void transientCommitFailures_retried_persistentOnes_retriable_thenRecoveredExactlyOnce() throws Exception {
    byte[] c2;
    try (PaimonWriter w = open(0, null)) {
      w.write("users", rows(1));
      byte[] c1 = w.prepareCommit(1);
      FlakyFileIO.failures.set(3); // more than Paimon's own attempts: only the writer's retry gets through
      w.commit(1, c1);
      assertThat(FlakyFileIO.failures).hasValue(0);

      w.write("users", rows(2));
      c2 = w.prepareCommit(2);
      FlakyFileIO.failures.set(1000);
      byte[] committable = c2;
      assertThatThrownBy(() -> w.commit(2, committable))
          .isInstanceOfSatisfying(SyncException.class, e -> assertThat(e.isRetriable()).isTrue())
          .hasMessageContaining("commit checkpoint 2 to users failed 4 times");
    }
    FlakyFileIO.failures.set(0);
    try (PaimonWriter w = open(2, c2);
        PaimonTables paimon = new PaimonTables(dir, "db")) {
      assertThat(PaimonWriterTest.sortById(paimon.read(PaimonWriterTest.USERS)))
          .containsExactly(Row.of(1L, "n1", 1), Row.of(2L, "n2", 1));
      SnapshotManager sm = paimon.table("users").snapshotManager();
      long appends = 0;
      for (long id = sm.earliestSnapshotId(); id <= sm.latestSnapshotId(); id++) {
        appends += sm.snapshot(id).commitKind() == Snapshot.CommitKind.APPEND ? 1 : 0;
      }
      assertThat(appends).isEqualTo(2);
    }
  }
}
