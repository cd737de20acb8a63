package io.tributary.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.sync.event.Column;
import io.tributary.sync.event.DataType;
import io.tributary.sync.event.Row;
import io.tributary.sync.event.TableId;
import io.tributary.sync.event.TableSchema;
import io.tributary.sync.memory.MemoryDatabase;
import io.tributary.sync.memory.MemoryWarehouse;
import io.tributary.sync.memory.MemoryWriter;
import io.tributary.sync.testing.GatedSnapshotSource;
import io.tributary.sync.testing.Seeds;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Full sync while writers change rows and the tables change shape: columns added, dropped, moved, renamed (the key
 * too) and swapped while chunks
 * are still to be read (reads held at a gate until the DDL is done, then slowed so writes land inside them). After
 * catch-up every target must equal its source row for row, by column name. Re-run a seed with
 * {@code -Dtributary.seed=N}.
 */
class SchemaChangeRandomizedTest {

  static LongStream seeds() {
    return Seeds.of(6);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void columnsAddedDroppedAndMovedDuringFullSync_targetEqualsSource(long seed) throws Exception {
    Random random = new Random(seed);
    MemoryDatabase db = new MemoryDatabase("src");
    List<TableId> tables = Workload.createTables(db, "shop", List.of("orders", "items"), 200, 400, random);
    MemoryWarehouse warehouse = new MemoryWarehouse();
    GatedSnapshotSource gated = new GatedSnapshotSource(new SlowSnapshotSource(db.source(), seed),
        1 + random.nextInt(4));
    AtomicLong operations = new AtomicLong();
    AtomicBoolean running = new AtomicBoolean(true);
    List<Thread> writers = new ArrayList<>();
    for (int n = 0; n < 2; n++) {
      Random r = new Random(seed * 31 + n);
      writers.add(new Thread(() -> write(db, tables, r, running, operations), "writer-" + n));
    }
    try (SyncPipeline pipeline = SyncPipeline.builder().name("ddl-" + seed).source(gated)
        .fullSync(true).writer(new MemoryWriter(warehouse)).snapshotChunkSize(5 + random.nextInt(30))
        .snapshotParallelism(1 + random.nextInt(3)).batchSize(1 + random.nextInt(64))
        .commitInterval(Duration.ofMillis(20 + random.nextInt(80))).build()) {
      writers.forEach(Thread::start);
      pipeline.start();
      await().atMost(Duration.ofSeconds(20)).until(() -> gated.held() > 0);
      int columns = 0;
      for (int step = 0, steps = 2 + random.nextInt(5); step < steps; step++) {
        TableId t = tables.get(random.nextInt(tables.size()));
        columns = alter(db, t, random, columns);
        long after = operations.get() + 20 + random.nextInt(200);
        await().atMost(Duration.ofSeconds(20)).until(() -> operations.get() >= after);
      }
      gated.release();
      long after = operations.get() + 500;
      await().atMost(Duration.ofSeconds(20)).until(() -> operations.get() >= after);
      running.set(false);
      for (Thread w : writers) {
        w.join();
      }
      assertThat(pipeline.awaitCaughtUp(Duration.ofSeconds(30))).as("caught up, seed %d", seed).isTrue();
      for (TableId t : tables) {
        assertThat(pipeline.status().table(t).orElseThrow().phase()).as("seed %d", seed)
            .isEqualTo(TablePhase.STREAMING);
        TableSchema source = db.schema(t);
        TableSchema target = warehouse.schema(t.table()).orElseThrow().asSchema();
        assertThat(target.columnNames()).as("target columns of %s, seed %d", t, seed)
            .containsExactlyInAnyOrderElementsOf(source.columnNames());
        assertThat(byName(warehouse.rows(t.table()), target, source.columnNames())).as("%s, seed %d", t, seed)
            .containsExactlyInAnyOrderElementsOf(byName(db.rows(t), source, source.columnNames()));
      }
    } finally {
      running.set(false);
    }
  }

  /**
   * One random DDL on {@code t}: add a column, drop a non-key one, move one, rename one (the key too) or swap two
   * names; returns the columns added or renamed so far.
   */
  private static int alter(MemoryDatabase db, TableId t, Random random, int added) {
    TableSchema s = db.schema(t);
    List<Column> nonKey = s.columns().stream().filter(c -> !s.primaryKey().contains(c.name())).toList();
    int kind = random.nextInt(6);
    if (kind == 3) {
      String from = s.columns().get(random.nextInt(s.columnCount())).name();
      db.renameColumn(t, from, "r" + (added + 1));
      return added + 1;
    }
    if (kind == 4 && nonKey.size() >= 2) {
      List<Column> two = new ArrayList<>(nonKey);
      Collections.shuffle(two, random);
      String a = two.get(0).name();
      String b = two.get(1).name();
      List<Column> swapped = s.columns().stream().map(c -> c.name().equals(a) ? Column.of(b, c.type())
          : c.name().equals(b) ? Column.of(a, c.type()) : c).toList();
      db.alterTable(new TableSchema(t, swapped, s.primaryKey()), java.util.Map.of(a, b, b, a));
      return added;
    }
    if (kind == 5) {
      db.renameColumn(t, s.primaryKey().get(0), "k" + (added + 1));
      return added + 1;
    }
    if (kind == 0 || nonKey.size() < 2) {
      db.addColumn(t, Column.of("c" + (added + 1), random.nextBoolean() ? DataType.varchar(32) : DataType.intType()));
      return added + 1;
    }
    if (kind == 1) {
      db.dropColumn(t, nonKey.get(random.nextInt(nonKey.size())).name());
      return added;
    }
    List<Column> moved = new ArrayList<>(s.columns());
    Collections.shuffle(moved, random);
    db.alterTable(new TableSchema(t, moved, s.primaryKey()));
    return added;
  }

  /** Inserts, updates and deletes rows laid out by each table's schema of the moment. */
  private static void write(MemoryDatabase db, List<TableId> tables, Random random, AtomicBoolean running,
      AtomicLong operations) {
    while (running.get()) {
      TableId t = tables.get(random.nextInt(tables.size()));
      long key = random.nextInt(600);
      try {
        if (random.nextInt(10) < 3) {
          db.delete(t, key);
        } else {
          db.upsert(t, values(db.schema(t), key, random));
        }
      } catch (IllegalArgumentException | IllegalStateException e) {
        // the layout changed between reading the schema and writing, or another writer inserted the key first
      }
      operations.incrementAndGet();
    }
  }

  private static Object[] values(TableSchema s, long key, Random random) {
    Object[] v = new Object[s.columnCount()];
    for (int i = 0; i < v.length; i++) {
      Column c = s.columns().get(i);
      v[i] = s.primaryKey().contains(c.name()) ? (Object) key : random.nextInt(5) == 0 ? null : switch (c.type().kind()) {
        case INT -> random.nextInt(1000);
        case DECIMAL -> BigDecimal.valueOf(random.nextInt(100000), 2);
        default -> c.name() + "-" + random.nextInt(1000);
      };
    }
    return v;
  }

  private static List<List<Object>> byName(List<Row> rows, TableSchema schema, List<String> columns) {
    int[] at = columns.stream().mapToInt(schema::indexOf).toArray();
    return rows.stream().map(r -> java.util.Arrays.stream(at).mapToObj(r::get).toList()).toList();
  }
}
