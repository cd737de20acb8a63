package io.tributary.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.sync.PreflightException;
import io.tributary.sync.SyncException;
import io.tributary.sync.event.TableSchema;
import io.tributary.sync.spi.LogStream;
import io.tributary.sync.spi.PreflightCheck;
import io.tributary.sync.spi.PreflightReport;
import io.tributary.sync.spi.StartPosition;
import io.tributary.sync.testing.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PreflightIT {

  private static final String DB = "preflight_it";

  @BeforeEach
  void tables() {
    MySqlTestServer.execute("DROP DATABASE IF EXISTS " + DB, "CREATE DATABASE " + DB,
        "CREATE TABLE " + DB + ".keyed (id INT PRIMARY KEY)", "CREATE TABLE " + DB + ".heap (x INT)");
  }

  private static PreflightCheck check(PreflightReport report, String name) {
    return report.checks().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void tableWithoutPrimaryKey_failsNamingTheTable_whileServerSettingsPass() {
    try (MySqlSource source = Sources.builder(DB).build()) {
      List<TableSchema> tables = source.discoverTables();
      assertThat(tables).extracting(t -> t.id().table()).containsExactly("heap", "keyed");
      PreflightReport report = source.preflight(tables);
      assertThat(check(report, "log_bin").status()).isEqualTo(PreflightCheck.Status.OK);
      assertThat(check(report, "binlog_format").status()).isEqualTo(PreflightCheck.Status.OK);
      assertThat(check(report, "binlog_row_image").status()).isEqualTo(PreflightCheck.Status.OK);
      assertThat(check(report, "REPLICATION SLAVE grant").status()).isEqualTo(PreflightCheck.Status.OK);
      assertThat(report.failures()).extracting(PreflightCheck::name).containsExactly("primary keys");
      assertThat(check(report, "primary keys").found()).contains("src:" + DB + ".heap").doesNotContain("keyed");
      assertThatThrownBy(report::throwIfFailed).isInstanceOf(PreflightException.class)
          .hasMessageContaining("heap").hasMessageContaining("add a primary key");
    }
  }

  @Test
  void minimalRowImage_failsWithValueAndFix() {
    MySqlTestServer.execute("SET GLOBAL binlog_row_image = 'MINIMAL'");
    try (MySqlSource source = Sources.builder(DB).excludeTables(".*\\.heap").build()) {
      PreflightReport report = source.preflight(source.discoverTables());
      PreflightCheck image = check(report, "binlog_row_image");
      assertThat(image.status()).isEqualTo(PreflightCheck.Status.FAILED);
      assertThat(image.found()).isEqualTo("MINIMAL");
      assertThat(image.fix()).contains("binlog_row_image='FULL'");
      assertThat(report.failures()).extracting(PreflightCheck::name).containsExactly("binlog_row_image");
    } finally {
      MySqlTestServer.execute("SET GLOBAL binlog_row_image = 'FULL'");
    }
  }

  @Test
  void missingGrants_failNamingTheGrant() {
    MySqlTestServer.execute("CREATE USER IF NOT EXISTS 'weak'@'%' IDENTIFIED BY 'weak'",
        "CREATE USER IF NOT EXISTS 'weak'@'localhost' IDENTIFIED BY 'weak'",
        "GRANT SELECT ON " + DB + ".* TO 'weak'@'%'", "GRANT SELECT ON " + DB + ".* TO 'weak'@'localhost'");
    TestServer s = MySqlTestServer.get();
    try (MySqlSource source = MySqlSource.builder().name("weak").host(s.host()).port(s.port()).user("weak")
        .password("weak").includeDatabases(DB).build()) {
      PreflightReport report = source.preflight(List.of());
      assertThat(report.failures()).extracting(PreflightCheck::name)
          .contains("REPLICATION SLAVE grant", "REPLICATION CLIENT grant");
      assertThat(check(report, "REPLICATION SLAVE grant").fix()).contains("GRANT REPLICATION SLAVE");
    }
  }

  @Test
  void configuredTimeZoneUnlikeTheServers_failsPreflightAndStart() {
    ZoneId wrong = ZoneId.of("Etc/GMT+12");
    try (MySqlSource source = Sources.builder(DB).serverTimeZone(wrong).excludeTables(".*\\.heap").build()) {
      List<TableSchema> tables = source.discoverTables();
      PreflightCheck tz = check(source.preflight(tables), "server time zone");
      assertThat(tz.status()).isEqualTo(PreflightCheck.Status.FAILED);
      assertThat(tz.fix()).contains("Etc/GMT+12").contains("-43200 s").contains("serverTimeZone");
      assertThatThrownBy(() -> source.openLog(StartPosition.latest(), Map.of()))
          .isInstanceOf(SyncException.class).hasMessageContaining("serverTimeZone")
          .satisfies(e -> assertThat(((SyncException) e).isRetriable()).isFalse());
    }
    try (MySqlSource source = Sources.builder(DB).serverTimeZone(ZoneOffset.UTC).build()) {
      String offset = check(source.preflight(List.of()), "server time zone").found();
      assertThat(offset).isNotEmpty();
    }
  }

  @Test
  void password_neverAppearsInLogsOrToString() throws Exception {
    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    String text;
    try (MySqlSource source = Sources.builder(DB).excludeTables(".*\\.heap").build()) {
      List<TableSchema> tables = source.discoverTables();
      source.preflight(tables);
      try (LogStream log = source.openLog(StartPosition.latest(),
          Map.of(tables.get(0).id(), tables.get(0)))) {
        log.poll(java.time.Duration.ofMillis(300));
      }
      text = source.toString();
      TestServer s = MySqlTestServer.get();
      try (MySqlSource bad = MySqlSource.builder().name("bad").host(s.host()).port(s.port()).user(Sources.USER)
          .password(Sources.PASSWORD + "-wrong").connectTimeout(java.time.Duration.ofSeconds(1)).build()) {
        assertThatThrownBy(bad::discoverTables).isInstanceOf(SyncException.class)
            .satisfies(e -> assertThat(e.getMessage()).doesNotContain(Sources.PASSWORD));
      }
    } finally {
      System.setErr(original);
    }
    String logs = captured.toString(StandardCharsets.UTF_8);
    assertThat(logs).contains("reading binlog from");
    assertThat(logs).doesNotContain(Sources.PASSWORD);
    assertThat(text).contains("password=****").doesNotContain(Sources.PASSWORD);
  }
}
