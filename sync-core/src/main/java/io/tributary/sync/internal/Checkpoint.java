package io.tributary.sync.internal;

import io.tributary.sync.TablePhase;
import io.tributary.sync.event.RowFilter;
import io.tributary.sync.event.TableId;
import io.tributary.sync.event.TableSchema;
import io.tributary.sync.spi.SnapshotChunk;
import java.util.BitSet;
import java.util.List;
import java.util.Map;

/**
 * What a pipeline needs to resume exactly: per source the log position after the last change written, per table
 * its phase, schema as of that position and snapshot progress, and the writer's committable for this checkpoint.
 *
 * @param id              increasing checkpoint id (the writer's commit identifier)
 * @param positions       source name to encoded {@link io.tributary.sync.event.SourcePosition}
 * @param tables          per source table
 * @param committable     what {@link io.tributary.sync.spi.ChangeWriter#commit} needs; null if nothing to commit
 * @param formerMembers   merge mode: tables that left the selection, each with the virtual table its rows stay in
 *                        ("" when no virtual table matches it any more): a shard's replace scope must never match
 *                        their rows (see {@link TargetPlanner#replaceScope})
 */
record Checkpoint(long id, Map<String, byte[]> positions, Map<TableId, TableState> tables,
    byte[] committable, Map<TableId, String> formerMembers) {

  /** Without former members (mirror mode, or none left the selection). */
  Checkpoint(long id, Map<String, byte[]> positions, Map<TableId, TableState> tables, byte[] committable) {
    this(id, positions, tables, committable, Map.of());
  }

  /**
   * One table's resumable state.
   *
   * @param schema     the source schema as of the checkpoint's position
   * @param chunks     the snapshot plan while a (re-)sync is running, else empty
   * @param done       indexes of chunks whose rows are all in staging
   * @param highWatermark highest high watermark of the done chunks
   * @param mergeScope target rows the staging merge replaces (null: upsert merge)
   * @param snapshotFilter source rows the running (catch-up) sync reads
   * @param reason     why the table is blacklisted, else null
   * @param reasonCode the code of that reason, else null
   * @param discovery  a table new to a resumed run: its source's log positions around its discovery, until the
   *                   log has passed them (see {@link Discovery}); else null
   */
  public record TableState(TableId id, TablePhase phase, TableSchema schema, List<SnapshotChunk> chunks, BitSet done,
      long highWatermark, RowFilter mergeScope, RowFilter snapshotFilter, String reason,
      io.tributary.sync.ErrorCode reasonCode, Discovery discovery) {

    /** Without discovery positions (the table is not new to its run, or its log has passed them). */
    public TableState(TableId id, TablePhase phase, TableSchema schema, List<SnapshotChunk> chunks, BitSet done,
        long highWatermark, RowFilter mergeScope, RowFilter snapshotFilter, String reason,
        io.tributary.sync.ErrorCode reasonCode) {
      this(id, phase, schema, chunks, done, highWatermark, mergeScope, snapshotFilter, reason, reasonCode, null);
    }

    /** Without a reason code (none, or a checkpoint written before codes). */
    public TableState(TableId id, TablePhase phase, TableSchema schema, List<SnapshotChunk> chunks, BitSet done,
        long highWatermark, RowFilter mergeScope, RowFilter snapshotFilter, String reason) {
      this(id, phase, schema, chunks, done, highWatermark, mergeScope, snapshotFilter, reason,
          reason == null ? null : io.tributary.sync.ErrorCode.TABLE_NEEDS_RESYNC);
    }
  }

  /**
   * Where a source's log stood around the discovery of a table new to a resumed run, as log sequence numbers
   * ({@link io.tributary.sync.spi.ChangeSource#logEnd}): {@code from} taken before its schema was read, {@code until}
   * after. A change with {@code seq < from} was committed before the read: its DDLs are in the discovered schema, and
   * the table's sync (whose reads all start after {@code from}) supersedes its rows, so the decider skips them. A DDL
   * in {@code [from, until)} may or may not be in the discovered schema: the rows before it cannot be trusted. See
   * design.md "A table added to the selection".
   */
  public record Discovery(long from, long until) {
  }
}
