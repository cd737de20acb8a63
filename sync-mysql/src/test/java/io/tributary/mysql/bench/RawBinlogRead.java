package io.tributary.mysql.bench;

import com.github.shyiko.mysql.binlog.BinaryLogClient;
import com.github.shyiko.mysql.binlog.event.DeleteRowsEventData;
import com.github.shyiko.mysql.binlog.event.UpdateRowsEventData;
import com.github.shyiko.mysql.binlog.event.WriteRowsEventData;
import com.github.shyiko.mysql.binlog.event.deserialization.EventDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.EventDeserializer.CompatibilityMode;
import io.tributary.sync.testing.TestServer;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The binlog baseline of the benchmarks: the bare binlog client, deserializing rows events (with the source's
 * compatibility modes) and counting their rows, nothing else. Shared by {@link MySqlBenchmark} and the end-to-end
 * suite.
 */
public final class RawBinlogRead {

  private RawBinlogRead() {
  }

  /** Reads from {@code file:position} until {@code changes} rows were seen; returns the rows seen. */
  public static long read(TestServer server, String file, long position, long changes, long serverId)
      throws Exception {
    BinaryLogClient client = new BinaryLogClient(server.host(), server.port(), server.user(), server.password());
    client.setServerId(serverId);
    client.setKeepAlive(false);
    client.setBinlogFilename(file);
    client.setBinlogPosition(position);
    EventDeserializer d = new EventDeserializer();
    d.setCompatibilityMode(CompatibilityMode.DATE_AND_TIME_AS_LONG_MICRO,
        CompatibilityMode.CHAR_AND_BINARY_AS_BYTE_ARRAY);
    client.setEventDeserializer(d);
    AtomicLong n = new AtomicLong();
    CountDownLatch done = new CountDownLatch(1);
    client.registerEventListener(e -> {
      Object data = e.getData();
      if (data instanceof UpdateRowsEventData u) {
        n.addAndGet(u.getRows().size());
      } else if (data instanceof WriteRowsEventData w) {
        n.addAndGet(w.getRows().size());
      } else if (data instanceof DeleteRowsEventData x) {
        n.addAndGet(x.getRows().size());
      }
      if (n.get() >= changes) {
        done.countDown();
      }
    });
    client.connect(10_000);
    try {
      if (!done.await(10, TimeUnit.MINUTES)) {
        throw new IllegalStateException("raw binlog read saw " + n.get() + " of " + changes + " changes");
      }
    } finally {
      client.disconnect();
    }
    return n.get();
  }
}
