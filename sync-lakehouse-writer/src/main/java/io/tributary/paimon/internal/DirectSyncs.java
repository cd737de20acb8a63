package io.tributary.paimon.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * Which staging areas write their snapshot rows straight into the target ("direct") instead of into the staging
 * table, so a full sync into a new or empty target writes each row once. Only the log changes of such a sync are
 * staged; its merge applies the newest staged change of each key over the target and deletes nothing else.
 *
 * <p>The choice is made at the area's first snapshot row and then kept for the area's life: direct when the target
 * holds no row (committed or written since the last prepare) and the area had nothing staged when this run first
 * wrote to it (log changes staged by this run before that row are fine: they are applied over the snapshot rows at
 * the merge like any later one; an earlier run's staged rows may hold snapshot rows, so such an area goes on
 * staging). A direct area is recorded in every committable until its merge or drop, because after a restart its
 * target is no longer empty: the rows there are this very sync's, and a staged merge with an overwrite scope
 * would delete them (their chunks are finished and never read again). Called from the writer's one thread.
 */
final class DirectSyncs {

  /** The direct areas (staging table names), in the order they were chosen: recorded in every committable. */
  private final Set<String> direct = new LinkedHashSet<>();
  /** Every area decided since the writer opened (true: direct), so the catalog is asked once per area. */
  private final Map<String, Boolean> decided = new HashMap<>();
  /** Per area written by this run: whether it had nothing staged at its first write here. */
  private final Map<String, Boolean> fresh = new HashMap<>();

  /** Forgets everything before an open restores a committable's areas. */
  void reset() {
    direct.clear();
    decided.clear();
    fresh.clear();
  }

  /** The direct areas of a restored checkpoint: they stay direct. */
  void restore(List<String> areas) {
    direct.addAll(areas);
  }

  /**
   * Whether a write's snapshot rows go straight into the target; called at every write of the area before any of
   * its rows goes anywhere. Decides at the first write holding a snapshot row ({@code snapshotRows}); until then
   * (and for an area decided otherwise) everything is staged.
   */
  boolean onWrite(String area, boolean snapshotRows, BooleanSupplier stagedAlready, BooleanSupplier targetEmpty) {
    Boolean d = decided.get(area);
    if (d != null) {
      return d;
    }
    if (direct.contains(area)) {
      decided.put(area, true);
      return true;
    }
    boolean nothingStaged = fresh.computeIfAbsent(area, a -> !stagedAlready.getAsBoolean());
    if (!snapshotRows) {
      return false;
    }
    d = nothingStaged && targetEmpty.getAsBoolean();
    decided.put(area, d);
    if (d) {
      direct.add(area);
    }
    return d;
  }

  static boolean hasSnapshotRows(io.tributary.sync.spi.RowBatch batch) {
    for (int i = 0; i < batch.size(); i++) {
      if (batch.isSnapshot(i)) {
        return true;
      }
    }
    return false;
  }

  /** Whether {@code area} was decided direct (false when not decided yet, e.g. before its first write). */
  boolean isDirect(String area) {
    return direct.contains(area);
  }

  /** The area was merged or dropped: it no longer counts, and its name may start a new sync after the commit. */
  void end(String area) {
    direct.remove(area);
    decided.remove(area);
    fresh.remove(area);
  }

  /** The direct areas, for the committable being prepared. */
  List<String> current() {
    return new ArrayList<>(direct);
  }
}
