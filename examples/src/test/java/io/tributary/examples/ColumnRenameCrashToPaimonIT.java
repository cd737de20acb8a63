package io.tributary.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.examples.CrashingWriter.CrashPoint;
import io.tributary.examples.CrashingWriter.Method;
import io.tributary.examples.CrashingWriter.Outcome;
import io.tributary.mysql.MySqlSource;
import io.tributary.mysql.MySqlTestServer;
import io.tributary.sync.PipelineState;
import io.tributary.sync.SyncPipeline;
import io.tributary.sync.TablePhase;
import io.tributary.sync.event.ChangeEvent;
import io.tributary.sync.event.Row;
import io.tributary.sync.event.SchemaChange;
import io.tributary.sync.event.TableId;
import io.tributary.sync.event.TableSchema;
import io.tributary.sync.spi.ChangeSource;
import io.tributary.sync.spi.ChangeWriter;
import io.tributary.sync.spi.ForwardingChangeSource;
import io.tributary.sync.spi.ForwardingLogStream;
import io.tributary.sync.spi.LogStream;
import io.tributary.sync.spi.StartPosition;
import io.tributary.sync.testing.GatedSnapshotSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A pipeline killed at each point around a column rename (MariaDB into Paimon), streaming and with the table's full
 * sync running: the restarted pipeline must end with Paimon equal to the source row by row, the renamed columns
 * holding the values written before the rename. The crash is a writer that, from the chosen call on, lets nothing
 * more reach Paimon (every call throws), as a killed process would; the second pipeline gets a fresh writer on the
 * same warehouse and checkpoint store.
 */
class ColumnRenameCrashToPaimonIT {

  private static final Duration WAIT = Duration.ofSeconds(90);

  /** Where the first pipeline dies, relative to the writer's rename (its {@code ensureTable} with renames). */
  enum Crash {
    /** At the first prepare after the source read the rename's DDL: before the DDL's checkpoint. */
    BEFORE_DDL_CHECKPOINT,
    /** The checkpoint before the DDL is committed, the rename not made. */
    BEFORE_RENAME,
    /** Right after Paimon renamed the columns. */
    AFTER_RENAME,
    /** At the prepare of the checkpoint after the rename. */
    AT_NEXT_PREPARE,
    /** The checkpoint after the rename is saved, its Paimon commit not made. */
    SAVED_NOT_COMMITTED,
    /** Right after the Paimon commit of the checkpoint after the rename. */
    AFTER_COMMIT
  }

  @RegisterExtension
  final PaimonTarget lake = new PaimonTarget();

  @ParameterizedTest(name = "{0}, full sync running: {1}")
  @CsvSource({"BEFORE_DDL_CHECKPOINT,false", "BEFORE_DDL_CHECKPOINT,true", "BEFORE_RENAME,false", "AFTER_RENAME,false", "AT_NEXT_PREPARE,false", "SAVED_NOT_COMMITTED,false",
      "AFTER_COMMIT,false", "BEFORE_RENAME,true", "AFTER_RENAME,true", "AT_NEXT_PREPARE,true",
      "SAVED_NOT_COMMITTED,true", "AFTER_COMMIT,true"})
  void killedAroundARename_restartEndsEqualToSource_renamedColumnsKeepEarlierValues(Crash crash, boolean fullSync)
      throws Exception {
    String db = "ren_crash_" + crash.ordinal() + (fullSync ? "f" : "s");
    int rows = fullSync ? 6000 : 1500;
    MySqlTestServer.execute("DROP DATABASE IF EXISTS " + db, "CREATE DATABASE " + db,
        "CREATE TABLE " + db + ".items (id BIGINT PRIMARY KEY, note VARCHAR(40), qty INT NOT NULL)",
        "CREATE TABLE " + db + ".keyed (id BIGINT PRIMARY KEY, label VARCHAR(40))");
    StringBuilder items = new StringBuilder("INSERT INTO " + db + ".items VALUES ");
    StringBuilder keyed = new StringBuilder("INSERT INTO " + db + ".keyed VALUES ");
    for (int i = 1; i <= rows; i++) {
      items.append(i == 1 ? "" : ",").append('(').append(i).append(",'n").append(i).append("',").append(i % 89)
          .append(')');
      keyed.append(i == 1 ? "" : ",").append('(').append(i).append(",'k").append(i).append("')");
    }
    MySqlTestServer.execute(items.toString(), keyed.toString());

    DdlSpy spy = new DdlSpy(source(db));
    CrashingWriter crashing = new CrashingWriter(lake.writer(), crash.name(), crashPoint(crash, spy));
    GatedSnapshotSource gated = new GatedSnapshotSource(spy, fullSync ? 4 : Integer.MAX_VALUE);
    SyncPipeline first = pipeline(gated, crashing).build();
    try {
      first.start();
      if (fullSync) {
        await().atMost(WAIT).until(() -> gated.held() == 2);
        // staged by the log before the DDL: a restart replays it into the staging table under the old names
        MySqlTestServer.execute("UPDATE " + db + ".items SET note = CONCAT('before', id) WHERE id % 5 = 0");
      } else {
        assertThat(first.awaitCaughtUp(WAIT)).as("%s", first.status()).isTrue();
        MySqlTestServer.execute("UPDATE " + db + ".items SET note = CONCAT('before', id) WHERE id % 5 = 0");
        assertThat(first.awaitCaughtUp(WAIT)).as("%s", first.status()).isTrue();
      }
      MySqlTestServer.execute(
          "ALTER TABLE " + db + ".items RENAME COLUMN note TO memo",
          "ALTER TABLE " + db + ".keyed RENAME COLUMN id TO key_id, RENAME COLUMN label TO tag",
          "UPDATE " + db + ".items SET memo = CONCAT('after', id) WHERE id % 7 = 0",
          "UPDATE " + db + ".keyed SET tag = CONCAT('after', key_id) WHERE key_id % 7 = 0",
          "INSERT INTO " + db + ".items VALUES (" + (rows + 1) + ", 'new', 1)",
          "INSERT INTO " + db + ".keyed VALUES (" + (rows + 1) + ", 'new')");
      gated.release();
      await().atMost(WAIT).until(crashing::crashed);
      await().atMost(WAIT).until(() -> first.status().state() != PipelineState.RUNNING
          && first.status().state() != PipelineState.STARTING);
    } finally {
      first.close();
    }

    try (SyncPipeline second = pipeline(source(db), lake.writer()).build()) {
      second.start();
      assertThat(second.awaitCaughtUp(WAIT)).as("%s", second.status()).isTrue();
      assertThat(second.status().tables()).as("%s", second.status())
          .allMatch(t -> t.phase() == TablePhase.STREAMING);
      second.stop();
    }
    for (String table : List.of("items", "keyed")) {
      List<String> columns = lake.columns(table);
      assertThat(columns).as(table).containsExactlyInAnyOrderElementsOf(sourceColumns(db, table));
      assertThat(lake.read(table)).as("%s after a crash %s", table, crash)
          .containsExactlyInAnyOrderElementsOf(sourceRows(db, table, columns));
    }
  }

