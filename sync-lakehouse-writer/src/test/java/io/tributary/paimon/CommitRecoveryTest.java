package io.tributary.paimon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.paimon.internal.Tables;
import io.tributary.sync.SyncException;
import io.tributary.sync.event.Row;
import io.tributary.sync.event.RowFilter;
import io.tributary.sync.spi.RowBatch;
import io.tributary.sync.spi.TargetTable;
import io.tributary.sync.spi.WriterContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.paimon.Snapshot;
import org.apache.paimon.utils.SnapshotManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Crashes at every step of the commit protocol, simulated by closing a writer and opening a new one. */
class CommitRecoveryTest {

  static final TargetTable USERS = PaimonWriterTest.USERS;
  static final String STAGING_S = Tables.stagingName("pipe", "users", "s");

  @TempDir Path dir;
  PaimonTables paimon;

  @BeforeEach
  void setUp() {
    paimon = new PaimonTables(dir, "db");
  }

  @AfterEach
  void tearDown() throws Exception {
    paimon.close();
  }

  PaimonWriter open(long restoredId, byte[] committable) {
    PaimonWriter w = PaimonWriter.builder().warehouse(dir).database("db").buckets(2).build();
    w.open(new WriterContext("pipe", restoredId, committable));
    w.ensureTable(USERS);
    return w;
  }

  static RowBatch rows(long from, long to, String name) {
    RowBatch b = new RowBatch(16);
    for (long id = from; id < to; id++) {
      b.upsert(Row.of(id, name, (int) id), id);
    }
    return b;
  }

  static List<Row> expected(long from, long to, String name) {
    List<Row> out = new ArrayList<>();
    for (long id = from; id < to; id++) {
      out.add(Row.of(id, name, (int) id));
    }
    return out;
  }

  /** Append snapshots per commit identifier: each checkpoint must be committed exactly once. */
  List<Long> appendIdentifiers(String table) throws Exception {
    SnapshotManager sm = paimon.table(table).snapshotManager();
    List<Long> ids = new ArrayList<>();
    if (sm.latestSnapshotId() == null) {
      return ids;
    }
    for (long id = sm.earliestSnapshotId(); id <= sm.latestSnapshotId(); id++) {
      Snapshot s = sm.snapshot(id);
      if (s.commitKind() == Snapshot.CommitKind.APPEND) {
        ids.add(s.commitIdentifier());
      }
    }
    return ids;
  }

  @Test
  void crashBetweenPrepareAndCommit_restoredCommittableIsCommittedExactlyOnce() throws Exception {
    byte[] c2;
    try (PaimonWriter w = open(0, null)) {
      w.write("users", rows(0, 10, "a"));
      w.commit(1, w.prepareCommit(1));
      w.write("users", rows(5, 20, "b"));
      c2 = w.prepareCommit(2);
      // crash: checkpoint 2 is saved with c2, commit(2) never ran
    }
    assertThat(PaimonWriterTest.sortById(paimon.read(USERS))).isEqualTo(expected(0, 10, "a"));
    try (PaimonWriter w = open(2, c2)) {
      assertThat(PaimonWriterTest.sortById(paimon.read(USERS)))
          .isEqualTo(concat(expected(0, 5, "a"), expected(5, 20, "b")));
      w.commit(2, c2); // the pipeline may also retry the commit itself
    }
    try (PaimonWriter w = open(2, c2)) { // and crash again right after recovering
      w.write("users", rows(20, 21, "c"));
      w.commit(3, w.prepareCommit(3));
    }
    assertThat(appendIdentifiers("users")).containsExactly(1L, 2L, 3L);
    assertThat(PaimonWriterTest.sortById(paimon.read(USERS)))
        .isEqualTo(concat(expected(0, 5, "a"), expected(5, 20, "b"), expected(20, 21, "c")));
  }

