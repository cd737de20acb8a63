package io.tributary.paimon;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.paimon.StagingMergeRandomizedTest.Staged;
import io.tributary.sync.event.Row;
import io.tributary.sync.event.RowFilter;
import io.tributary.sync.spi.RowBatch;
import io.tributary.sync.spi.WriterContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.LongStream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A random program of direct writes, staging writes, merges, scoped deletes and checkpoints, run with random
 * crashes (before a prepare, or after a checkpoint was saved but before its commit) followed by a restart from the
 * last saved checkpoint and a replay of everything after it, as the pipeline does. The Paimon table must end equal
 * to the model that ran the program once, without crashes.
 */
class CrashReplayRandomizedTest {

  static LongStream seeds() {
    long base = Long.getLong("tributary.seed", System.nanoTime());
    return LongStream.range(base, base + 6);
  }

  @TempDir Path dir;

  /** One step of the program. */
  sealed interface Op {}

  record Direct(List<Row> rows, List<Boolean> deletes) implements Op {}

  record Stage(List<Staged> rows) implements Op {}

  record DeleteWhere(RowFilter filter) implements Op {}

  record Merge(RowFilter scope) implements Op {}

  record Checkpoint() implements Op {}

  @ParameterizedTest(name = "seed={0}")
  @MethodSource("seeds")
  void crashesAndReplays_endEqualToTheModel(long seed) throws Exception {
    Random rnd = new Random(seed);
    List<Op> program = new ArrayList<>();
    RowFilter[] scopes = {null, RowFilter.all(), RowFilter.eq("src", "a")};
    for (int step = 0; step < 30; step++) {
      int op = rnd.nextInt(10);
      if (op < 3) {
        List<Row> rows = new ArrayList<>();
        List<Boolean> deletes = new ArrayList<>();
        for (int i = rnd.nextInt(6); i >= 0; i--) {
          long id = rnd.nextInt(25);
          boolean delete = rnd.nextInt(4) == 0;
          rows.add(delete ? Row.of(id, null, null) : StagingMergeRandomizedTest.randomRow(rnd, id));
          deletes.add(delete);
        }
        program.add(new Direct(rows, deletes));
      } else if (op < 6) {
        program.add(randomStage(rnd));
      } else if (op == 6) {
        program.add(new DeleteWhere(RowFilter.eq("src", "b")));
      } else if (op == 7) {
        program.add(new Merge(scopes[rnd.nextInt(scopes.length)]));
        program.add(new Checkpoint()); // a staging name is reusable only after the merge is committed
      } else {
        program.add(new Checkpoint());
      }
    }
    program.add(new Merge(null));
    program.add(new Checkpoint());

    Random crashes = new Random(seed * 31 + 7);
    String context = "seed=" + seed + " (rerun with -Dtributary.seed=" + seed + ")";
    long savedId = 0;
    byte[] saved = null;
    int resumeAt = 0;
    int crashCount = 0;
    int replayUntil = -1;
    // The ops that took effect: a crash forgets those after the saved checkpoint; the replay appends its own.
    List<Op> effective = new ArrayList<>();
    int effectiveAtSave = 0;
    try (PaimonTables paimon = new PaimonTables(dir, "db")) {
      PaimonWriter w = open(0, null);
      int i = 0;
      while (i < program.size()) {
        Op op = program.get(i);
        if (i < replayUntil && op instanceof Stage && crashes.nextBoolean()) {
          op = randomStage(crashes); // a re-read snapshot chunk differs from the lost one
        }
        // Right after a merge is the interesting spot: staging rows were committed early, the target was not.
        boolean crash = crashCount < 4 && crashes.nextInt(op instanceof Merge ? 2 : 8) == 0;
        if (op instanceof Checkpoint) {
          long id = savedId + 1;
          byte[] c = w.prepareCommit(id);
          savedId = id;
          saved = c;
          resumeAt = i + 1;
          effectiveAtSave = effective.size();
          if (!crash) {
            w.commit(id, c);
          }
        } else {
          apply(w, op);
          effective.add(op);
        }
        if (crash) {
          crashCount++;
          w.close();
          w = open(savedId, saved);
          effective.subList(effectiveAtSave, effective.size()).clear();
          replayUntil = i + 1;
          i = resumeAt;
          continue;
        }
        i++;
      }
      w.close();
      assertThat(StagingMergeRandomizedTest.sorted(paimon.read(StagingMergeRandomizedTest.T)))
          .as(context + ", " + crashCount + " crash(es)").isEqualTo(model(effective));
      assertThat(paimon.tables()).as(context).containsExactly("t");
    }
  }

  static Stage randomStage(Random rnd) {
    List<Staged> rows = new ArrayList<>();
    for (int i = rnd.nextInt(8); i >= 0; i--) {
      long id = rnd.nextInt(25);
      boolean tomb = rnd.nextInt(4) == 0;
      rows.add(new Staged(tomb ? Row.of(id, null, null) : StagingMergeRandomizedTest.randomRow(rnd, id),
          rnd.nextInt(15), tomb));
    }
    return new Stage(rows);
  }

  /** The reference: the effective ops applied to a map, once each. */
  static List<Row> model(List<Op> ops) {
    Map<Long, Row> model = new TreeMap<>();
    List<Staged> staged = new ArrayList<>();
    for (Op op : ops) {
      if (op instanceof Direct d) {
        for (int k = 0; k < d.rows().size(); k++) {
          Row r = d.rows().get(k);
          if (d.deletes().get(k)) {
            model.remove((Long) r.get(0));
          } else {
            model.put((Long) r.get(0), r);
          }
        }
      } else if (op instanceof Stage s) {
        staged.addAll(s.rows());
      } else if (op instanceof DeleteWhere d) {
        model.values().removeIf(r -> d.filter().test(StagingMergeRandomizedTest.SCHEMA, r));
      } else if (op instanceof Merge m) {
        StagingMergeRandomizedTest.applyMerge(model, staged, m.scope());
        staged.clear();
      }
    }
    return List.copyOf(model.values());
  }

  PaimonWriter open(long id, byte[] committable) {
    PaimonWriter w = PaimonWriter.builder().warehouse(dir).database("db").buckets(2).build();
    w.open(new WriterContext("crash", id, committable));
    w.ensureTable(StagingMergeRandomizedTest.T);
    return w;
  }

  static void apply(PaimonWriter w, Op op) {
    RowBatch b = new RowBatch(16);
    if (op instanceof Direct d) {
      for (int k = 0; k < d.rows().size(); k++) {
        if (d.deletes().get(k)) {
          b.delete(d.rows().get(k), 0);
        } else {
          b.upsert(d.rows().get(k), 0);
        }
      }
      w.write("t", b);
    } else if (op instanceof Stage s) {
      for (Staged r : s.rows()) {
        if (r.tombstone()) {
          b.delete(r.row(), r.seq());
        } else {
          b.upsert(r.row(), r.seq());
        }
      }
      w.writeStaging("t", "snap", b);
    } else if (op instanceof DeleteWhere d) {
      w.deleteWhere("t", d.filter());
    } else if (op instanceof Merge m) {
      w.mergeStaging("t", "snap", m.scope());
    } else {
      throw new IllegalArgumentException("checkpoints are run by the runner: " + op);
    }
  }
}
