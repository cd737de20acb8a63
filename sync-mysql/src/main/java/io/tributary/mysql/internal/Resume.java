package io.tributary.mysql.internal;

import io.tributary.mysql.MySqlPosition;
import io.tributary.sync.ErrorCode;
import io.tributary.sync.SyncException;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a read resumes from a checkpoint's position, given the server the source connects to now.
 *
 * <ul>
 *   <li>Same server (or a position that names none: written before servers were recorded, or made by hand): at its
 *       file and offset, as always. A server with the same id that lacks some of the position's GTIDs is another
 *       one (ids collide: MariaDB's server_id defaults to 1) and is refused.</li>
 *   <li>Another server (a failover, or the source pointed elsewhere): after the position's GTID set, which names
 *       the same transactions on every server of the replication topology, keeping the skip counts (they count
 *       rows of the position's transaction, named by its GTID, which other replication domains' transactions may
 *       precede there). Refused with {@link
 *       ErrorCode#SERVER_CHANGED} when the position has no GTIDs, the server has GTIDs off, or it has not executed
 *       every transaction of the set (a lagging or diverged replica: starting there would skip changes). A binlog
 *       file of the same name on another server holds other transactions, so its offset is never used.</li>
 * </ul>
 *
 * @param from      the position to start from, stamped with the current server
 * @param gtidStart the GTID set to start after, or null for {@code from}'s file and offset
 */
public record Resume(MySqlPosition from, String gtidStart) {

  private static final Logger LOG = LoggerFactory.getLogger(Resume.class);

  /** The server's GTID facts a failover needs; MySQL and MariaDB read them differently. */
  public interface GtidState {
    /** MySQL: whether {@code gtid_mode} is ON; MariaDB: always true. */
    boolean enabled();

    /** The transactions of {@code gtids} the server has not executed (empty: it has them all). */
    String missing(String gtids);

    /** What the server has executed, for the message. */
    default String executed() {
      return "?";
    }
  }

  public static Resume of(String source, MySqlPosition p, ServerIdentity current, Supplier<GtidState> state) {
    ServerIdentity recorded = ServerIdentity.parse(p.server());
    MySqlPosition here = p.onServer(current.encoded());
    if (recorded == null) {
      return new Resume(here, p.file().isEmpty() ? p.gtids() : null);
    }
    if (recorded.sameServer(current)) {
      // Ids can collide (MariaDB's server_id defaults to 1 everywhere; a cloned MySQL data directory keeps its
      // UUID): the same server has executed every GTID it logged, so a server lacking some is another one.
      String missing = p.gtids().isEmpty() ? "" : state.get().missing(p.gtids());
      if (!missing.isEmpty()) {
        throw SyncException.of(ErrorCode.SERVER_CHANGED, "source '" + source + "': the checkpoint's position "
            + p.file() + ":" + p.position() + " was read on " + recorded + "; the server at " + current.address()
            + " has the same " + current.id() + " but has not executed " + missing + " of the position's GTID set "
            + p.gtids() + " (it has " + state.get().executed() + "): another server with the same id, or one whose"
            + " binlog was reset. Its binlog files are not the checkpoint's. Fix: point the source back at the"
            + " checkpoint's server, or offline() the pipeline and start it with a full sync; give every server its"
            + " own server_id.", null);
      }
      return new Resume(here, p.file().isEmpty() ? p.gtids() : null);
    }
    String what = "source '" + source + "': the checkpoint's position " + p.file() + ":" + p.position()
        + " was read on " + recorded + ", but the source now connects to " + current + ". ";
    String fix = " Fix: point the source back at " + recorded + ", or offline() the pipeline and start it with a"
        + " full sync from " + current + ".";
    if (p.gtids().isEmpty()) {
      throw SyncException.of(ErrorCode.SERVER_CHANGED, what + "The position has no GTIDs (file/position mode), and"
          + " a binlog file of the same name on another server holds other transactions, so the pipeline will not"
          + " resume there." + fix + " To fail over by GTID in future, run the servers with GTIDs (MySQL:"
          + " gtid_mode=ON, enforce_gtid_consistency=ON).", null);
    }
    GtidState gtid = state.get();
    if (!gtid.enabled()) {
      throw SyncException.of(ErrorCode.SERVER_CHANGED, what + "The position's GTID set " + p.gtids() + " cannot be"
          + " used there: " + current + " has gtid_mode OFF." + fix + " Or set gtid_mode=ON on " + current + ".",
          null);
    }
    String missing = gtid.missing(p.gtids());
    if (!missing.isEmpty()) {
      throw SyncException.of(ErrorCode.SERVER_CHANGED, what + current + " has not executed " + missing + " of the"
          + " position's GTID set " + p.gtids() + " (it has " + gtid.executed() + ": a replica that is behind or"
          + " diverged): starting there would"
          + " skip or contradict changes already synced." + fix + " Or wait until " + current + " has replicated"
          + " them and start again.", null);
    }
    LOG.warn("source '{}': the checkpoint was read on {}, the source now connects to {}: resuming after GTIDs {}",
        source, recorded, current, p.gtids());
    return new Resume(new MySqlPosition("", 0, p.gtids(), p.skipEvents(), p.skipRows(), current.encoded(),
        p.transaction()), p.gtids());
  }

  /** MySQL: {@code gtid_mode} and {@code GTID_SUBTRACT(set, @@gtid_executed)}. */
  public static GtidState mysql(Jdbc jdbc) {
    return new GtidState() {
      @Override
      public boolean enabled() {
        return "ON".equalsIgnoreCase(jdbc.queryString("SELECT @@global.gtid_mode"));
      }

      @Override
      public String missing(String gtids) {
        String m = jdbc.queryString("SELECT GTID_SUBTRACT('" + gtids.replace("'", "") + "', @@global.gtid_executed)");
        return m == null ? "" : m.replace("\n", "");
      }

      @Override
      public String executed() {
        return String.valueOf(jdbc.queryString("SELECT @@global.gtid_executed")).replace("\n", "");
      }
    };
  }

  /** MariaDB: per replication domain, the position's sequence number against {@code gtid_binlog_pos}. */
  public static GtidState mariaDb(Jdbc jdbc) {
    return new GtidState() {
      @Override
      public boolean enabled() {
        return true;
      }

      @Override
      public String missing(String gtids) {
        return mariaDbMissing(gtids, executed());
      }

      @Override
      public String executed() {
        return jdbc.queryString("SELECT @@global.gtid_binlog_pos");
      }
    };
  }

  /**
   * The GTIDs of {@code wanted} (MariaDB {@code domain-server-seq} list) whose domain {@code binlogPos} lacks or has
   * only at a lower sequence number, comma-separated; empty when it has them all.
   */
  static String mariaDbMissing(String wanted, String binlogPos) {
    Map<Long, Long> have = new TreeMap<>();
    for (String g : split(binlogPos)) {
      String[] f = g.split("-");
      have.put(Long.parseLong(f[0]), Long.parseLong(f[2]));
    }
    StringBuilder missing = new StringBuilder();
    for (String g : split(wanted)) {
      String[] f = g.split("-");
      Long seq = have.get(Long.parseLong(f[0]));
      if (seq == null || seq < Long.parseLong(f[2])) {
        missing.append(missing.isEmpty() ? "" : ",").append(g);
      }
    }
    return missing.toString();
  }

  private static String[] split(String list) {
    return list == null || list.isBlank() ? new String[0] : list.replace("\n", "").trim().split("\\s*,\\s*");
  }
}
