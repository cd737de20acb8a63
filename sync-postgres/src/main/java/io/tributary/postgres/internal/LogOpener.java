package io.tributary.postgres.internal;

import io.tributary.postgres.PostgresPosition;
import io.tributary.sync.ErrorCode;
import io.tributary.sync.PositionUnavailableException;
import io.tributary.sync.SyncException;
import io.tributary.sync.event.TableId;
import io.tributary.sync.event.TableSchema;
import io.tributary.sync.spi.LogStream;
import io.tributary.sync.spi.StartPosition;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Resolves a start position against the slot (creating it on first start) and opens the stream. */
public final class LogOpener {

  private static final Logger LOG = LoggerFactory.getLogger(LogOpener.class);

  private LogOpener() {
  }

  public static LogStream open(PgConfig config, SlotManager slots, TypeRegistry types, StartPosition start,
      Map<TableId, TableSchema> schemas, BinaryValues binary) {
    if (start instanceof StartPosition.Timestamp t) {
      // Refused before any I/O: no publication or slot is touched.
      throw SyncException.of(ErrorCode.START_POSITION_UNSUPPORTED,
          "PostgreSQL cannot start the log at a timestamp (" + t.instant() + "): logical "
          + "replication (pgoutput) reads a slot from an LSN and cannot seek by time, and WAL records carry no "
          + "commit time to search by. Start at an LSN instead (StartPosition.parse(\"0/16B3748\")), e.g. the value "
          + "of SELECT pg_current_wal_lsn() noted at that time; or start at latest or earliest", null);
    }
    // The publication must exist before the slot decodes anything, and list the tables before their changes.
    slots.ensurePublication(schemas.keySet());
    SlotManager.Cluster cluster = slots.identify();
    if (start instanceof StartPosition.At at) {
      sameCluster(config, position(at), cluster); // before the slot: another cluster's slot of that name is not it
    }
    SlotManager.SlotInfo slot = slots.slot();
    PostgresPosition position;
    long confirmed;
    if (slot == null) {
      if (start instanceof StartPosition.At at) {
        throw new PositionUnavailableException("replication slot " + config.slotName() + " does not exist, so the "
            + "changes after " + at.position() + " are gone: start at latest and re-sync the tables", null);
      }
      long created = slots.createSlot();
      confirmed = created;
      position = PostgresPosition.at(created);
      if (start instanceof StartPosition.Spec spec) {
        long lsn = Lsn.parse(spec.text());
        if (lsn < created) {
          throw new PositionUnavailableException("replication slot " + config.slotName() + " was just created at "
              + Lsn.format(created) + "; changes before it, such as " + spec.text() + ", are not available", null);
        }
        position = PostgresPosition.at(lsn);
      }
    } else {
      check(config, slot);
      confirmed = slot.confirmedFlushLsn();
      if (start instanceof StartPosition.At at) {
        position = requireRetained(config, slot, position(at));
      } else if (start instanceof StartPosition.Spec spec) {
        position = requireRetained(config, slot, parse(spec.text()));
      } else if (start == StartPosition.earliest()) {
        position = PostgresPosition.at(slot.confirmedFlushLsn());
      } else {
        position = PostgresPosition.at(Math.max(slots.currentLsn(), slot.confirmedFlushLsn()));
      }
    }
    return PgLogStream.start(config, types, slots, position.on(cluster.system(), cluster.timeline()), confirmed,
        schemas, binary.use(config, slots, types, schemas.keySet()) ? binary : null);
  }

