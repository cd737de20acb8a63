package io.tributary.sync;

import io.tributary.sync.event.DataType;
import io.tributary.sync.event.Row;
import io.tributary.sync.event.TableId;
import io.tributary.sync.event.TableSchema;
import io.tributary.sync.memory.MemoryDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A seeded random write workload on in-memory tables: inserts, updates, deletes and re-inserts of deleted keys in a
 * small key space, and now and then a truncate, from several threads at once. Deterministic per thread given the seed; interleaving is not.
 */
final class Workload implements AutoCloseable {

  static TableSchema table(MemoryDatabase db, String database, String table) {
    return TableSchema.builder(db.tableId(database, database, table))
        .primaryKey("id", DataType.bigint())
        .column("qty", DataType.intType())
        .column("note", DataType.varchar(40))
        .column("price", DataType.decimal(10, 2))
        .build();
  }

  /**
   * Creates {@code names} in {@code database} (schema = database) and preloads each with {@code minRows} plus up to
   * {@code extraRows} random rows; returns their ids in order.
   */
  static List<TableId> createTables(MemoryDatabase db, String database, List<String> names, int minRows,
      int extraRows, Random random) {
    List<TableId> ids = new ArrayList<>();
    for (String name : names) {
      db.createTable(table(db, database, name));
      TableId id = db.tableId(database, database, name);
      preload(db, id, minRows + random.nextInt(extraRows), random);
      ids.add(id);
    }
    return ids;
  }

  static void preload(MemoryDatabase db, TableId table, int rows, Random random) {
    for (int i = 0; i < rows; i++) {
      db.insert(table, (long) i, random.nextInt(1000), "n" + random.nextInt(100),
          java.math.BigDecimal.valueOf(random.nextInt(100000), 2));
    }
  }

  private final List<Thread> threads = new ArrayList<>();
  private final AtomicBoolean running = new AtomicBoolean(true);
  final AtomicLong operations = new AtomicLong();

  Workload(List<MemoryDatabase> dbs, List<TableId> tables, long seed, int threadCount, int keySpace) {
    for (int n = 0; n < threadCount; n++) {
      Random random = new Random(seed * 31 + n);
      Thread t = new Thread(() -> {
        while (running.get()) {
          int which = random.nextInt(tables.size());
          TableId table = tables.get(which);
          MemoryDatabase db = dbs.stream().filter(d -> d.sourceName().equals(table.source())).findFirst()
              .orElseThrow();
          long key = random.nextInt(keySpace);
          int op = random.nextInt(10);
          try {
            if (op < 4) {
              db.upsert(table, key, random.nextInt(1000), random.nextBoolean() ? null : "w" + random.nextInt(1000),
                  java.math.BigDecimal.valueOf(random.nextInt(100000), 2));
            } else if (op < 7) {
              db.delete(table, key);
            } else if (random.nextInt(3000) == 0) {
              db.truncate(table);
            } else {
              db.update(table, key, random.nextInt(1000), "u" + random.nextInt(1000), null);
            }
          } catch (IllegalStateException ignored) {
            // raced with another thread's insert of the same key
          }
          operations.incrementAndGet();
          if (random.nextInt(50) == 0) {
            Thread.yield();
          }
        }
      }, "workload-" + n);
      threads.add(t);
    }
  }

  Workload start() {
    threads.forEach(Thread::start);
    return this;
  }

  @Override
  public void close() throws InterruptedException {
    running.set(false);
    for (Thread t : threads) {
      t.join();
    }
  }

  /** The target rows a table's source rows should become: source columns, then extended field values. */
  static List<Row> expected(MemoryDatabase db, TableId table, List<ExtendedField> ext) {
    List<Row> out = new ArrayList<>();
    for (Row r : db.rows(table)) {
      Object[] v = new Object[r.size() + ext.size()];
      System.arraycopy(r.values(), 0, v, 0, r.size());
      for (int i = 0; i < ext.size(); i++) {
        v[r.size() + i] = ext.get(i).valueOf(table);
      }
      out.add(Row.of(v));
    }
    return out;
  }
}
