package io.tributary.postgres.internal;

import io.tributary.sync.event.TableSchema;
import io.tributary.sync.spi.PreflightCheck;
import io.tributary.sync.spi.PreflightReport;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import javax.sql.DataSource;

/** Server settings, role attributes, grants and table properties a PostgreSQL source needs; see the spec's table. */
public final class Preflight {

  /** The log stream plus one temporary slot per concurrent chunk read. */
  private final int slotsNeeded;
  private final PgConfig config;
  private final DataSource dataSource;
  private final SlotManager slots;

  public Preflight(PgConfig config, DataSource dataSource, SlotManager slots) {
    this.config = config;
    this.dataSource = dataSource;
    this.slots = slots;
    this.slotsNeeded = 1 + config.parallelism();
  }

  /** @param metas the tables' current catalog entries, read only on a supported server (older catalogs lack columns) */
  public PreflightReport run(Collection<TableSchema> tables,
      Supplier<Map<io.tributary.sync.event.TableId, TableMeta>> metas) {
    List<PreflightCheck> checks = new ArrayList<>();
    try (Connection c = dataSource.getConnection()) {
      ServerVersion version = ServerVersion.read(c);
      checks.add(version.check());
      settings(c, version, checks);
      role(c, checks);
      if (!version.supported()) {
        // The publication, replica identity and slot checks query catalogs an older server may lack: the version
        // failure says what to do, and these are checked again after the upgrade.
        for (TableSchema t : tables) {
          table(c, t, null, checks);
        }
        return new PreflightReport(config.name(), checks);
      }
      publication(c, tables, checks);
      Map<io.tributary.sync.event.TableId, TableMeta> current = metas.get();
      for (TableSchema t : tables) {
        table(c, t, current.get(t.id()), checks);
      }
      SlotManager.SlotInfo slot = slots.slot();
      if (slot != null && slot.lost()) {
        // A warning, not a failure: what to do is the pipeline's onLostLogPosition (FAIL stops at the log's
        // opening with PositionUnavailableException; RESYNC drops the slot and re-syncs the tables).
        checks.add(PreflightCheck.warning("replication slot " + config.slotName(), "wal_status=lost",
            "the slot was invalidated and its changes are gone: a pipeline with onLostLogPosition(RESYNC) drops it "
                + "and re-syncs its tables at start; otherwise drop it (PostgresSource.dropSlot()) and re-sync"));
      } else if (slot != null && slot.active()) {
        checks.add(PreflightCheck.warning("replication slot " + config.slotName(), "active (pid "
            + slot.activePid() + ")", "another process reads the slot; stop it before starting this pipeline"));
      }
    } catch (SQLException e) {
      checks.add(PreflightCheck.failed("connection", e.getMessage(), "check host, port, database, user and "
          + "password, and pg_hba.conf"));
    }
    return new PreflightReport(config.name(), checks);
  }

  private void settings(Connection c, ServerVersion version, List<PreflightCheck> checks) throws SQLException {
    String walLevel = setting(c, "wal_level");
    checks.add("logical".equals(walLevel) ? PreflightCheck.ok("wal_level", walLevel)
        : PreflightCheck.failed("wal_level", walLevel,
            "ALTER SYSTEM SET wal_level = logical; then restart PostgreSQL"));
    int maxSlots = Integer.parseInt(setting(c, "max_replication_slots"));
    int usedSlots = count(c, "SELECT count(*) FROM pg_catalog.pg_replication_slots WHERE slot_name <> "
        + Sql.literal(config.slotName()));
    checks.add(maxSlots - usedSlots >= slotsNeeded
        ? PreflightCheck.ok("max_replication_slots", maxSlots + " (" + usedSlots + " used by others)")
        : PreflightCheck.failed("max_replication_slots", maxSlots + " (" + usedSlots + " used by others)",
            "need " + slotsNeeded + " free (1 + parallelism " + config.parallelism() + "): ALTER SYSTEM SET "
                + "max_replication_slots = " + (usedSlots + slotsNeeded + 4) + "; then restart PostgreSQL"));
    int maxSenders = Integer.parseInt(setting(c, "max_wal_senders"));
    int usedSenders = count(c, "SELECT count(*) FROM pg_catalog.pg_stat_replication");
    checks.add(maxSenders - usedSenders >= slotsNeeded
        ? PreflightCheck.ok("max_wal_senders", maxSenders + " (" + usedSenders + " in use)")
        : PreflightCheck.failed("max_wal_senders", maxSenders + " (" + usedSenders + " in use)",
            "need " + slotsNeeded + " free: ALTER SYSTEM SET max_wal_senders = " + (usedSenders + slotsNeeded + 4)
                + "; then restart PostgreSQL"));
    if (version.supported()) { // max_slot_wal_keep_size is new in 13
      String keep = setting(c, "max_slot_wal_keep_size");
      checks.add("-1".equals(keep)
          ? PreflightCheck.ok("max_slot_wal_keep_size", "-1 (unlimited; watch disk space while the pipeline is down)")
          : PreflightCheck.warning("max_slot_wal_keep_size", keep + " MB", "a slot lagging more than this is "
              + "invalidated and the tables must be re-synced; keep it well above the WAL written during the "
              + "longest expected outage"));
    }
    long timeoutMs = Long.parseLong(setting(c, "wal_sender_timeout"));
    long needMs = 2 * config.statusInterval().toMillis();
    if (timeoutMs == 0) {
      checks.add(PreflightCheck.warning("wal_sender_timeout", "0 (disabled)",
          "dead replication connections are never detected by the server; 60000 is the default"));
    } else {
      checks.add(timeoutMs >= needMs ? PreflightCheck.ok("wal_sender_timeout", timeoutMs + " ms")
          : PreflightCheck.failed("wal_sender_timeout", timeoutMs + " ms", "must exceed twice the status interval ("
              + needMs + " ms): ALTER SYSTEM SET wal_sender_timeout = '60s'; SELECT pg_reload_conf()"));
    }
  }

