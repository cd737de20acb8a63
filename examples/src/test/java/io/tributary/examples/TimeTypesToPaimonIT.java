package io.tributary.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.mysql.MySqlSource;
import io.tributary.mysql.MySqlTestServer;
import io.tributary.paimon.PaimonTableReader;
import io.tributary.paimon.PaimonWriter;
import io.tributary.postgres.PgFixture;
import io.tributary.sync.PipelineState;
import io.tributary.sync.SyncPipeline;
import io.tributary.sync.event.Row;
import io.tributary.sync.memory.MemoryCheckpointStore;
import io.tributary.sync.spi.ChangeSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TIME(6) and DATETIME/TIMESTAMP(6) from real servers into Paimon, through the snapshot and the log, read back with
 * Paimon's reader: every microsecond must arrive (issue 11.6: {@code 19:42:45.849703} used to arrive as
 * {@code 19:42:45.849}). Expected values are spelled out here rather than read back through JDBC, whose
 * {@code java.sql.Time} has milliseconds only.
 */
class TimeTypesToPaimonIT {

  @TempDir
  Path dir;

  private String pgDatabase;

  @AfterEach
  void dropSlots() {
    if (pgDatabase != null) {
      PgFixture.dropSlots(pgDatabase);
    }
  }

  private static final String[] VALUES = {
      "'00:00:00', '00:00:00.000', '00:00:00.000000', '1970-01-01 00:00:00.000001', '1970-01-02 00:00:00.000001'",
      "'23:59:59', '23:59:59.999', '23:59:59.999999', '2024-02-29 19:42:45.849703', '2038-01-19 03:14:07.999999'",
      "'19:42:45', '00:00:00.001', '00:00:00.000001', '9999-12-31 23:59:59.999999', '2024-02-29 19:42:45.849703'",
      "'12:00:00', '12:34:56.789', '19:42:45.849703', NULL, NULL"};

  /** The rows {@link #VALUES} stand for, with {@code id}s from {@code firstId}. */
  private static List<Row> expected(int firstId) {
    return List.of(
        Row.of(firstId, LocalTime.MIDNIGHT, LocalTime.MIDNIGHT, LocalTime.MIDNIGHT,
            LocalDateTime.of(1970, 1, 1, 0, 0, 0, 1_000), Instant.parse("1970-01-02T00:00:00.000001Z")),
        Row.of(firstId + 1, LocalTime.of(23, 59, 59), LocalTime.of(23, 59, 59, 999_000_000),
            LocalTime.of(23, 59, 59, 999_999_000), LocalDateTime.of(2024, 2, 29, 19, 42, 45, 849_703_000),
            Instant.parse("2038-01-19T03:14:07.999999Z")),
        Row.of(firstId + 2, LocalTime.of(19, 42, 45), LocalTime.of(0, 0, 0, 1_000_000), LocalTime.of(0, 0, 0, 1_000),
            LocalDateTime.of(9999, 12, 31, 23, 59, 59, 999_999_000), Instant.parse("2024-02-29T19:42:45.849703Z")),
        Row.of(firstId + 3, LocalTime.NOON, LocalTime.of(12, 34, 56, 789_000_000),
            LocalTime.of(19, 42, 45, 849_703_000), null, null));
  }

  private static String inserts(String table, int firstId) {
    StringBuilder sb = new StringBuilder("INSERT INTO " + table + " VALUES ");
    for (int i = 0; i < VALUES.length; i++) {
      sb.append(i == 0 ? "" : ", ").append('(').append(firstId + i).append(", ").append(VALUES[i]).append(')');
    }
    return sb.toString();
  }

