package io.tributary.mysql.internal;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The frozen settings of one MySQL source, built by {@code MySqlSource.Builder}. {@link #toString()} masks the
 * password, so the config can be logged.
 *
 * @param name              data source name
 * @param host              server host
 * @param port              server port
 * @param user              user name
 * @param password          password; never logged
 * @param includeDatabases  database name patterns to capture (empty: all but system databases)
 * @param excludeDatabases  database name patterns to skip
 * @param includeTables     {@code database.table} patterns to capture (empty: all)
 * @param excludeTables     {@code database.table} patterns to skip
 * @param serverTimeZone    the zone the server is expected to run in, checked at preflight and start; null to
 *                          accept the server's
 * @param serverIdMin       lowest binlog client server id to try
 * @param serverIdMax       highest binlog client server id to try
 * @param fetchSize         rows per round trip of a snapshot read
 * @param parallelism       snapshot connections in the pool
 * @param connectTimeout    connection timeout
 * @param heartbeatInterval how often an idle log emits a heartbeat (and asks the server for one)
 * @param queueCapacity     events buffered between the binlog reader and {@code poll}
 * @param jdbcProperties    extra JDBC driver properties
 */
public record MySqlConfig(String name, String host, int port, String user, String password,
    List<Pattern> includeDatabases, List<Pattern> excludeDatabases, List<Pattern> includeTables,
    List<Pattern> excludeTables, ZoneId serverTimeZone, int serverIdMin, int serverIdMax, int fetchSize,
    int parallelism, Duration connectTimeout, Duration heartbeatInterval, int queueCapacity,
    Map<String, String> jdbcProperties, io.tributary.mysql.ZeroDates zeroDates) {

  private static final List<String> SYSTEM_DATABASES =
      List.of("mysql", "information_schema", "performance_schema", "sys");

  public MySqlConfig {
    includeDatabases = List.copyOf(includeDatabases);
    excludeDatabases = List.copyOf(excludeDatabases);
    includeTables = List.copyOf(includeTables);
    excludeTables = List.copyOf(excludeTables);
    jdbcProperties = Map.copyOf(jdbcProperties);
    java.util.Objects.requireNonNull(zeroDates, "zeroDates");
  }

  /** With zero dates refused (the default). */
  public MySqlConfig(String name, String host, int port, String user, String password,
      List<Pattern> includeDatabases, List<Pattern> excludeDatabases, List<Pattern> includeTables,
      List<Pattern> excludeTables, ZoneId serverTimeZone, int serverIdMin, int serverIdMax, int fetchSize,
      int parallelism, Duration connectTimeout, Duration heartbeatInterval, int queueCapacity,
      Map<String, String> jdbcProperties) {
    this(name, host, port, user, password, includeDatabases, excludeDatabases, includeTables, excludeTables,
        serverTimeZone, serverIdMin, serverIdMax, fetchSize, parallelism, connectTimeout, heartbeatInterval,
        queueCapacity, jdbcProperties, io.tributary.mysql.ZeroDates.REFUSE);
  }

  /** Whether zero dates read as null ({@link io.tributary.mysql.ZeroDates#NULL}) rather than being refused. */
  public boolean zeroDatesAsNull() {
    return zeroDates == io.tributary.mysql.ZeroDates.NULL;
  }

  /** Whether the table is captured by the include/exclude patterns. */
  public boolean captures(String database, String table) {
    if (SYSTEM_DATABASES.contains(database.toLowerCase(java.util.Locale.ROOT))) {
      return false;
    }
    String qualified = database + "." + table;
    return matchesOrEmpty(includeDatabases, database) && !matchesAny(excludeDatabases, database)
        && matchesOrEmpty(includeTables, qualified) && !matchesAny(excludeTables, qualified);
  }

  private static boolean matchesOrEmpty(List<Pattern> patterns, String s) {
    return patterns.isEmpty() || matchesAny(patterns, s);
  }

  private static boolean matchesAny(List<Pattern> patterns, String s) {
    for (Pattern p : patterns) {
      if (p.matcher(s).matches()) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String toString() {
    return "MySqlConfig[name=" + name + ", " + user + "@" + host + ":" + port + ", password=****"
        + ", includeDatabases=" + includeDatabases + ", excludeDatabases=" + excludeDatabases
        + ", includeTables=" + includeTables + ", excludeTables=" + excludeTables
        + ", serverTimeZone=" + serverTimeZone + ", serverIds=" + serverIdMin + "-" + serverIdMax
        + ", fetchSize=" + fetchSize + ", parallelism=" + parallelism + "]";
  }
}