  private void role(Connection c, List<PreflightCheck> checks) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT rolreplication, rolsuper, rolcanlogin FROM "
        + "pg_catalog.pg_roles WHERE rolname = current_user"); ResultSet rs = ps.executeQuery()) {
      rs.next();
      boolean ok = (rs.getBoolean(1) || rs.getBoolean(2)) && rs.getBoolean(3);
      String found = (rs.getBoolean(1) ? "REPLICATION" : "NOREPLICATION") + (rs.getBoolean(3) ? " LOGIN" : " NOLOGIN");
      checks.add(ok ? PreflightCheck.ok("REPLICATION LOGIN attribute of " + config.user(), found)
          : PreflightCheck.failed("REPLICATION LOGIN attribute of " + config.user(), found,
              "ALTER ROLE " + Sql.ident(config.user()) + " WITH REPLICATION LOGIN"));
    }
  }

  private void publication(Connection c, Collection<TableSchema> tables, List<PreflightCheck> checks)
      throws SQLException {
    boolean exists = count(c, "SELECT count(*) FROM pg_catalog.pg_publication WHERE pubname = "
        + Sql.literal(config.publicationName())) > 0;
    boolean create = count(c, "SELECT count(*) WHERE has_database_privilege(current_database(), 'CREATE')") > 0;
    String name = "CREATE on database " + config.database() + " (publication " + config.publicationName() + ")";
    if (exists) {
      checks.add(PreflightCheck.ok(name, "publication exists"));
    } else {
      checks.add(create ? PreflightCheck.ok(name, "granted") : PreflightCheck.failed(name, "not granted",
          "GRANT CREATE ON DATABASE " + Sql.ident(config.database()) + " TO " + Sql.ident(config.user())
              + ", or create the publication yourself: CREATE PUBLICATION " + config.publicationName()
              + " FOR TABLE ..."));
    }
    for (TableSchema t : tables) {
      boolean owner = count(c, "SELECT count(*) FROM pg_catalog.pg_class WHERE oid = "
          + Sql.literal(Sql.table(t.id())) + "::regclass AND pg_has_role(relowner, 'USAGE')") > 0;
      if (!owner && !inPublication(c, t)) {
        checks.add(PreflightCheck.failed("ownership of " + t.id() + " (to add it to the publication)", "not owner",
            "ALTER TABLE " + Sql.table(t.id()) + " OWNER TO " + Sql.ident(config.user()) + ", or let the owner run "
                + "ALTER PUBLICATION " + config.publicationName() + " ADD TABLE " + Sql.table(t.id())));
      }
    }
  }

  private boolean inPublication(Connection c, TableSchema t) throws SQLException {
    return count(c, "SELECT count(*) FROM pg_catalog.pg_publication_tables WHERE pubname = "
        + Sql.literal(config.publicationName()) + " AND schemaname = " + Sql.literal(t.id().schema())
        + " AND tablename = " + Sql.literal(t.id().table())) > 0;
  }

  private void table(Connection c, TableSchema t, TableMeta meta, List<PreflightCheck> checks) throws SQLException {
    String qualified = Sql.table(t.id());
    boolean select = count(c, "SELECT count(*) WHERE has_table_privilege(" + Sql.literal(qualified)
        + ", 'SELECT')") > 0;
    checks.add(select ? PreflightCheck.ok("SELECT on " + t.id(), "granted")
        : PreflightCheck.failed("SELECT on " + t.id(), "not granted",
            "GRANT SELECT ON " + qualified + " TO " + Sql.ident(config.user())));
    if (!t.hasPrimaryKey()) {
      checks.add(PreflightCheck.failed("primary key of " + t.id(), "none",
          "ALTER TABLE " + qualified + " ADD PRIMARY KEY (...), or exclude the table"));
    }
    if (meta == null) {
      return;
    }
    char identity = meta.replicaIdentity();
    String name = "replica identity of " + t.id();
    if (identity == 'n') {
      checks.add(PreflightCheck.failed(name, "NOTHING", "updates and deletes of the table fail on the source; "
          + "ALTER TABLE " + qualified + " REPLICA IDENTITY FULL"));
    } else if (identity == 'f' || meta.toastable().isEmpty()) {
      checks.add(PreflightCheck.ok(name, identity == 'f' ? "FULL" : identity == 'd' ? "DEFAULT" : "INDEX"));
    } else {
      // an update that leaves a TOASTed value unchanged does not carry it in the WAL; the writers keep the target's
      // current value for exactly those columns, so FULL (and its extra WAL volume) is not needed
      checks.add(PreflightCheck.ok(name, (identity == 'd' ? "DEFAULT" : "INDEX") + "; FULL is not needed: updates "
          + "that leave TOASTed columns " + meta.toastable() + " unchanged keep the target's current values"));
    }
  }

  private static String setting(Connection c, String name) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT setting FROM pg_catalog.pg_settings WHERE name = ?")) {
      ps.setString(1, name);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getString(1) : "(unknown)";
      }
    }
  }

  private static int count(Connection c, String sql) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
      return rs.next() ? rs.getInt(1) : 0;
    }
  }
}
