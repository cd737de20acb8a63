package io.tributary.mysql.internal;

import io.tributary.sync.event.ChangeEvent;
import java.util.List;

/**
 * Events handed from the binlog thread to the consumer thread. Row values are converted on the consumer thread
 * ({@link #expand}), so deserializing the next binlog event and converting the last one's rows run in parallel.
 */
interface Pending {

  /** How many events {@link #expand} yields (the queue's memory bound counts these). */
  int size();

  /** Appends the events in log order. */
  void expand(List<ChangeEvent> out);

  /** An event that needs no further work. */
  record Ready(ChangeEvent event) implements Pending {
    @Override
    public int size() {
      return 1;
    }

    @Override
    public void expand(List<ChangeEvent> out) {
      out.add(event);
    }
  }
}