  @Test
  void sameWriterReopenedForANewRun_abandonsUncommittedWritesAndRecovers() throws Exception {
    // The engine opens its one writer per run: after stop() and start(), and after every failover.
    try (PaimonWriter w = open(0, null)) {
      w.write("users", rows(0, 10, "a"));
      byte[] c1 = w.prepareCommit(1);
      w.commit(1, c1);
      w.write("users", rows(10, 20, "lost")); // the run fails before its next checkpoint
      w.open(new WriterContext("pipe", 1, c1));
      w.ensureTable(USERS);
      w.write("users", rows(10, 12, "replayed"));
      w.commit(2, w.prepareCommit(2));
    }
    assertThat(PaimonWriterTest.sortById(paimon.read(USERS)))
        .isEqualTo(concat(expected(0, 10, "a"), expected(10, 12, "replayed")));
    assertThat(appendIdentifiers("users")).containsExactly(1L, 2L);
  }

  @Test
  void closedWriter_refusesToOpen() {
    PaimonWriter w = open(0, null);
    w.close();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> w.open(new WriterContext("pipe", 0, null)))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
  }

  @Test
  void freshStartAfterCheckpointsWereCleared_newCheckpointOneIsStillCommitted() throws Exception {
    try (PaimonWriter w = open(0, null)) {
      for (long n = 1; n <= 3; n++) {
        w.write("users", rows(n, n + 1, "first"));
        w.commit(n, w.prepareCommit(n));
      }
    }
    byte[] c1;
    try (PaimonWriter w = open(0, null)) { // "offline": checkpoints cleared, tables kept
      w.write("users", rows(10, 11, "second"));
      c1 = w.prepareCommit(1);
      w.commit(1, c1);
    }
    byte[] c2;
    try (PaimonWriter w = open(1, c1)) {
      w.write("users", rows(11, 12, "second"));
      c2 = w.prepareCommit(2);
    }
    try (PaimonWriter w = open(2, c2)) {
      assertThat(PaimonWriterTest.sortById(paimon.read(USERS)))
          .isEqualTo(concat(expected(1, 4, "first"), expected(10, 12, "second")));
    }
    assertThat(appendIdentifiers("users")).containsExactly(1L, 2L, 3L, 4L, 5L);
  }

  @Test
  void freshStart_dropsStagingTablesOfEarlierRuns_keepsOtherPipelines() throws Exception {
    try (PaimonWriter w = open(0, null)) {
      w.writeStaging("users", "s", rows(0, 3, "old"));
      w.commit(1, w.prepareCommit(1));
    }
    TargetTable others = new TargetTable("others", USERS.columns(), USERS.primaryKey());
    try (PaimonWriter other = PaimonWriter.builder().warehouse(dir).database("db").build()) {
      other.open(new WriterContext("other", 0, null));
      other.ensureTable(others);
      other.writeStaging("others", "committed", rows(0, 1, "x"));
      other.commit(1, other.prepareCommit(1));
      other.writeStaging("others", "uncommitted", rows(0, 1, "x")); // in flight: no snapshot yet
      other.prepareCommit(2);
      TargetTable lookalike = new TargetTable("t__staging_pipe__x", USERS.columns(), USERS.primaryKey());
      try (PaimonWriter w = open(0, null)) {
        w.ensureTable(lookalike); // a target named like a staging table
        w.commit(1, w.prepareCommit(1));
      }
      try (PaimonWriter w = open(0, null)) {
        assertThat(paimon.exists(lookalike.name())).as("a target is never taken for a staging table").isTrue();
        assertThat(paimon.exists(STAGING_S)).isFalse();
        assertThat(paimon.exists(Tables.stagingName("other", "others", "committed"))).isTrue();
        assertThat(paimon.exists(Tables.stagingName("other", "others", "uncommitted"))).isTrue();
      }
    }
  }

  @Test
  void restoredCheckpointWhoseStagingTableWasDropped_failsLoudly_insteadOfSkippingItsRows() throws Exception {
    byte[] c1;
    try (PaimonWriter w = open(0, null)) {
      w.writeStaging("users", "s", rows(0, 5, "chunk"));
      c1 = w.prepareCommit(1); // saved with the checkpoint; the crash comes before commit(1)
    }
    paimon.drop(STAGING_S); // e.g. another pipeline's recovery before staging tables carried their pipeline
    assertThatThrownBy(() -> open(1, c1)).isInstanceOf(CommittedTableMissingException.class)
        .hasMessageContaining("checkpoint 1").hasMessageContaining("db." + STAGING_S)
        .hasMessageContaining("offline()")
        .satisfies(e -> assertThat(((SyncException) e).isRetriable()).isFalse());
  }

  @Test
  void restoredCheckpointWhoseMergedStagingWasAlreadyDropped_recoversQuietly() throws Exception {
    byte[] c2;
    try (PaimonWriter w = open(0, null)) {
      w.writeStaging("users", "s", rows(0, 3, "chunk"));
      w.commit(1, w.prepareCommit(1));
      w.mergeStaging("users", "s", RowFilter.all());
      c2 = w.prepareCommit(2);
      w.commit(2, c2); // commits, drops the staging table; the next checkpoint is never saved
    }
    try (PaimonWriter w = open(2, c2)) {
      assertThat(PaimonWriterTest.sortById(paimon.read(USERS))).isEqualTo(expected(0, 3, "chunk"));
    }
  }

  @Test
  void twoPipelinesOnOneTarget_secondIsRefusedWithTheOwnerNamed() throws Exception {
    try (PaimonWriter w = open(0, null)) {
      w.write("users", rows(0, 3, "a"));
      w.commit(1, w.prepareCommit(1));
    }
    try (PaimonWriter other = PaimonWriter.builder().warehouse(dir).database("db").build()) {
      other.open(new WriterContext("other", 0, null));
      assertThatThrownBy(() -> other.ensureTable(USERS)).isInstanceOf(TargetOwnedElsewhereException.class)
          .hasMessageContaining("db.users").hasMessageContaining("'pipe'").hasMessageContaining("'other'")
          .hasMessageContaining("PaimonWriterBuilder.database");
    }
    try (PaimonWriter w = open(1, null)) { // the owner goes on
      w.write("users", rows(3, 4, "a"));
      w.commit(2, w.prepareCommit(2));
    }
    assertThat(PaimonWriterTest.sortById(paimon.read(USERS))).isEqualTo(expected(0, 4, "a"));
  }

  @Test
  void restoredCheckpointOfAnOlderVersion_goesOnUsingItsUnownedStagingTable_andMergesItsRows() throws Exception {
    try (PaimonWriter w = open(0, null)) {
      w.writeStaging("users", "s", rows(0, 5, "chunk"));
      w.commit(1, w.prepareCommit(1));
    }
    // What an older Tributary left: <target>__staging_<staging>, no owner option, committed by this commit user.
    paimon.rename(STAGING_S, "users__staging_s");
    paimon.removeOption("users__staging_s", Tables.OWNER_OPTION);
    try (PaimonWriter w = open(1, null)) {
      w.writeStaging("users", "s", rows(5, 7, "log"));
      w.mergeStaging("users", "s", RowFilter.all());
      w.commit(2, w.prepareCommit(2));
    }
    assertThat(PaimonWriterTest.sortById(paimon.read(USERS)))
        .isEqualTo(concat(expected(0, 5, "chunk"), expected(5, 7, "log")));
    assertThat(paimon.exists("users__staging_s")).isFalse();
    assertThat(paimon.exists(STAGING_S)).isFalse();
  }

  @Test
  void crashAfterCommit_restoringTheSameCheckpointCommitsNothingAgain() throws Exception {
    byte[] c1;
    try (PaimonWriter w = open(0, null)) {
      w.write("users", rows(0, 3, "a"));
      c1 = w.prepareCommit(1);
      w.commit(1, c1);
    }
    try (PaimonWriter w = open(1, c1)) {
      assertThat(appendIdentifiers("users")).containsExactly(1L);
    }
  }

  @Test
  void crashBeforePrepare_nothingVisible_andTheReplayIsCommittedOnce() throws Exception {
    byte[] c1;
    try (PaimonWriter w = open(0, null)) {
      w.write("users", rows(0, 3, "a"));
      c1 = w.prepareCommit(1);
      w.commit(1, c1);
      w.write("users", rows(3, 50, "lost"));
      w.deleteWhere("users", RowFilter.all());
    }
    assertThat(PaimonWriterTest.sortById(paimon.read(USERS))).isEqualTo(expected(0, 3, "a"));
    try (PaimonWriter w = open(1, c1)) {
      assertThat(PaimonWriterTest.sortById(paimon.read(USERS))).isEqualTo(expected(0, 3, "a"));
      w.write("users", rows(3, 6, "replay"));
      w.commit(2, w.prepareCommit(2));
    }
    assertThat(PaimonWriterTest.sortById(paimon.read(USERS)))
        .isEqualTo(concat(expected(0, 3, "a"), expected(3, 6, "replay")));
    assertThat(appendIdentifiers("users")).containsExactly(1L, 2L);
  }

  @Test
  void crashAfterMergeBeforeCheckpoint_stagingRolledBackToCheckpoint_andReplayedMergeIsCorrect() throws Exception {
    byte[] c1;
    try (PaimonWriter w = open(0, null)) {
      w.write("users", rows(100, 102, "old"));
      w.writeStaging("users", "s", rows(0, 5, "chunk"));
      c1 = w.prepareCommit(1);
      w.commit(1, c1);
      // after checkpoint 1: a tombstone that the restored run must not see before it replays it
      RowBatch b = new RowBatch(4);
      b.delete(Row.of(0L, null, null), 10);
      w.writeStaging("users", "s", b);
      w.mergeStaging("users", "s", RowFilter.all());
      // crash before prepareCommit(2): the merge committed staging rows early, target untouched
    }
    assertThat(PaimonWriterTest.sortById(paimon.read(USERS))).isEqualTo(expected(100, 102, "old"));
    try (PaimonWriter w = open(1, c1)) {
      assertThat(paimon.readInternal(STAGING_S)).as("staging rolled back to checkpoint 1").hasSize(5);
      w.writeStaging("users", "s", rows(3, 4, "log")); // replay differs: a later change instead of the delete
      w.mergeStaging("users", "s", RowFilter.all());
      assertThat(PaimonWriterTest.sortById(paimon.read(USERS))).as("nothing before commit")
          .isEqualTo(expected(100, 102, "old"));
      w.commit(2, w.prepareCommit(2));
    }
    assertThat(PaimonWriterTest.sortById(paimon.read(USERS)))
        .isEqualTo(concat(expected(0, 3, "chunk"), expected(3, 4, "log"), expected(4, 5, "chunk")));
    assertThat(paimon.exists(STAGING_S)).isFalse();
  }

  @Test
  void crashAfterMergeCheckpointSavedBeforeCommit_recoveryPublishesMergeAndDropsStaging() throws Exception {
    byte[] c2;
    try (PaimonWriter w = open(0, null)) {
      w.write("users", rows(100, 102, "old"));
      w.writeStaging("users", "s", rows(0, 3, "chunk"));
      w.commit(1, w.prepareCommit(1));
      w.mergeStaging("users", "s", RowFilter.all());
      c2 = w.prepareCommit(2);
    }
    assertThat(paimon.exists(STAGING_S)).isTrue();
    try (PaimonWriter w = open(2, c2)) {
      assertThat(PaimonWriterTest.sortById(paimon.read(USERS))).isEqualTo(expected(0, 3, "chunk"));
      assertThat(paimon.exists(STAGING_S)).isFalse();
    }
  }

  @Test
  void overwrite_readerBeforeCommitSeesOldTable_afterCommitExactlyTheStagedRows() throws Exception {
    try (PaimonWriter w = open(0, null)) {
      w.write("users", rows(0, 10, "old"));
      w.commit(1, w.prepareCommit(1));
      w.writeStaging("users", "resync", rows(5, 15, "new"));
      w.commit(2, w.prepareCommit(2));
      w.mergeStaging("users", "resync", RowFilter.all());
      w.write("users", rows(20, 21, "after")); // streaming straight into the target after the merge
      byte[] c3 = w.prepareCommit(3);
      assertThat(PaimonWriterTest.sortById(paimon.read(USERS))).isEqualTo(expected(0, 10, "old"));
      w.commit(3, c3);
      assertThat(PaimonWriterTest.sortById(paimon.read(USERS)))
          .isEqualTo(concat(expected(5, 15, "new"), expected(20, 21, "after")));
    }
  }

  @Test
  void dropStaging_discardsStagedRowsAndDropsTableAtCommit() throws Exception {
    try (PaimonWriter w = open(0, null)) {
      w.writeStaging("users", "s", rows(0, 3, "x"));
      w.commit(1, w.prepareCommit(1));
      w.writeStaging("users", "s", rows(3, 4, "x"));
      w.dropStaging("users", "s");
      assertThat(paimon.exists(STAGING_S)).isTrue();
      w.commit(2, w.prepareCommit(2));
      assertThat(paimon.exists(STAGING_S)).isFalse();
      assertThat(paimon.read(USERS)).isEmpty();
      w.dropStaging("users", "s"); // absent: no-op
      w.commit(3, w.prepareCommit(3));
    }
  }

  @Test
  void mergeOutput_isNotRemembered_soAScopedDeleteBeforeTheNextCheckpointRefusesLoudly() throws Exception {
    try (PaimonWriter w = open(0, null)) {
      w.writeStaging("users", "s", rows(0, 5, "a"));
      w.mergeStaging("users", "s", RowFilter.all());
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> w.deleteWhere("users", RowFilter.eq("name", "a")))
          .isInstanceOf(io.tributary.sync.SyncException.class).hasMessageContaining("take a checkpoint");
      w.commit(1, w.prepareCommit(1)); // what the pipeline does right after a merge
      w.deleteWhere("users", RowFilter.lt("id", 2L));
      w.commit(2, w.prepareCommit(2));
    }
    assertThat(PaimonWriterTest.sortById(paimon.read(USERS))).isEqualTo(expected(2, 5, "a"));
  }

  @Test
  void scopedDelete_afterMoreUncommittedRowsThanTracked_refusedUntilCheckpoint() throws Exception {
    try (PaimonWriter w = PaimonWriter.builder().warehouse(dir).database("db").maxTrackedRows(3).build()) {
      w.open(new WriterContext("small", 0, null));
      w.ensureTable(USERS);
      w.write("users", rows(0, 4, "a"));
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> w.deleteWhere("users", RowFilter.all()))
          .isInstanceOf(io.tributary.sync.SyncException.class).hasMessageContaining("more than 3 rows")
          .hasMessageContaining("take a checkpoint");
      w.commit(1, w.prepareCommit(1));
      w.write("users", rows(4, 6, "b"));
      w.deleteWhere("users", RowFilter.eq("name", "a"));
      w.commit(2, w.prepareCommit(2));
    }
    assertThat(PaimonWriterTest.sortById(paimon.read(USERS))).isEqualTo(expected(4, 6, "b"));
  }

  @SafeVarargs
  static List<Row> concat(List<Row>... parts) {
    List<Row> out = new ArrayList<>();
    for (List<Row> p : parts) {
      out.addAll(p);
    }
    return out;
  }
}
