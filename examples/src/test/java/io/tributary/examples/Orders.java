package io.tributary.examples;

import io.tributary.mysql.MySqlTestServer;
import io.tributary.sync.event.Row;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * The {@code orders}-shaped tables {@code (id, qty, note, price, at)} of the end-to-end tests (the ones
 * {@link RandomWrites} writes): created and loaded on either server, and read back as the rows Paimon should hold.
 */
final class Orders {

  private Orders() {
  }

  /** (Re)creates MySQL/MariaDB database {@code db} with {@code db.orders} holding keys 0 to {@code rows - 1}. */
  static void createMySql(String db, int rows) {
    MySqlTestServer.execute("DROP DATABASE IF EXISTS " + db, "CREATE DATABASE " + db,
        "CREATE TABLE " + db + ".orders (id BIGINT PRIMARY KEY, qty INT, note VARCHAR(40), price DECIMAL(10,2),"
            + " at DATETIME(3))");
    StringBuilder insert = new StringBuilder("INSERT INTO " + db + ".orders VALUES ");
    for (int i = 0; i < rows; i++) {
      insert.append(i == 0 ? "" : ",").append("(").append(i).append(",").append(i % 97).append(",'n").append(i)
          .append("',").append(i % 1000).append(".25,'2024-01-01 00:00:00.125')");
    }
    MySqlTestServer.execute(insert.toString());
  }

  /** PostgreSQL's DDL of the orders table {@code table} (schema-qualified). */
  static String postgresTable(String table) {
    return "CREATE TABLE " + table + " (id bigint PRIMARY KEY, qty int, note varchar(40), price numeric(10,2),"
        + " at timestamp(3))";
  }

  /** PostgreSQL's insert of keys 0 to {@code rows - 1} into {@code table}, priced {@code (id % 1000) / divisor}. */
  static String postgresRows(String table, int rows, double divisor) {
    return "INSERT INTO " + table + " SELECT g, g % 97, 'n' || g, (g % 1000) / " + divisor + ","
        + " timestamp '2024-01-01 00:00:00.123' + g * interval '1 second' FROM generate_series(0, " + (rows - 1)
        + ") g";
  }

  /** Every row of {@code table} as (id, qty, note, price, at), each followed by {@code extra} (extended fields). */
  static List<Row> rows(Connection c, String table, Object... extra) throws SQLException {
    List<Row> rows = new ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT id, qty, note, price, at FROM " + table)) {
      while (rs.next()) {
        Object[] values = {rs.getLong(1), rs.getObject(2) == null ? null : rs.getInt(2), rs.getString(3),
            rs.getBigDecimal(4), rs.getTimestamp(5) == null ? null : rs.getTimestamp(5).toLocalDateTime()};
        rows.add(Row.of(Stream.concat(Arrays.stream(values), Arrays.stream(extra)).toArray()));
      }
    }
    return rows;
  }

  /** The keys of {@code table}, ascending. */
  static List<Long> ids(Connection c, String table) throws SQLException {
    List<Long> ids = new ArrayList<>();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT id FROM " + table + " ORDER BY id")) {
      while (rs.next()) {
        ids.add(rs.getLong(1));
      }
    }
    return ids;
  }
}
