package io.tributary.postgres.internal;

import io.tributary.sync.event.Column;
import io.tributary.sync.event.TableId;
import io.tributary.sync.event.TableSchema;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/** Reads tables, columns, keys and replica identities from {@code pg_catalog}. */
public final class Catalog {

  // Ordinary and partitioned tables; columns in attnum order without dropped and generated ones, as pgoutput sends.
  private static final String COLUMNS = "SELECT n.nspname, c.relname, c.relreplident, a.attname, a.atttypid, "
      + "a.atttypmod, a.attnotnull, a.attstorage, "
      + "(SELECT array_position(i.indkey::int2[], a.attnum) FROM pg_catalog.pg_index i "
      + "  WHERE i.indrelid = c.oid AND i.indisprimary) AS pk_pos "
      + "FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
      + "JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid "
      + "WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition AND a.attnum > 0 AND NOT a.attisdropped "
      + "AND a.attgenerated = '' AND n.nspname NOT IN ('pg_catalog', 'information_schema') "
      + "AND n.nspname NOT LIKE 'pg_toast%' AND n.nspname NOT LIKE 'pg_temp%' "
      + "ORDER BY n.nspname, c.relname, a.attnum";

  private final PgConfig config;
  private final DataSource dataSource;
  private final TypeRegistry types;

  public Catalog(PgConfig config, DataSource dataSource, TypeRegistry types) {
    this.config = config;
    this.dataSource = dataSource;
    this.types = types;
  }

  public TypeRegistry types() {
    return types;
  }

  /** Every table the config selects, keyed by id, in name order. */
  public Map<TableId, TableMeta> tables() {
    Map<TableId, Builder> builders = new LinkedHashMap<>();
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(COLUMNS);
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        String schema = rs.getString(1);
        String table = rs.getString(2);
        if (!config.selects(schema, table)) {
          continue;
        }
        TableId id = TableId.of(config.name(), config.database(), schema, table);
        Builder b = builders.computeIfAbsent(id, k -> new Builder(k));
        b.replident = rs.getString(3).charAt(0);
        String column = rs.getString(4);
        ColumnType type = types.columnType(rs.getInt(5), rs.getInt(6));
        int pkPos = rs.getInt(9);
        boolean pk = !rs.wasNull();
        b.columns.add(Column.of(column, type.dataType().withNullable(!rs.getBoolean(7) && !pk)));
        b.types.add(type);
        if (pk) {
          b.pk.add(new int[] {pkPos, b.columns.size() - 1});
        }
        if (!"p".equals(rs.getString(8))) {
          b.toastable.add(column);
        }
      }
    } catch (SQLException e) {
      ServerVersion.requireSupported(dataSource, config.name()); // before 12 the query names missing columns
      throw Errors.classify("cannot read the catalog of " + config.jdbcUrl(), e);
    }
    Map<TableId, TableMeta> result = new LinkedHashMap<>();
    builders.forEach((id, b) -> result.put(id, b.build()));
    return result;
  }

  /** One table's metadata, or null when it is gone or not selected. */
  public TableMeta table(TableId id) {
    return tables().get(id);
  }

  private static final class Builder {
    final TableId id;
    final List<Column> columns = new ArrayList<>();
    final List<ColumnType> types = new ArrayList<>();
    final List<int[]> pk = new ArrayList<>();
    final List<String> toastable = new ArrayList<>();
    char replident = 'd';

    Builder(TableId id) {
      this.id = id;
    }

    TableMeta build() {
      pk.sort((a, b) -> Integer.compare(a[0], b[0]));
      List<String> key = Arrays.asList(pk.stream().map(p -> columns.get(p[1]).name()).toArray(String[]::new));
      return new TableMeta(new TableSchema(id, columns, key), types, replident, toastable);
    }
  }
}
