package io.tributary.flink;

import io.tributary.postgres.PgFixture;
import io.tributary.sync.event.Row;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** The embedded PostgreSQL of the Flink ITs ({@link PgFixture}): rows and replication slots of a test database. */
final class Pg {

  private Pg() {
  }

  /** {@code db}'s {@code schema.table} rows, sorted by key. */
  static List<Row> rows(String db, String qualifiedTable) throws SQLException {
    return rows(db, qualifiedTable, "*");
  }

  /** {@code db}'s {@code schema.table} rows with the values of {@code columns} in that order, sorted by the first. */
  static List<Row> rows(String db, String qualifiedTable, List<String> columns) throws SQLException {
    return rows(db, qualifiedTable, String.join(", ", columns));
  }

  private static List<Row> rows(String db, String qualifiedTable, String select) throws SQLException {
    List<Row> rows = new ArrayList<>();
    try (Connection c = PgFixture.connect(db); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT " + select + " FROM " + qualifiedTable)) {
      ResultSetMetaData md = rs.getMetaData();
      while (rs.next()) {
        Object[] values = new Object[md.getColumnCount()];
        for (int i = 0; i < values.length; i++) {
          values[i] = rs.getObject(i + 1);
        }
        rows.add(Row.of(values));
      }
    }
    return FlinkIt.sorted(rows);
  }

  /** The rows of the tables of {@code db}'s schema {@code schema}. */
  static FlinkIt.SourceRows of(String db, String schema) {
    return table -> rows(db, schema + "." + table);
  }

  /** The replication slots of {@code db}. */
  static int slots(String db) throws SQLException {
    try (Connection c = PgFixture.connect(db); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_replication_slots WHERE database = '" + db + "'")) {
      rs.next();
      return rs.getInt(1);
    }
  }
}