  /**
   * The call the first pipeline dies at. "Renamed" holds from the writer's first {@code ensureTable} with renames on
   * (that call included); the prepare before the DDL's checkpoint is the first once the log delivered the rename.
   */
  private static CrashPoint crashPoint(Crash crash, DdlSpy spy) {
    AtomicBoolean renamed = new AtomicBoolean();
    return call -> {
      boolean rename = call.method() == Method.ENSURE_TABLE && !call.renamedFrom().isEmpty()
          && renamed.compareAndSet(false, true);
      boolean prepare = call.method() == Method.PREPARE_COMMIT;
      boolean commit = call.method() == Method.COMMIT;
      return switch (crash) {
        case BEFORE_DDL_CHECKPOINT -> prepare && spy.ddlRead ? Outcome.DIE_BEFORE : Outcome.PASS;
        case BEFORE_RENAME -> rename ? Outcome.DIE_BEFORE : Outcome.PASS;
        case AFTER_RENAME -> rename ? Outcome.DIE_AFTER : Outcome.PASS;
        case AT_NEXT_PREPARE -> prepare && renamed.get() ? Outcome.DIE_BEFORE : Outcome.PASS;
        case SAVED_NOT_COMMITTED -> commit && renamed.get() ? Outcome.DIE_BEFORE : Outcome.PASS;
        case AFTER_COMMIT -> commit && renamed.get() ? Outcome.DIE_AFTER : Outcome.PASS;
      };
    };
  }

  private static MySqlSource source(String db) {
    return MySqlSources.of(db).build();
  }

  private SyncPipeline.Builder pipeline(ChangeSource source, ChangeWriter writer) {
    return lake.pipeline("rename-crash", writer).source(source).fullSync(true).snapshotChunkSize(300)
        .snapshotParallelism(2);
  }

  /** Tells the crash point when the log delivered a rename, ahead of the engine applying it. */
  static final class DdlSpy extends ForwardingChangeSource {
    volatile boolean ddlRead;

    DdlSpy(ChangeSource delegate) {
      super(delegate);
    }

    @Override
    public LogStream openLog(StartPosition start, Map<TableId, TableSchema> schemas) {
      return new ForwardingLogStream(super.openLog(start, schemas)) {
        @Override
        public List<ChangeEvent> poll(Duration timeout) throws InterruptedException {
          List<ChangeEvent> events = super.poll(timeout);
          for (ChangeEvent e : events) {
            if (e instanceof SchemaChange s && !s.renamedFrom().isEmpty()) {
              ddlRead = true;
            }
          }
          return events;
        }
      };
    }
  }

  private static List<String> sourceColumns(String db, String table) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Connection c = MySqlTestServer.connect(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT * FROM " + db + "." + table + " LIMIT 0")) {
      for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
        out.add(rs.getMetaData().getColumnLabel(i));
      }
    }
    return out;
  }

  /** Source rows laid out by the Paimon table's columns. */
  private static List<Row> sourceRows(String db, String table, List<String> columns) throws SQLException {
    List<Row> rows = new ArrayList<>();
    try (Connection c = MySqlTestServer.connect(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT * FROM " + db + "." + table)) {
      ResultSetMetaData md = rs.getMetaData();
      while (rs.next()) {
        Object[] values = new Object[columns.size()];
        for (int i = 0; i < values.length; i++) {
          for (int j = 1; j <= md.getColumnCount(); j++) {
            if (md.getColumnLabel(j).equals(columns.get(i))) {
              values[i] = rs.getObject(j);
            }
          }
        }
        rows.add(Row.of(values));
      }
    }
    return rows;
  }
}
