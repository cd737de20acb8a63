package io.tributary.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.mysql.MySqlSource;
import io.tributary.paimon.PaimonWriter;
import io.tributary.mysql.MySqlTestServer;
import io.tributary.sync.testing.TestServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.testutils.InternalMiniClusterExtension;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.util.TestStreamEnvironment;
import org.apache.paimon.Snapshot;
import org.apache.paimon.catalog.Catalog;
import org.apache.paimon.catalog.CatalogContext;
import org.apache.paimon.catalog.CatalogFactory;
import org.apache.paimon.catalog.Identifier;
import org.apache.paimon.options.Options;
import org.apache.paimon.table.FileStoreTable;
import org.apache.paimon.table.source.DataSplit;
import org.apache.paimon.table.source.ScanMode;
import org.apache.paimon.table.source.Split;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Writers keyed by target and bucket: Paimon tables of 4 buckets written by 3 writer subtasks (so one subtask has two
 * buckets of a table and the others one), under concurrent writes, with a TaskManager lost in the middle of the
 * snapshot and again while streaming (as {@link FlinkTaskManagerLossIT}). The target equals the source row by row
 * and by count each time (0 lost, 0 doubled), more than one subtask wrote each table (its snapshots' commit users),
 * and every bucket was written by one subtask only (each snapshot's new files, per bucket, by commit user).
 */
class FlinkBucketsIT {

  @RegisterExtension
  final InternalMiniClusterExtension flink = new InternalMiniClusterExtension(
      new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(2).setNumberSlotsPerTaskManager(2).build());

  @TempDir
  Path dir;

  @BeforeEach
  void flinkAsContext() {
    Faults.reset();
    TestStreamEnvironment.setAsContext(flink.getMiniCluster(), 2);
  }

  @AfterEach
  void unsetContext() {
    TestStreamEnvironment.unsetAsContext();
  }

  static Definition definition(String database, String warehouse, long seed) {
    TestServer s = MySqlTestServer.get();
    String host = s.host();
    int port = s.port();
    String user = s.user();
    String password = s.password();
    return b -> b.name("flink-buckets").fullSync(true).snapshotChunkSize(200).commitInterval(Duration.ofMillis(300))
        .source(new Faults.WritingSource(MySqlSource.builder().name("mysql").host(host).port(port).user(user)
            .password(password).includeDatabases(database).heartbeatInterval(Duration.ofMillis(200)).build(),
            database, seed))
        .writer(new Faults.FailingWriter(PaimonWriter.builder().warehouse(Path.of(warehouse)).database("lake")
            .buckets(4).build()));
  }

  @Test
  void fourBucketsOverThreeWriters_taskManagerLostMidSnapshotAndWhileStreaming_noRowLostOrDoubled() throws Exception {
    long seed = Long.getLong("tributary.seed", System.nanoTime());
    System.out.println("FlinkBucketsIT seed=" + seed + " (re-run with -Dtributary.seed=" + seed + ")");
    Random random = new Random(seed);
    String db = "flink_buckets";
    Shop.createMariaDb(db);
    String warehouse = dir.resolve("warehouse").toString();
    MiniCluster cluster = flink.getMiniCluster();
    Faults.HOLD_CHUNKS_FROM.set(3 + random.nextInt(6));
    StreamExecutionEnvironment env = FlinkIt.environment(null);
    TributaryFlink.job(definition(db, warehouse, seed)).writerParallelism(3).build(env);
    JobClient job = env.executeAsync("flink-buckets");
    try {
      await().atMost(Duration.ofSeconds(60)).until(() -> Faults.HELD.get() >= 2); // both readers inside a chunk
      Shop.mariaDbWrites(db, random, 100);
      long completed = FlinkTaskManagerLossIT.counts(cluster, job).getNumberOfCompletedCheckpoints();
      await().atMost(Duration.ofSeconds(30)).until(() -> FlinkTaskManagerLossIT.counts(cluster, job)
          .getNumberOfCompletedCheckpoints() >= completed + 2);
      Faults.HOLD_CHUNKS_FROM.set(-1);
      FlinkTaskManagerLossIT.loseTaskManager(cluster, job, 0, 1);
      Faults.gate.countDown();
      Shop.mariaDbWrites(db, random, 100);
      FlinkTaskManagerLossIT.awaitEqualWithCounts(job, MariaDb.of(db), warehouse);

      Shop.mariaDbWrites(db, random, 100 + random.nextInt(200));
      FlinkTaskManagerLossIT.loseTaskManager(cluster, job, 1, 2); // right after the burst: some of it not yet committed
      Shop.mariaDbWrites(db, random, 100);
      FlinkTaskManagerLossIT.awaitEqualWithCounts(job, MariaDb.of(db), warehouse);
    } finally {
      FlinkIt.cancel(job);
    }
    for (String table : List.of("items", "orders")) {
      Map<Integer, Set<String>> writers = bucketWriters(warehouse, table);
      System.out.println("FlinkBucketsIT " + table + ": commit users per bucket " + writers);
      Set<String> users = new HashSet<>();
      writers.values().forEach(users::addAll);
      assertThat(users).as("%s: written by more than one writer subtask", table).hasSizeGreaterThan(1);
      assertThat(writers).as("%s: each bucket written by one subtask", table)
          .allSatisfy((bucket, by) -> assertThat(by).hasSize(1));
    }
  }

  /** Per bucket, the commit users of the snapshots (still kept) that added files to it. */
  static Map<Integer, Set<String>> bucketWriters(String warehouse, String table) throws Exception {
    Options options = new Options();
    options.set("warehouse", Path.of(warehouse).toAbsolutePath().toUri().toString());
    Map<Integer, Set<String>> out = new TreeMap<>();
    try (Catalog catalog = CatalogFactory.createCatalog(CatalogContext.create(options))) {
      FileStoreTable t = (FileStoreTable) catalog.getTable(Identifier.create("lake", table));
      for (Snapshot s : t.snapshotManager().safelyGetAllSnapshots()) {
        for (Split split : t.newSnapshotReader().withSnapshot(s).withMode(ScanMode.DELTA).read().splits()) {
          DataSplit d = (DataSplit) split;
          if (!d.dataFiles().isEmpty()) {
            out.computeIfAbsent(d.bucket(), b -> new HashSet<>()).add(s.commitUser());
          }
        }
      }
    }
    return out;
  }
}
