package io.tributary.mysql.internal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.tributary.sync.SyncException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
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

  private synchronized HikariDataSource pool() {
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
      hc.setInitializationFailTimeout(-1);
      hc.setConnectionInitSql("SET time_zone = '+00:00'");
      hc.setTransactionIsolation("TRANSACTION_REPEATABLE_READ");
      Map<String, String> props = new LinkedHashMap<>();
      props.put("permitMysqlScheme", "true");
      props.put("allowPublicKeyRetrieval", "true");
      // The binary protocol: a snapshot's numbers and dates travel as their bytes, not as text the server prints
      // and the driver parses (measured 2-4x the rows/s of the text protocol on a FLOAT table, FloatSnapshotBench).
      props.put("useServerPrepStmts", "true");
      props.putAll(config.jdbcProperties());
      props.forEach(hc::addDataSourceProperty);
      pool = new HikariDataSource(hc);
    }
    return pool;
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

  /** A SyncException for a failed statement; retriable unless it is an access or syntax error. */
  public SyncException failure(String what, SQLException e) {
    boolean fatal = e.getErrorCode() == 1044 || e.getErrorCode() == 1045 || e.getErrorCode() == 1142
        || e.getErrorCode() == 1227 || e.getErrorCode() == 1146 || e.getErrorCode() == 1064
        || e.getErrorCode() == 1054;
    String msg = "source '" + config.name() + "': " + what + " failed: " + e.getMessage();
    return fatal ? SyncException.fatal(msg, e) : SyncException.retriable(msg, e);
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
