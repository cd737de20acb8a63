package io.tributary.examples.typematrix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.paimon.PaimonTableReader;
import io.tributary.paimon.PaimonWriter;
import io.tributary.sync.ErrorCode;
import io.tributary.sync.PipelineState;
import io.tributary.sync.PipelineStatus;
import io.tributary.sync.TablePhase;
import io.tributary.sync.SyncPipeline;
import io.tributary.sync.event.Row;
import io.tributary.sync.event.TableId;
import io.tributary.sync.memory.MemoryCheckpointStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Runs the type matrix against one server: every family's table is filled with rows 1..n (one edge value per
 * column per row, then a row of nulls), one pipeline syncs them through the snapshot, then the log path gets the
 * same values twice: as inserts (ids 1001..) and as updates of rows inserted with other values (ids 2001..). Every
 * cell of the Paimon table must equal the source's canonical text of the same cell, and rows k, 1000+k and 2000+k
 * must be alike (snapshot = stream insert = stream update = source).
 */
public final class TypeMatrix {

  private static final int INSERTED = 1000;
  private static final int UPDATED = 2000;

  private TypeMatrix() {
  }

  /** Types x values of the families (each generated column counted once per row). */
  public static String size(List<TypeCase.Family> families) {
    int types = families.stream().mapToInt(f -> f.cases().size()).sum();
    int values = families.stream().mapToInt(TypeCase.Family::values).sum();
    return types + " types, " + values + " values (x3: snapshot, log insert, log update)";
  }

