package io.tributary.examples;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A seeded random write workload on {@code orders}-shaped tables {@code (id, qty, note, price, at)}: upserts,
 * deletes and updates over a small key space (so keys are reused after deletes), until stopped.
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

  static void run(Connection c, List<String> tables, String upsertSql, long seed, AtomicBoolean running)
      throws SQLException {
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
    }
  }
}
