package io.tributary.sync.memory;

import io.tributary.sync.event.Row;
import io.tributary.sync.event.RowFilter;
import java.util.Comparator;

/** Orders primary-key rows column by column, as a database index would. */
final class Keys {

  static final Comparator<Row> ORDER = Keys::compare;

  private Keys() {
  }

  static int compare(Row a, Row b) {
    for (int i = 0; i < a.size(); i++) {
      Object x = a.get(i);
      Object y = b.get(i);
      if (x == null || y == null) {
        if (x != y) {
          return x == null ? -1 : 1;
        }
        continue;
      }
      int c = RowFilter.compareValues(x, y);
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }
}
