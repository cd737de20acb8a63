package io.tributary.mysql.internal;

import io.tributary.sync.event.TableId;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads captured tables' current definitions from {@code information_schema}. */
public final class SchemaReader {

  private final MySqlConfig config;
  private final Jdbc jdbc;

  public SchemaReader(MySqlConfig config, Jdbc jdbc) {
    this.config = config;
    this.jdbc = jdbc;
  }

  /** Every captured base table, in database and table name order. */
  public Map<TableId, MySqlTable> read() {
    Map<TableId, List<MySqlColumn>> columns = new LinkedHashMap<>();
    Map<TableId, List<String>> keys = new LinkedHashMap<>();
    try (Connection c = jdbc.connection(); Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery("SELECT c.TABLE_SCHEMA, c.TABLE_NAME, c.COLUMN_NAME, c.COLUMN_TYPE, "
          + "c.CHARACTER_SET_NAME, c.IS_NULLABLE FROM information_schema.COLUMNS c "
          + "JOIN information_schema.TABLES t ON t.TABLE_SCHEMA = c.TABLE_SCHEMA AND t.TABLE_NAME = c.TABLE_NAME "
          + "WHERE t.TABLE_TYPE = 'BASE TABLE' ORDER BY c.TABLE_SCHEMA, c.TABLE_NAME, c.ORDINAL_POSITION")) {
        while (rs.next()) {
          String db = rs.getString(1);
          String table = rs.getString(2);
          if (!config.captures(db, table)) {
            continue;
          }
          TableId id = TableId.of(config.name(), db, table);
          columns.computeIfAbsent(id, k -> new ArrayList<>()).add(ColumnTypes.map(rs.getString(3),
              rs.getString(4), rs.getString(5), "YES".equals(rs.getString(6))));
        }
      }
      try (ResultSet rs = s.executeQuery("SELECT TABLE_SCHEMA, TABLE_NAME, COLUMN_NAME FROM "
          + "information_schema.STATISTICS WHERE INDEX_NAME = 'PRIMARY' "
          + "ORDER BY TABLE_SCHEMA, TABLE_NAME, SEQ_IN_INDEX")) {
        while (rs.next()) {
          TableId id = TableId.of(config.name(), rs.getString(1), rs.getString(2));
          if (columns.containsKey(id)) {
            keys.computeIfAbsent(id, k -> new ArrayList<>()).add(rs.getString(3));
          }
        }
      }
    } catch (SQLException e) {
      throw jdbc.failure("reading table definitions from information_schema", e);
    }
    Map<TableId, MySqlTable> tables = new LinkedHashMap<>();
    columns.forEach((id, cols) -> tables.put(id, MySqlTable.of(id, cols, keys.getOrDefault(id, List.of()))));
    return tables;
  }
}
