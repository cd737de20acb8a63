package io.tributary.examples.typematrix;

import io.tributary.mysql.MySqlSource;
import io.tributary.mysql.ZeroDates;
import io.tributary.sync.spi.ChangeSource;
import io.tributary.sync.testing.TestServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A MySQL-family server of the matrix, over any {@link TestServer} fixture (MariaDB 10.11, or MySQL 8.0 with
 * {@link MySqlTypes#families(boolean) families(false)}).
 * Sessions run in UTC with a strict SQL mode, so no literal is silently adjusted on the way in.
 */
public final class MySqlMatrixServer implements MatrixServer {

  private static final String DATABASE = "type_matrix";
  private static final List<String> SESSION = List.of("SET time_zone = '+00:00'",
      "SET sql_mode = 'STRICT_ALL_TABLES,NO_ENGINE_SUBSTITUTION'", "SET NAMES utf8mb4");

  private final String name;
  private final TestServer server;
  private final ZeroDates zeroDates;

  /** With the source's default, exact reading of zero dates ({@link ZeroDates#REFUSE}). */
  public MySqlMatrixServer(String name, TestServer server) {
    this(name, server, ZeroDates.REFUSE);
  }

  public MySqlMatrixServer(String name, TestServer server, ZeroDates zeroDates) {
    this.name = name;
    this.server = server;
    this.zeroDates = zeroDates;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void reset() {
    run(List.of("DROP DATABASE IF EXISTS " + DATABASE, "CREATE DATABASE " + DATABASE
        + " CHARACTER SET utf8mb4"));
  }

  @Override
  public void execute(List<String> sql) {
    List<String> all = new ArrayList<>(List.of("USE " + DATABASE));
    all.addAll(sql);
    run(all);
  }

  private void run(List<String> sql) {
    try (Connection c = connect()) {
      Jdbc.execute(c, SESSION, sql);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public List<List<String>> query(String sql) {
    try (Connection c = connect()) {
      return Jdbc.query(c, List.of("USE " + DATABASE, SESSION.get(0), SESSION.get(1), SESSION.get(2)), sql);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private Connection connect() throws SQLException {
    return DriverManager.getConnection(server.jdbcUrl(""), server.user(), server.password());
  }

  @Override
  public List<String> createTable(TypeCase.Family f) {
    StringBuilder sb = new StringBuilder("CREATE TABLE " + f.table() + " (id INT PRIMARY KEY");
    for (TypeCase c : f.cases()) {
      sb.append(", ").append(c.column()).append(' ').append(c.sqlType());
    }
    return List.of(sb.append(") CHARACTER SET utf8mb4").toString());
  }

  @Override
  public ChangeSource source(String pipelineName) {
    return MySqlSource.builder().name("mysql").host(server.host()).port(server.port()).user(server.user())
        .password(server.password()).includeDatabases(DATABASE).heartbeatInterval(Duration.ofMillis(200)).zeroDates(zeroDates)
        .build();
  }
}