  public static void run(MatrixServer server, List<TypeCase.Family> families, Path warehouse)
      throws Exception {
    System.out.println("type matrix " + server.name() + ": " + size(families));
    server.reset();
    for (TypeCase.Family f : families) {
      List<String> sql = new ArrayList<>(server.createTable(f));
      for (int k = 1; k <= f.rows(); k++) {
        sql.add(insert(f, k, k));
      }
      server.execute(sql);
    }
    try (SyncPipeline p = SyncPipeline.builder().name("matrix-" + server.name())
        .source(server.source("matrix-" + server.name())).mirrorTargetNaming(id -> id.table()).fullSync(true)
        .commitInterval(Duration.ofMillis(200)).checkpointStore(new MemoryCheckpointStore())
        .writer(PaimonWriter.builder().warehouse(warehouse).database("lake").buckets(1).build()).build()) {
      p.start();
      assertThat(p.awaitCaughtUp(Duration.ofSeconds(120))).as("snapshot of %s: %s", server.name(), p.status())
          .isTrue();
      assertThat(mismatches(server, families, warehouse, 0)).as("snapshot (%s)", server.name()).isEmpty();

      List<String> log = new ArrayList<>();
      for (TypeCase.Family f : families) {
        for (int k = 1; k <= f.rows(); k++) {
          log.add(insert(f, INSERTED + k, k));
          log.add(insert(f, UPDATED + k, k % f.rows() + 1));
        }
        for (int k = 1; k <= f.rows(); k++) {
          log.add(update(f, UPDATED + k, k));
        }
      }
      server.execute(log);
      await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
        assertThat(p.status().state()).as("%s", p.status()).isNotEqualTo(PipelineState.FAILED);
        assertThat(mismatches(server, families, warehouse, INSERTED)).as("log inserts (%s)", server.name())
            .isEmpty();
        assertThat(mismatches(server, families, warehouse, UPDATED)).as("log updates (%s)", server.name())
            .isEmpty();
      });
      assertThat(mismatches(server, families, warehouse, 0)).as("snapshot rows after the log (%s)", server.name())
          .isEmpty();
      assertThat(p.status().state()).isEqualTo(PipelineState.RUNNING);
      server.whileStreaming();
    } finally {
      server.cleanUp();
    }
  }

  /**
   * A value the target cannot hold exactly (its text must contain {@code reason}) stops its table, not the
   * pipeline, on both paths: read by the snapshot (table {@code refused}) and arriving in the log inside a
   * transaction that also changes a healthy table ({@code refused_log}). The healthy table keeps syncing, nothing of
   * a refused row reaches the target, and after the value is corrected, {@code resync(table)} brings the table back.
   */
  public static void assertRefused(MatrixServer server, String sqlType, String literal, String reason,
      Path warehouse) throws Exception {
    server.reset();
    TypeCase c = TypeCase.of("v", sqlType, "%s", v -> String.valueOf(v), literal);
    TypeCase.Family snapshot = new TypeCase.Family("refused", c);
    TypeCase.Family log = new TypeCase.Family("refused_log", c);
    TypeCase.Family healthy = new TypeCase.Family("healthy", TypeCase.of("v", "INT", "%s", String::valueOf, "7"));
    List<String> sql = new ArrayList<>(server.createTable(snapshot));
    sql.addAll(server.createTable(log));
    sql.addAll(server.createTable(healthy));
    sql.add(insert(snapshot, 1, 1));
    sql.add(insert(healthy, 1, 1));
    server.execute(sql);
    String what = sqlType + " " + literal;
    try (SyncPipeline p = SyncPipeline.builder().name("refusal-" + server.name())
        .source(server.source("refusal-" + server.name())).mirrorTargetNaming(id -> id.table()).fullSync(true)
        .commitInterval(Duration.ofMillis(200)).checkpointStore(new MemoryCheckpointStore())
        .writer(PaimonWriter.builder().warehouse(warehouse).database("lake").buckets(1).build()).build()) {
      p.start();
      TableId refused = table(p, "refused");
      TableId refusedLog = table(p, "refused_log");
      await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
        assertThat(p.status().state()).as("%s: %s", what, p.status()).isEqualTo(PipelineState.RUNNING);
        assertStopped(p, refused, reason, what + " (snapshot)");
        assertThat(p.status().table(refusedLog).orElseThrow().phase()).isEqualTo(TablePhase.STREAMING);
        assertThat(ids(warehouse, "healthy")).as("healthy table, %s", what).containsExactly(1);
      });

      // The log path: the bad row shares a transaction with healthy rows, which still arrive.
      server.execute(List.of("START TRANSACTION", insert(healthy, 2, 1), insert(log, 1, 1), insert(healthy, 3, 1),
          "COMMIT"));
      await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
        assertThat(p.status().state()).as("%s: %s", what, p.status()).isEqualTo(PipelineState.RUNNING);
        assertStopped(p, refusedLog, reason, what + " (log)");
        assertThat(ids(warehouse, "healthy")).as("healthy table, %s", what).containsExactly(1, 2, 3);
      });
      server.execute(List.of(insert(healthy, 4, 1)));
      await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
          assertThat(ids(warehouse, "healthy")).as("healthy table goes on, %s", what).containsExactly(1, 2, 3, 4));
      assertThat(ids(warehouse, "refused")).as("%s never reaches the target (snapshot)", what).isEmpty();
      assertThat(ids(warehouse, "refused_log")).as("%s never reaches the target (log)", what).isEmpty();

      // Corrected at the source, a re-sync brings the table back.
      server.execute(List.of("UPDATE refused SET v = NULL WHERE id = 1"));
      p.resync(refused).get(60, java.util.concurrent.TimeUnit.SECONDS);
      await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
        assertThat(p.status().table(refused).orElseThrow().phase()).as("%s", p.status())
            .isEqualTo(TablePhase.STREAMING);
        assertThat(ids(warehouse, "refused")).as("%s re-synced after the fix", what).containsExactly(1);
      });
      assertThat(p.status().state()).isEqualTo(PipelineState.RUNNING);
    } finally {
      server.cleanUp();
    }
  }

  /** The pipeline's table {@code name}, once its start has discovered the tables. */
  private static TableId table(SyncPipeline p, String name) {
    return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(
        () -> p.tables().stream().filter(t -> t.table().equals(name)).findFirst().orElse(null),
        java.util.Objects::nonNull);
  }

  private static void assertStopped(SyncPipeline p, TableId table, String reason, String what) {
    PipelineStatus.TableStatus t = p.status().table(table).orElseThrow();
    assertThat(t.phase()).as("%s: %s", what, t).isEqualTo(TablePhase.BLACKLISTED);
    assertThat(t.reasonCode()).as(what).isEqualTo(ErrorCode.VALUE_NOT_REPRESENTABLE);
    assertThat(t.reason()).as(what).contains(reason);
  }

  /** The ids in a target table (none when it does not exist yet). */
  private static List<Integer> ids(Path warehouse, String table) throws Exception {
    try (PaimonTableReader lake = PaimonTableReader.open(warehouse, "lake")) {
      if (!lake.tables().contains(table)) {
        return List.of();
      }
      return lake.read(table).stream().map(r -> ((Number) r.get(0)).intValue()).sorted().toList();
    }
  }

  private static String insert(TypeCase.Family f, int id, int row) {
    List<String> cols = new ArrayList<>(List.of("id"));
    List<String> vals = new ArrayList<>(List.of(String.valueOf(id)));
    for (TypeCase c : f.cases()) {
      if (!c.generated()) {
        cols.add(c.column());
        vals.add(literal(c, row));
      }
    }
    return "INSERT INTO " + f.table() + " (" + String.join(", ", cols) + ") VALUES (" + String.join(", ", vals)
        + ")";
  }

  private static String update(TypeCase.Family f, int id, int row) {
    String set = f.cases().stream().filter(c -> !c.generated()).map(c -> c.column() + " = " + literal(c, row))
        .collect(Collectors.joining(", "));
    return "UPDATE " + f.table() + " SET " + set + " WHERE id = " + id;
  }

  private static String literal(TypeCase c, int row) {
    return row <= c.values().size() ? c.values().get(row - 1) : "NULL";
  }

  /**
   * Cells of rows {@code offset+1..offset+n} whose target text differs from the source's text of row k (for the
   * snapshot rows, of the same row; for log rows, of the snapshot row whose values they were given), as
   * {@code table.column[id]: source <text> target <text>}.
   */
  static List<String> mismatches(MatrixServer server, List<TypeCase.Family> families, Path warehouse, int offset)
      throws Exception {
    List<String> out = new ArrayList<>();
    try (PaimonTableReader lake = PaimonTableReader.open(warehouse, "lake")) {
      for (TypeCase.Family f : families) {
        Map<Integer, List<String>> source = sourceTexts(server, f);
        Map<Integer, Row> target = new HashMap<>();
        for (Row r : lake.read(f.table())) {
          target.put(((Number) r.get(0)).intValue(), r);
        }
        for (int k = 1; k <= f.rows(); k++) {
          Row t = target.get(offset + k);
          if (t == null) {
            out.add(f.table() + "[" + (offset + k) + "]: row missing in the target");
            continue;
          }
          List<String> expected = source.get(k);
          List<String> sameRow = source.get(offset + k);
          for (int j = 0; j < f.cases().size(); j++) {
            TypeCase c = f.cases().get(j);
            Object v = t.get(j + 1);
            String actual = v == null ? null : render(c, v);
            String want = expected.get(j);
            if (!java.util.Objects.equals(want, actual) || !java.util.Objects.equals(sameRow.get(j), actual)) {
              out.add(f.table() + "." + c.column() + " " + c.sqlType() + " [" + (offset + k) + "]: source "
                  + quote(want) + (offset == 0 ? "" : " (row itself: " + quote(sameRow.get(j)) + ")") + ", target "
                  + quote(actual) + (v == null ? "" : " (" + v.getClass().getSimpleName() + ")"));
            }
          }
        }
      }
    }
    return out;
  }

  private static String render(TypeCase c, Object v) {
    try {
      return c.targetCanon().apply(v);
    } catch (RuntimeException e) {
      return "<cannot render " + v + ": " + e + ">";
    }
  }

  private static String quote(String s) {
    return s == null ? "NULL" : "'" + s + "'";
  }

  private static Map<Integer, List<String>> sourceTexts(MatrixServer server, TypeCase.Family f) {
    String select = f.cases().stream()
        .map(c -> "CASE WHEN " + c.column() + " IS NULL THEN NULL ELSE " + c.sourceText().replace("%s", c.column())
            + " END")
        .collect(Collectors.joining(", "));
    Map<Integer, List<String>> out = new HashMap<>();
    for (List<String> r : server.query("SELECT id, " + select + " FROM " + f.table())) {
      List<String> texts = new ArrayList<>();
      for (int j = 0; j < f.cases().size(); j++) {
        String s = r.get(j + 1);
        texts.add(s == null ? null : f.cases().get(j).sourceCanon().apply(s));
      }
      out.put(Integer.parseInt(r.get(0)), texts);
    }
    return out;
  }
}
