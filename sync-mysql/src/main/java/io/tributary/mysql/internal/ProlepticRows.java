package io.tributary.mysql.internal;

import com.github.shyiko.mysql.binlog.event.EventType;
import com.github.shyiko.mysql.binlog.event.TableMapEventData;
import com.github.shyiko.mysql.binlog.event.deserialization.DeleteRowsEventDataDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.EventDataDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.EventDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.UpdateRowsEventDataDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.WriteRowsEventDataDeserializer;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Rows deserializers whose DATE/DATETIME epoch values are proleptic Gregorian, as MySQL's dates are. The binlog
 * client converts dates before 1582-10-15 through {@link java.util.GregorianCalendar}, which switches to the Julian
 * calendar there and rolls the ten days 1582-10-05..14 (which MySQL stores) into 1582-10-15..24: two dates on one
 * epoch, not recoverable afterwards. Here those dates are computed with {@link LocalDate}.
 *
 * <p>The library's own rows deserializers read its private table-map cache; these read {@link #tableMaps}, filled
 * by the TABLE_MAP deserializer {@link #recording} wraps.
 */
final class ProlepticRows {

  private final Map<Long, TableMapEventData> tableMaps = new ConcurrentHashMap<>();

  /** Registers the six rows deserializers; call before {@code setCompatibilityMode}, which configures them. */
  void register(EventDeserializer d) {
    d.setEventDataDeserializer(EventType.WRITE_ROWS, new Write(tableMaps));
    d.setEventDataDeserializer(EventType.EXT_WRITE_ROWS, new Write(tableMaps).setMayContainExtraInformation(true));
    d.setEventDataDeserializer(EventType.UPDATE_ROWS, new Update(tableMaps));
    d.setEventDataDeserializer(EventType.EXT_UPDATE_ROWS, new Update(tableMaps).setMayContainExtraInformation(true));
    d.setEventDataDeserializer(EventType.DELETE_ROWS, new Delete(tableMaps));
    d.setEventDataDeserializer(EventType.EXT_DELETE_ROWS, new Delete(tableMaps).setMayContainExtraInformation(true));
  }

  /** A TABLE_MAP deserializer that also records each table map for these rows deserializers. */
  EventDataDeserializer<TableMapEventData> recording(EventDataDeserializer<TableMapEventData> tableMap) {
    return in -> {
      TableMapEventData d = tableMap.deserialize(in);
      tableMaps.put(d.getTableId(), d);
      return d;
    };
  }

  /**
   * Epoch milliseconds of a proleptic Gregorian date and time before the calendar switch, or null to let the library
   * compute it (its arithmetic is proleptic from 1582-10-15 on; zero dates and TIME values go to it too).
   */
  static Long beforeSwitch(int year, int month, int day, int hour, int minute, int second, int millis) {
    if (year == 0 || month == 0 || day == 0 || year > 1582 || year == 1582 && (month > 10 || month == 10 && day >= 15)) {
      return null;
    }
    try {
      long days = LocalDate.of(year, month, day).toEpochDay();
      return ((days * 24 + hour) * 60 + minute) * 60_000L + second * 1000L + millis;
    } catch (DateTimeException e) {
      return null;
    }
  }

  private static final class Write extends WriteRowsEventDataDeserializer {
    Write(Map<Long, TableMapEventData> maps) {
      super(maps);
    }

    @Override
    protected Long asUnixTime(int y, int mo, int d, int h, int mi, int s, int ms) {
      Long v = beforeSwitch(y, mo, d, h, mi, s, ms);
      return v != null ? v : super.asUnixTime(y, mo, d, h, mi, s, ms);
    }
  }

  private static final class Update extends UpdateRowsEventDataDeserializer {
    Update(Map<Long, TableMapEventData> maps) {
      super(maps);
    }

    @Override
    protected Long asUnixTime(int y, int mo, int d, int h, int mi, int s, int ms) {
      Long v = beforeSwitch(y, mo, d, h, mi, s, ms);
      return v != null ? v : super.asUnixTime(y, mo, d, h, mi, s, ms);
    }
  }

  private static final class Delete extends DeleteRowsEventDataDeserializer {
    Delete(Map<Long, TableMapEventData> maps) {
      super(maps);
    }

    @Override
    protected Long asUnixTime(int y, int mo, int d, int h, int mi, int s, int ms) {
      Long v = beforeSwitch(y, mo, d, h, mi, s, ms);
      return v != null ? v : super.asUnixTime(y, mo, d, h, mi, s, ms);
    }
  }
}