  @Test
  void mariaDbTime6AndDatetime6_snapshotAndBinlog_arriveInPaimonToTheMicrosecond() throws Exception {
    MySqlTestServer.execute("DROP DATABASE IF EXISTS e2e_time", "CREATE DATABASE e2e_time",
        "CREATE TABLE e2e_time.times (id INT PRIMARY KEY, t0 TIME, t3 TIME(3), t6 TIME(6), dt6 DATETIME(6),"
            + " ts6 TIMESTAMP(6) NULL)");
    mysql(inserts("e2e_time.times", 1));
    var s = MySqlTestServer.get();
    ChangeSource source = MySqlSource.builder().name("mysql").host(s.host()).port(s.port()).user(s.user())
        .password(s.password()).includeDatabases("e2e_time").heartbeatInterval(Duration.ofMillis(200)).build();
    List<Row> expected = new ArrayList<>(expected(1));
    try (SyncPipeline p = pipeline("mysql-times", source)) {
      p.start();
      assertThat(p.awaitCaughtUp(Duration.ofSeconds(60))).as("%s", p.status()).isTrue();
      assertThat(lake()).as("snapshot").isEqualTo(expected);
      mysql(inserts("e2e_time.times", 11), "UPDATE e2e_time.times SET t6 = '23:59:59.999999' WHERE id = 4");
      expected.set(3, withValue(expected.get(3), 3, LocalTime.of(23, 59, 59, 999_999_000)));
      expected.addAll(expected(11));
      await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(lake()).as("log").isEqualTo(expected));
      assertThat(p.status().state()).isEqualTo(PipelineState.RUNNING);
    }
  }

  /** MySQL TIME is an interval (-838:59:59..838:59:59); the core's TIME is a time of day, so such values stop the table. */
  @Test
  void mariaDbTimeOutsideADay_isRefusedWithTheValue_neverTruncated() throws Exception {
    MySqlTestServer.execute("DROP DATABASE IF EXISTS e2e_time_range", "CREATE DATABASE e2e_time_range",
        "CREATE TABLE e2e_time_range.times (id INT PRIMARY KEY, t6 TIME(6))");
    mysql("INSERT INTO e2e_time_range.times VALUES (1, '23:59:59.999999')");
    var s = MySqlTestServer.get();
    ChangeSource source = MySqlSource.builder().name("mysql").host(s.host()).port(s.port()).user(s.user())
        .password(s.password()).includeDatabases("e2e_time_range").heartbeatInterval(Duration.ofMillis(200)).build();
    try (SyncPipeline p = pipeline("mysql-time-range", source)) {
      p.start();
      await().atMost(Duration.ofSeconds(60)).ignoreExceptions().untilAsserted(() -> assertThat(lake())
          .containsExactly(Row.of(1, LocalTime.of(23, 59, 59, 999_999_000))));
      mysql("INSERT INTO e2e_time_range.times VALUES (2, '-00:00:01.000001'), (3, '838:59:59')");
      // The table stops with the value and the reason (its refusal does not fail the pipeline).
      await().atMost(Duration.ofSeconds(60)).until(() -> p.status().tables().get(0).phase()
          == io.tributary.sync.TablePhase.BLACKLISTED);
      var table = p.status().tables().get(0);
      assertThat(table.reason()).contains("TIME value").contains("outside 00:00:00");
      assertThat(table.reasonCode()).isEqualTo(io.tributary.sync.ErrorCode.VALUE_NOT_REPRESENTABLE);
      assertThat(p.status().state()).isEqualTo(PipelineState.RUNNING);
    }
    assertThat(lake()).containsExactly(Row.of(1, LocalTime.of(23, 59, 59, 999_999_000)));
  }

  @Test
  void postgresTime6AndTimestamp6_snapshotAndLog_arriveInPaimonToTheMicrosecond_24hIncluded() throws Exception {
    pgDatabase = PgFixture.newDatabase("e2e_time");
    PgFixture.execute(pgDatabase, "SET TIME ZONE 'UTC'",
        "CREATE TABLE times (id int PRIMARY KEY, t0 time(0), t3 time(3), t6 time, dt6 timestamp(6),"
            + " ts6 timestamptz(6))");
    pg("SET TIME ZONE 'UTC'", inserts("times", 1));
    ChangeSource source = PgFixture.source(pgDatabase, "pg").slotName("e2e_times").build();
    List<Row> expected = new ArrayList<>(expected(1));
    try (SyncPipeline p = pipeline("pg-times", source)) {
      p.start();
      assertThat(p.awaitCaughtUp(Duration.ofSeconds(60))).as("%s", p.status()).isTrue();
      assertThat(lake()).as("snapshot").isEqualTo(expected);
      pg("SET TIME ZONE 'UTC'", inserts("times", 11), "UPDATE times SET t6 = '24:00:00' WHERE id = 4");
      expected.set(3, withValue(expected.get(3), 3, LocalTime.MAX)); // the PostgreSQL source's 24:00:00
      expected.addAll(expected(11));
      await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(lake()).as("log").isEqualTo(expected));
      assertThat(p.status().state()).isEqualTo(PipelineState.RUNNING);
    }
  }

  private SyncPipeline pipeline(String name, ChangeSource source) {
    return SyncPipeline.builder().name(name).source(source).mirrorTargetNaming(id -> "times").fullSync(true)
        .commitInterval(Duration.ofMillis(200)).checkpointStore(new MemoryCheckpointStore())
        .writer(PaimonWriter.builder().warehouse(dir.resolve("warehouse")).database("lake").buckets(2).build())
        .build();
  }

  private List<Row> lake() throws Exception {
    try (PaimonTableReader lake = PaimonTableReader.open(dir.resolve("warehouse"), "lake")) {
      List<Row> rows = new ArrayList<>(lake.read("times"));
      rows.sort(Comparator.comparing(r -> (Integer) r.get(0)));
      return rows;
    }
  }

  private static Row withValue(Row row, int index, Object value) {
    Object[] values = row.values().clone();
    values[index] = value;
    return Row.of(values);
  }

  private static void mysql(String... sql) throws SQLException {
    try (Connection c = MySqlTestServer.connect(); Statement s = c.createStatement()) {
      s.execute("SET time_zone = '+00:00'");
      for (String statement : sql) {
        s.execute(statement);
      }
    }
  }

  private void pg(String... sql) {
    PgFixture.execute(pgDatabase, sql);
  }
}
