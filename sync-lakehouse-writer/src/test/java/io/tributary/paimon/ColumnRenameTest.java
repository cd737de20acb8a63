package io.tributary.paimon;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.sync.event.Column;
import io.tributary.sync.event.DataType;
import io.tributary.sync.event.Row;
import io.tributary.sync.event.RowFilter;
import io.tributary.sync.spi.ChangeWriter;
import io.tributary.sync.spi.RowBatch;
import io.tributary.sync.spi.TargetTable;
import io.tributary.sync.spi.WriterContext;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Paimon column renames through {@code ensureTable(table, renamedFrom)}: values, key columns, swaps, staging. */
class ColumnRenameTest {

  @TempDir Path dir;
  PaimonWriter writer;
  PaimonTables paimon;
  long checkpoint;

  @BeforeEach
  void setUp() {
    writer = PaimonWriter.builder().warehouse(dir).database("db").buckets(1).build();
    writer.open(new WriterContext("ren", 0, null));
    paimon = new PaimonTables(dir, "db");
  }

  @AfterEach
  void tearDown() throws Exception {
    writer.close();
    paimon.close();
  }

  static TargetTable table(String key, Column... columns) {
    return new TargetTable("r", List.of(columns), List.of(key));
  }

  static Column col(String name, DataType type) {
    return Column.of(name, type);
  }

  void write(Row... rows) {
    RowBatch b = new RowBatch(4);
    for (Row r : rows) {
      b.upsert(r, 0);
    }
    writer.write("r", b);
  }

  void commit() {
    checkpoint++;
    writer.commit(checkpoint, writer.prepareCommit(checkpoint));
  }

  @Test
  void declaresRenames() {
    assertThat(writer.capabilities()).contains(ChangeWriter.Capability.RENAME_COLUMN);
  }

  @Test
  void renameOfAColumnAndOfTheKey_keepValues_andLaterUpsertsByTheRenamedKeyReplaceRows() throws Exception {
    writer.ensureTable(table("id", col("id", DataType.intType().notNull()), col("a", DataType.varchar(5))));
    write(Row.of(1, "x"), Row.of(2, "y"));
    commit();
    TargetTable v2 = table("pk", col("pk", DataType.intType().notNull()), col("label", DataType.varchar(5)));
    writer.ensureTable(v2, Map.of("pk", "id", "label", "a"));
    write(Row.of(2, "y2"), Row.of(3, "z"));
    commit();
    assertThat(paimon.table("r").primaryKeys()).containsExactly("pk");
    assertThat(paimon.table("r").rowType().getFieldNames()).containsExactly("pk", "label");
    assertThat(PaimonWriterTest.sortById(paimon.read(v2)))
        .containsExactly(Row.of(1, "x"), Row.of(2, "y2"), Row.of(3, "z"));
    writer.ensureTable(v2, Map.of("pk", "id", "label", "a")); // a replay: already renamed, nothing changes
    assertThat(PaimonWriterTest.sortById(paimon.read(v2))).hasSize(3);
  }

  @Test
  void swapWithTypeChange_keepsEachColumnsValues() throws Exception {
    writer.ensureTable(table("id", col("id", DataType.intType().notNull()), col("a", DataType.intType()),
        col("b", DataType.intType())));
    write(Row.of(1, 10, 100));
    commit();
    TargetTable v2 = table("id", col("id", DataType.intType().notNull()), col("a", DataType.intType()),
        col("b", DataType.bigint()));
    writer.ensureTable(v2, Map.of("a", "b", "b", "a")); // b (old a) also widened
    write(Row.of(2, 200, 20L));
    commit();
    assertThat(PaimonWriterTest.sortById(paimon.read(v2))).containsExactly(Row.of(1, 100, 10L), Row.of(2, 200, 20L));
  }

  @Test
  void renameDuringAFullSync_renamesTheStagingTableToo_andTheMergeFillsTheRenamedColumn() throws Exception {
    TargetTable v1 = table("id", col("id", DataType.intType().notNull()), col("a", DataType.varchar(5)));
    writer.ensureTable(v1);
    RowBatch b = new RowBatch(4);
    b.upsert(Row.of(1, "x"), 5);
    b.upsert(Row.of(2, "y"), 5);
    writer.writeStaging("r", "s", b);
    commit();
    TargetTable v2 = table("key", col("key", DataType.intType().notNull()), col("label", DataType.varchar(5)));
    writer.ensureTable(v2, Map.of("key", "id", "label", "a"));
    RowBatch later = new RowBatch(4);
    later.upsert(Row.of(2, "y2"), 9);
    later.upsert(Row.of(3, "z"), 9);
    writer.writeStaging("r", "s", later);
    commit();
    writer.mergeStaging("r", "s", RowFilter.all());
    commit();
    assertThat(PaimonWriterTest.sortById(paimon.read(v2)))
        .containsExactly(Row.of(1, "x"), Row.of(2, "y2"), Row.of(3, "z"));
  }

