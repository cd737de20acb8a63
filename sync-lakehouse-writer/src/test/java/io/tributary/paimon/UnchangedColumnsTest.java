package io.tributary.paimon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.sync.SyncException;
import io.tributary.sync.event.ColumnMask;
import io.tributary.sync.event.Row;
import io.tributary.sync.spi.RowBatch;
import io.tributary.sync.spi.WriterContext;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Upserts that leave columns unchanged without their values keep the target's current value for exactly those. */
class UnchangedColumnsTest {

  private static final ColumnMask NAME = ColumnMask.of(1);

  @TempDir Path dir;
  PaimonWriter writer;
  PaimonTables paimon;

  @BeforeEach
  void setUp() {
    writer = PaimonWriter.builder().warehouse(dir).database("db").buckets(2).build();
    writer.open(new WriterContext("p1", 0, null));
    paimon = new PaimonTables(dir, "db");
    writer.ensureTable(PaimonWriterTest.USERS);
  }

  @AfterEach
  void tearDown() throws Exception {
    writer.close();
    paimon.close();
  }

  private void checkpoint(long id) {
    writer.commit(id, writer.prepareCommit(id));
  }

  @Test
  void unchangedColumn_keepsCommittedValue_explicitNullStillClears() throws Exception {
    RowBatch b = new RowBatch(8);
    b.upsert(Row.of(1L, "ann", 10), 1);
    b.upsert(Row.of(2L, "bob", 20), 2);
    b.upsert(Row.of(3L, "cid", 30), 3);
    writer.write("users", b);
    checkpoint(1);

    b.clear();
    b.upsert(Row.of(1L, null, 11), 4, NAME); // name unchanged: keeps "ann"
    b.upsert(Row.of(2L, null, 21), 5); // explicit NULL: clears "bob"
    b.delete(Row.of(3L, null, null), 6);
    writer.write("users", b);
    checkpoint(2);
    assertThat(paimon.read(PaimonWriterTest.USERS))
        .containsExactlyInAnyOrder(Row.of(1L, "ann", 11), Row.of(2L, null, 21));
  }

  @Test
  void severalUpdatesOfOneRow_inOneBatchAndCommit_seeEachOther() throws Exception {
    RowBatch b = new RowBatch(8);
    b.upsert(Row.of(1L, "ann", 10), 1);
    writer.write("users", b);
    checkpoint(1);

    b.clear();
    b.upsert(Row.of(1L, "anna", 11), 2); // a new value...
    b.upsert(Row.of(1L, null, 12), 3, NAME); // ...which the next update in the batch keeps
    writer.write("users", b);
    b.clear();
    b.upsert(Row.of(1L, null, 13), 4, NAME); // a later batch of the same commit: Paimon cannot read it yet
    b.upsert(Row.of(5L, "eve", 50), 5);
    writer.write("users", b);
    b.clear();
    b.upsert(Row.of(5L, null, 51), 6, NAME);
    writer.write("users", b);
    checkpoint(2);
    assertThat(paimon.read(PaimonWriterTest.USERS))
        .containsExactlyInAnyOrder(Row.of(1L, "anna", 13), Row.of(5L, "eve", 51));
  }

  @Test
  void staging_resolvesAgainstNewestEarlierVersion_whateverTheArrivalOrder() throws Exception {
    RowBatch b = new RowBatch(8);
    b.upsert(Row.of(1L, "old", 0), 1);
    b.upsert(Row.of(4L, "target4", 0), 2);
    writer.write("users", b);
    checkpoint(1);
    b.clear();
    b.upsert(Row.of(1L, null, 5), 150, NAME); // log changes first; their older versions arrive later
    b.upsert(Row.of(2L, null, 5), 160, NAME);
    b.upsert(Row.of(3L, null, 7), 170, NAME); // key 3: change 120 sets the name, 170 keeps it
    b.upsert(Row.of(4L, null, 8), 180, NAME); // key 4: no staged version, the target's row gives it
    writer.writeStaging("users", "s", b);
    checkpoint(2);
    b.clear();
    b.upsert(Row.of(1L, "snap", 4), 99); // snapshot rows (seq = low watermark - 1)
    b.upsert(Row.of(2L, "snap2", 4), 99);
    b.upsert(Row.of(3L, "snap3", 4), 99);
    b.upsert(Row.of(3L, "new3", 6), 120);
    b.upsert(Row.of(1L, "stale", 3), 90); // older than the snapshot row: irrelevant
    b.upsert(Row.of(2L, null, 2), 95, NAME); // older than the winner: irrelevant
    writer.writeStaging("users", "s", b);
    writer.mergeStaging("users", "s", null);
    checkpoint(3);
    assertThat(paimon.read(PaimonWriterTest.USERS)).containsExactlyInAnyOrder(Row.of(1L, "snap", 5),
        Row.of(2L, "snap2", 5), Row.of(3L, "new3", 7), Row.of(4L, "target4", 8));
    assertThat(paimon.tables()).noneMatch(n -> n.contains("__staging_"));
  }

