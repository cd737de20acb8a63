package io.tributary.paimon;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.sync.event.Column;
import io.tributary.sync.event.DataType;
import io.tributary.sync.event.Row;
import io.tributary.sync.event.RowFilter;
import io.tributary.sync.event.TableSchema;
import io.tributary.sync.spi.RowBatch;
import io.tributary.sync.spi.TargetTable;
import io.tributary.sync.spi.WriterContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.paimon.Snapshot;
import org.apache.paimon.table.FileStoreTable;
import org.apache.paimon.utils.SnapshotManager;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Random interleavings of direct writes, staged upserts and tombstones (random, often tied sequence numbers),
 * scoped deletes, checkpoints and merges, compared with a plain in-memory model after every commit, and every
 * Paimon snapshot of the target compared with the model at its checkpoint (readers never see half a merge).
 */
class StagingMergeRandomizedTest {

  static final TargetTable T = new TargetTable("t",
      List.of(Column.of("id", DataType.bigint().notNull()), Column.of("src", DataType.varchar(8)),
          Column.of("v", DataType.intType())),
      List.of("id"));
  static final TableSchema SCHEMA = T.asSchema();

  enum Scope { NONE, ALL, SOURCE_A, VALUE_BELOW_50 }

  static RowFilter filter(Scope s) {
    return switch (s) {
      case NONE -> null;
      case ALL -> RowFilter.all();
      case SOURCE_A -> RowFilter.eq("src", "a");
      case VALUE_BELOW_50 -> RowFilter.or(RowFilter.lt("v", 50), RowFilter.isNull("v"));
    };
  }

  static Stream<Arguments> cases() {
    long base = Long.getLong("tributary.seed", System.nanoTime());
    List<Arguments> out = new ArrayList<>();
    for (Scope s : Scope.values()) {
      for (int i = 0; i < 3; i++) {
        out.add(Arguments.of(s, base + s.ordinal() * 1000L + i, base));
      }
    }
    return out.stream();
  }

  @TempDir Path dir;

  /** A staged row as the model keeps it. */
  record Staged(Row row, long seq, boolean tombstone) {}

  @ParameterizedTest(name = "{0} seed={1}")
  @MethodSource("cases")
  void randomInterleaving_mergedTargetEqualsModel(Scope scope, long seed, long base) throws Exception {
    Random rnd = new Random(seed);
    String context = "seed=" + seed + " scope=" + scope + " (rerun all cases with -Dtributary.seed=" + base + ")";
    Map<Long, Row> model = new TreeMap<>();
    List<Staged> staged = new ArrayList<>();
    Map<Long, Map<Long, Row>> modelAtCheckpoint = new HashMap<>();
    modelAtCheckpoint.put(0L, Map.of());
    long checkpoint = 0;
    int merges = 0;
    try (PaimonWriter w = PaimonWriter.builder().warehouse(dir).database("db").buckets(2).build();
        PaimonTables paimon = new PaimonTables(dir, "db")) {
      w.open(new WriterContext("rnd", 0, null));
      w.ensureTable(T);
      RowBatch b = new RowBatch(32);
      int steps = 25 + rnd.nextInt(15);
      for (int step = 0; step < steps; step++) {
        int op = rnd.nextInt(10);
        b.clear();
        if (op < 3) {
          for (int i = rnd.nextInt(8); i >= 0; i--) {
            long id = rnd.nextInt(30);
            if (rnd.nextInt(4) == 0) {
              b.delete(Row.of(id, null, null), 0);
              model.remove(id);
            } else {
              Row r = randomRow(rnd, id);
              b.upsert(r, 0);
              model.put(id, r);
            }
          }
          w.write("t", b);
        } else if (op < 7) {
          for (int i = rnd.nextInt(10); i >= 0; i--) {
            stageRandom(rnd, b, staged, 30, 20, 4);
          }
          w.writeStaging("t", "snap", b);
        } else if (op == 7 && rnd.nextBoolean()) {
          RowFilter f = RowFilter.eq("src", "b");
          w.deleteWhere("t", f);
          model.values().removeIf(r -> f.test(SCHEMA, r));
        } else if (op == 8 && merges < 2) {
          w.mergeStaging("t", "snap", filter(scope));
          applyMerge(model, staged, filter(scope));
          staged.clear();
          merges++;
          checkpoint = commit(w, checkpoint, model, modelAtCheckpoint);
          assertThat(paimon.exists(io.tributary.paimon.internal.Tables.stagingName("rnd", "t", "snap")))
              .as("staging dropped " + context).isFalse();
        } else {
          checkpoint = commit(w, checkpoint, model, modelAtCheckpoint);
        }
        if (op == 9) {
          assertThat(sorted(paimon.read(T))).as(context + " step " + step).isEqualTo(List.copyOf(model.values()));
        }
      }
      w.mergeStaging("t", "snap", filter(scope));
      applyMerge(model, staged, filter(scope));
      checkpoint = commit(w, checkpoint, model, modelAtCheckpoint);
      assertThat(sorted(paimon.read(T))).as(context + " final").isEqualTo(List.copyOf(model.values()));
      assertThat(paimon.tables()).as(context).containsExactly("t");
      assertEverySnapshotIsACheckpointState(paimon.table("t"), modelAtCheckpoint, context);
    }
  }

