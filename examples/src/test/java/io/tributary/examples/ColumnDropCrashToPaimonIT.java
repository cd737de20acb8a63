package io.tributary.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.examples.CrashingWriter.CrashPoint;
import io.tributary.examples.CrashingWriter.Method;
import io.tributary.mysql.MySqlTestServer;
import io.tributary.sync.PipelineState;
import io.tributary.sync.SyncPipeline;
import io.tributary.sync.TablePhase;
import io.tributary.sync.event.Column;
import io.tributary.sync.event.Row;
import io.tributary.sync.spi.ChangeWriter;
import io.tributary.sync.spi.ForwardingChangeWriter;
import io.tributary.sync.spi.TargetTable;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A pipeline killed around the target's evolution for a dropped column (MariaDB into Paimon): the restarted pipeline
 * ends equal to the source, and once Paimon dropped the column it never plans the target by the schema before the
 * drop. Before the fix the checkpoint before the evolution held
 * the old schema, so a crash right after Paimon dropped the column made the restart add it back (empty: Paimon gives
 * it a new field id) and commit that until the replayed DDL dropped it again.
 */
class ColumnDropCrashToPaimonIT {

  private static final Duration WAIT = Duration.ofSeconds(90);

  /**
   * Where the first pipeline dies, relative to the writer's evolution that drops the column; from then on nothing
   * reaches Paimon, as in a killed process.
   */
  enum Crash {
    BEFORE_EVOLVE,
    AFTER_EVOLVE
  }

  @RegisterExtension
  final PaimonTarget lake = new PaimonTarget();

  @ParameterizedTest
  @EnumSource(Crash.class)
  void killedAroundADrop_restartNeverPlansTheDroppedColumn(Crash crash) throws Exception {
    String db = "drop_crash_" + crash.ordinal();
    MySqlTestServer.execute("DROP DATABASE IF EXISTS " + db, "CREATE DATABASE " + db,
        "CREATE TABLE " + db + ".items (id BIGINT PRIMARY KEY, note VARCHAR(40), qty INT NOT NULL)");
    StringBuilder items = new StringBuilder("INSERT INTO " + db + ".items VALUES ");
    for (int i = 1; i <= 500; i++) {
      items.append(i == 1 ? "" : ",").append('(').append(i).append(",'n").append(i).append("',").append(i % 89)
          .append(')');
    }
    MySqlTestServer.execute(items.toString());

    CrashingWriter crashing = new CrashingWriter(lake.writer(), crash.name(), crash == Crash.BEFORE_EVOLVE
        ? CrashPoint.before(Method.ENSURE_TABLE, call -> dropsNote(call.table()))
        : CrashPoint.after(Method.ENSURE_TABLE, call -> dropsNote(call.table())));
    SyncPipeline first = pipeline(db, crashing).build();
    try {
      first.start();
      assertThat(first.awaitCaughtUp(WAIT)).as("%s", first.status()).isTrue();
      MySqlTestServer.execute("UPDATE " + db + ".items SET note = CONCAT('before', id) WHERE id % 5 = 0");
      assertThat(first.awaitCaughtUp(WAIT)).as("%s", first.status()).isTrue();
      MySqlTestServer.execute("ALTER TABLE " + db + ".items DROP COLUMN note",
          "UPDATE " + db + ".items SET qty = qty + 1 WHERE id % 7 = 0",
          "INSERT INTO " + db + ".items VALUES (501, 1)");
      await().atMost(WAIT).until(crashing::crashed);
      await().atMost(WAIT).until(() -> first.status().state() != PipelineState.RUNNING
          && first.status().state() != PipelineState.STARTING);
    } finally {
      first.close();
    }

    RecordingWriter recording = new RecordingWriter(lake.writer());
    try (SyncPipeline second = pipeline(db, recording).build()) {
      second.start();
      assertThat(second.awaitCaughtUp(WAIT)).as("%s", second.status()).isTrue();
      assertThat(second.status().tables()).as("%s", second.status())
          .allMatch(t -> t.phase() == TablePhase.STREAMING);
      second.stop();
    }
    if (crash == Crash.AFTER_EVOLVE) { // before it, planning the old layout would be harmless (the target has it)
      assertThat(recording.planned).as("the restarted run's plans of items").isNotEmpty()
          .noneMatch(columns -> columns.contains("note"));
    }
    assertThat(lake.columns("items")).containsExactly("id", "qty");
    assertThat(lake.read("items")).containsExactlyInAnyOrderElementsOf(sourceRows(db));
  }

  private SyncPipeline.Builder pipeline(String db, ChangeWriter writer) {
    return lake.pipeline("drop-crash", writer).source(MySqlSources.of(db).build()).fullSync(true)
        .snapshotChunkSize(300);
  }

  /** The evolution that drops {@code note}: the crash's named call. */
  private static boolean dropsNote(TargetTable table) {
    List<String> names = table.columns().stream().map(Column::name).toList();
    return names.contains("qty") && !names.contains("note");
  }

  /** Records the columns of every plan of {@code items} the restarted run asks for. */
  static final class RecordingWriter extends ForwardingChangeWriter {
    final List<List<String>> planned = new CopyOnWriteArrayList<>();

    RecordingWriter(ChangeWriter delegate) {
      super(delegate);
    }

    @Override
    public void ensureTable(TargetTable table) {
      List<String> names = table.columns().stream().map(Column::name).toList();
      if (names.contains("qty")) {
        planned.add(names);
      }
      super.ensureTable(table);
    }
  }

  private static List<Row> sourceRows(String db) throws SQLException {
    List<Row> rows = new ArrayList<>();
    try (Connection c = MySqlTestServer.connect(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT id, qty FROM " + db + ".items")) {
      while (rs.next()) {
        rows.add(Row.of(rs.getObject(1), rs.getObject(2)));
      }
    }
    return rows;
  }
}
