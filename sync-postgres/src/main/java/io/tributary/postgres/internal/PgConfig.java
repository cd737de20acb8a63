package io.tributary.postgres.internal;

import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * Frozen settings of a PostgreSQL source. {@link #toString()} masks the password: this record is what gets logged.
 */
public record PgConfig(String name, String host, int port, String database, String user, String password,
    List<Pattern> includeSchemas, List<Pattern> excludeSchemas, List<Pattern> includeTables,
    List<Pattern> excludeTables, String slotName, String publicationName, int chunkSize, int fetchSize,
    int parallelism, Duration heartbeatInterval, Duration slotActiveTimeout, Duration connectTimeout,
    boolean binaryValues) {

  /** How often the stream reports its flushed LSN to the server; below any sane {@code wal_sender_timeout}. */
  public Duration statusInterval() {
    Duration max = Duration.ofSeconds(10);
    return heartbeatInterval.compareTo(max) < 0 ? heartbeatInterval : max;
  }

  public String jdbcUrl() {
    return "jdbc:postgresql://" + host + ":" + port + "/" + database;
  }

  /**
   * Properties of an ordinary connection. Results come as text, like pgoutput's values, except where a statement
   * forces binary (snapshot reads): {@code prepareThreshold=0} keeps every other statement unprepared, hence text,
   * and binary is enabled only for the types {@link BinaryCodec} decodes, so no value takes a third path.
   */
  public Properties connectionProperties() {
    Properties p = new Properties();
    p.setProperty("user", user);
    p.setProperty("password", password);
    p.setProperty("binaryTransfer", "true");
    p.setProperty("prepareThreshold", "0");
    p.setProperty("binaryTransferEnable", BinaryCodec.TYPE_NAMES);
    // pgjdbc's other binary defaults: numeric, timetz, arrays, point, box, uuid.
    p.setProperty("binaryTransferDisable", "1700,1266,1001,1005,1007,1016,1028,1021,1022,1015,1009,600,603,2950");
    p.setProperty("ApplicationName", "tributary-" + name);
    p.setProperty("tcpKeepAlive", "true");
    // A wrong or unreachable host fails within the connect timeout with the driver's cause (pgjdbc counts seconds).
    String seconds = String.valueOf(Math.max(1, (connectTimeout.toMillis() + 999) / 1000));
    p.setProperty("connectTimeout", seconds);
    p.setProperty("loginTimeout", seconds);
    return p;
  }

  /** Properties of a replication connection (walsender with database, simple query mode). */
  public Properties replicationProperties() {
    Properties p = connectionProperties();
    p.setProperty("replication", "database");
    p.setProperty("preferQueryMode", "simple");
    p.setProperty("assumeMinServerVersion", "10");
    return p;
  }

  /** Whether {@code schema.table} is selected by the include and exclude patterns. */
  public boolean selects(String schema, String table) {
    String full = schema + "." + table;
    boolean schemaIn = includeSchemas.isEmpty() ? !isSystemSchema(schema) : anyMatch(includeSchemas, schema);
    boolean tableIn = includeTables.isEmpty() || anyMatch(includeTables, full) || anyMatch(includeTables, table);
    return schemaIn && tableIn && !anyMatch(excludeSchemas, schema)
        && !anyMatch(excludeTables, full) && !anyMatch(excludeTables, table);
  }

  private static boolean isSystemSchema(String schema) {
    return schema.equals("pg_catalog") || schema.equals("information_schema") || schema.startsWith("pg_toast")
        || schema.startsWith("pg_temp");
  }

  private static boolean anyMatch(List<Pattern> patterns, String value) {
    for (Pattern p : patterns) {
      if (p.matcher(value).matches()) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String toString() {
    return "PgConfig[name=" + name + ", url=" + jdbcUrl() + ", user=" + user + ", password=****, slot=" + slotName
        + ", publication=" + publicationName + ", chunkSize=" + chunkSize + ", fetchSize=" + fetchSize
        + ", parallelism=" + parallelism + ", heartbeat=" + heartbeatInterval + ", connectTimeout=" + connectTimeout
        + ", binaryValues=" + binaryValues + "]";
  }
}
