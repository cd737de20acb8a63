package io.tributary.postgres.internal;

import io.tributary.sync.event.TableId;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether a log stream asks pgoutput for binary values ({@link PgConfig#binaryValues()}): only on PostgreSQL 14+,
 * and only while every column of the captured tables has a binary decoder ({@link PgBinary}), so that no value
 * differs from the text path. A stream that later meets a column without one (an ALTER TABLE adding it) refuses
 * binary here for good and fails over; the reopened stream reads text from the last checkpoint.
 */
public final class BinaryValues {

  private static final Logger LOG = LoggerFactory.getLogger(BinaryValues.class);

  /** Why binary was refused for good, or null. */
  private final AtomicReference<String> refused = new AtomicReference<>();
  private volatile int version;

  /** Whether the stream about to open reads binary values. */
  boolean use(PgConfig config, SlotManager slots, TypeRegistry types, Collection<TableId> tables) {
    if (!config.binaryValues()) {
      return false;
    }
    String why = refused.get();
    if (why == null && serverVersion(slots) < 140000) {
      why = "the server is older than PostgreSQL 14";
    }
    if (why == null) {
      for (Map.Entry<String, int[]> column : slots.columnTypes(tables).entrySet()) {
        PgType type = types.get(column.getValue()[0]);
        if (PgBinary.decoder(type, TypeMapper.map(type, column.getValue()[1], types), types) == null) {
          why = "column " + column.getKey() + " is of type " + type.name() + ", which has no binary decoder";
          break;
        }
      }
    }
    if (why != null) {
      LOG.info("[{}] reading the log's values as text: {}", config.name(), why);
      return false;
    }
    return true;
  }

  /** The server's version, read once per source (a failover to another server keeps the major version). */
  private int serverVersion(SlotManager slots) {
    if (version == 0) {
      version = slots.serverVersion();
    }
    return version;
  }

  /** Refuses binary values for every later stream of this source. */
  void refuse(String why) {
    refused.compareAndSet(null, why);
  }
}
