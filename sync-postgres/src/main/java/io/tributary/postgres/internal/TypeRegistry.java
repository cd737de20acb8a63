package io.tributary.postgres.internal;

import io.tributary.sync.ErrorCode;
import io.tributary.sync.SyncException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;

/** The server's types by oid, loaded once and reloaded when an unknown oid shows up (a new enum or domain). */
public final class TypeRegistry {

  private static final String QUERY = "SELECT t.oid, n.nspname, t.typname, t.typtype, t.typcategory, t.typelem, "
      + "t.typbasetype, t.typtypmod FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace";

  private final DataSource dataSource;
  private final Map<Integer, PgType> types = new ConcurrentHashMap<>();

  public TypeRegistry(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** A registry of the given types only, never reading a server (for tests and documentation checks). */
  public static TypeRegistry of(Iterable<PgType> types) {
    TypeRegistry r = new TypeRegistry(null);
    types.forEach(t -> r.types.put(t.oid(), t));
    return r;
  }

  public PgType get(int oid) {
    PgType type = types.get(oid);
    if (type == null) {
      reload();
      type = types.get(oid);
      if (type == null) {
        throw SyncException.of(ErrorCode.UNDECODABLE_CHANGE,
            "type oid " + oid + " is not in pg_type; was the type dropped?", null);
      }
    }
    return type;
  }

  public ColumnType columnType(int oid, int typmod) {
    return TypeMapper.map(get(oid), typmod, this);
  }

  private synchronized void reload() {
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(QUERY)) {
      while (rs.next()) {
        PgType t = new PgType(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4).charAt(0),
            rs.getString(5).charAt(0), rs.getInt(6), rs.getInt(7), rs.getInt(8));
        types.put(t.oid(), t);
      }
    } catch (SQLException e) {
      throw Errors.classify("cannot read pg_type", e);
    }
  }
}
