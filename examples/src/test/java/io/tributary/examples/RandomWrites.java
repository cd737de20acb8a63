package io.tributary.examples;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A seeded random write workload on {@code orders}-shaped tables {@code (id, qty, note, price, at)}: upserts,
 * deletes and updates over a small key space (so keys are reused after deletes), on a thread of its own until
 * stopped ({@link #start}).
 */
final class RandomWrites {

  /** PostgreSQL's upsert; {@code %s} is the table. */
  static final String POSTGRES_UPSERT = "INSERT INTO %s VALUES (?, ?, ?, ?, now()) ON CONFLICT (id) DO UPDATE SET"
      + " qty = EXCLUDED.qty, note = EXCLUDED.note, price = EXCLUDED.price";
  /** MySQL's upsert; {@code %s} is the table. */
  static final String MYSQL_UPSERT = "INSERT INTO %s (id, qty, note, price, at) VALUES (?, ?, ?, ?, NOW(3))"
      + " ON DUPLICATE KEY UPDATE qty = VALUES(qty), note = VALUES(note), price = VALUES(price)";

  private RandomWrites() {
  }

  /** Opens a connection (a test server's). */
  @FunctionalInterface
  interface Connector {
    Connection connect() throws SQLException;
  }

  /** Starts the workload on a thread of its own, until {@linkplain Background#close() closed}. */
  static Background start(String name, Connector connector, List<String> tables, String upsertSql, long seed) {
    return new Background(name, connector, tables, upsertSql, seed);
  }

  /** The workload running on its thread; a failed statement ends the thread (reported as uncaught). */
  static final class Background implements AutoCloseable {
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong statements = new AtomicLong();
    private final Thread thread;

    private Background(String name, Connector connector, List<String> tables, String upsertSql, long seed) {
      thread = new Thread(() -> {
        try (Connection c = connector.connect()) {
          run(c, tables, upsertSql, seed, running, statements);
        } catch (SQLException e) {
          throw new IllegalStateException(e);
        }
      }, name);
      thread.start();
    }

    /** Statements executed so far. */
    long statements() {
      return statements.get();
    }

    /** Whether the workload still runs (it stops when closed or on a failed statement). */
    boolean isAlive() {
      return thread.isAlive();
    }

    /** Stops the workload after its current statement and waits for it. */
    @Override
    public void close() throws InterruptedException {
      running.set(false);
      thread.join();
    }
  }

  private static void run(Connection c, List<String> tables, String upsertSql, long seed, AtomicBoolean running,
      AtomicLong statements) throws SQLException {
    Random random = new Random(seed);
    while (running.get()) {
      String table = tables.get(random.nextInt(tables.size()));
      long key = random.nextInt(1200);
      int op = random.nextInt(10);
      String sql = op < 4 ? String.format(upsertSql, table)
          : op < 7 ? "DELETE FROM " + table + " WHERE id = ?" : "UPDATE " + table + " SET qty = qty + 1 WHERE id = ?";
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        ps.setLong(1, key);
        if (op < 4) {
          ps.setInt(2, random.nextInt(1000));
          ps.setString(3, random.nextBoolean() ? null : "w" + random.nextInt(1000));
          ps.setBigDecimal(4, BigDecimal.valueOf(random.nextInt(100000), 2));
        }
        ps.executeUpdate();
      }
      statements.incrementAndGet();
    }
  }
}
