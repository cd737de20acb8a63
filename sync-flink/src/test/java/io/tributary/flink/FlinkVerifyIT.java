package io.tributary.flink;

import static io.tributary.flink.FlinkIt.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.sync.SyncEvent;
import io.tributary.sync.VerifyOptions;
import io.tributary.sync.VerifyReport;
import io.tributary.sync.event.Row;
import io.tributary.sync.event.TableId;
import io.tributary.sync.spi.SyncListener;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.flink.core.execution.JobClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Verification on Flink ({@link TableCommand#verify}, {@link TableCommand#repair}): the engine's verifier, hosted by
 * the job's decision operator, compares a table's source (chunk reads, as the full sync does) with its target (the
 * writer's read-only scan) while the job runs. A clean table verifies clean while writes go on (no false mismatch);
 * after the lake was damaged behind the job's back (while it was stopped with a savepoint: a row deleted, a row
 * altered, a stray row added), the resumed job's verify reports exactly the chunks holding those keys, and a repair
 * fixes them (the lake then equals the source row by row). Reports reach the definition's listener.
 */
class FlinkVerifyIT {

  @RegisterExtension
  static final FlinkIt IT = new FlinkIt();

  /** What the listener saw (it is built in the decision operator's task, in this JVM). */
  static final List<SyncEvent> EVENTS = new CopyOnWriteArrayList<>();

  static final class Collect implements SyncListener {
    @Override
    public void onEvent(SyncEvent event) {
      if (event instanceof SyncEvent.VerifyFinished || event instanceof SyncEvent.VerifyMismatch) {
        EVENTS.add(event);
      }
    }
  }

  /** Whether the verify's chunk reads write to the source while they read (off while damaged keys must stay so). */
  private static volatile boolean writing = true;

  @BeforeEach
  void reset() {
    writing = true;
    EVENTS.clear();
  }

  static Definition definition(String database, String warehouse, long seed) {
    return b -> b.name("flink-verify").fullSync(true).snapshotChunkSize(200).commitInterval(Duration.ofMillis(300))
        .listener(new Collect())
        .source(new Faults.WritingSource(MariaDb.source(database).build(), database, seed, FlinkVerifyIT::writes))
        .writer(new Faults.FailingWriter(FlinkIt.lakeWriter(warehouse)));
  }

  @Test
  void verifyWhileRunning_cleanUnderWrites_damageReported_repaired() throws Exception {
    long seed = Long.getLong("tributary.seed", System.nanoTime());
    System.out.println("FlinkVerifyIT seed=" + seed + " (re-run with -Dtributary.seed=" + seed + ")");
    Random random = new Random(seed);
    String db = "flink_verify";
    Shop.createMariaDb(db);
    String warehouse = IT.warehouse();
    TableId items = TableId.of("mysql", db, "items");
    JobClient job = IT.startWithCommands(definition(db, warehouse, seed), "flink-verify", null);
    FlinkIt.awaitTables(warehouse, "items", "orders");
    Shop.mariaDbWrites(db, random, 100);
    FlinkIt.awaitEqual(job, warehouse, MariaDb.of(db), "items", "orders");

    // Clean, while writes go on (the verify's chunk reads write too): no mismatch.
    VerifyReport clean;
    try (Background writes = new Background(db, seed + 1)) {
      FlinkIt.send(TableCommand.verify("v1", items));
      clean = finished(items, 1);
    }
    assertThat(clean.mismatches()).as("%s", clean).isEmpty();
    assertThat(clean.chunksTotal()).isGreaterThan(1);
    assertThat(clean.sourceRows()).isGreaterThan(3_000);
    System.out.printf("clean under writes: %d chunks, %d rows compared, %d keys unsettled%n", clean.chunksTotal(),
        clean.sourceRows(), clean.unsettledKeys());
    FlinkIt.awaitEqual(job, warehouse, MariaDb.of(db), "items", "orders");

    // Damaged behind the job's back while it is stopped; the resumed job's verify names the damaged keys' chunks.
    String savepoint = IT.stopWithSavepoint(job);
    writing = false; // from here on nothing writes to the source, so no write heals a damaged key
    List<Row> rows = FlinkIt.lake(warehouse, "items");
    long deleted = ((Number) rows.get(random.nextInt(rows.size() / 2)).get(0)).longValue();
    long altered = ((Number) rows.get(rows.size() / 2 + random.nextInt(rows.size() / 4)).get(0)).longValue();
    long stray = 90_000; // beyond every key the workload writes
    LakeTamper.tamper(warehouse, "items", deleted, altered, stray);
    JobClient resumed = IT.startWithCommands(definition(db, warehouse, seed), "flink-verify", savepoint);
    FlinkIt.send(TableCommand.verify("v2", items, VerifyOptions.defaults().withResume(false)));
    VerifyReport damaged = finished(items, 2);
    assertThat(damaged.mismatches()).as("%s", damaged).isNotEmpty().hasSizeLessThanOrEqualTo(3);
    for (long key : List.of(deleted, altered, stray)) {
      assertThat(damaged.mismatches()).as("key %d among %s", key, damaged.mismatches())
          .anyMatch(m -> contains(m, key));
    }
    assertThat(EVENTS).filteredOn(e -> e instanceof SyncEvent.VerifyMismatch)
        .hasSize(damaged.mismatches().size());

    // Repair: the mismatched ranges caught up and compared again; the lake equals the source.
    FlinkIt.send(TableCommand.repair("r1", items));
    VerifyReport repaired = finished(items, 3);
    assertThat(repaired.repaired()).isTrue();
    assertThat(repaired.remaining()).as("%s", repaired).isEmpty();
    Shop.mariaDbWrites(db, random, 50);
    FlinkIt.awaitEqual(resumed, warehouse, MariaDb.of(db), "items", "orders");
  }

  private static void writes(String db, Random random, int statements) throws java.sql.SQLException {
    if (writing) {
      Shop.mariaDbWrites(db, random, statements);
    }
  }

  /** Whether the mismatched chunk's key range holds {@code key}. */
  private static boolean contains(VerifyReport.ChunkMismatch m, long key) {
    Row lower = m.lowerInclusive();
    Row upper = m.upperExclusive();
    return (lower == null || ((Number) lower.get(0)).longValue() <= key)
        && (upper == null || key < ((Number) upper.get(0)).longValue());
  }

  /** The report of the {@code n}-th finished verification of {@code table}. */
  private static VerifyReport finished(TableId table, int n) {
    await().atMost(WAIT).until(() -> EVENTS.stream().filter(e -> e instanceof SyncEvent.VerifyFinished f
        && f.table().equals(table)).count() >= n);
    return EVENTS.stream().filter(e -> e instanceof SyncEvent.VerifyFinished f && f.table().equals(table))
        .map(e -> ((SyncEvent.VerifyFinished) e).report()).skip(n - 1).findFirst().orElseThrow();
  }

  /** The shop workload in a loop on a thread of its own, until closed. */
  private static final class Background implements AutoCloseable {
    private final AtomicBoolean stop = new AtomicBoolean();
    private final Thread thread;
    private volatile Throwable failure;

    Background(String db, long seed) {
      Random random = new Random(seed);
      thread = new Thread(() -> {
        try {
          while (!stop.get()) {
            Shop.mariaDbWrites(db, random, 20);
          }
        } catch (Throwable e) {
          failure = e;
        }
      }, "verify-it-writes");
      thread.start();
    }

    @Override
    public void close() throws InterruptedException {
      stop.set(true);
      thread.join();
      assertThat(failure).as("the background writes").isNull();
    }
  }
}
