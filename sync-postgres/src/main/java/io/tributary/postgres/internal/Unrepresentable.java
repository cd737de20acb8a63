package io.tributary.postgres.internal;

import io.tributary.sync.ErrorCode;
import io.tributary.sync.SyncException;
import io.tributary.sync.event.DataType;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;

/**
 * Decoded values no target column of their type holds exactly, refused by the source (which knows the column) before
 * a writer would: date/timestamp {@code ±infinity} (decoded as MIN/MAX, beyond any epoch-based date), and
 * {@code 24:00:00} in a time of at most millisecond precision (a time of day below 24:00 in milliseconds). A NaN or
 * infinity in a constrained numeric is refused by {@link ValueCodec}. The refusal stops the table alone.
 */
final class Unrepresentable {

  private Unrepresentable() {
  }

  /** {@code value}, or a {@link ErrorCode#VALUE_NOT_REPRESENTABLE} failure naming the column. */
  static Object check(ColumnType type, Object value, String column) {
    String why = null;
    if (value instanceof LocalDate d && (d.equals(LocalDate.MAX) || d.equals(LocalDate.MIN))
        || value instanceof LocalDateTime t && (t.equals(LocalDateTime.MAX) || t.equals(LocalDateTime.MIN))
        || value instanceof Instant i && (i.equals(Instant.MAX) || i.equals(Instant.MIN))) {
      why = "PostgreSQL's " + (isMax(value) ? "infinity" : "-infinity") + ", which no target date or timestamp"
          + " holds";
    } else if (value instanceof LocalTime t && t.equals(LocalTime.MAX) && type.dataType().kind() == DataType.Kind.TIME
        && type.dataType().precision() <= 3) {
      why = "24:00:00, which a time of at most millisecond precision does not hold (time(4..6) does)";
    }
    if (why == null) {
      return value;
    }
    throw refused(column, why);
  }

  static SyncException refused(String column, String why) {
    return SyncException.of(ErrorCode.VALUE_NOT_REPRESENTABLE, "column " + column + " holds " + why + "; it is"
        + " refused, not altered. Correct the value or the column type, then resync the table", null);
  }

  private static boolean isMax(Object v) {
    return v.equals(LocalDate.MAX) || v.equals(LocalDateTime.MAX) || v.equals(Instant.MAX);
  }
}
