package io.tributary.paimon;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.sync.event.Row;
import io.tributary.sync.spi.RowBatch;
import io.tributary.sync.spi.TargetTable;
import io.tributary.sync.spi.WriterContext;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Paimon's compactions run on the writer's few shared threads, made by the pipeline's factory: not on a thread
 * Paimon starts per table write (thousands for thousands of tables), and not outside the host's factory. Without
 * the shared executor Paimon starts its own compaction threads and this test finds none made by the factory.
 */
class CompactionThreadsTest {

  @TempDir Path dir;

  @Test
  void compactionsOfManyTables_runOnTheWritersSharedThreads_fromTheHostsFactory() throws Exception {
    Set<Thread> made = ConcurrentHashMap.newKeySet();
    ThreadFactory factory = r -> {
      Thread t = new Thread(r);
      t.setDaemon(true);
      made.add(t);
      return t;
    };
    Set<Thread> before = Set.copyOf(Thread.getAllStackTraces().keySet());
    Set<Thread> during = new HashSet<>();
    List<String> names = List.of("a", "b", "c", "d", "e", "f");
    try (PaimonWriter writer = PaimonWriter.builder().warehouse(dir).database("db").buckets(1)
        .tableOption("num-sorted-run.compaction-trigger", "2").build();
        PaimonTables paimon = new PaimonTables(dir, "db")) {
      writer.useThreadFactory(factory);
      writer.open(new WriterContext("p", 0, null));
      for (String name : names) {
        writer.ensureTable(new TargetTable(name, PaimonWriterTest.USERS.columns(), List.of("id")));
      }
      long seq = 0;
      for (long checkpoint = 1; checkpoint <= 6; checkpoint++) {
        for (String name : names) {
          RowBatch b = new RowBatch(4);
          b.upsert(Row.of(checkpoint, name, (int) checkpoint), ++seq);
          writer.write(name, b);
        }
        writer.commit(checkpoint, writer.prepareCommit(checkpoint));
        during.addAll(Thread.getAllStackTraces().keySet());
      }
      for (String name : names) {
        assertThat(paimon.read(new TargetTable(name, PaimonWriterTest.USERS.columns(), List.of("id")))).hasSize(6);
      }
    }
    during.removeAll(before);
    assertThat(made).as("compaction threads made by the host's factory").isNotEmpty()
        .hasSizeLessThanOrEqualTo(PaimonWriter.COMPACTION_THREADS)
        .allSatisfy(t -> assertThat(t.getName()).endsWith("-compaction"));
    // Only compaction is the writer's to place: Paimon's JVM-wide static pools (FILE-OPERATION-THREAD-POOL,
    // MANIFEST-READ-THREAD-POOL, AsyncOutputStream) serve every Paimon user in the JVM and are Paimon's own.
    assertThat(during).as("compaction threads started while writing six tables")
        .filteredOn(t -> t.getName().contains("compaction")).isNotEmpty()
        .allSatisfy(t -> assertThat(made).as("made by the host's factory: %s", t.getName()).contains(t));
  }
}
