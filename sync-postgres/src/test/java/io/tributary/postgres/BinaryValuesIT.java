package io.tributary.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import static org.awaitility.Awaitility.await;

import io.tributary.sync.ErrorCode;
import io.tributary.sync.PipelineState;
import io.tributary.sync.SyncPipeline;
import io.tributary.sync.event.Row;
import io.tributary.sync.memory.MemoryCheckpointStore;
import io.tributary.sync.memory.MemoryWarehouse;
import io.tributary.sync.memory.MemoryWriter;
import io.tributary.sync.SyncException;
import io.tributary.sync.event.ChangeEvent;
import io.tributary.sync.event.RowChange;
import io.tributary.sync.event.SchemaChange;
import io.tributary.sync.event.SourcePosition;
import io.tributary.sync.event.TableSchema;
import io.tributary.sync.spi.LogStream;
import io.tributary.sync.spi.StartPosition;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code binaryValues(true)}: the log reads pgoutput's binary values and decodes them to exactly the values the text
 * path makes (both read the same WAL here); a column whose type has no binary decoder makes the stream read text.
 */
class BinaryValuesIT {

  private static final String TABLE = "CREATE TABLE b (id bigint PRIMARY KEY, i int, s smallint, n numeric(12,2), "
      + "nu numeric, f real, d double precision, ok boolean, v varchar(20), c char(4), t text, by bytea, dt date, "
      + "tm time(6), ts timestamp(6), tz timestamptz(3), u uuid, j json, jb jsonb, m mood, p posint)";

  private String db;
  private PostgresSource text;
  private PostgresSource binary;

  @BeforeEach
  void setUp() {
    db = PgFixture.newDatabase("binvals");
    PgFixture.execute(db, "CREATE TYPE mood AS ENUM ('sad', 'h\u00e4ppy')", "CREATE DOMAIN posint AS int CHECK"
        + " (VALUE > 0)", TABLE, "ALTER TABLE b REPLICA IDENTITY FULL");
    text = PgFixture.source(db, "binvals").slotName("binvals").binaryValues(false).build();
    binary = PgFixture.source(db, "binvals").slotName("binvals").binaryValues(true).build();
  }

  @AfterEach
  void tearDown() {
    PgFixture.dropSlots(db);
    text.close();
    binary.close();
  }

  @Test
  void binaryValues_decodeToTheTextPathsValues_onTheSameWal() throws Exception {
    TableSchema schema = text.discoverTables().get(0);
    SourcePosition start;
    try (LogStream log = text.openLog(StartPosition.latest(), Map.of(schema.id(), schema))) {
      start = log.startPosition();
    }
    PgFixture.execute(db,
        "INSERT INTO b VALUES (1, -2147483648, -32768, -9999999999.99, 'NaN', 'NaN', '-Infinity', true, 'caf\u00e9',"
            + " 'ab', E'line\\nbreak \ud83d\ude00', '\\x00ff', '4713-01-01 BC', '24:00:00', '1582-10-05 12:00:00.5',"
            + " '2000-01-01 12:00:00.001-05:30', 'A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11', '{\"a\": 1,  \"a\": 2}',"
            + " '{\"b\": 1, \"a\": [true, null, 2.50]}', 'h\u00e4ppy', 1)",
        "INSERT INTO b VALUES (2, 0, 0, 0, '-" + "9".repeat(60) + "." + "1".repeat(40) + "', '-0', 4.9e-324,"
            + " false, '', '', '', '\\x', '5874897-12-31', '00:00:00.001', '99999-12-31 23:59:59.999999',"
            + " '4713-01-01 00:00:00+00 BC', '00000000-0000-0000-0000-000000000000', '[1e300]', '1e3', 'sad', 7)",
        "INSERT INTO b (id, nu, n) VALUES (3, 1e-100, 0.01), (4, '123456789012345678901234567890123456789.50',"
            + " -0.10), (5, 'Infinity', 1.5), (6, 10000, 12345678.9), (7, 0.000, 100)",
        "INSERT INTO b (id) VALUES (8)",
        "UPDATE b SET i = 5, t = 'changed', nu = 1.50 WHERE id = 1",
        "DELETE FROM b WHERE id = 2");
    List<ChangeEvent> fromText = read(text, start, schema, 10, false);
    List<ChangeEvent> fromBinary = read(binary, start, schema, 10, true);
    for (int k = 0; k < fromText.size(); k++) {
      RowChange t = (RowChange) fromText.get(k);
      RowChange b = (RowChange) fromBinary.get(k);
      assertThat(b.op()).isEqualTo(t.op());
      assertThat(b.after()).as("row image after, change %d", k).isEqualTo(t.after());
      assertThat(b.before()).as("row image before, change %d", k).isEqualTo(t.before());
      assertThat(b.position()).isEqualTo(t.position());
    }
  }

  @Test
  void columnWithoutBinaryDecoder_atOpen_streamReadsText() throws Exception {
    PgFixture.execute(db, "ALTER TABLE b ADD COLUMN iv interval");
    TableSchema schema = binary.discoverTables().get(0);
    try (LogStream log = binary.openLog(StartPosition.latest(), Map.of(schema.id(), schema))) {
      PgFixture.execute(db, "INSERT INTO b (id, iv) VALUES (1, '1 year 2 mons 3 days 04:05:06.789')");
      RowChange row = (RowChange) Events.take(log, 1).get(0);
      assertThat(row.after().get(schema.columnCount() - 1)).isEqualTo("1 year 2 mons 3 days 04:05:06.789");
      assertThat(replicationCommand()).doesNotContain("\"binary\"");
    }
  }

