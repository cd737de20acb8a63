package io.tributary.postgres;

import io.tributary.sync.event.Row;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Tables with large TOASTed text under {@code REPLICA IDENTITY DEFAULT}, and a seeded writer that updates them the
 * ways that matter: other columns only (the body arrives "unchanged", without a value), the body to NULL or to a
 * new value, several updates of one row in one transaction, inserts and deletes. Bodies are 8–16 KB of random
 * text, which PostgreSQL cannot compress below the TOAST threshold, so they are stored out of line.
 */
public final class ToastWorkload {

  /** Columns of {@code docs}: id, qty, body, tag. */
  public static final String COLUMNS = "id, qty, body, tag";

  private final String db;
  private final long seed;
  private final AtomicLong statements = new AtomicLong();

  public ToastWorkload(String db, long seed) {
    this.db = db;
    this.seed = seed;
  }

  /** Creates {@code schema.docs} with {@code rows} rows, every one with a large body. */
  public void create(String schema, int rows) throws SQLException {
    PgFixture.execute(db, "CREATE SCHEMA IF NOT EXISTS " + schema,
        "CREATE TABLE " + schema + ".docs (id bigint PRIMARY KEY, qty int, body text, tag varchar(20))");
    Random random = new Random(seed ^ schema.hashCode());
    try (Connection c = PgFixture.connect(db);
        PreparedStatement ps = c.prepareStatement("INSERT INTO " + schema + ".docs VALUES (?, ?, ?, ?)")) {
      for (int id = 0; id < rows; id++) {
        ps.setLong(1, id);
        ps.setInt(2, id);
        ps.setString(3, body(random));
        ps.setString(4, "t" + id);
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  /** Random text of 8–16 KB: incompressible enough to be TOASTed out of line. */
  public static String body(Random random) {
    char[] c = new char[8192 + random.nextInt(8192)];
    for (int i = 0; i < c.length; i++) {
      c[i] = (char) (33 + random.nextInt(94));
    }
    return new String(c);
  }

  /** Statements executed by {@link #run} so far. */
  public long statements() {
    return statements.get();
  }

  /** Writes to {@code schemas}' docs (keys below {@code keys}) until {@code running} turns false. */
  public void run(List<String> schemas, int keys, AtomicBoolean running, int writer) {
    run(schemas, keys, running, writer, false);
  }

  /**
   * {@link #run(List, int, AtomicBoolean, int)}; with {@code moveKeys}, one statement in ten also changes a row's
   * key leaving its body unchanged (to a fresh key above {@code keys}, sometimes updated again and moved back in
   * the same transaction), which pgoutput sends as the old key and a new row whose body is "unchanged".
   */
  public void run(List<String> schemas, int keys, AtomicBoolean running, int writer, boolean moveKeys) {
    Random random = new Random(seed * 31 + writer);
    long fresh = 1_000_000L * (writer + 1);
    try (Connection c = PgFixture.connect(db)) {
      while (running.get()) {
        String table = schemas.get(random.nextInt(schemas.size())) + ".docs";
        long id = random.nextInt(keys);
        if (moveKeys && random.nextInt(10) == 0) {
          move(c, table, id, fresh++, random);
          continue;
        }
        int op = random.nextInt(20);
        c.setAutoCommit(op != 19);
        if (op < 8) { // the body stays: it arrives unchanged, without its value
          exec(c, "UPDATE " + table + " SET qty = ?, tag = ? WHERE id = ?", random.nextInt(1000),
              random.nextBoolean() ? null : "u" + random.nextInt(1000), id);
        } else if (op < 10) {
          exec(c, "UPDATE " + table + " SET body = ? WHERE id = ?", body(random), id);
        } else if (op < 11) {
          exec(c, "UPDATE " + table + " SET body = NULL, qty = qty + 1 WHERE id = ?", id);
        } else if (op < 14) {
          exec(c, "INSERT INTO " + table + " VALUES (?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET qty = EXCLUDED.qty",
              id, random.nextInt(1000), random.nextInt(8) == 0 ? null : body(random), "i" + random.nextInt(100));
        } else if (op < 17) {
          exec(c, "DELETE FROM " + table + " WHERE id = ?", id);
        } else if (op < 19) {
          exec(c, "UPDATE " + table + " SET qty = -qty WHERE id % 7 = ?", random.nextInt(7));
        } else { // one transaction: the second update must see the first's values
          exec(c, "UPDATE " + table + " SET qty = qty + 1 WHERE id = ?", id);
          exec(c, "UPDATE " + table + " SET tag = 'twice' WHERE id = ?", id);
          if (random.nextBoolean()) {
            exec(c, "UPDATE " + table + " SET body = ? WHERE id = ?", body(random), id);
            exec(c, "UPDATE " + table + " SET qty = qty + 1 WHERE id = ?", id);
          }
          c.commit();
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("writer " + writer + " of seed " + seed, e);
    }
  }

  /** Moves row {@code id} to key {@code to} (body unchanged); maybe updates it there and moves it back. */
  private void move(Connection c, String table, long id, long to, Random random) throws SQLException {
    c.setAutoCommit(false);
    try {
      exec(c, "UPDATE " + table + " SET id = ?, qty = qty + 1 WHERE id = ?", to, id);
      if (random.nextBoolean()) {
        exec(c, "UPDATE " + table + " SET tag = 'moved' WHERE id = ?", to);
      }
      if (random.nextBoolean()) {
        exec(c, "UPDATE " + table + " SET id = ? WHERE id = ?", id, to);
      }
      c.commit();
    } catch (SQLException e) {
      c.rollback(); // another writer took the key back first
      if (!"23505".equals(e.getSQLState())) {
        throw e;
      }
    }
  }

  private void exec(Connection c, String sql, Object... args) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        ps.setObject(i + 1, args[i]);
      }
      ps.executeUpdate();
      statements.incrementAndGet();
    }
  }

  /** The source rows of {@code schema.docs}, with {@code extra} values appended (e.g. extended fields). */
  public List<Row> rows(String schema, Object... extra) throws SQLException {
    List<Row> rows = new ArrayList<>();
    try (Connection c = PgFixture.connect(db); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT " + COLUMNS + " FROM " + schema + ".docs")) {
      while (rs.next()) {
        Object[] v = new Object[4 + extra.length];
        v[0] = rs.getLong(1);
        v[1] = rs.getObject(2) == null ? null : rs.getInt(2);
        v[2] = rs.getString(3);
        v[3] = rs.getString(4);
        System.arraycopy(extra, 0, v, 4, extra.length);
        rows.add(Row.of(v));
      }
    }
    return rows;
  }

  /** Bytes in {@code schema.docs}' TOAST table: bodies stored out of line, to show the test tests that. */
  public long toastBytes(String schema) throws SQLException {
    try (Connection c = PgFixture.connect(db); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT pg_relation_size(reltoastrelid) FROM pg_class WHERE oid = '"
            + schema + ".docs'::regclass")) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
