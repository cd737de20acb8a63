package io.tributary.postgres.internal;

import io.tributary.sync.ErrorCode;
import io.tributary.sync.SyncException;

import io.tributary.sync.event.TableId;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The source's replication slot and publication: create, keep in step, inspect, drop. */
public final class SlotManager {

  private static final Logger LOG = LoggerFactory.getLogger(SlotManager.class);

  /** State of the slot from {@code pg_replication_slots}. */
  public record SlotInfo(String plugin, String database, boolean active, int activePid, long confirmedFlushLsn,
      long restartLsn, String walStatus, Long safeWalSize) {

    public boolean lost() {
      return "lost".equals(walStatus);
    }
  }

  private final PgConfig config;
  private final DataSource dataSource;

  public SlotManager(PgConfig config, DataSource dataSource) {
    this.config = config;
    this.dataSource = dataSource;
  }

  /** The slot's state, or null when it does not exist. */
  public SlotInfo slot() {
    String sql = "SELECT plugin, database, active, active_pid, confirmed_flush_lsn::text, restart_lsn::text, "
        + "wal_status, safe_wal_size FROM pg_catalog.pg_replication_slots WHERE slot_name = ?";
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, config.slotName());
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return null;
        }
        String confirmed = rs.getString(5);
        String restart = rs.getString(6);
        long safe = rs.getLong(8);
        Long safeWalSize = rs.wasNull() ? null : safe; // null: max_slot_wal_keep_size = -1 (unlimited)
        return new SlotInfo(rs.getString(1), rs.getString(2), rs.getBoolean(3), rs.getInt(4),
            confirmed == null ? 0 : Lsn.parse(confirmed), restart == null ? 0 : Lsn.parse(restart), rs.getString(7),
            safeWalSize);
      }
    } catch (SQLException e) {
      throw Errors.classify("cannot read replication slot " + config.slotName(), e);
    }
  }

  /** The cluster a connection reaches: {@code IDENTIFY_SYSTEM}'s system identifier and current timeline. */
  public record Cluster(String system, int timeline) {
  }

  /** Asks the server which cluster it is (on a replication connection, which the source needs anyway). */
  public Cluster identify() {
    try (Connection c = DriverManager.getConnection(config.jdbcUrl(), config.replicationProperties());
        Statement s = c.createStatement(); ResultSet rs = s.executeQuery("IDENTIFY_SYSTEM")) {
      rs.next();
      return new Cluster(rs.getString("systemid"), rs.getInt("timeline"));
    } catch (SQLException e) {
      throw Errors.classify("cannot identify the server (IDENTIFY_SYSTEM)", e);
    }
  }

  /** Creates the slot; returns its consistent point. */
  public long createSlot() {
    try (Connection c = DriverManager.getConnection(config.jdbcUrl(), config.replicationProperties());
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("CREATE_REPLICATION_SLOT " + Sql.ident(config.slotName())
            + " LOGICAL pgoutput NOEXPORT_SNAPSHOT")) {
      rs.next();
      long lsn = Lsn.parse(rs.getString("consistent_point"));
      LOG.info("[{}] created replication slot {} at {}", config.name(), config.slotName(), Lsn.format(lsn));
      return lsn;
    } catch (SQLException e) {
      throw Errors.classify("cannot create replication slot " + config.slotName()
          + " (needs the REPLICATION attribute and a free max_replication_slots entry)", e);
    }
  }

  /** Drops the slot if it exists; returns whether it did. Fails while a stream is attached to it. */
  public boolean dropSlot() {
    // A stream closed a moment ago leaves its walsender active briefly: wait (bounded) for it to let go.
    long deadline = System.nanoTime() + config.slotActiveTimeout().toNanos();
    while (true) {
      try {
        return dropSlotOnce();
      } catch (SyncException e) {
        if (!(e.getCause() instanceof SQLException sql) || !"55006".equals(sql.getSQLState())
            || System.nanoTime() > deadline) {
          throw e;
        }
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException ie) {
        Thread.currentThread().interrupt();
        throw SyncException.of(ErrorCode.INTERRUPTED,
            "interrupted while waiting to drop slot " + config.slotName(), ie);
      }
    }
  }

  private boolean dropSlotOnce() {
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
        "SELECT pg_catalog.pg_drop_replication_slot(slot_name) FROM pg_catalog.pg_replication_slots "
            + "WHERE slot_name = ?")) {
      ps.setString(1, config.slotName());
      try (ResultSet rs = ps.executeQuery()) {
        boolean dropped = rs.next();
        if (dropped) {
          LOG.info("[{}] dropped replication slot {}", config.name(), config.slotName());
        }
        return dropped;
      }
    } catch (SQLException e) {
      throw Errors.classify("cannot drop replication slot " + config.slotName(), e);
    }
  }

  /** Drops the publication if it exists. */
  public void dropPublication() {
    execute("DROP PUBLICATION IF EXISTS " + Sql.ident(config.publicationName()));
  }

  /**
   * Creates the publication for {@code tables}, or brings its table list in step with them. A publication
   * {@code FOR ALL TABLES} (created by a superuser) is left alone.
   */
  public void ensurePublication(Collection<TableId> tables) {
    String pub = config.publicationName();
    try (Connection c = dataSource.getConnection()) {
      Boolean allTables = null;
      try (PreparedStatement ps = c.prepareStatement("SELECT puballtables FROM pg_catalog.pg_publication "
          + "WHERE pubname = ?")) {
        ps.setString(1, pub);
        try (ResultSet rs = ps.executeQuery()) {
          if (rs.next()) {
            allTables = rs.getBoolean(1);
          }
        }
      }
      if (allTables == null) {
        String list = tableList(tables);
        execute(c, "CREATE PUBLICATION " + Sql.ident(pub) + (list.isEmpty() ? "" : " FOR TABLE " + list)
            + " WITH (publish_via_partition_root = true)");
        LOG.info("[{}] created publication {} for {} tables", config.name(), pub, tables.size());
        return;
      }
      if (allTables) {
        return;
      }
      // Compared by schema and table name: the ids' source and database parts are ours anyway.
      Set<TableId> present = new HashSet<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT schemaname, tablename FROM "
          + "pg_catalog.pg_publication_tables WHERE pubname = ?")) {
        ps.setString(1, pub);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            present.add(TableId.of("", "", rs.getString(1), rs.getString(2)));
          }
        }
      }
      Set<TableId> wanted = new HashSet<>();
      tables.forEach(t -> wanted.add(TableId.of("", "", t.schema(), t.table())));
      List<TableId> missing = new ArrayList<>(wanted);
      missing.removeAll(present);
      List<TableId> extra = new ArrayList<>(present);
      extra.removeAll(wanted);
      if (!missing.isEmpty()) {
        execute(c, "ALTER PUBLICATION " + Sql.ident(pub) + " ADD TABLE " + tableList(missing));
        LOG.info("[{}] added {} to publication {}", config.name(), tableList(missing), pub);
      }
      if (!extra.isEmpty()) {
        execute(c, "ALTER PUBLICATION " + Sql.ident(pub) + " DROP TABLE " + tableList(extra));
        LOG.info("[{}] removed {} from publication {}", config.name(), tableList(extra), pub);
      }
    } catch (SQLException e) {
      throw Errors.classify("cannot create or update publication " + pub + " (needs CREATE on the database and "
          + "ownership of the tables; or create it as their owner: CREATE PUBLICATION " + pub + " FOR TABLE ...)", e);
    }
  }

  /**
   * Where the WAL ends now, as a position the stream can reach: the insert position, which covers every commit made
   * before the call, asynchronous ones ({@code synchronous_commit = off}) included, which the flush position would
   * miss. When the last record ends exactly at a page boundary, the insert position points past the next page's
   * header (24 bytes, 40 on a segment's first page), where no record ends and so neither a commit nor a keepalive
   * ever reports it on an idle server; such a position is moved back to the boundary. (A record continued onto a page
   * ends at least 8 bytes past the header, so the insert position right after a header means nothing follows it.)
   */
  public long walEnd() {
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT l::text, (pg_catalog.pg_walfile_name_offset(l)).file_offset,"
            + " pg_catalog.current_setting('wal_block_size')::int"
            + " FROM (SELECT pg_catalog.pg_current_wal_insert_lsn() AS l) x")) {
      rs.next();
      long lsn = Lsn.parse(rs.getString(1));
      long inSegment = rs.getLong(2);
      long inPage = inSegment % rs.getInt(3);
      return inSegment == LONG_PAGE_HEADER || inPage == SHORT_PAGE_HEADER ? lsn - inPage : lsn;
    } catch (SQLException e) {
      throw Errors.classify("cannot read the current WAL position", e);
    }
  }

  /** The server's {@code server_version_num}. */
  public int serverVersion() {
    try (Connection c = dataSource.getConnection()) {
      return ServerVersion.read(c).number();
    } catch (SQLException e) {
      throw Errors.classify("cannot read the server version", e);
    }
  }

  /** The type oid and typmod of every live column of {@code tables}, keyed "schema.table.column" (one query). */
  public Map<String, int[]> columnTypes(Collection<TableId> tables) {
    Map<String, int[]> out = new LinkedHashMap<>();
    if (tables.isEmpty()) {
      return out;
    }
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
        "SELECT a.atttypid, a.atttypmod, n.nspname, r.relname, a.attname FROM pg_catalog.pg_attribute a"
        + " JOIN pg_catalog.pg_class r ON r.oid = a.attrelid JOIN pg_catalog.pg_namespace n ON n.oid = r.relnamespace"
        + " JOIN unnest(?::text[], ?::text[]) AS t(s, r) ON n.nspname = t.s AND r.relname = t.r"
        + " WHERE a.attnum > 0 AND NOT a.attisdropped")) {
      ps.setArray(1, c.createArrayOf("text", tables.stream().map(TableId::schema).toArray()));
      ps.setArray(2, c.createArrayOf("text", tables.stream().map(TableId::table).toArray()));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.put(rs.getString(3) + "." + rs.getString(4) + "." + rs.getString(5),
              new int[] {rs.getInt(1), rs.getInt(2)});
        }
      }
    } catch (SQLException e) {
      throw Errors.classify("cannot read the column types of the captured tables", e);
    }
    return out;
  }

  /** Sizes of a WAL page's header: a segment's first page has the long one (64-bit builds, as all are now). */
  private static final long SHORT_PAGE_HEADER = 24;
  private static final long LONG_PAGE_HEADER = 40;

  /** The server's current WAL insert position. */
  public long currentLsn() {
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT pg_catalog.pg_current_wal_insert_lsn()::text")) {
      rs.next();
      return Lsn.parse(rs.getString(1));
    } catch (SQLException e) {
      throw Errors.classify("cannot read the current WAL position", e);
    }
  }

  private static String tableList(Collection<TableId> tables) {
    StringBuilder sb = new StringBuilder();
    for (TableId t : tables) {
      sb.append(sb.length() == 0 ? "" : ", ").append(Sql.table(t));
    }
    return sb.toString();
  }

  private void execute(String sql) {
    try (Connection c = dataSource.getConnection()) {
      execute(c, sql);
    } catch (SQLException e) {
      throw Errors.classify("cannot run " + sql, e);
    }
  }

  private static void execute(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

}
