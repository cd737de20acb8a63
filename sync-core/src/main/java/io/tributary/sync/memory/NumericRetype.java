package io.tributary.sync.memory;

import io.tributary.sync.event.DataType;

/**
 * A numeric value in the Java class of a column whose type changed kind (INT to BIGINT, BIGINT to INT, to DECIMAL):
 * a table read after an {@code ALTER ... MODIFY} returns its values in the new type, in the source database as in a
 * lakehouse table. Other values (strings, binaries) keep their class.
 */
final class NumericRetype {

  private NumericRetype() {
  }

  /** {@code v} as a value of type {@code to}; {@code to} null: unchanged. */
  static Object to(Object v, DataType to) {
    if (to == null || !(v instanceof Number n)) {
      return v;
    }
    return switch (to.kind()) {
      case SMALLINT -> n.shortValue();
      case INT -> n.intValue();
      case BIGINT -> n.longValue();
      case DOUBLE -> n.doubleValue();
      case DECIMAL -> (n instanceof java.math.BigDecimal d ? d : java.math.BigDecimal.valueOf(n.longValue()))
          .setScale(to.scale());
      default -> v;
    };
  }
}