  /**
   * A long staging: every checkpoint flushes a sorted run into the never-compacted staging table, so the merge reads
   * far more runs per bucket than its spill threshold (10) and must still pick the highest seq per key.
   */
  @ParameterizedTest(name = "seed={0}")
  @MethodSource("spillSeeds")
  void manyCheckpointsDuringStaging_mergeReadsEveryRunExactly(long seed) throws Exception {
    Random rnd = new Random(seed);
    Map<Long, Row> model = new TreeMap<>();
    List<Staged> staged = new ArrayList<>();
    long checkpoint = 0;
    try (PaimonWriter w = PaimonWriter.builder().warehouse(dir).database("db").buckets(1).build();
        PaimonTables paimon = new PaimonTables(dir, "db")) {
      w.open(new WriterContext("spill", 0, null));
      w.ensureTable(T);
      RowBatch b = new RowBatch(64);
      for (int run = 0; run < 30; run++) {
        b.clear();
        for (int i = 0; i < 40; i++) {
          stageRandom(rnd, b, staged, 200, 1000, 5);
        }
        w.writeStaging("t", "snap", b);
        checkpoint++;
        w.commit(checkpoint, w.prepareCommit(checkpoint)); // one more sorted run in the staging table
      }
      w.mergeStaging("t", "snap", null);
      applyMerge(model, staged, null);
      checkpoint++;
      w.commit(checkpoint, w.prepareCommit(checkpoint));
      assertThat(sorted(paimon.read(T))).as("seed=%d (rerun with -Dtributary.seed=%d)", seed, seed)
          .isEqualTo(List.copyOf(model.values()));
    }
  }

  static Stream<Long> spillSeeds() {
    long base = Long.getLong("tributary.seed", System.nanoTime());
    return Stream.of(base, base + 1);
  }

  private static long commit(PaimonWriter w, long checkpoint, Map<Long, Row> model,
      Map<Long, Map<Long, Row>> modelAtCheckpoint) {
    long id = checkpoint + 1;
    w.commit(id, w.prepareCommit(id));
    modelAtCheckpoint.put(id, new TreeMap<>(model));
    return id;
  }

  /** The reference: delete the scope, then per key the highest seq wins (later on ties), tombstones delete. */
  static void applyMerge(Map<Long, Row> model, List<Staged> staged, RowFilter scope) {
    if (scope != null) {
      model.values().removeIf(r -> scope.test(SCHEMA, r));
    }
    Map<Long, Staged> winners = new HashMap<>();
    for (Staged s : staged) {
      long id = (Long) s.row().get(0);
      Staged cur = winners.get(id);
      if (cur == null || s.seq() >= cur.seq()) {
        winners.put(id, s);
      }
    }
    for (Map.Entry<Long, Staged> e : winners.entrySet()) {
      if (e.getValue().tombstone()) {
        model.remove(e.getKey());
      } else {
        model.put(e.getKey(), e.getValue().row());
      }
    }
  }

  private static void assertEverySnapshotIsACheckpointState(FileStoreTable table,
      Map<Long, Map<Long, Row>> modelAtCheckpoint, String context) throws Exception {
    SnapshotManager sm = table.snapshotManager();
    for (long id = sm.earliestSnapshotId(); id <= sm.latestSnapshotId(); id++) {
      Snapshot s = sm.snapshot(id);
      FileStoreTable at = table.copy(Map.of("scan.snapshot-id", String.valueOf(id)));
      List<Row> rows = new ArrayList<>();
      var rb = at.newReadBuilder();
      var conv = new io.tributary.paimon.internal.RowConverter("t", T.columns(), T.primaryKey(), at.rowType(),
          new io.tributary.paimon.internal.Limits(Long.MAX_VALUE, Long.MAX_VALUE));
      try (var reader = rb.newRead().createReader(rb.newScan().plan())) {
        reader.forEachRemaining(r -> rows.add(conv.toCore(r)));
      }
      assertThat(sorted(rows)).as(context + " snapshot " + id + " (" + s.commitKind() + ", checkpoint "
          + s.commitIdentifier() + ")").isEqualTo(List.copyOf(modelAtCheckpoint.get(s.commitIdentifier()).values()));
    }
  }

  static List<Row> sorted(List<Row> rows) {
    List<Row> out = new ArrayList<>(rows);
    out.sort((a, c) -> Long.compare((Long) a.get(0), (Long) c.get(0)));
    return out;
  }

  /**
   * Adds one random staged row to {@code b} and the model: a key below {@code keys}, a seq below {@code seqs} (ties
   * likely), a tombstone one time in {@code tombstoneOneIn}.
   */
  static void stageRandom(Random rnd, RowBatch b, List<Staged> staged, int keys, int seqs, int tombstoneOneIn) {
    long id = rnd.nextInt(keys);
    long seq = rnd.nextInt(seqs);
    boolean tomb = rnd.nextInt(tombstoneOneIn) == 0;
    Row r = tomb ? Row.of(id, null, null) : randomRow(rnd, id);
    if (tomb) {
      b.delete(r, seq);
    } else {
      b.upsert(r, seq);
    }
    staged.add(new Staged(r, seq, tomb));
  }

  static Row randomRow(Random rnd, long id) {
    return Row.of(id, rnd.nextBoolean() ? "a" : "b", rnd.nextInt(5) == 0 ? null : rnd.nextInt(100));
  }
}
