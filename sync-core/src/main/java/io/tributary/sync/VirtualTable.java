package io.tributary.sync;

import java.util.List;
import java.util.Objects;

/**
 * Merge mode's unit: one target table, named after the virtual table, gathering every source table that one of
 * its selectors matches (typically the shards of one logical table).
 *
 * @param name      the target table's name
 * @param selectors the member tables; a table matched by two virtual tables is a configuration error
 */
public record VirtualTable(String name, List<TableSelector> selectors) {

  public VirtualTable {
    Objects.requireNonNull(name, "name");
    selectors = List.copyOf(selectors);
    if (name.isBlank()) {
      throw new IllegalArgumentException("virtual table name must not be blank");
    }
    if (selectors.isEmpty()) {
      throw new IllegalArgumentException("virtual table " + name + " needs at least one selector");
    }
  }

  public static VirtualTable of(String name, TableSelector... selectors) {
    return new VirtualTable(name, List.of(selectors));
  }
}
