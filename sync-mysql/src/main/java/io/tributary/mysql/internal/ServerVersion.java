package io.tributary.mysql.internal;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server's product and version, read once per source from {@code SELECT VERSION()}, and the statements that
 * differ between versions.
 *
 * @param text    the version string as the server gives it, e.g. {@code 8.0.31}, {@code 10.11.5-MariaDB-log}
 * @param mariaDb whether the server is MariaDB
 */
public record ServerVersion(String text, boolean mariaDb, int major, int minor, int patch) {

  private static final Pattern NUMBERS = Pattern.compile("^(\\d+)\\.(\\d+)(?:\\.(\\d+))?");

  /** Parses {@code VERSION()}; a version without numbers parses as 0.0.0 (the oldest statements). */
  public static ServerVersion parse(String text) {
    String t = text == null ? "" : text.trim();
    // The replication handshake prefixes MariaDB's version with 5.5.5-; VERSION() does not, but be safe.
    String v = t.startsWith("5.5.5-") ? t.substring(6) : t;
    Matcher m = NUMBERS.matcher(v);
    boolean maria = t.toLowerCase(Locale.ROOT).contains("mariadb");
    if (!m.find()) {
      return new ServerVersion(t, maria, 0, 0, 0);
    }
    return new ServerVersion(t, maria, Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
        m.group(3) == null ? 0 : Integer.parseInt(m.group(3)));
  }

  public boolean atLeast(int major, int minor) {
    return this.major > major || this.major == major && this.minor >= minor;
  }

  /**
   * The statement giving the binlog's current file and position: {@code SHOW BINARY LOG STATUS} on MySQL 8.2+
   * (8.2 deprecated {@code SHOW MASTER STATUS}, 8.4 removed it: on 9.x every probe of the old statement failed with
   * error 1064 and filled the server log), {@code SHOW MASTER STATUS} on MySQL up to 8.1 and on MariaDB.
   */
  public String binlogStatusStatement() {
    return !mariaDb && atLeast(8, 2) ? "SHOW BINARY LOG STATUS" : "SHOW MASTER STATUS";
  }

  @Override
  public String toString() {
    return (mariaDb ? "MariaDB " : "MySQL ") + major + "." + minor + "." + patch;
  }
}