  /**
   * Refuses a checkpoint read on another cluster: LSNs and slots are per cluster, so a logical replica, a restored
   * backup or a new cluster (other system identifiers) cannot continue it. A promoted physical standby keeps the
   * system identifier and moves to a new timeline: that continues when the slot exists there (a failover slot
   * synchronized to the standby, PostgreSQL 17+), else the slot check below reports the position lost.
   */
  static void sameCluster(PgConfig config, PostgresPosition p, SlotManager.Cluster cluster) {
    if (p.system().isEmpty() || p.system().equals(cluster.system())) {
      if (!p.system().isEmpty() && p.timeline() != cluster.timeline()) {
        LOG.info("[{}] the cluster moved from timeline {} to {} since the checkpoint (a promotion): continuing with"
            + " replication slot {} if it exists", config.name(), p.timeline(), cluster.timeline(), config.slotName());
      }
      return;
    }
    throw SyncException.of(ErrorCode.SERVER_CHANGED, "source '" + config.name() + "': the checkpoint's position "
        + Lsn.format(p.lsn()) + " was read on the PostgreSQL cluster with system_identifier " + p.system()
        + " (timeline " + p.timeline() + "), but the source now connects to system_identifier " + cluster.system()
        + " (timeline " + cluster.timeline() + ") at " + config.host() + ":" + config.port() + ". LSNs and"
        + " replication slots belong to one cluster (a promoted physical standby keeps the identifier; a logical"
        + " replica, a restored backup or a new cluster does not), so the pipeline will not resume there. Fix: point"
        + " the source back at the cluster " + p.system() + ", or offline() the pipeline and start it with a full"
        + " sync from the new one.", null);
  }

  private static PostgresPosition position(StartPosition.At at) {
    if (!(at.position() instanceof PostgresPosition p)) {
      throw new IllegalArgumentException("not a PostgreSQL position: " + at.position());
    }
    return p;
  }

  private static PostgresPosition parse(String text) {
    return io.tributary.postgres.PostgresSource.parsePosition(text);
  }

  private static void check(PgConfig config, SlotManager.SlotInfo slot) {
    if (!"pgoutput".equals(slot.plugin()) || !config.database().equals(slot.database())) {
      throw SyncException.of(ErrorCode.REPLICATION_SLOT_CONFLICT,
          "replication slot " + config.slotName() + " exists for plugin " + slot.plugin()
          + " on database " + slot.database() + "; this source needs pgoutput on " + config.database()
          + ": choose another slotName", null);
    }
    if (slot.lost()) {
      throw new PositionUnavailableException("replication slot " + config.slotName() + " was invalidated "
          + "(wal_status=lost, max_slot_wal_keep_size exceeded): its changes are gone. Drop it "
          + "(PostgresSource.dropSlot()) and re-sync the tables", null);
    }
    warnIfNearInvalidation(config, slot);
  }

  /** Warns when the slot may soon be invalidated by {@code max_slot_wal_keep_size}. */
  static void warnIfNearInvalidation(PgConfig config, SlotManager.SlotInfo slot) {
    boolean near = slot.safeWalSize() != null && slot.safeWalSize() < 256L * 1024 * 1024;
    if ("unreserved".equals(slot.walStatus()) || near) {
      LOG.warn("[{}] replication slot {} is close to invalidation (wal_status={}, {} bytes left before "
          + "max_slot_wal_keep_size): let the pipeline catch up and acknowledge, or raise max_slot_wal_keep_size; "
          + "an invalidated slot means a full re-sync", config.name(), config.slotName(), slot.walStatus(),
          slot.safeWalSize());
    }
  }

  private static PostgresPosition requireRetained(PgConfig config, SlotManager.SlotInfo slot, PostgresPosition p) {
    if (p.lsn() < slot.confirmedFlushLsn()) {
      throw new PositionUnavailableException("position " + p + " is before replication slot " + config.slotName()
          + "'s confirmed LSN " + Lsn.format(slot.confirmedFlushLsn()) + ": the changes in between were released "
          + "(the source confirms only positions of saved checkpoints to the slot: this position is older than the "
          + "last checkpoint of the pipeline reading the slot, or another consumer moved the slot). Start from the "
          + "latest checkpoint, or re-sync the tables", null);
    }
    return p;
  }
}
