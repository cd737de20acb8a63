package io.tributary.mysql;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.sync.event.ChangeEvent;
import io.tributary.sync.event.Row;
import io.tributary.sync.event.RowChange;
import io.tributary.sync.event.TableNeedsResync;
import io.tributary.sync.event.TableSchema;
import io.tributary.sync.spi.PreflightCheck;
import io.tributary.sync.spi.LogStream;
import io.tributary.sync.spi.StartPosition;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What only MySQL 8 has: binary JSON in the binlog, caching_sha2_password users, its collations. */
@OnMySql8
class MySql8FeaturesIT {

  private static final String DB = "mysql8_it";
  private static final Duration WAIT = Duration.ofSeconds(20);

  /** MySQL writes JSON to the binlog in its binary form; decoded, it equals the snapshot's (the server's) text. */
  @Test
  void jsonBinaryValues_binlogEqualsSnapshot() throws Exception {
    MySqlTestServer.execute("DROP DATABASE IF EXISTS " + DB, "CREATE DATABASE " + DB,
        "CREATE TABLE " + DB + ".j (id INT PRIMARY KEY, js JSON)");
    String big = "x".repeat(70_000); // over 64 KB: the large (32-bit offset) binary format
    List<String> values = List.of("'{\"a\": 1, \"b\": [true, false, null], \"c\": \"\u00e9\u20ac\u2713 \\\\\"q\\\\\" \\\\n\"}'",
        "'18446744073709551615'", "'-9223372036854775808'", "'1.5e300'", "'-0.0'", "'\"str\"'", "'null'", "'{}'",
        "'[]'", "'[[[[[[1]]]]]]'", "CAST(12.345 AS JSON)",
        "JSON_OBJECT('d', CAST('2024-02-29 03:04:05.123456' AS DATETIME(6)), 't', CAST('-838:59:59' AS TIME), "
            + "'dt', CAST('2024-02-29' AS DATE))",
        "JSON_ARRAY('" + big + "', 1)", "NULL",
        "JSON_ARRAY(CAST('2024-01-01 00:00:00' AS DATETIME), CAST('12:34:56' AS TIME), CAST('-00:00:01.5' AS TIME(1)))");
    try (MySqlSource source = Sources.builder(DB).build()) {
      TableSchema schema = source.discoverTables().get(0);
      try (LogStream log = source.openLog(StartPosition.latest(), Map.of(schema.id(), schema))) {
        for (int i = 0; i < values.size(); i++) {
          MySqlTestServer.execute("INSERT INTO " + DB + ".j VALUES (" + i + ", " + values.get(i) + ")");
        }
        MySqlTestServer.execute("UPDATE " + DB + ".j SET js = JSON_SET(js, '$.a', 2) WHERE id = 0");
        List<ChangeEvent> events = Sources.readUntil(log, Sources.atLeast(values.size() + 1), WAIT);
        List<Row> snapshot = Chunks.readAll(source, schema, 5);
        List<Row> logged = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
          logged.add(((RowChange) events.get(i)).after());
        }
        logged.set(0, ((RowChange) events.get(values.size())).after());
        assertThat(logged).hasSize(snapshot.size());
        List<String> differ = new ArrayList<>();
        for (int i = 0; i < snapshot.size(); i++) {
          if (!logged.get(i).equals(snapshot.get(i))) {
            differ.add(values.get(i).length() > 200 ? "row " + i + " (big)"
                : values.get(i) + ": binlog " + logged.get(i) + " snapshot " + snapshot.get(i));
          }
        }
        assertThat(differ).as("values whose binlog text differs from the server's").isEmpty();
        assertThat((String) snapshot.get(0).get(1)).contains("\"a\": 2");
        assertThat((String) snapshot.get(1).get(1)).isEqualTo("18446744073709551615");
        assertThat((String) snapshot.get(12).get(1)).hasSizeGreaterThan(70_000);
      }
    }
  }

  /**
   * MySQL 8's default authentication, with the server's cache of verified passwords empty (as after a restart or
   * FLUSH PRIVILEGES): the JDBC pool and the binlog client must both do the full exchange (RSA key, no TLS).
   */
  @Test
  void cachingSha2PasswordUser_coldCache_jdbcAndBinlogConnect() throws Exception {
    MySqlTestServer.execute("DROP DATABASE IF EXISTS " + DB, "CREATE DATABASE " + DB,
        "CREATE TABLE " + DB + ".t (id INT PRIMARY KEY, s VARCHAR(20))",
        "DROP USER IF EXISTS 'sha2user'@'%'",
        "CREATE USER 'sha2user'@'%' IDENTIFIED WITH caching_sha2_password BY 'Sha2-pass'",
        "GRANT SELECT, RELOAD, LOCK TABLES, REPLICATION SLAVE, REPLICATION CLIENT ON *.* TO 'sha2user'@'%'",
        "FLUSH PRIVILEGES");
    assertThat(plugin("sha2user")).isEqualTo("caching_sha2_password");
    var server = MySqlTestServer.get();
    try (MySqlSource source = MySqlSource.builder().name("sha2").host(server.host()).port(server.port())
        .user("sha2user").password("Sha2-pass").includeDatabases(DB).heartbeatInterval(Duration.ofMillis(200))
        .build()) {
      TableSchema schema = source.discoverTables().get(0); // JDBC: full authentication
      MySqlTestServer.execute("FLUSH PRIVILEGES"); // empties the cache again: the binlog client cannot fast-auth
      try (LogStream log = source.openLog(StartPosition.latest(), Map.of(schema.id(), schema))) {
        MySqlTestServer.execute("INSERT INTO " + DB + ".t VALUES (1, 'sha2')");
        List<ChangeEvent> events = Sources.readUntil(log, Sources.atLeast(1), WAIT);
        assertThat(((RowChange) events.get(0)).after().get(1)).isEqualTo("sha2");
      }
      assertThat(Chunks.readAll(source, schema, 10)).hasSize(1);
    }
  }

  /** MySQL 8's default collation (utf8mb4_0900_ai_ci) and an accent-sensitive one decode alike in both paths. */
  @Test
  void utf8mb4_0900Collations_binlogEqualsSnapshot() throws Exception {
    MySqlTestServer.execute("DROP DATABASE IF EXISTS " + DB, "CREATE DATABASE " + DB,
        "CREATE TABLE " + DB + ".c (k VARCHAR(20) COLLATE utf8mb4_0900_as_cs PRIMARY KEY, "
            + "v TEXT COLLATE utf8mb4_0900_ai_ci, w CHAR(4) COLLATE utf8mb4_ja_0900_as_cs)");
    try (MySqlSource source = Sources.builder(DB).build()) {
      TableSchema schema = source.discoverTables().get(0);
      try (LogStream log = source.openLog(StartPosition.latest(), Map.of(schema.id(), schema))) {
        MySqlTestServer.execute("INSERT INTO " + DB + ".c VALUES ('\u00e9', 'caf\u00e9 \ud83d\ude00', '\u3042'), "
            + "('e', 'E', 'a'), ('E', 'plain', NULL)");
        List<ChangeEvent> events = Sources.readUntil(log, Sources.atLeast(3), WAIT);
        List<Row> logged = events.stream().map(e -> ((RowChange) e).after()).toList();
        assertThat(Chunks.readAll(source, schema, 2)).containsExactlyInAnyOrderElementsOf(logged)
            .contains(Row.of("\u00e9", "caf\u00e9 \ud83d\ude00", "\u3042"));
      }
    }
  }

  /**
   * Partial JSON updates (binlog_row_value_options=PARTIAL_JSON, which any session may set) log a diff, not the
   * document: the table stops with the reason (the update was lost silently before), later rows still decode, and
   * preflight fails on the global setting.
   */
  @Test
  void partialJsonUpdate_stopsTheTableWithTheReason_andPreflightFails() throws Exception {
    MySqlTestServer.execute("DROP DATABASE IF EXISTS " + DB, "CREATE DATABASE " + DB,
        "CREATE TABLE " + DB + ".p (id INT PRIMARY KEY, js JSON)",
        "INSERT INTO " + DB + ".p VALUES (1, '{\"a\": 1, \"b\": \"long enough text to be kept\"}')");
    try (MySqlSource source = Sources.builder(DB).build()) {
      TableSchema schema = source.discoverTables().get(0);
      try (LogStream log = source.openLog(StartPosition.latest(), Map.of(schema.id(), schema))) {
        MySqlTestServer.execute("SET SESSION binlog_row_value_options = 'PARTIAL_JSON'",
            "UPDATE " + DB + ".p SET js = JSON_SET(js, '$.a', 2) WHERE id = 1");
        MySqlTestServer.execute("UPDATE " + DB + ".p SET js = JSON_SET(js, '$.a', 3) WHERE id = 1");
        List<ChangeEvent> events = Sources.readUntil(log, Sources.atLeast(2), WAIT);
        assertThat(events.get(0)).isInstanceOfSatisfying(TableNeedsResync.class, r -> {
          assertThat(r.table()).isEqualTo(schema.id());
          assertThat(r.reason()).contains("binlog_row_value_options=PARTIAL_JSON").contains("re-sync");
        });
        assertThat(((RowChange) events.get(1)).after().get(1)).asString().contains("\"a\": 3");
      }
      MySqlTestServer.execute("SET GLOBAL binlog_row_value_options = 'PARTIAL_JSON'");
      try {
        assertThat(source.preflight(List.of(schema)).checks()).anySatisfy(c -> {
          assertThat(c.name()).isEqualTo("binlog_row_value_options");
          assertThat(c.status()).isEqualTo(PreflightCheck.Status.FAILED);
        });
      } finally {
        MySqlTestServer.execute("SET GLOBAL binlog_row_value_options = ''");
      }
    }
  }

  /** MySQL's default binlog_row_metadata=MINIMAL (no column names in the binlog): rows decode, preflight warns. */
  @Test
  void rowMetadataMinimal_rowsDecode_preflightWarns() throws Exception {
    MySqlTestServer.execute("DROP DATABASE IF EXISTS " + DB, "CREATE DATABASE " + DB,
        "CREATE TABLE " + DB + ".m (id INT PRIMARY KEY, s VARCHAR(10), d DECIMAL(10,2))",
        "SET GLOBAL binlog_row_metadata = 'MINIMAL'");
    try (MySqlSource source = Sources.builder(DB).build()) {
      TableSchema schema = source.discoverTables().get(0);
      assertThat(source.preflight(List.of(schema)).checks()).anySatisfy(c -> {
        assertThat(c.name()).isEqualTo("binlog_row_metadata");
        assertThat(c.status()).isEqualTo(PreflightCheck.Status.WARNING);
      });
      try (LogStream log = source.openLog(StartPosition.latest(), Map.of(schema.id(), schema))) {
        MySqlTestServer.execute("INSERT INTO " + DB + ".m VALUES (1, 'min', 12.5)");
        List<ChangeEvent> events = Sources.readUntil(log, Sources.atLeast(1), WAIT);
        assertThat(((RowChange) events.get(0)).after())
            .isEqualTo(Row.of(1, "min", new java.math.BigDecimal("12.50")));
      }
    } finally {
      MySqlTestServer.execute("SET GLOBAL binlog_row_metadata = 'FULL'");
    }
  }

  private static String plugin(String user) throws Exception {
    try (Connection c = MySqlTestServer.connect(); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT plugin FROM mysql.user WHERE user = '" + user + "'")) {
      rs.next();
      return rs.getString(1);
    }
  }
}