  /**
   * An ALTER TABLE adding a column without a binary decoder, met mid-stream: the stream fails over (retriable)
   * before reading its values, and every later stream of the source reads text from the position given.
   */
  @Test
  void columnWithoutBinaryDecoder_addedMidStream_failsOverToText() throws Exception {
    TableSchema schema = binary.discoverTables().get(0);
    SourcePosition resume;
    try (LogStream log = binary.openLog(StartPosition.latest(), Map.of(schema.id(), schema))) {
      assertThat(replicationCommand()).contains("\"binary\" 'true'");
      PgFixture.execute(db, "INSERT INTO b (id, i) VALUES (1, 1)", "ALTER TABLE b ADD COLUMN iv interval",
          "INSERT INTO b (id, iv) VALUES (2, '-1 days +02:03:00')");
      RowChange first = (RowChange) Events.take(log, 1).get(0);
      resume = first.position();
      assertThatThrownBy(() -> Events.take(log, 1)).isInstanceOfSatisfying(SyncException.class, e -> {
        assertThat(e.code()).isEqualTo(ErrorCode.TRANSIENT);
        assertThat(e.isRetriable()).isTrue();
        assertThat(e.getMessage()).contains("column iv").contains("text values");
      });
    }
    try (LogStream log = binary.openLog(StartPosition.at(resume), Map.of(schema.id(), schema))) {
      List<ChangeEvent> events = Events.take(log, 2);
      assertThat(events.get(0)).isInstanceOf(SchemaChange.class);
      RowChange row = (RowChange) events.get(1);
      assertThat(row.after().get(0)).isEqualTo(2L);
      assertThat(row.after().get(row.after().size() - 1)).isEqualTo("-1 days +02:03:00");
      assertThat(replicationCommand()).doesNotContain("\"binary\"");
    }
  }

  /**
   * Through the engine: the ALTER's fail-over is one retried failover; the run resumes from its checkpoint in text
   * and the target ends equal to the source, rows before, at and after the ALTER included.
   */
  @Test
  void pipeline_alterAddingColumnWithoutBinaryDecoder_failsOverOnce_targetEqualsSource() throws Exception {
    PgFixture.execute(db, "CREATE TABLE p (id bigint PRIMARY KEY, v int, n numeric(12,2))",
        "ALTER TABLE p REPLICA IDENTITY FULL", "INSERT INTO p SELECT g, g, g / 100.0 FROM generate_series(1, 50) g");
    MemoryWarehouse warehouse = new MemoryWarehouse();
    PostgresSource source = PgFixture.source(db, "binpipe").includeTables("p").slotName("binpipe").build();
    try (SyncPipeline p = SyncPipeline.builder().name("binpipe").source(source).mirrorTargetNaming(id -> id.table())
        .fullSync(true).commitInterval(Duration.ofMillis(200)).failoverBackoff(Duration.ofMillis(200))
        .writer(new MemoryWriter(warehouse)).checkpointStore(new MemoryCheckpointStore()).build()) {
      p.start();
      assertThat(p.awaitCaughtUp(Duration.ofSeconds(60))).as("%s", p.status()).isTrue();
      assertThat(replicationCommand()).contains("\"binary\" 'true'");
      PgFixture.execute(db, "UPDATE p SET v = v + 1 WHERE id <= 10", "INSERT INTO p VALUES (51, 51, 0.51)");
      PgFixture.execute(db, "BEGIN", "INSERT INTO p VALUES (52, 52, 0.52)", "ALTER TABLE p ADD COLUMN iv interval",
          "INSERT INTO p VALUES (53, 53, 0.53, '1 day 02:00:00')", "COMMIT");
      PgFixture.execute(db, "UPDATE p SET iv = '-3 mons' WHERE id <= 5", "DELETE FROM p WHERE id = 6");
      await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
        assertThat(p.status().state()).as("%s", p.status()).isEqualTo(PipelineState.RUNNING);
        assertThat(warehouse.rows("p")).containsExactlyInAnyOrderElementsOf(sourceRows());
      });
      assertThat(p.status().failovers()).isEqualTo(1);
      assertThat(replicationCommand()).doesNotContain("\"binary\"");
    }
  }

  private List<Row> sourceRows() throws Exception {
    List<Row> rows = new ArrayList<>();
    try (Connection c = PgFixture.connect(db); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT id, v, n, iv::text FROM p")) {
      while (rs.next()) {
        rows.add(Row.of(rs.getLong(1), rs.getInt(2), rs.getBigDecimal(3), rs.getString(4)));
      }
    }
    return rows;
  }

  private List<ChangeEvent> read(PostgresSource source, SourcePosition start, TableSchema schema, int n,
      boolean binaryExpected) throws Exception {
    try (LogStream log = source.openLog(StartPosition.at(start), Map.of(schema.id(), schema))) {
      List<ChangeEvent> events = Events.take(log, n);
      assertThat(replicationCommand().contains("\"binary\" 'true'")).isEqualTo(binaryExpected);
      return events;
    }
  }

  private String replicationCommand() throws Exception {
    try (Connection c = PgFixture.connect(db); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT query FROM pg_stat_activity WHERE backend_type = 'walsender' AND"
            + " datname = current_database() AND query LIKE 'START_REPLICATION%'")) {
      assertThat(rs.next()).as("a walsender streams").isTrue();
      return rs.getString(1);
    }
  }
}
