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
      Map<TableId, TableSchema> schemas) {
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
    return PgLogStream.start(config, types, slots, position, confirmed, schemas);
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
