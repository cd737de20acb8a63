package io.tributary.mysql;

import io.tributary.mysql.internal.MySqlConfig;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Builds a {@link MySqlSource}. Each setter checks its argument at once (null: NPE; bad value: IAE naming it);
 * {@link #build()} checks that name, host and user were given, does no I/O and leaves the builder reusable.
 *
 * <p>Patterns are Java regular expressions matched against the whole database name, or against
 * {@code database.table} for table patterns.
 */
public final class MySqlSourceBuilder {

  private String name;
  private String host;
  private int port = 3306;
  private String user;
  private String password = "";
  private final List<Pattern> includeDatabases = new ArrayList<>();
  private final List<Pattern> excludeDatabases = new ArrayList<>();
  private final List<Pattern> includeTables = new ArrayList<>();
  private final List<Pattern> excludeTables = new ArrayList<>();
  private ZoneId serverTimeZone;
  private int serverIdMin = 5400;
  private int serverIdMax = 6400;
  private int fetchSize = 1000;
  private int parallelism = 4;
  private Duration connectTimeout = Duration.ofSeconds(10);
  private Duration heartbeatInterval = Duration.ofSeconds(5);
  private int queueCapacity = 8192;
  private final Map<String, String> jdbcProperties = new LinkedHashMap<>();
  private MySqlSource.WatermarkMethod watermark = MySqlSource.WatermarkMethod.AUTO;
  private ZeroDates zeroDates = ZeroDates.REFUSE;

  MySqlSourceBuilder() {
  }

  /** The data source name: the {@code source} of its table ids. Required. */
  public MySqlSourceBuilder name(String name) {
    this.name = requireText(name, "name");
    return this;
  }

  /** Required. */
  public MySqlSourceBuilder host(String host) {
    this.host = requireText(host, "host");
    return this;
  }

  /** Default 3306. */
  public MySqlSourceBuilder port(int port) {
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port must be 1-65535, got " + port);
    }
    this.port = port;
    return this;
  }

  /** Required. */
  public MySqlSourceBuilder user(String user) {
    this.user = requireText(user, "user");
    return this;
  }

  /** Default empty. Never logged. */
  public MySqlSourceBuilder password(String password) {
    this.password = Objects.requireNonNull(password, "password");
    return this;
  }

  public MySqlSourceBuilder includeDatabases(String... patterns) {
    return add(includeDatabases, patterns);
  }

  public MySqlSourceBuilder excludeDatabases(String... patterns) {
    return add(excludeDatabases, patterns);
  }

  /** {@code database.table} patterns, e.g. {@code shop\\.orders_.*}. */
  public MySqlSourceBuilder includeTables(String... patterns) {
    return add(includeTables, patterns);
  }

  public MySqlSourceBuilder excludeTables(String... patterns) {
    return add(excludeTables, patterns);
  }

  /** The zone the server runs in; a mismatch with the server fails preflight and start. Default: not checked. */
  public MySqlSourceBuilder serverTimeZone(ZoneId zone) {
    this.serverTimeZone = Objects.requireNonNull(zone, "zone");
    return this;
  }

  /** Server ids the binlog client may use; one free id is picked, others tried on conflict. Default 5400-6400. */
  public MySqlSourceBuilder serverIdRange(int min, int max) {
    if (min < 1 || max < min) {
      throw new IllegalArgumentException("server id range must satisfy 1 <= min <= max, got " + min + "-" + max);
    }
    this.serverIdMin = min;
    this.serverIdMax = max;
    return this;
  }

  /** Rows fetched per round trip of a snapshot read. Default 1000. */
  public MySqlSourceBuilder fetchSize(int rows) {
    this.fetchSize = positive(rows, "fetchSize");
    return this;
  }

  /** Concurrent snapshot connections. Default 4. */
  public MySqlSourceBuilder parallelism(int connections) {
    this.parallelism = positive(connections, "parallelism");
    return this;
  }

  public MySqlSourceBuilder connectTimeout(Duration timeout) {
    this.connectTimeout = positive(timeout, "connectTimeout");
    return this;
  }

  /** Heartbeat interval of an idle log (also the server heartbeat period). Default 5 s. */
  public MySqlSourceBuilder heartbeatInterval(Duration interval) {
    this.heartbeatInterval = positive(interval, "heartbeatInterval");
    return this;
  }

  /** Decoded events buffered between the binlog reader and the consumer. Default 8192. */
  public MySqlSourceBuilder queueCapacity(int events) {
    this.queueCapacity = positive(events, "queueCapacity");
    return this;
  }

  /** An extra JDBC driver property (MariaDB Connector/J names), e.g. {@code sslMode=verify-full}. */
  public MySqlSourceBuilder connectionOption(String key, String value) {
    jdbcProperties.put(requireText(key, "key"), Objects.requireNonNull(value, "value"));
    return this;
  }

  /** How snapshot watermarks are made exact. Default {@link MySqlSource.WatermarkMethod#AUTO}. */
  public MySqlSourceBuilder watermarkMethod(MySqlSource.WatermarkMethod method) {
    this.watermark = Objects.requireNonNull(method, "method");
    return this;
  }

  /**
   * How zero dates ({@code 0000-00-00}, {@code 2024-00-10}, {@code 0000-00-00 00:00:00}) are read. Default
   * {@link ZeroDates#REFUSE}: exact, a row holding one stops its table with the column named. {@link ZeroDates#NULL}
   * reads them as NULL (lossy: indistinguishable from NULL in the target).
   */
  public MySqlSourceBuilder zeroDates(ZeroDates mode) {
    this.zeroDates = Objects.requireNonNull(mode, "mode");
    return this;
  }

  public MySqlSource build() {
    if (name == null || host == null || user == null) {
      throw new IllegalStateException("name, host and user are required; missing: "
          + (name == null ? "name " : "") + (host == null ? "host " : "") + (user == null ? "user" : ""));
    }
    return MySqlSource.create(new MySqlConfig(name, host, port, user, password, includeDatabases,
        excludeDatabases, includeTables, excludeTables, serverTimeZone, serverIdMin, serverIdMax, fetchSize,
        parallelism, connectTimeout, heartbeatInterval, queueCapacity, jdbcProperties, zeroDates), watermark);
  }

  private MySqlSourceBuilder add(List<Pattern> list, String... patterns) {
    for (String p : patterns) {
      list.add(Pattern.compile(Objects.requireNonNull(p, "pattern")));
    }
    return this;
  }

  private static String requireText(String s, String what) {
    Objects.requireNonNull(s, what);
    if (s.isBlank()) {
      throw new IllegalArgumentException(what + " must not be blank");
    }
    return s;
  }

  private static int positive(int v, String what) {
    if (v < 1) {
      throw new IllegalArgumentException(what + " must be >= 1, got " + v);
    }
    return v;
  }

  private static Duration positive(Duration d, String what) {
    Objects.requireNonNull(d, what);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(what + " must be positive, got " + d);
    }
    return d;
  }
}
