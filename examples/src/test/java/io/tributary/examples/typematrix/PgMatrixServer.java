package io.tributary.examples.typematrix;

import io.tributary.postgres.PgFixture;
import io.tributary.sync.spi.ChangeSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The PostgreSQL server of the matrix (zonky's embedded server, see {@link PgFixture}). Sessions read times in UTC
 * with ISO dates and the default interval and float output, the forms the canonical texts assume. Tables are
 * {@code REPLICA IDENTITY FULL} (preflight's rule for TOAST-able columns).
 */
public final class PgMatrixServer implements MatrixServer {

  private static final List<String> SESSION = List.of("SET TIME ZONE 'UTC'", "SET DateStyle = 'ISO, YMD'",
      "SET IntervalStyle = 'postgres'", "SET extra_float_digits = 1");

  private final List<String> types;
  /** The source's {@code binaryValues} option, or null for the builder's default. */
  private final Boolean binaryValues;
  private String database;
  /** The walsender's last replication command, seen by {@link #whileStreaming}. */
  private String replicationCommand;

  /** @param types DDL of the user-defined types the families use (enums, domains), run after each reset */
  public PgMatrixServer(List<String> types) {
    this(types, null);
  }

  /** @param binaryValues the source's {@code binaryValues} option, or null for the builder's default */
  public PgMatrixServer(List<String> types, Boolean binaryValues) {
    this.types = types;
    this.binaryValues = binaryValues;
  }

  /** Whether the stream seen by {@link #whileStreaming} asked for binary values. */
  public boolean streamedBinary() {
    if (replicationCommand == null) {
      throw new IllegalStateException("no walsender was seen streaming");
    }
    return replicationCommand.contains("\"binary\" 'true'");
  }

  @Override
  public void whileStreaming() {
    List<List<String>> rows = query("SELECT query FROM pg_stat_activity WHERE backend_type = 'walsender' AND"
        + " datname = current_database() AND query LIKE 'START_REPLICATION%'");
    replicationCommand = rows.isEmpty() ? null : rows.get(0).get(0);
  }

  @Override
  public String name() {
    return "postgresql";
  }

  @Override
  public void reset() {
    database = PgFixture.newDatabase("type_matrix");
    execute(types);
  }

  @Override
  public void execute(List<String> sql) {
    try (Connection c = PgFixture.connect(database)) {
      Jdbc.execute(c, SESSION, sql);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public List<List<String>> query(String sql) {
    try (Connection c = PgFixture.connect(database)) {
      return Jdbc.query(c, SESSION, sql);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public List<String> createTable(TypeCase.Family f) {
    StringBuilder sb = new StringBuilder("CREATE TABLE " + f.table() + " (id int PRIMARY KEY");
    for (TypeCase c : f.cases()) {
      sb.append(", ").append(c.column()).append(' ').append(c.sqlType());
    }
    List<String> out = new ArrayList<>();
    out.add(sb.append(')').toString());
    out.add("ALTER TABLE " + f.table() + " REPLICA IDENTITY FULL");
    return out;
  }

  @Override
  public ChangeSource source(String pipelineName) {
    var builder = PgFixture.source(database, "pg").slotName("type_matrix");
    return (binaryValues == null ? builder : builder.binaryValues(binaryValues)).build();
  }

  @Override
  public void cleanUp() {
    if (database != null) {
      PgFixture.dropSlots(database);
    }
  }
}
