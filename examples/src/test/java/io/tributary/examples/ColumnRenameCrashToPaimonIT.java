package io.tributary.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.mysql.MySqlSource;
import io.tributary.mysql.MySqlTestServer;
import io.tributary.paimon.PaimonTableReader;
import io.tributary.paimon.PaimonWriter;
import io.tributary.sync.CheckpointStores;
import io.tributary.sync.PipelineState;
import io.tributary.sync.SyncPipeline;
import io.tributary.sync.TablePhase;
import io.tributary.sync.event.Column;
import io.tributary.sync.event.Row;
import io.tributary.sync.spi.ChangeSource;
import io.tributary.sync.spi.ChangeWriter;
import io.tributary.sync.spi.ForwardingChangeWriter;
import io.tributary.sync.spi.RowBatch;
import io.tributary.sync.spi.TargetTable;
import io.tributary.sync.spi.WriterContext;
import io.tributary.sync.testing.GatedSnapshotSource;
import io.tributary.sync.testing.TestServer;
import java.nio.file.Path;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

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

  @TempDir
  Path dir;

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

    CrashingWriter crashing = new CrashingWriter(paimon(), crash);
    GatedSnapshotSource gated = new GatedSnapshotSource(new DdlSpy(source(db), crashing),
        fullSync ? 4 : Integer.MAX_VALUE);
    SyncPipeline first = pipeline(db, gated, crashing).build();
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
      await().atMost(WAIT).untilTrue(crashing.crashed);
      await().atMost(WAIT).until(() -> first.status().state() != PipelineState.RUNNING
          && first.status().state() != PipelineState.STARTING);
    } finally {
      first.close();
    }

    try (SyncPipeline second = pipeline(db, source(db), paimon()).build()) {
      second.start();
      assertThat(second.awaitCaughtUp(WAIT)).as("%s", second.status()).isTrue();
      assertThat(second.status().tables()).as("%s", second.status())
          .allMatch(t -> t.phase() == TablePhase.STREAMING);
      second.stop();
    }
    try (PaimonTableReader lake = PaimonTableReader.open(dir.resolve("warehouse"), "lake")) {
      for (String table : List.of("items", "keyed")) {
        List<String> columns = lake.columns(table).stream().map(Column::name).toList();
        assertThat(columns).as(table).containsExactlyInAnyOrderElementsOf(sourceColumns(db, table));
        assertThat(lake.read(table)).as("%s after a crash %s", table, crash)
            .containsExactlyInAnyOrderElementsOf(sourceRows(db, table, columns));
      }
    }
  }

  private ChangeWriter paimon() {
    return PaimonWriter.builder().warehouse(dir.resolve("warehouse")).database("lake").buckets(2).build();
  }

  private MySqlSource source(String db) {
    TestServer s = MySqlTestServer.get();
    return MySqlSource.builder().name("mysql").host(s.host()).port(s.port()).user(s.user()).password(s.password())
        .includeDatabases(db).heartbeatInterval(Duration.ofMillis(200)).build();
  }

  private SyncPipeline.Builder pipeline(String db, ChangeSource source, ChangeWriter writer) {
    return SyncPipeline.builder().name("rename-crash").source(source).fullSync(true).snapshotChunkSize(300)
        .snapshotParallelism(2).commitInterval(Duration.ofMillis(300)).writer(writer)
        .checkpointStore(CheckpointStores.file(dir.resolve("checkpoints")));
  }

  /** Tells the writer when the log delivered a rename, ahead of the engine applying it. */
  static final class DdlSpy extends io.tributary.sync.spi.ForwardingChangeSource {
    private final CrashingWriter writer;

    DdlSpy(ChangeSource delegate, CrashingWriter writer) {
      super(delegate);
      this.writer = writer;
    }

    @Override
    public io.tributary.sync.spi.LogStream openLog(io.tributary.sync.spi.StartPosition start,
        Map<io.tributary.sync.event.TableId, io.tributary.sync.event.TableSchema> schemas) {
      io.tributary.sync.spi.LogStream log = super.openLog(start, schemas);
      return new io.tributary.sync.spi.LogStream() {
        @Override
        public io.tributary.sync.event.SourcePosition startPosition() {
          return log.startPosition();
        }

        @Override
        public List<io.tributary.sync.event.ChangeEvent> poll(Duration timeout) throws InterruptedException {
          List<io.tributary.sync.event.ChangeEvent> events = log.poll(timeout);
          for (io.tributary.sync.event.ChangeEvent e : events) {
            if (e instanceof io.tributary.sync.event.SchemaChange s && !s.renamedFrom().isEmpty()) {
              writer.ddlRead = true;
            }
          }
          return events;
        }

        @Override
        public void acknowledge(io.tributary.sync.event.SourcePosition position) {
          log.acknowledge(position);
        }

        @Override
        public void close() {
          log.close();
        }
      };
    }
  }

  /** A writer that dies at the chosen point: from then on nothing reaches Paimon. */
  static final class CrashingWriter extends ForwardingChangeWriter {
    private final Crash at;
    final AtomicBoolean crashed = new AtomicBoolean();
    private boolean renamed;
    volatile boolean ddlRead;

    CrashingWriter(ChangeWriter delegate, Crash at) {
      super(delegate);
      this.at = at;
    }

    private void alive() {
      if (crashed.get()) {
        throw new IllegalStateException("simulated crash: the process is dead");
      }
    }

    private IllegalStateException crash() {
      crashed.set(true);
      return new IllegalStateException("simulated crash " + at);
    }

    @Override
    public void open(WriterContext context) {
      alive();
      super.open(context);
    }

    @Override
    public void ensureTable(TargetTable table) {
      alive();
      super.ensureTable(table);
    }

    @Override
    public void ensureTable(TargetTable table, Map<String, String> renamedFrom) {
      alive();
      if (renamedFrom.isEmpty() || renamed) {
        super.ensureTable(table, renamedFrom);
        return;
      }
      renamed = true;
      if (at == Crash.BEFORE_RENAME) {
        throw crash();
      }
      super.ensureTable(table, renamedFrom);
      if (at == Crash.AFTER_RENAME) {
        throw crash();
      }
    }

    @Override
    public void write(String target, RowBatch batch) {
      alive();
      super.write(target, batch);
    }

    @Override
    public void writeStaging(String target, String staging, RowBatch batch) {
      alive();
      super.writeStaging(target, staging, batch);
    }

    @Override
    public void mergeStaging(String target, String staging, io.tributary.sync.event.RowFilter scope) {
      alive();
      super.mergeStaging(target, staging, scope);
    }

    @Override
    public void dropStaging(String target, String staging) {
      alive();
      super.dropStaging(target, staging);
    }

    @Override
    public void deleteWhere(String target, io.tributary.sync.event.RowFilter filter) {
      alive();
      super.deleteWhere(target, filter);
    }

    @Override
    public byte[] prepareCommit(long checkpointId) {
      alive();
      if (ddlRead && at == Crash.BEFORE_DDL_CHECKPOINT) {
        throw crash();
      }
      if (renamed && at == Crash.AT_NEXT_PREPARE) {
        throw crash();
      }
      return super.prepareCommit(checkpointId);
    }

    @Override
    public void commit(long checkpointId, byte[] committable) {
      alive();
      if (renamed && at == Crash.SAVED_NOT_COMMITTED) {
        throw crash();
      }
      super.commit(checkpointId, committable);
      if (renamed && at == Crash.AFTER_COMMIT) {
        throw crash();
      }
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