  @Test
  void staging_versionsOfOneTransaction_shareASeq_foldInArrivalOrder_acrossARestart() throws Exception {
    RowBatch b = new RowBatch(8);
    b.upsert(Row.of(1L, "snap1", 0), 99);
    b.upsert(Row.of(2L, "snap2", 0), 99);
    b.upsert(Row.of(3L, "snap3", 0), 99);
    b.upsert(Row.of(4L, "snap4", 0), 99);
    b.upsert(Row.of(1L, null, 1), 200, NAME); // one transaction (seq 200): partial,
    b.upsert(Row.of(1L, "new1", 2), 200); // then complete (cancels the partial),
    writer.writeStaging("users", "s", b);
    b.clear();
    b.upsert(Row.of(1L, null, 3), 200, NAME); // then partial again, in a later batch: keeps "new1"
    b.upsert(Row.of(2L, "new2", 4), 200); // complete, then a partial in the next batch keeps "new2"
    writer.writeStaging("users", "s", b);
    b.clear();
    b.upsert(Row.of(2L, null, 5), 200, NAME);
    b.upsert(Row.of(3L, null, 6), 210, NAME); // transaction 210 is split by the restart below
    b.upsert(Row.of(4L, "new4", 6), 210);
    writer.writeStaging("users", "s", b);
    byte[] committable = writer.prepareCommit(1);
    writer.commit(1, committable);
    writer.close();
    writer = PaimonWriter.builder().warehouse(dir).database("db").buckets(2).build();
    writer.open(new WriterContext("p1", 1, committable));
    writer.ensureTable(PaimonWriterTest.USERS);
    b.clear();
    b.upsert(Row.of(3L, "new3", 7), 210); // complete after the partial staged before the restart: wins whole
    b.upsert(Row.of(4L, null, 8), 210, NAME); // partial after the complete staged before the restart: keeps "new4"
    writer.writeStaging("users", "s", b);
    writer.mergeStaging("users", "s", null);
    checkpoint(2);
    assertThat(paimon.read(PaimonWriterTest.USERS)).containsExactlyInAnyOrder(Row.of(1L, "new1", 3),
        Row.of(2L, "new2", 5), Row.of(3L, "new3", 7), Row.of(4L, "new4", 8));
  }

  @Test
  void unchangedColumnOfAMissingRow_isRefused_neverWrittenAsNull() {
    RowBatch b = new RowBatch(8);
    b.upsert(Row.of(9L, null, 1), 1, NAME);
    assertThatThrownBy(() -> writer.write("users", b)).isInstanceOf(SyncException.class)
        .hasMessageContaining("holds no row with key [9]").hasMessageContaining("[name]");
  }

  @Test
  void keyChange_takesTheUnchangedColumnFromTheOldKeysRow_committedOrInTheBatchOrEarlierInTheCommit()
      throws Exception {
    RowBatch b = new RowBatch(8);
    b.upsert(Row.of(1L, "ann", 10), 1);
    b.upsert(Row.of(2L, "bob", 20), 2);
    writer.write("users", b);
    checkpoint(1);

    b.clear();
    b.upsertMoved(Row.of(100L, null, 11), 3, NAME, Row.of(1L, null, null)); // from the committed row
    b.delete(Row.of(1L, null, null), 3);
    b.upsertMoved(Row.of(101L, null, 12), 4, NAME, Row.of(100L, null, null)); // moved on in the same batch
    b.delete(Row.of(100L, null, null), 4);
    writer.write("users", b);
    b.clear();
    b.upsert(Row.of(2L, "bobby", 21), 5);
    writer.write("users", b);
    b.clear();
    b.upsertMoved(Row.of(102L, null, 22), 6, NAME, Row.of(2L, null, null)); // from a row of this commit
    b.delete(Row.of(2L, null, null), 6);
    writer.write("users", b);
    checkpoint(2);
    assertThat(paimon.read(PaimonWriterTest.USERS))
        .containsExactlyInAnyOrder(Row.of(101L, "ann", 12), Row.of(102L, "bobby", 22));
  }

  @Test
  void keyChangeFromAKeyTheTargetLacks_isRefused_notWrittenWithNulls() {
    RowBatch b = new RowBatch(4);
    b.upsertMoved(Row.of(100L, null, 11), 1, NAME, Row.of(9L, null, null));
    b.delete(Row.of(9L, null, null), 1);
    assertThatThrownBy(() -> writer.write("users", b)).isInstanceOf(SyncException.class)
        .hasMessageContaining("no row with key [9]");
  }
}
