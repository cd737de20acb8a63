package io.tributary.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.sync.PreflightException;
import io.tributary.sync.event.TableSchema;
import io.tributary.sync.spi.LogStream;
import io.tributary.sync.spi.PreflightCheck;
import io.tributary.sync.spi.PreflightReport;
import io.tributary.sync.spi.StartPosition;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Each preflight failure names the setting, the value found and the fix. */
class PreflightIT {

  private static final String PASSWORD = "s3cr3t-Tributary-pw";
  private static String db;

  @BeforeAll
  static void setUp() {
    db = PgFixture.newDatabase("preflight");
    PgFixture.execute(db,
        "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'weak') THEN "
            + "CREATE ROLE weak LOGIN NOREPLICATION PASSWORD '" + PASSWORD + "'; END IF; END $$",
        "CREATE TABLE nopk (a int)",
        "CREATE TABLE texty (id int PRIMARY KEY, t text)",
        "CREATE TABLE ok_t (id int PRIMARY KEY, n int)",
        "CREATE TABLE secret_t (id int PRIMARY KEY)",
        "GRANT SELECT ON nopk, texty, ok_t TO weak");
  }

  @AfterAll
  static void tearDown() {
    PgFixture.dropSlots(db);
  }

  private static PostgresSourceBuilder weak() {
    return PgFixture.source(db, "weak", "weak", PASSWORD);
  }

  private static PostgresSourceBuilder admin() {
    return PgFixture.source(db, "admin");
  }

  private static PreflightCheck check(PreflightReport report, String nameStart) {
    return report.checks().stream().filter(c -> c.name().startsWith(nameStart)).findFirst()
        .orElseThrow(() -> new AssertionError("no check " + nameStart + " in " + report.checks()));
  }

  @Test
  void weakRoleAndBadTables_failWithSettingValueAndFix() {
    try (PostgresSource source = weakBuilder()) {
      List<TableSchema> tables = source.discoverTables();
      PreflightReport report = source.preflight(tables);
      assertThat(report.passed()).isFalse();

      assertThat(check(report, "server_version_num").status()).isEqualTo(PreflightCheck.Status.OK);
      assertThat(check(report, "wal_level").status()).isEqualTo(PreflightCheck.Status.OK);
      assertThat(check(report, "max_replication_slots").status()).isEqualTo(PreflightCheck.Status.OK);
      assertThat(check(report, "max_wal_senders").status()).isEqualTo(PreflightCheck.Status.OK);

      PreflightCheck replication = check(report, "REPLICATION LOGIN");
      assertThat(replication.status()).isEqualTo(PreflightCheck.Status.FAILED);
      assertThat(replication.found()).isEqualTo("NOREPLICATION LOGIN");
      assertThat(replication.fix()).isEqualTo("ALTER ROLE \"weak\" WITH REPLICATION LOGIN");

      PreflightCheck select = check(report, "SELECT on weak:" + db + ".public.secret_t");
      assertThat(select.status()).isEqualTo(PreflightCheck.Status.FAILED);
      assertThat(select.fix()).isEqualTo("GRANT SELECT ON \"public\".\"secret_t\" TO \"weak\"");
      assertThat(check(report, "SELECT on weak:" + db + ".public.ok_t").status())
          .isEqualTo(PreflightCheck.Status.OK);

      PreflightCheck pk = check(report, "primary key of weak:" + db + ".public.nopk");
      assertThat(pk.status()).isEqualTo(PreflightCheck.Status.FAILED);
      assertThat(pk.fix()).contains("ADD PRIMARY KEY");

      PreflightCheck identity = check(report, "replica identity of weak:" + db + ".public.texty");
      assertThat(identity.status()).isEqualTo(PreflightCheck.Status.OK); // unchanged TOAST values keep the target's
      assertThat(identity.found()).startsWith("DEFAULT; FULL is not needed").contains("[t]");
      assertThat(check(report, "replica identity of weak:" + db + ".public.ok_t").status())
          .isEqualTo(PreflightCheck.Status.OK);

      PreflightCheck create = check(report, "CREATE on database");
      assertThat(create.status()).isEqualTo(PreflightCheck.Status.FAILED);
      assertThat(create.fix()).contains("GRANT CREATE ON DATABASE \"" + db + "\" TO \"weak\"");
      assertThat(check(report, "ownership of weak:" + db + ".public.ok_t").fix())
          .contains("ALTER PUBLICATION tributary_weak ADD TABLE \"public\".\"ok_t\"");

      assertThatThrownBy(report::throwIfFailed).isInstanceOf(PreflightException.class)
          .hasMessageContaining("REPLICATION LOGIN");
    }
  }

  private static PostgresSource weakBuilder() {
    return weak().build();
  }

  @Test
  void goodSetup_passes() {
    try (PostgresSource source = admin().includeTables("ok_t").build()) {
      PreflightReport report = source.preflight(source.discoverTables());
      assertThat(report.failures()).isEmpty();
      assertThat(report.passed()).isTrue();
      assertThat(report.checks()).extracting(PreflightCheck::name).contains("server_version_num", "wal_level",
          "max_replication_slots", "max_wal_senders", "max_slot_wal_keep_size", "wal_sender_timeout");
    }
  }

  @Test
  void serverSettings_walSenderTimeoutTooShort_andWalKeepSizeSet_areReported() {
    try (PostgresSource source = admin().includeTables("ok_t").heartbeatInterval(Duration.ofSeconds(10))
        .build()) {
      PgFixture.execute("postgres", "ALTER SYSTEM SET wal_sender_timeout = '5s'",
          "ALTER SYSTEM SET max_slot_wal_keep_size = '1GB'", "SELECT pg_reload_conf()");
      PreflightReport report = source.preflight(source.discoverTables());
      PreflightCheck timeout = check(report, "wal_sender_timeout");
      assertThat(timeout.status()).isEqualTo(PreflightCheck.Status.FAILED);
      assertThat(timeout.found()).isEqualTo("5000 ms");
      assertThat(timeout.fix()).contains("20000 ms").contains("wal_sender_timeout = '60s'");
      PreflightCheck keep = check(report, "max_slot_wal_keep_size");
      assertThat(keep.status()).isEqualTo(PreflightCheck.Status.WARNING);
      assertThat(keep.found()).isEqualTo("1024 MB");
    } finally {
      PgFixture.execute("postgres", "ALTER SYSTEM RESET wal_sender_timeout",
          "ALTER SYSTEM RESET max_slot_wal_keep_size", "SELECT pg_reload_conf()");
    }
  }

  @Test
  void logs_neverContainThePassword() throws Exception {
    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    String text;
    try {
      PgFixture.execute("postgres", "ALTER ROLE weak WITH REPLICATION");
      PgFixture.execute(db, "ALTER TABLE ok_t OWNER TO weak", "GRANT CREATE ON DATABASE " + db + " TO weak");
      try (PostgresSource source = weak().includeTables("ok_t").build()) {
        List<TableSchema> tables = source.discoverTables();
        source.preflight(tables);
        try (LogStream log = source.openLog(StartPosition.latest(), Map.of(tables.get(0).id(), tables.get(0)))) {
          log.poll(Duration.ofMillis(300));
        }
        source.dropSlot();
        assertThat(source.toString()).doesNotContain(PASSWORD).contains("****");
      }
    } finally {
      System.setErr(original);
      text = captured.toString(StandardCharsets.UTF_8);
      PgFixture.execute("postgres", "ALTER ROLE weak WITH NOREPLICATION");
    }
    assertThat(text).contains("connecting with").contains("password=****").contains("streaming slot");
    assertThat(text).doesNotContain(PASSWORD);
  }
}
