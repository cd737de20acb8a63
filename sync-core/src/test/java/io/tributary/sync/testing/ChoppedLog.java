package io.tributary.sync.testing;

import io.tributary.sync.event.ChangeEvent;
import io.tributary.sync.event.TableId;
import io.tributary.sync.event.TableSchema;
import io.tributary.sync.spi.ChangeSource;
import io.tributary.sync.spi.ForwardingChangeSource;
import io.tributary.sync.spi.ForwardingLogStream;
import io.tributary.sync.spi.LogStream;
import io.tributary.sync.spi.StartPosition;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** A source whose log polls end at random points, inside transactions too, as reads off a socket do. */
public final class ChoppedLog extends ForwardingChangeSource {
  private final long seed;

  public ChoppedLog(ChangeSource delegate, long seed) {
    super(delegate);
    this.seed = seed;
  }

  @Override
  public LogStream openLog(StartPosition start, Map<TableId, TableSchema> schemas) {
    LogStream log = delegate().openLog(start, schemas);
    Random random = new Random(seed);
    ArrayDeque<ChangeEvent> pending = new ArrayDeque<>();
    return new ForwardingLogStream(log) {
      @Override
      public List<ChangeEvent> poll(Duration timeout) throws InterruptedException {
        if (pending.isEmpty()) {
          pending.addAll(super.poll(timeout));
        }
        List<ChangeEvent> out = new ArrayList<>();
        for (int n = 1 + random.nextInt(5); n > 0 && !pending.isEmpty(); n--) {
          out.add(pending.poll());
        }
        return out;
      }
    };
  }
}
