package io.tributary.mysql.internal;

import io.tributary.sync.event.TableSchema;
import io.tributary.sync.spi.PreflightCheck;
import io.tributary.sync.spi.PreflightReport;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The MySQL preflight checks: binlog settings, retention, grants, time zone, packet size, primary keys. */
public final class Preflight {

  private static final long MIN_PACKET = 64L << 20;

  private final MySqlConfig config;
  private final Jdbc jdbc;

  public Preflight(MySqlConfig config, Jdbc jdbc) {
    this.config = config;
    this.jdbc = jdbc;
  }

  public PreflightReport run(Collection<TableSchema> tables) {
    List<PreflightCheck> checks = new ArrayList<>();
    Map<String, String> vars;
    try {
      vars = jdbc.nameValues("SHOW GLOBAL VARIABLES WHERE Variable_name IN ('log_bin', 'binlog_format', "
          + "'binlog_row_image', 'binlog_row_metadata', 'binlog_expire_logs_seconds', 'expire_logs_days', "
          + "'max_allowed_packet', 'time_zone', 'system_time_zone', 'binlog_transaction_compression', "
          + "'binlog_row_value_options')");
    } catch (RuntimeException e) {
      checks.add(PreflightCheck.failed("connection", e.getMessage(), "check host, port, user and password, and "
          + "that the server accepts connections from this host"));
      return new PreflightReport(config.name(), checks);
    }
    checks.add(equals("log_bin", vars, "ON", "enable binary logging: log_bin=ON (log-bin in my.cnf) and restart"));
    checks.add(equals("binlog_format", vars, "ROW", "SET GLOBAL binlog_format='ROW' and binlog_format=ROW in my.cnf"));
    checks.add(equals("binlog_row_image", vars, "FULL",
        "SET GLOBAL binlog_row_image='FULL' and binlog_row_image=FULL in my.cnf (partial row images would "
            + "overwrite target data with missing values)"));
    checks.add(rowMetadata(vars.get("binlog_row_metadata")));
    if (vars.containsKey("binlog_transaction_compression")) { // MySQL 8.0.20+
      checks.add(equals("binlog_transaction_compression", vars, "OFF", "SET GLOBAL "
          + "binlog_transaction_compression=OFF and in my.cnf (compressed payloads are not decoded)"));
    }
    if (vars.containsKey("binlog_row_value_options")) { // MySQL 8.0.3+
      String options = vars.get("binlog_row_value_options");
      checks.add(options.toUpperCase(java.util.Locale.ROOT).contains("PARTIAL_JSON")
          ? PreflightCheck.failed("binlog_row_value_options", options, "SET GLOBAL binlog_row_value_options='' and "
              + "in my.cnf: PARTIAL_JSON logs JSON diffs instead of documents (a table updated so stops)")
          : PreflightCheck.ok("binlog_row_value_options", options.isEmpty() ? "(empty)" : options));
    }
    checks.add(retention(vars));
    checks.add(packet(vars.get("max_allowed_packet")));
    checks.add(timeZone(vars));
    checks.addAll(grants());
    List<String> noKey = tables.stream().filter(t -> !t.hasPrimaryKey()).map(t -> t.id().toString()).toList();
    checks.add(noKey.isEmpty() ? PreflightCheck.ok("primary keys", "every table has one")
        : PreflightCheck.failed("primary keys", "tables without a primary key: " + noKey,
            "add a primary key to each (ALTER TABLE ... ADD PRIMARY KEY (...)) or exclude them from the source"));
    return new PreflightReport(config.name(), checks);
  }

  private static PreflightCheck equals(String name, Map<String, String> vars, String want, String fix) {
    String found = vars.getOrDefault(name, "(not set)");
    return want.equalsIgnoreCase(found) ? PreflightCheck.ok(name, found)
        : PreflightCheck.failed(name, found, "need " + want + ": " + fix);
  }

  private static PreflightCheck rowMetadata(String found) {
    if (found == null || "FULL".equalsIgnoreCase(found)) {
      return PreflightCheck.ok("binlog_row_metadata", found == null ? "(not supported)" : found);
    }
    return PreflightCheck.warning("binlog_row_metadata", found, "recommended FULL (SET GLOBAL "
        + "binlog_row_metadata='FULL'): the binlog then names columns, which makes schema tracking checkable");
  }

  private static PreflightCheck retention(Map<String, String> vars) {
    long seconds = parse(vars.get("binlog_expire_logs_seconds"), -1);
    if (seconds < 0) {
      seconds = parse(vars.get("expire_logs_days"), 0) * 86400;
    }
    String found = seconds == 0 ? "0 (never purged)" : seconds + " s";
    if (seconds == 0 || seconds >= 86400) {
      return PreflightCheck.ok("binlog_expire_logs_seconds", found);
    }
    return PreflightCheck.warning("binlog_expire_logs_seconds", found, "keep binlogs at least a day so a stopped "
        + "sync can resume: SET GLOBAL binlog_expire_logs_seconds=86400 (or more) and in my.cnf");
  }

