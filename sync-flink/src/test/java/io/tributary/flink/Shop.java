package io.tributary.flink;

import io.tributary.mysql.MySqlTestServer;
import io.tributary.postgres.PgFixture;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The Flink ITs' common workload: tables {@code items} and {@code orders} (MariaDB: a database of their own;
 * PostgreSQL: schema {@code shop} of a test database), random inserts, updates, deletes and multi-statement
 * transactions over them, and the pipeline definitions that sync them (chunk reads writing while they read, a writer
 * that fails on demand: {@link Faults}).
 */
final class Shop {

  /** New keys for inserts, from the test thread and the chunk readers alike (one JVM). */
  private static final AtomicLong NEXT_ID = new AtomicLong(100_000);

  private Shop() {
  }

  /** MariaDB database {@code db} with items (4,000 rows) and orders (1,500), made afresh. */
  static void createMariaDb(String db) {
    MySqlTestServer.execute("DROP DATABASE IF EXISTS " + db, "CREATE DATABASE " + db,
        "CREATE TABLE " + db + ".items (id BIGINT PRIMARY KEY, qty INT NOT NULL, note VARCHAR(40))",
        "CREATE TABLE " + db + ".orders (id BIGINT PRIMARY KEY, item BIGINT NOT NULL, amount DECIMAL(10,2))",
        itemRows(db + ".items", 4000), orderRows(db + ".orders", 1500));
  }

  /** Schema {@code shop} of PostgreSQL database {@code db} with items (3,000 rows) and orders (1,000). */
  static void createPg(String db) {
    PgFixture.execute(db, "CREATE SCHEMA shop",
        "CREATE TABLE shop.items (id BIGINT PRIMARY KEY, qty INT NOT NULL, note VARCHAR(40))",
        "CREATE TABLE shop.orders (id BIGINT PRIMARY KEY, item BIGINT NOT NULL, amount NUMERIC(10,2))",
        itemRows("shop.items", 3000), orderRows("shop.orders", 1000));
  }

  /** The MariaDB pipeline: {@code database} full-synced in 200-row chunks into the lake at {@code warehouse}. */
  static Definition mariaDb(String database, String warehouse, long seed) {
    return b -> b.name("flink-it").fullSync(true).snapshotChunkSize(200).commitInterval(Duration.ofMillis(300))
        .source(new Faults.WritingSource(MariaDb.source(database).build(), database, seed, Shop::mariaDbWrites))
        .writer(new Faults.FailingWriter(FlinkIt.lakeWriter(warehouse)));
  }

  /**
   * The PostgreSQL pipeline: schema shop of {@code database} through replication slot {@code slot} (slot names are
   * server-wide: each test class reads through its own).
   */
  static Definition pg(String database, String warehouse, long seed, String slot) {
    PgFixture.server(); // started in this JVM: the tasks build their sources from the same fixture
    return b -> b.name("flink-pg").fullSync(true).snapshotChunkSize(200).commitInterval(Duration.ofMillis(300))
        .source(new Faults.WritingSource(PgFixture.source(database, "pg").includeSchemas("shop")
            .slotName(slot).build(), database, seed, Shop::pgWrites))
        .writer(new Faults.FailingWriter(FlinkIt.lakeWriter(warehouse)));
  }

  /** Inserts, updates and deletes over both MariaDB tables of {@code db}, some in multi-statement transactions. */
  static void mariaDbWrites(String db, Random random, int statements) throws SQLException {
    try (Connection c = MySqlTestServer.connect(); Statement s = c.createStatement()) {
      writes(c, s, db + ".", 4000, 1500, random, statements);
    }
  }

  /** {@link #mariaDbWrites}' workload on PostgreSQL database {@code db} (3,000 items, 1,000 orders). */
  static void pgWrites(String db, Random random, int statements) throws SQLException {
    try (Connection c = PgFixture.connect(db); Statement s = c.createStatement()) {
      writes(c, s, "shop.", 3000, 1000, random, statements);
    }
  }

  private static void writes(Connection c, Statement s, String prefix, int items, int orders, Random random,
      int statements) throws SQLException {
    for (int i = 0; i < statements; i++) {
      int id = 1 + random.nextInt(items);
      switch (random.nextInt(5)) {
        case 0 -> s.execute("INSERT INTO " + prefix + "items VALUES (" + NEXT_ID.incrementAndGet() + ", 1, 'new')");
        case 1 -> s.execute("UPDATE " + prefix + "items SET qty = qty + 1, note = 'u" + i + "' WHERE id = " + id);
        case 2 -> s.execute("DELETE FROM " + prefix + "items WHERE id = " + id);
        case 3 -> s.execute("UPDATE " + prefix + "orders SET amount = amount + 1 WHERE id = " + (id % orders + 1));
        default -> {
          c.setAutoCommit(false);
          s.execute("DELETE FROM " + prefix + "orders WHERE id = " + (id % orders + 1));
          s.execute("INSERT INTO " + prefix + "orders VALUES (" + NEXT_ID.incrementAndGet() + ", " + id + ", 3.50)");
          s.execute("UPDATE " + prefix + "items SET note = NULL WHERE id = " + id);
          c.commit();
          c.setAutoCommit(true);
        }
      }
    }
  }

  private static String itemRows(String table, int n) {
    StringBuilder sql = new StringBuilder("INSERT INTO " + table + " VALUES ");
    for (int i = 1; i <= n; i++) {
      sql.append(i == 1 ? "" : ",").append('(').append(i).append(',').append(i % 97).append(",'n").append(i)
          .append("')");
    }
    return sql.toString();
  }

  private static String orderRows(String table, int n) {
    StringBuilder sql = new StringBuilder("INSERT INTO " + table + " VALUES ");
    for (int i = 1; i <= n; i++) {
      sql.append(i == 1 ? "" : ",").append('(').append(i).append(',').append(i % 500 + 1).append(',')
          .append(i % 1000).append(".25)");
    }
    return sql.toString();
  }
}
