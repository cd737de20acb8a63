package io.tributary.mysql.internal;

import com.github.shyiko.mysql.binlog.GtidSet;
import java.util.Map;
import java.util.TreeMap;

/**
 * The GTID set executed so far, in the server's flavour: MySQL {@code uuid:1-42} sets, or MariaDB's last
 * {@code domain-server-seq} per replication domain.
 */
final class GtidTracker {

  private final boolean mariaDb;
  private final GtidSet mysql;
  private final Map<Long, String> maria = new TreeMap<>();
  private String pending;

  GtidTracker(boolean mariaDb, String initial) {
    this.mariaDb = mariaDb;
    this.mysql = mariaDb ? null : new GtidSet(initial == null ? "" : initial);
    if (mariaDb && initial != null && !initial.isBlank()) {
      for (String g : initial.split(",")) {
        String t = g.trim();
        maria.put(Long.parseLong(t.substring(0, t.indexOf('-'))), t);
      }
    }
  }

  void pending(String gtid) {
    pending = gtid;
  }

  void commit() {
    if (pending != null) {
      add(pending);
      pending = null;
    }
  }

  String committed() {
    return mariaDb ? String.join(",", maria.values()) : mysql.toString();
  }

  /** The set including the open transaction's GTID, for the position after a standalone DDL statement. */
  String committedWithPending() {
    if (pending == null) {
      return committed();
    }
    String p = pending;
    add(p);
    String out = committed();
    pending = p;
    return out;
  }

  private void add(String gtid) {
    if (mariaDb) {
      maria.put(Long.parseLong(gtid.substring(0, gtid.indexOf('-'))), gtid);
    } else {
      mysql.add(gtid);
    }
  }
}
