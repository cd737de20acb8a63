package io.tributary.mysql.internal;

import io.tributary.sync.ErrorCode;
import io.tributary.sync.SyncException;
import io.tributary.sync.event.TableId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

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
    return read(id -> true);
  }

  /**
   * The captured base tables {@code selected} accepts. Columns of other tables are never mapped, so a type this
   * source cannot decode fails only a table someone asked for.
   */
  public Map<TableId, MySqlTable> read(Predicate<TableId> selected) {
    // System schemas are never captured; naming them keeps the server from opening every one of their tables.
    return query("NOT IN ('mysql', 'information_schema', 'performance_schema', 'sys')", List.of(), selected);
  }

  /** The captured base tables of {@code databases} (tests and tools; the source reads by selection). */
  public Map<TableId, MySqlTable> read(List<String> databases) {
    return read(databases, id -> true);
  }

  /** The current definitions of {@code ids} (those that exist and are captured). */
  public Map<TableId, MySqlTable> read(Set<TableId> ids) {
    return read(ids.stream().map(TableId::database).toList(), ids::contains);
  }

  /**
   * The captured base tables of {@code databases} only. Filtering by schema in the query matters: an unfiltered
   * {@code information_schema.COLUMNS} read opens every table on the server (hundreds of milliseconds on a busy one),
   * and a log is opened on every failover.
   */
  private Map<TableId, MySqlTable> read(Collection<String> databases, Predicate<TableId> selected) {
    if (databases.isEmpty()) {
      return new LinkedHashMap<>();
    }
    List<String> names = List.copyOf(new java.util.LinkedHashSet<>(databases));
    return query("IN (" + String.join(", ", Collections.nCopies(names.size(), "?")) + ")", names, selected);
  }

  private Map<TableId, MySqlTable> query(String schemaFilter, List<String> params, Predicate<TableId> selected) {
    Map<TableId, List<MySqlColumn>> columns = new LinkedHashMap<>();
    Map<TableId, List<String>> keys = new LinkedHashMap<>();
    Map<TableId, String> charsets = new LinkedHashMap<>();
    try (Connection c = jdbc.connection()) {
      try (PreparedStatement s = c.prepareStatement("SELECT c.TABLE_SCHEMA, c.TABLE_NAME, c.COLUMN_NAME, "
          + "c.COLUMN_TYPE, c.CHARACTER_SET_NAME, c.IS_NULLABLE, t.TABLE_COLLATION FROM information_schema.COLUMNS c "
          + "JOIN information_schema.TABLES t ON t.TABLE_SCHEMA = c.TABLE_SCHEMA AND t.TABLE_NAME = c.TABLE_NAME "
          + "WHERE t.TABLE_TYPE = 'BASE TABLE' AND c.TABLE_SCHEMA " + schemaFilter + " AND t.TABLE_SCHEMA "
          + schemaFilter + " ORDER BY c.TABLE_SCHEMA, c.TABLE_NAME, c.ORDINAL_POSITION")) {
        bind(s, params, 2);
        try (ResultSet rs = s.executeQuery()) {
          while (rs.next()) {
            String db = rs.getString(1);
            String table = rs.getString(2);
            if (!config.captures(db, table)) {
              continue;
            }
            TableId id = TableId.of(config.name(), db, table);
            if (!selected.test(id)) {
              continue;
            }
            // The table's default, which DDL tracking gives text columns added later without a character set.
            charsets.put(id, ColumnTypes.charsetOfCollation(rs.getString(7)));
            columns.computeIfAbsent(id, k -> new ArrayList<>()).add(map(id, rs.getString(3), rs.getString(4),
                rs.getString(5), "YES".equals(rs.getString(6))));
          }
        }
      }
      try (PreparedStatement s = c.prepareStatement("SELECT TABLE_SCHEMA, TABLE_NAME, COLUMN_NAME FROM "
          + "information_schema.STATISTICS WHERE INDEX_NAME = 'PRIMARY' AND TABLE_SCHEMA " + schemaFilter
          + " ORDER BY TABLE_SCHEMA, TABLE_NAME, SEQ_IN_INDEX")) {
        bind(s, params, 1);
        try (ResultSet rs = s.executeQuery()) {
          while (rs.next()) {
            TableId id = TableId.of(config.name(), rs.getString(1), rs.getString(2));
            if (columns.containsKey(id)) {
              keys.computeIfAbsent(id, k -> new ArrayList<>()).add(rs.getString(3));
            }
          }
        }
      }
    } catch (SQLException e) {
      throw jdbc.failure("reading table definitions from information_schema", e);
    }
    Map<TableId, MySqlTable> tables = new LinkedHashMap<>();
    columns.forEach((id, cols) -> tables.put(id, MySqlTable.of(id, cols, keys.getOrDefault(id, List.of()),
        charsets.get(id))));
    return tables;
  }

  /**
   * How many MariaDB long unique keys (UNIQUE on BLOB/TEXT without a prefix, or {@code USING HASH}) the table has:
   * each adds a hidden trailing {@code DB_ROW_HASH_n} BIGINT column that rows events carry but information_schema
   * does not show. information_schema.STATISTICS shows them as unique keys of INDEX_TYPE HASH; MEMORY tables'
   * native hash keys (which add no column) are left out.
   */
  public int longUniqueKeys(TableId id) {
    try (Connection c = jdbc.connection(); PreparedStatement s = c.prepareStatement("SELECT COUNT(DISTINCT "
        + "s.INDEX_NAME) FROM information_schema.STATISTICS s JOIN information_schema.TABLES t ON t.TABLE_SCHEMA = "
        + "s.TABLE_SCHEMA AND t.TABLE_NAME = s.TABLE_NAME WHERE s.TABLE_SCHEMA = ? AND s.TABLE_NAME = ? AND "
        + "s.NON_UNIQUE = 0 AND s.INDEX_TYPE = 'HASH' AND t.ENGINE NOT IN ('MEMORY', 'HEAP')")) {
      s.setString(1, id.database());
      s.setString(2, id.table());
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() ? rs.getInt(1) : 0;
      }
    } catch (SQLException e) {
      throw jdbc.failure("reading the long unique keys of " + id + " from information_schema", e);
    }
  }

  /** Maps one column of a selected table; a type this source cannot decode names the table and both excludes. */
  static MySqlColumn map(TableId id, String column, String type, String charset, boolean nullable) {
    try {
      return ColumnTypes.map(column, type, charset, nullable);
    } catch (SyncException e) {
      throw SyncException.of(ErrorCode.UNSUPPORTED_COLUMN_TYPE,
          "table " + id.database() + "." + id.table() + " column " + column + " has type "
          + type + ", which the MySQL source cannot decode. Leave the table out of the pipeline with "
          + "SyncPipeline.builder().excludeTables(TableSelector.of(\"" + regex(id.database()) + "\", \""
          + regex(id.table()) + "\")) or of the source with MySqlSource.builder().excludeTables(\""
          + regex(id.database()) + "\\\\." + regex(id.table()) + "\"), or change the column's type", e);
    }
  }

  private static String regex(String name) {
    return name.replaceAll("([\\\\.\\[\\]{}()*+?^$|])", "\\\\\\\\$1");
  }

  /** Binds {@code params} {@code times} over (the filter appears once per schema column it restricts). */
  private static void bind(PreparedStatement s, List<String> params, int times) throws SQLException {
    int i = 1;
    for (int t = 0; t < times; t++) {
      for (String p : params) {
        s.setString(i++, p);
      }
    }
  }
}
