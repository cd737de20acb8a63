package io.tributary.mysql;

import io.tributary.sync.event.Row;
import io.tributary.sync.event.RowChange;
import java.util.Map;
import java.util.TreeMap;

/**
 * The target-side reconciliation rule of ARCHITECTURE.md, as a tiny reference: per key, the version with the
 * highest seq wins; on equal seq the later arrival wins; deletes are tombstones. Snapshot rows are stamped
 * {@code lowWatermark - 1}.
 */
final class Reference {

  private record Version(long seq, Row row) {
  }

  private final int keyIndex;
  private final Map<Object, Version> rows = new TreeMap<>();

  Reference(int keyIndex) {
    this.keyIndex = keyIndex;
  }

  void snapshotRow(Row row, long lowWatermark) {
    offer(row.get(keyIndex), lowWatermark - 1, row);
  }

  void change(RowChange c) {
    Row key = c.keyImage();
    if (c.op() == RowChange.Op.UPDATE && !c.before().get(keyIndex).equals(c.after().get(keyIndex))) {
      offer(c.before().get(keyIndex), c.seq(), null);
    }
    offer(key.get(keyIndex), c.seq(), c.op() == RowChange.Op.DELETE ? null : c.after());
  }

  private void offer(Object key, long seq, Row row) {
    Version current = rows.get(key);
    if (current == null || seq >= current.seq()) {
      rows.put(key, new Version(seq, row));
    }
  }

  /** Live rows in key order. */
  Map<Object, Row> live() {
    Map<Object, Row> out = new TreeMap<>();
    rows.forEach((k, v) -> {
      if (v.row() != null) {
        out.put(k, v.row());
      }
    });
    return out;
  }
}
