package io.tributary.mysql.internal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool.PoolInitializationException;
import io.tributary.sync.ErrorCode;
import io.tributary.sync.SyncException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The source's JDBC connections: a lazily created HikariCP pool whose sessions run in UTC (see {@link Values}) and
 * REPEATABLE READ, sized for the snapshot parallelism plus one control connection.
 */
public final class Jdbc implements AutoCloseable {

  private final MySqlConfig config;
  private volatile HikariDataSource pool;
  private volatile ServerVersion version;
  private final io.tributary.sync.spi.SourceThreads threads;
  private boolean closed;

  public Jdbc(MySqlConfig config) {
    this(config, null);
  }

  /** @param threads makes the pool's housekeeping threads; null for HikariCP's own */
  public Jdbc(MySqlConfig config, io.tributary.sync.spi.SourceThreads threads) {
    this.config = config;
    this.threads = threads;
  }

  public Connection connection() throws SQLException {
    return pool().getConnection();
  }

  private synchronized HikariDataSource pool() throws SQLException {
    if (closed) {
      throw new IllegalStateException("source '" + config.name() + "' is closed");
    }
    if (pool == null) {
      HikariConfig hc = new HikariConfig();
      hc.setPoolName("tributary-" + config.name());
      if (threads != null) {
        hc.setThreadFactory(r -> threads.newThread("pool", r)); // housekeeping, connection adder and closer
      }
      hc.setJdbcUrl("jdbc:mariadb://" + config.host() + ":" + config.port() + "/");
      hc.setUsername(config.user());
      hc.setPassword(config.password());
      // One per snapshot reader, one for metadata and the lock-method watermark, one kept by the binlog stream's
      // log-end probe, one for awaitCaughtUp's log-end query (so it never waits behind a chunk read).
      hc.setMaximumPoolSize(config.parallelism() + 3);
      hc.setMinimumIdle(0);
      hc.setConnectionTimeout(Math.max(250, config.connectTimeout().toMillis()));
      // Connect once now: a wrong host, port or password fails at once with the driver's cause, not as a pool
      // timeout; a failed pool is not kept, so the next call (a failover) tries again.
      hc.setInitializationFailTimeout(1);
      hc.setConnectionInitSql("SET time_zone = '+00:00'");
      hc.setTransactionIsolation("TRANSACTION_REPEATABLE_READ");
      Map<String, String> props = new LinkedHashMap<>();
      props.put("connectTimeout", String.valueOf(Math.max(250, config.connectTimeout().toMillis())));
      props.put("permitMysqlScheme", "true");
      props.put("allowPublicKeyRetrieval", "true");
      // The binary protocol: a snapshot's numbers and dates travel as their bytes, not as text the server prints
      // and the driver parses (measured 2-4x the rows/s of the text protocol on a FLOAT table, FloatSnapshotBench).
      props.put("useServerPrepStmts", "true");
      props.putAll(config.jdbcProperties());
      props.forEach(hc::addDataSourceProperty);
      try {
        pool = new HikariDataSource(hc);
      } catch (PoolInitializationException e) {
        throw e.getCause() instanceof SQLException s ? s
            : new SQLNonTransientConnectionException(String.valueOf(e.getMessage()), "08001", e);
      }
    }
    return pool;
  }

  /** The server's version, read once (on a pooled connection) and kept for the source's life. */
  public ServerVersion serverVersion() {
    ServerVersion v = version;
    if (v == null) {
      v = ServerVersion.parse(queryString("SELECT VERSION()"));
      version = v;
    }
    return v;
  }

  /** {@link #serverVersion()}, read on {@code c} when not yet known (a caller holding a connection takes no other). */
  public ServerVersion serverVersion(Connection c) throws SQLException {
    ServerVersion v = version;
    if (v == null) {
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT VERSION()")) {
        rs.next();
        v = ServerVersion.parse(rs.getString(1));
      }
      version = v;
    }
    return v;
  }

  /** Runs a query that returns one row and gives its first column as text, or null when there is no row. */
  public String queryString(String sql) {
    try (Connection c = connection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      return rs.next() ? rs.getString(1) : null;
    } catch (SQLException e) {
      throw failure("query `" + sql + "`", e);
    }
  }

  /** {@code SHOW ... VARIABLES}/{@code SHOW STATUS} style name/value pairs. */
  public Map<String, String> nameValues(String sql) {
    Map<String, String> out = new LinkedHashMap<>();
    try (Connection c = connection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        out.put(rs.getString(1).toLowerCase(java.util.Locale.ROOT), rs.getString(2));
      }
    } catch (SQLException e) {
      throw failure("query `" + sql + "`", e);
    }
    return out;
  }

  /**
   * A SyncException for a failed statement; retriable unless it is an access or syntax error. A pool timeout names
   * no cause of its own, so the driver's failure it carries (the root cause) goes into the message.
   */
  public SyncException failure(String what, SQLException e) {
    int vendorCode = 0;
    Throwable root = e;
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (vendorCode == 0 && t instanceof SQLException s) {
        vendorCode = s.getErrorCode();
      }
      root = t;
    }
    ErrorCode code = switch (vendorCode) {
      case 1045 -> ErrorCode.AUTHENTICATION_FAILED;
      case 1049 -> ErrorCode.UNKNOWN_DATABASE;
      case 1044, 1142, 1227 -> ErrorCode.PRIVILEGE_MISSING;
      case 1146, 1064, 1054 -> ErrorCode.INTERNAL;
      default -> unreachable(e) ? ErrorCode.SOURCE_UNREACHABLE : ErrorCode.CONNECTION_LOST;
    };
    String rootMessage = root.getMessage() == null ? root.toString() : root.getMessage();
    String msg = "source '" + config.name() + "': " + what + " failed: " + e.getMessage()
        + (String.valueOf(e.getMessage()).contains(rootMessage) ? "" : " (" + rootMessage + ")");
    return SyncException.of(code, msg + fix(code), e);
  }

  private String fix(ErrorCode code) {
    String server = config.host() + ":" + config.port();
    return switch (code) {
      case AUTHENTICATION_FAILED -> ". Check user and password on MySqlSource.builder() (user '" + config.user()
          + "' at " + server + "), and that the user may connect from this host";
      case SOURCE_UNREACHABLE -> ". Check host and port on MySqlSource.builder() (" + server + ", connectTimeout "
          + config.connectTimeout().toMillis() + " ms) and that the server accepts TCP connections from here"
          + " (bind-address, skip-networking, firewall)";
      default -> "";
    };
  }

  private static boolean unreachable(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof java.net.ConnectException || t instanceof java.net.UnknownHostException
          || t instanceof java.net.NoRouteToHostException
          || t instanceof java.net.SocketTimeoutException && String.valueOf(t.getMessage()).contains("connect")) {
        return true;
      }
    }
    return false;
  }

  @Override
  public synchronized void close() {
    closed = true;
    if (pool != null) {
      pool.close();
      pool = null;
    }
  }
}
