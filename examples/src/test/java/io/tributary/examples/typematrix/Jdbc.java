package io.tributary.examples.typematrix;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Statements and text queries over a connection, for the matrix servers. */
final class Jdbc {

  private Jdbc() {
  }

  static void execute(Connection c, List<String> session, List<String> sql) {
    String current = null;
    try (Statement s = c.createStatement()) {
      for (String q : session) {
        s.execute(current = q);
      }
      for (String q : sql) {
        s.execute(current = q);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("matrix SQL failed: " + current + ": " + e.getMessage(), e);
    }
  }

  static List<List<String>> query(Connection c, List<String> session, String sql) {
    execute(c, session, List.of());
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      int n = rs.getMetaData().getColumnCount();
      List<List<String>> rows = new ArrayList<>();
      while (rs.next()) {
        List<String> row = new ArrayList<>(n);
        for (int i = 1; i <= n; i++) {
          row.add(rs.getString(i));
        }
        rows.add(row);
      }
      return rows;
    } catch (SQLException e) {
      throw new IllegalStateException("matrix query failed: " + sql + ": " + e.getMessage(), e);
    }
  }
}
