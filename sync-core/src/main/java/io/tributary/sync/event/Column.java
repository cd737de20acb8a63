package io.tributary.sync.event;

import java.util.Objects;

/**
 * A column of a table schema.
 *
 * @param name column name as the source spells it; never null
 * @param type logical type; never null
 */
public record Column(String name, DataType type) {

  public Column {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
  }

  public static Column of(String name, DataType type) {
    return new Column(name, type);
  }

  @Override
  public String toString() {
    return name + ' ' + type;
  }
}
