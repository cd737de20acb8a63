package io.tributary.sync.internal;

import io.tributary.sync.spi.SnapshotChunk;

/**
 * Keeps a table's full sync in step with its schema changes: a chunk whose rows may lack a column the log has since
 * reported is read again with the new schema. Safe because a later read has a higher low watermark, so its rows win
 * over the earlier read's; why this finds every such chunk is argued in docs/design.md ("Schema changes during a
 * full sync"). Part of the decider: reads go out as effects.
 */
final class ChunkRereads {

  private ChunkRereads() {
  }

  /**
   * The table's layout changed by a change at {@code seq}: queued reads switch to the new schema, and finished
   * chunks read after the change (low watermark above {@code seq}, or unknown after a restart) are queued again.
   *
   * @return how many finished chunks are read again
   */
  static int afterSchemaChange(TableRuntime t, long seq, Effects out, int priority) {
    if (!t.phase.staging() || t.chunks.isEmpty()) {
      return 0;
    }
    out.add(new Effect.Reschema(t.id, t.generation, t.schema));
    int reread = 0;
    for (SnapshotChunk c : t.chunks) {
      if (t.done.get(c.index()) && t.readLow(c.index()) > seq) {
        t.done.clear(c.index());
        t.readLows.remove(c.index()); // its rows so far are all replaced by the new read's
        out.add(new Effect.ReadChunk(t.sourceIndex, c, t.generation, t.schema, priority));
        reread++;
      } else if (!t.done.get(c.index()) && t.readLows.getOrDefault(c.index(), Long.MIN_VALUE) > seq) {
        // A read under way, after the change, has staged rows laid out by the old schema: the change reshapes them
        // (a dropped column loses their values), so the read does not count even if the schema is equal again by
        // its end (a column dropped and added back: the simulator found its values lost for good).
        t.discarded.set(c.index());
      }
    }
    return reread;
  }

  /**
   * A chunk read finished. It counts only if it read the table's current schema; otherwise a change arrived while
   * it was queued or read, and it is queued again (conservatively: whether the read came before or after the change
   * is not known here, and a second read is always safe).
   *
   * @return whether the chunk is now done
   */
  static boolean chunkDone(TableRuntime t, WorkItem.ChunkDone d, Effects out, int priority) {
    if (!d.schema().equals(t.schema) || t.discarded.get(d.index())) {
      // (a read whose rows were dropped counts neither, though the schema may be equal again: added, then dropped)
      t.discarded.clear(d.index());
      t.readLows.remove(d.index());
      out.add(new Effect.ReadChunk(t.sourceIndex, t.chunks.get(d.index()), t.generation, t.schema, priority));
      return false;
    }
    t.done.set(d.index());
    t.readLows.put(d.index(), d.lowWatermark());
    t.highWatermark = Math.max(t.highWatermark, d.highWatermark());
    return true;
  }
}
