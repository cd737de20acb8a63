package io.tributary.sync.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * The decider's effect buffer, reused from input to input (the runtime drains it after each). It also remembers
 * whether a write, merge, drop or delete was asked for since the last checkpoint, which is what "uncommitted" means
 * to the commit policy (the decider does not ask the writer).
 */
final class Effects {

  private final ArrayList<Effect> list = new ArrayList<>();
  private final Suspension suspension;
  private boolean written;

  Effects(Suspension suspension) {
    this.suspension = suspension;
  }

  void add(Effect e) {
    if (suspension.active()) {
      throw new IllegalStateException("effect " + e + " decided while waiting for an EnsureTable answer");
    }
    if (e instanceof Effect.Write || e instanceof Effect.WriteStaging || e instanceof Effect.MergeStaging
        || e instanceof Effect.DropStaging || e instanceof Effect.DeleteWhere) {
      written = true;
    } else if (e instanceof Effect.TakeCheckpoint) {
      written = false;
    }
    list.add(e);
  }

  /** Whether a write-like effect was asked for since the last checkpoint. */
  boolean written() {
    return written;
  }

  List<Effect> list() {
    return list;
  }

  void clear() {
    list.clear();
  }
}
