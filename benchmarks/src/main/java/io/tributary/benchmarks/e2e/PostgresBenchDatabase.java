package io.tributary.benchmarks.e2e;

import io.tributary.postgres.PgFixture;
import io.tributary.postgres.bench.RawReplicationRead;
import io.tributary.sync.testing.RawScan;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;

/** PostgreSQL on the test fixture's server ({@code TRIBUTARY_POSTGRES_*}, Testcontainers or embedded). */
final class PostgresBenchDatabase implements BenchDatabase {

  private static final String RAW_SLOT = "bench_raw";
  private static final String RAW_PUBLICATION = "bench_raw";

  private final String db = PgFixture.newDatabase("bench");

  @Override
  public String label() {
    try (Connection c = PgFixture.connect(db); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SHOW server_version")) {
      rs.next();
      return "PostgreSQL " + rs.getString(1) + " (" + PgFixture.server().origin().toString().toLowerCase() + ")";
    } catch (Exception e) {
      return "PostgreSQL";
    }
  }

  @Override
  public void load(int rows) {
    PgFixture.execute(db, "DROP TABLE IF EXISTS bench",
        "CREATE TABLE bench (id bigint PRIMARY KEY, i int, l bigint, d numeric(12,2), f double precision, "
            + "s varchar(64), c char(8), dt timestamp(3), ts timestamptz(3), flag smallint)",
        "ALTER TABLE bench REPLICA IDENTITY FULL", // what preflight asks of tables with toastable columns
        "INSERT INTO bench SELECT g, g % 1000, g * 7919, g / 100.0, g / 3.0, 'name-' || g, 'abc', "
            + "timestamp '2024-01-01' + g * interval '1 second', "
            + "timestamptz '2024-01-01 00:00:00+00' + g * interval '1 second', g % 2 "
            + "FROM generate_series(1::bigint, " + rows + ") g",
        "VACUUM ANALYZE bench");
  }

  @Override
  public long rawScan() throws Exception {
    try (Connection c = PgFixture.connect(db)) {
      return RawScan.readAll(c, "SELECT * FROM bench", 10_000);
    }
  }

  @Override
  public SourceFactory sourceFactory(String id) {
    String database = db;
    return () -> PgFixture.source(database, "pg").includeTables("bench").slotName("bench_" + id)
        .publicationName("bench_" + id).build();
  }

  @Override
  public void dropSourceState(String id) {
    PgFixture.execute("postgres",
        "SELECT pg_terminate_backend(active_pid) FROM pg_replication_slots WHERE slot_name = 'bench_" + id
            + "' AND active_pid IS NOT NULL", "SELECT pg_sleep(0.2)");
    PgFixture.execute(db, "SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name"
        + " = 'bench_" + id + "'", "DROP PUBLICATION IF EXISTS bench_" + id);
  }

  @Override
  public Checksum checksum() throws Exception {
    try (Connection c = PgFixture.connect(db)) {
      return Checksum.query(c, "bench");
    }
  }

  @Override
  public void markBacklogStart(int readers) {
    PgFixture.execute(db, "DROP PUBLICATION IF EXISTS " + RAW_PUBLICATION,
        "CREATE PUBLICATION " + RAW_PUBLICATION + " FOR TABLE bench");
    for (int r = 0; r < readers; r++) { // a slot is consumed by its read: one per reader, all at the same LSN
      // The previous round's slot of this name (already read) is dropped first: slots are a scarce resource.
      PgFixture.execute(db, "SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = '"
          + RAW_SLOT + r + "'", "SELECT pg_create_logical_replication_slot('" + RAW_SLOT + r + "', 'pgoutput')");
    }
  }

  @Override
  public void writeBacklog(int changes) {
    for (int from = 1; from <= changes; from += 10_000) {
      PgFixture.execute(db, "UPDATE bench SET i = i + 1 WHERE id BETWEEN " + from + " AND "
          + Math.min(changes, from + 9_999));
    }
  }

  @Override
  public long rawLogRead(int changes, int reader) throws Exception {
    return RawReplicationRead.read(db, RAW_SLOT + reader, RAW_PUBLICATION, changes);
  }

  @Override
  public Upserts upserts() throws Exception {
    Connection c = PgFixture.connect(db);
    try (Statement s = c.createStatement()) {
      // A stock server's default. The embedded one runs with it off: a commit's WAL then waits for the WAL writer
      // (wal_writer_delay, 200 ms) before logical decoding may send it, which is the server's latency, not ours.
      s.execute("SET synchronous_commit = on");
    }
    PreparedStatement ps = c.prepareStatement("INSERT INTO bench SELECT k, (random() * 1000)::int, k * 7919, "
        + "k / 100.0, k / 3.0, 'name-' || k, 'abc', localtimestamp, clock_timestamp(), k % 2 "
        + "FROM unnest(?::bigint[]) k ON CONFLICT (id) DO UPDATE SET i = EXCLUDED.i, ts = EXCLUDED.ts");
    return new Upserts() {
      @Override
      public void upsert(long[] ids) throws Exception {
        Long[] boxed = new Long[ids.length];
        for (int i = 0; i < ids.length; i++) {
          boxed[i] = ids[i];
        }
        ps.setArray(1, c.createArrayOf("bigint", boxed));
        ps.executeUpdate();
      }

      @Override
      public void close() throws Exception {
        ps.close();
        c.close();
      }
    };
  }

  @Override
  public void close() {
    PgFixture.dropSlots(db);
    PgFixture.execute("postgres", "DROP DATABASE IF EXISTS " + db + " WITH (FORCE)"); // on an external server too
  }
}