  private static PreflightCheck packet(String value) {
    long bytes = parse(value, 0);
    return bytes >= MIN_PACKET ? PreflightCheck.ok("max_allowed_packet", value)
        : PreflightCheck.warning("max_allowed_packet", value, "a binlog event larger than this stops the sync: "
            + "SET GLOBAL max_allowed_packet=1073741824 (1G, the maximum) and in my.cnf");
  }

  private PreflightCheck timeZone(Map<String, String> vars) {
    long serverOffset = serverOffsetSeconds();
    String found = "time_zone=" + vars.get("time_zone") + ", system_time_zone=" + vars.get("system_time_zone")
        + (serverOffset == Long.MIN_VALUE ? "" : " (offset " + serverOffset + " s)");
    if (config.serverTimeZone() == null || serverOffset == Long.MIN_VALUE) {
      return PreflightCheck.ok("server time zone", found);
    }
    long expected = config.serverTimeZone().getRules().getOffset(Instant.now()).getTotalSeconds();
    return expected == serverOffset ? PreflightCheck.ok("server time zone", found)
        : PreflightCheck.failed("server time zone", found, "the server's offset (" + serverOffset + " s) does not "
            + "match the configured serverTimeZone " + config.serverTimeZone() + " (" + expected + " s): set "
            + "serverTimeZone to the server's zone");
  }

  /** The offset of the server's default zone now, in seconds; our pooled sessions run in UTC, so switch. */
  private long serverOffsetSeconds() {
    try (Connection c = jdbc.connection(); Statement s = c.createStatement()) {
      s.execute("SET time_zone = @@global.time_zone");
      try (ResultSet rs = s.executeQuery("SELECT TIMESTAMPDIFF(SECOND, UTC_TIMESTAMP(), NOW())")) {
        return rs.next() ? rs.getLong(1) : Long.MIN_VALUE;
      } finally {
        s.execute("SET time_zone = '+00:00'");
      }
    } catch (SQLException e) {
      return Long.MIN_VALUE;
    }
  }

  /** Offset mismatch as a message, or null when the configured zone matches (or none is configured). */
  public String timeZoneMismatch() {
    PreflightCheck c = timeZone(Map.of());
    return c.status() == PreflightCheck.Status.FAILED ? c.fix() : null;
  }

  private List<PreflightCheck> grants() {
    StringBuilder all = new StringBuilder();
    try (Connection c = jdbc.connection(); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SHOW GRANTS")) {
      while (rs.next()) {
        all.append(rs.getString(1).toUpperCase(Locale.ROOT)).append('\n');
      }
    } catch (SQLException e) {
      return List.of(PreflightCheck.warning("grants", "SHOW GRANTS failed: " + e.getMessage(), "check the grants "
          + "by hand: SELECT, REPLICATION SLAVE, REPLICATION CLIENT, RELOAD"));
    }
    String g = all.toString();
    boolean superUser = g.contains("ALL PRIVILEGES ON *.*");
    List<PreflightCheck> out = new ArrayList<>();
    out.add(grant(g, superUser, "SELECT", "SELECT", "GRANT SELECT ON <database>.* TO <user>"));
    out.add(grant(g, superUser, "REPLICATION SLAVE", "REPLICATION SLAVE", "GRANT REPLICATION SLAVE ON *.* TO <user>"));
    out.add(grant(g, superUser, "REPLICATION CLIENT", g.contains("BINLOG MONITOR") ? "BINLOG MONITOR"
        : "REPLICATION CLIENT", "GRANT REPLICATION CLIENT ON *.* TO <user> (MariaDB: BINLOG MONITOR)"));
    PreflightCheck reload = grant(g, superUser, "RELOAD", "RELOAD", "GRANT RELOAD, LOCK TABLES ON *.* TO <user> (needed for "
        + "exact snapshot watermarks on MySQL; MariaDB does without)");
    out.add(reload.status() == PreflightCheck.Status.OK ? reload
        : PreflightCheck.warning(reload.name(), reload.found(), reload.fix()));
    return out;
  }

  private static PreflightCheck grant(String grants, boolean superUser, String name, String token, String fix) {
    boolean has = superUser || grants.contains(token);
    return has ? PreflightCheck.ok(name + " grant", "granted")
        : PreflightCheck.failed(name + " grant", "missing", fix);
  }

  private static long parse(String s, long fallback) {
    try {
      return s == null ? fallback : Long.parseLong(s.trim());
    } catch (NumberFormatException e) {
      return fallback;
    }
  }
}
