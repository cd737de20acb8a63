package io.tributary.postgres.internal;

import io.tributary.sync.SyncException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * A temporary logical slot created with {@code EXPORT_SNAPSHOT}: its exported snapshot shows exactly the
 * transactions whose commit record lies before its consistent point, and the slot would decode exactly those at or
 * after it. A read that imports the snapshot ({@code SET TRANSACTION SNAPSHOT}) therefore misses only changes with
 * commit LSN {@code >= consistentLsn}: that LSN is an exact low watermark. The snapshot stays importable while this
 * object is open (the replication connection must run no other command); closing drops the temporary slot.
 */
final class ExportedSnapshot implements AutoCloseable {

  private final Connection replication;
  private final String snapshotName;
  private final long consistentLsn;

  private ExportedSnapshot(Connection replication, String snapshotName, long consistentLsn) {
    this.replication = replication;
    this.snapshotName = snapshotName;
    this.consistentLsn = consistentLsn;
  }

  public static ExportedSnapshot create(PgConfig config) {
    String slot = "tributary_snap_" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
    Connection c = null;
    try {
      c = DriverManager.getConnection(config.jdbcUrl(), config.replicationProperties());
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
          "CREATE_REPLICATION_SLOT " + slot + " TEMPORARY LOGICAL pgoutput EXPORT_SNAPSHOT")) {
        rs.next();
        long lsn = Lsn.parse(rs.getString("consistent_point"));
        return new ExportedSnapshot(c, rs.getString("snapshot_name"), lsn);
      }
    } catch (SQLException e) {
      closeQuietly(c);
      throw Errors.classify("cannot create the temporary slot for a snapshot read", e);
    }
  }

  public String snapshotName() {
    return snapshotName;
  }

  public long consistentLsn() {
    return consistentLsn;
  }

  @Override
  public void close() {
    closeQuietly(replication);
  }

  private static void closeQuietly(Connection c) {
    if (c != null) {
      try {
        c.close();
      } catch (SQLException ignored) {
        // the temporary slot goes with the session either way
      }
    }
  }

}
