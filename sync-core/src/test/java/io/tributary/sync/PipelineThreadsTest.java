package io.tributary.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.sync.event.ChangeEvent;
import io.tributary.sync.event.DataType;
import io.tributary.sync.event.SourcePosition;
import io.tributary.sync.event.TableId;
import io.tributary.sync.event.TableSchema;
import io.tributary.sync.memory.MemoryDatabase;
import io.tributary.sync.memory.MemoryWarehouse;
import io.tributary.sync.memory.MemoryWriter;
import io.tributary.sync.spi.ChangeSource;
import io.tributary.sync.spi.ForwardingChangeSource;
import io.tributary.sync.spi.LogStream;
import io.tributary.sync.spi.SnapshotChunk;
import io.tributary.sync.spi.SnapshotSink;
import io.tributary.sync.spi.StartPosition;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/**
 * Every thread a pipeline starts, a source's own included, comes from the host's ThreadFactory.
 */
class PipelineThreadsTest {

  private final MemoryDatabase db = new MemoryDatabase("src");
  private final CountingFactory factory = new CountingFactory();
  /** What MDC held on each call into the source, by where the call was made. */
  private final Map<String, List<Map<String, String>>> seen = new ConcurrentHashMap<>();

  @Test
  void pipeline_withHostThreadFactory_makesEveryThreadThroughIt() {
    TableId orders = db.tableId("app", "app", "orders");
    db.createTable(TableSchema.builder(orders).primaryKey("id", DataType.bigint())
        .column("v", DataType.intType()).build());
    for (long i = 0; i < 50; i++) {
      db.insert(orders, i, (int) i);
    }
    Set<Thread> before = Set.copyOf(Thread.getAllStackTraces().keySet());
    MemoryWarehouse warehouse = new MemoryWarehouse();
    Set<Thread> during = new HashSet<>();
    try (SyncPipeline p = SyncPipeline.builder().name("threads").source(new Recording(db.source()))
        .writer(new MemoryWriter(warehouse)).fullSync(true).snapshotChunkSize(10).snapshotParallelism(3)
        .commitInterval(Duration.ofMillis(20)).threadFactory(factory)
        .listener(e -> { }).build()) { // a listener: the notifier thread starts
      p.start();
      // Awaitility polls on this thread: no thread of its own to tell apart from the pipeline's.
      await().pollInSameThread().atMost(Duration.ofSeconds(20))
          .failFast("the pipeline failed", () -> p.status().state() == PipelineState.FAILED)
          .until(() -> {
            during.addAll(Thread.getAllStackTraces().keySet());
            return warehouse.tableNames().contains("orders") && warehouse.rows("orders").size() == 50;
          });
      db.insert(orders, 50L, 50);
      await().pollInSameThread().atMost(Duration.ofSeconds(20)).until(() -> {
        during.addAll(Thread.getAllStackTraces().keySet());
        return warehouse.rows("orders").size() == 51;
      });
    }

    during.removeAll(before);
    during.removeIf(t -> t.getName().startsWith("Common-Cleaner") || t.getName().equals("Attach Listener"));
    assertThat(during).as("threads started during the run").isNotEmpty()
        .allSatisfy(t -> assertThat(factory.made).as("made by the host's factory: %s", t.getName()).contains(t));
    assertThat(factory.made).extracting(Thread::getName).anyMatch(n -> n.startsWith("tributary-threads-supervisor"))
        .anyMatch(n -> n.startsWith("tributary-threads-notifier"))
        .anyMatch(n -> n.startsWith("tributary-threads-log-src"))
        .anyMatch(n -> n.startsWith("tributary-threads-snapshot"))
        .anyMatch(n -> n.startsWith("tributary-threads-src-") && n.endsWith("-own"));

    // The MDC keys on those threads: LogKeysIT (examples), where a real MDC binding (Logback) is on the classpath;
    // sync-core's tests log through slf4j-simple, whose MDC keeps nothing.
  }

  private void record(String where) {
    Map<String, String> mdc = MDC.getCopyOfContextMap();
    seen.computeIfAbsent(where, k -> new CopyOnWriteArrayList<>()).add(mdc == null ? Map.of() : mdc);
  }

  /** A source that records the MDC of every call and, like a connector, starts a thread of its own. */
  private final class Recording extends ForwardingChangeSource {
    Recording(ChangeSource delegate) {
      super(delegate);
    }

    @Override
    public void useThreadFactory(ThreadFactory threads) {
      super.useThreadFactory(threads);
      Thread own = threads.newThread(() -> record("own"));
      own.setName(own.getName() + "-own");
      own.start();
    }

    @Override
    public LogStream openLog(StartPosition start, Map<TableId, TableSchema> schemas) {
      record("openLog");
      LogStream log = super.openLog(start, schemas);
      return new LogStream() {
        @Override
        public SourcePosition startPosition() {
          return log.startPosition();
        }

        @Override
        public List<ChangeEvent> poll(Duration timeout) throws InterruptedException {
          record("poll");
          return log.poll(timeout);
        }

        @Override
        public void acknowledge(SourcePosition position) {
          log.acknowledge(position);
        }

        @Override
        public void close() {
          log.close();
        }
      };
    }

    @Override
    public void readChunk(SnapshotChunk chunk, TableSchema schema, SnapshotSink sink) throws InterruptedException {
      record("readChunk");
      super.readChunk(chunk, schema, sink);
    }
  }

  private static final class CountingFactory implements ThreadFactory {
    final Set<Thread> made = ConcurrentHashMap.newKeySet();
    final AtomicInteger count = new AtomicInteger();

    @Override
    public Thread newThread(Runnable r) {
      Thread t = new Thread(r);
      t.setDaemon(true);
      made.add(t);
      count.incrementAndGet();
      return t;
    }
  }
}
