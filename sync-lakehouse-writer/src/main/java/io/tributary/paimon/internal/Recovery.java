package io.tributary.paimon.internal;

import org.apache.paimon.Snapshot;
import org.apache.paimon.table.FileStoreTable;
import org.apache.paimon.utils.SnapshotManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Discards what an earlier run committed to a staging table after the checkpoint the new run resumes from. Only a
 * merge commits early (its staging rows must be readable to be merged), with an identifier above the last
 * checkpoint; if that run died before saving the next checkpoint, those rows would be merged again from the
 * restored position, so they are rolled back (or the table dropped when nothing earlier remains).
 */
final class Recovery {

  private static final Logger LOG = LoggerFactory.getLogger(Recovery.class);

  private Recovery() {}

  /**
   * The highest commit identifier {@code commitUser} committed to a target table of the database, or 0. Staging
   * tables are left out: a merge commits them early, above the last checkpoint.
   */
  static long highestIdentifier(Tables tables, String commitUser) throws Exception {
    long highest = 0;
    for (String name : tables.listTables()) {
      if (name.contains(Tables.STAGING_INFIX)) {
        continue;
      }
      var snapshot = tables.get(name).snapshotManager().latestSnapshotOfUser(commitUser);
      if (snapshot.isPresent()) {
        highest = Math.max(highest, snapshot.get().commitIdentifier());
      }
    }
    return highest;
  }

  /**
   * On a fresh start (no checkpoint) every staging table of this pipeline is an orphan of an abandoned run: dropped,
   * so its rows cannot mix with a new snapshot's. Another pipeline's staging tables are never touched: they may be in
   * the middle of that pipeline's full sync. A table without an owner (made by an older Tributary) is this
   * pipeline's only if this commit user committed to it; one with no commit at all cannot be attributed and stays.
   */
  static void dropOrphan(Tables tables, String name, String commitUser) throws Exception {
    FileStoreTable table = tables.find(name).orElse(null);
    if (table == null) {
      return; // dropped meanwhile by another writer of the database (see mayTouch)
    }
    String owner = Tables.owner(table);
    boolean mine = owner != null ? owner.equals(tables.pipeline())
        : table.snapshotManager().latestSnapshotOfUser(commitUser).isPresent();
    if (mine) {
      tables.drop(name);
      LOG.info("[{}] dropped staging table {} left by an earlier run: this run starts without a checkpoint",
          tables.pipeline(), name);
    }
  }

  /**
   * Whether recovery may touch the table: a staging table (by its bookkeeping columns, not only its name, so a target
   * that happens to be named like one is never dropped) of this pipeline, or an older Tributary's unowned one.
   */
  static boolean mayTouch(Tables tables, String name) throws Exception {
    // Listed a moment ago but perhaps gone now: another writer of the database (another pipeline, or another
    // subtask of a Flink job's writers) dropped its own staging table meanwhile. Not ours to recover.
    FileStoreTable table = tables.find(name).orElse(null);
    if (table == null) {
      return false;
    }
    var fields = table.rowType().getFieldNames();
    if (!fields.contains(Tables.SEQ) || !fields.contains(Tables.TOMBSTONE)) {
      return false;
    }
    String owner = Tables.owner(table);
    return owner == null || owner.equals(tables.pipeline());
  }

  /** Returns true when the table is gone after the call. */
  static boolean discardAfter(Tables tables, String name, String commitUser, long identifier, String pipeline)
      throws Exception {
    FileStoreTable table = tables.find(name).orElse(null);
    if (table == null) {
      return true;
    }
    SnapshotManager snapshots = table.snapshotManager();
    Long latest = snapshots.latestSnapshotId();
    Long earliest = snapshots.earliestSnapshotId();
    if (latest == null) {
      return false;
    }
    long firstLater = -1;
    for (long id = latest; earliest != null && id >= earliest; id--) {
      Snapshot s = snapshots.snapshot(id);
      if (!s.commitUser().equals(commitUser) || s.commitIdentifier() <= identifier) {
        break;
      }
      firstLater = id;
    }
    if (firstLater < 0) {
      return false;
    }
    if (earliest != null && firstLater > earliest) {
      table.rollbackTo(firstLater - 1);
      LOG.info("[{}] rolled staging table {} back to snapshot {}: later snapshots came after commit {}",
          pipeline, name, firstLater - 1, identifier);
      return false;
    }
    tables.drop(name);
    LOG.info("[{}] dropped staging table {}: none of it was committed by commit {}", pipeline, name, identifier);
    return true;
  }

  /**
   * For a staging table an older Tributary named {@code <target>__staging_<staging>} (no owner option) that this
   * commit user wrote to: the name this version gives that staging area, so a restored checkpoint goes on using
   * (and merges) the old table. Null for any other table.
   */
  static String legacyAlias(Tables tables, String name, String commitUser) throws Exception {
    FileStoreTable table = tables.get(name);
    String[] parts = Tables.legacyParts(name);
    if (Tables.owner(table) != null || parts == null
        || table.snapshotManager().latestSnapshotOfUser(commitUser).isEmpty()) {
      return null;
    }
    LOG.info("[{}] staging table {} predates per-pipeline staging names; the restored checkpoint goes on using it",
        tables.pipeline(), name);
    return tables.stagingName(parts[0], parts[1]);
  }
}