  @Test
  void stagingTableLeftByAnEarlierRun_isRenamedWithTheTarget() throws Exception {
    TargetTable v1 = table("id", col("id", DataType.intType().notNull()), col("a", DataType.varchar(5)));
    writer.ensureTable(v1);
    RowBatch b = new RowBatch(4);
    b.upsert(Row.of(1, "x"), 5);
    writer.writeStaging("r", "s", b);
    commit();
    writer.close();
    writer = PaimonWriter.builder().warehouse(dir).database("db").buckets(1).build();
    writer.open(new WriterContext("ren", checkpoint, null)); // a restart: the staging table is not open
    writer.ensureTable(v1);
    TargetTable v2 = table("id", col("id", DataType.intType().notNull()), col("label", DataType.varchar(5)));
    writer.ensureTable(v2, Map.of("label", "a"));
    writer.mergeStaging("r", "s", RowFilter.all());
    commit();
    assertThat(PaimonWriterTest.sortById(paimon.read(v2))).containsExactly(Row.of(1, "x"));
  }

  /** A restart: a fresh writer resuming after {@code restored} (0 without a committable: a fresh start). */
  void restart(long restored, byte[] committable) {
    writer.close();
    writer = PaimonWriter.builder().warehouse(dir).database("db").buckets(1).build();
    writer.open(new WriterContext("ren", restored, committable));
  }

  void reopenReader() throws Exception {
    paimon.close();
    paimon = new PaimonTables(dir, "db");
  }

  @Test
  void crashAfterARenameBeforeItsCheckpoint_restartUndoesIt_soTheReplayRenamesWithTheValues() throws Exception {
    TargetTable v1 = table("id", col("id", DataType.intType().notNull()), col("a", DataType.intType()),
        col("b", DataType.intType()));
    writer.ensureTable(v1);
    write(Row.of(1, 10, 100));
    commit();
    long beforeDdl = checkpoint;
    // a swap and a key rename: three schema commits (a, b through a temporary name) plus the key's
    TargetTable v2 = table("pk", col("pk", DataType.intType().notNull()), col("a", DataType.intType()),
        col("b", DataType.intType()));
    writer.ensureTable(v2, Map.of("pk", "id", "a", "b", "b", "a"));
    write(Row.of(2, 200, 20)); // never checkpointed: the process dies here

    restart(beforeDdl, null); // the checkpoint before the DDL names the old columns
    writer.ensureTable(v1); // the restored run plans by the old names; its first touch undoes the rename
    assertThat(paimon.table("r").rowType().getFieldNames()).containsExactly("id", "a", "b");
    assertThat(paimon.table("r").primaryKeys()).containsExactly("id");
    assertThat(paimon.table("r").options()).doesNotContainKey("tributary.renames-pending");
    assertThat(PaimonWriterTest.sortById(paimon.read(v1))).containsExactly(Row.of(1, 10, 100));
    writer.ensureTable(v2, Map.of("pk", "id", "a", "b", "b", "a")); // the replayed DDL
    write(Row.of(2, 200, 20));
    commit();
    reopenReader(); // its catalog caches the table
    assertThat(paimon.table("r").rowType().getFieldNames()).containsExactlyInAnyOrder("pk", "a", "b");
    assertThat(PaimonWriterTest.sortById(paimon.read(v2))).containsExactly(Row.of(1, 100, 10), Row.of(2, 200, 20));
  }

  @Test
  void crashAfterTheRenamesCheckpointWasSaved_restartKeepsTheRename_andCommitsIt() throws Exception {
    writer.ensureTable(table("id", col("id", DataType.intType().notNull()), col("a", DataType.varchar(5))));
    write(Row.of(1, "x"));
    commit();
    TargetTable v2 = table("id", col("id", DataType.intType().notNull()), col("label", DataType.varchar(5)));
    writer.ensureTable(v2, Map.of("label", "a"));
    write(Row.of(2, "y"));
    checkpoint++;
    byte[] saved = writer.prepareCommit(checkpoint); // saved by the pipeline, not committed to Paimon

    restart(checkpoint, saved);
    writer.ensureTable(v2);
    assertThat(paimon.table("r").rowType().getFieldNames()).containsExactly("id", "label");
    assertThat(PaimonWriterTest.sortById(paimon.read(v2))).containsExactly(Row.of(1, "x"), Row.of(2, "y"));
    assertThat(paimon.table("r").options()).doesNotContainKey("tributary.renames-pending");
  }

  @Test
  void freshStartAfterAnUncheckpointedRename_keepsTheNewNames() throws Exception {
    writer.ensureTable(table("id", col("id", DataType.intType().notNull()), col("a", DataType.varchar(5))));
    write(Row.of(1, "x"));
    commit();
    TargetTable v2 = table("id", col("id", DataType.intType().notNull()), col("label", DataType.varchar(5)));
    writer.ensureTable(v2, Map.of("label", "a"));

    restart(0, null); // the checkpoints were cleared: the run plans by the source's current schema
    writer.ensureTable(v2);
    assertThat(paimon.table("r").rowType().getFieldNames()).containsExactly("id", "label");
    assertThat(PaimonWriterTest.sortById(paimon.read(v2))).containsExactly(Row.of(1, "x"));
  }
}
