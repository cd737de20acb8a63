package io.tributary.paimon.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.paimon.schema.SchemaChange;
import org.apache.paimon.types.RowType;

/**
 * Turns simultaneous column renames (new name to old name; {@code {a=b, b=a}} swaps) into an order of Paimon's
 * one-at-a-time {@link SchemaChange#renameColumn}s that never collides: a rename whose new name is free goes first,
 * a cycle (a swap) goes through one temporary name. Each is meant for its own schema commit, since Paimon 1.4 does not
 * carry a primary-key column through two renames in one commit. A rename whose old column is gone and whose new one
 * exists is already made (a replay after a crash) and is skipped.
 */
final class ColumnRenamer {

  private static final String TEMP = "__tributary_renaming";

  private ColumnRenamer() {
  }

  static List<SchemaChange> steps(RowType existing, Map<String, String> renamedFrom) {
    Set<String> names = new HashSet<>(existing.getFieldNames());
    Map<String, String> pending = new LinkedHashMap<>();
    renamedFrom.forEach((now, old) -> {
      boolean taken = names.contains(now) && !renamedFrom.containsValue(now);
      if (names.contains(old) && !taken && !now.equals(old)) {
        pending.put(now, old);
      }
    });
    List<SchemaChange> out = new ArrayList<>();
    while (!pending.isEmpty()) {
      String free = pending.keySet().stream().filter(n -> !names.contains(n)).findFirst().orElse(null);
      if (free != null) {
        String old = pending.remove(free);
        out.add(SchemaChange.renameColumn(old, free));
        names.remove(old);
        names.add(free);
        continue;
      }
      // Every new name is still held by a column renamed away: a cycle. Park one column under a temporary name.
      Map.Entry<String, String> first = pending.entrySet().iterator().next();
      String temp = TEMP;
      for (int i = 0; names.contains(temp); i++) {
        temp = TEMP + i;
      }
      out.add(SchemaChange.renameColumn(first.getValue(), temp));
      names.remove(first.getValue());
      names.add(temp);
      pending.put(first.getKey(), temp);
    }
    return out;
  }
}
